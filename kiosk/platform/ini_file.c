#include "platform/ini_file.h"

#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

typedef struct ini_ctx {
    ini_item_fn fn;
    void *user;
    bool failed;
    char problem[256];
} ini_ctx_t;

static int ini_on_item(void *user, const char *section, const char *key, const char *value)
{
    ini_ctx_t *ctx = user;
    char problem[256] = "";
    if (ctx->fn(ctx->user, section, key, value, problem, sizeof problem)) {
        return 1;
    }
    if (!ctx->failed) {
        ctx->failed = true;
        snprintf(ctx->problem, sizeof ctx->problem, "%s", problem[0] ? problem : "bad value");
    }
    return 0;
}

bool ini_file_parse(const char *path, ini_item_fn fn, void *user, char *err, size_t err_size)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, err_size, "%s: cannot open: %s", path, strerror(errno));
        return false;
    }
    ini_ctx_t ctx = {.fn = fn, .user = user};
    int line = ini_parse_file(f, ini_on_item, &ctx);
    fclose(f);
    if (line == 0) {
        return true;
    }
    if (line < 0) {
        snprintf(err, err_size, "%s: cannot read the file", path);
    } else if (ctx.failed) {
        snprintf(err, err_size, "%s:%d: %s", path, line, ctx.problem);
    } else {
        snprintf(err, err_size, "%s:%d: not a 'key = value' line or '[section]' header",
                 path, line);
    }
    return false;
}

bool ini_parse_int(const char *value, int min, int max, int *out, char *problem, size_t size)
{
    char *end = NULL;
    errno = 0;
    long v = strtol(value, &end, 10);
    if (errno || end == value || *end != '\0') {
        snprintf(problem, size, "'%s' is not a whole number", value);
        return false;
    }
    if (v < min || v > max) {
        snprintf(problem, size, "%ld is out of range (%d to %d)", v, min, max);
        return false;
    }
    *out = (int)v;
    return true;
}

bool ini_parse_double(const char *value, double min, double max, double *out, char *problem,
                      size_t size)
{
    char *end = NULL;
    errno = 0;
    double v = strtod(value, &end);
    if (errno || end == value || *end != '\0') {
        snprintf(problem, size, "'%s' is not a number", value);
        return false;
    }
    if (v < min || v > max) {
        snprintf(problem, size, "%g is out of range (%g to %g)", v, min, max);
        return false;
    }
    *out = v;
    return true;
}

bool ini_parse_bool(const char *value, bool *out, char *problem, size_t size)
{
    static const char *yes[] = {"1", "true", "yes", "on"};
    static const char *no[] = {"0", "false", "no", "off"};
    for (size_t i = 0; i < 4; i++) {
        if (strcasecmp(value, yes[i]) == 0) {
            *out = true;
            return true;
        }
        if (strcasecmp(value, no[i]) == 0) {
            *out = false;
            return true;
        }
    }
    snprintf(problem, size, "'%s' is not true or false", value);
    return false;
}

bool ini_copy_string(const char *value, char *out, size_t out_size, char *problem, size_t size)
{
    size_t n = strlen(value);
    if (n >= out_size) {
        snprintf(problem, size, "value is too long (%zu bytes, at most %zu)", n, out_size - 1);
        return false;
    }
    memcpy(out, value, n + 1);
    return true;
}
