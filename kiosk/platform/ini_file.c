#include "platform/ini_file.h"

#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <ini.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* inih's reader buffer is INI_MAX_LINE bytes and must hold '\r', '\n' and '\0' too. */
#define INI_LINE_TEXT_MAX (INI_MAX_LINE - 3)

typedef struct ini_ctx {
    const char *path;
    ini_line_fn fn;
    void *user;
    ini_problems_t *problems;
    const char *next; /* unread part of the file */
    const char *end;
    int line;           /* physical line last handed to inih */
    int first_rejected; /* first line the callback rejected: inih returns it as its error */
} ini_ctx_t;

void ini_problems_add(ini_problems_t *p, const char *path, int line, const char *section,
                      const char *fmt, ...)
{
    if (p->count >= INI_PROBLEMS_MAX) {
        p->dropped++;
        return;
    }
    ini_problem_t *item = &p->items[p->count++];
    item->line = line;
    snprintf(item->section, sizeof item->section, "%s", section ? section : "");
    int used = line > 0 ? snprintf(item->text, sizeof item->text, "%s:%d: ", path, line)
                        : snprintf(item->text, sizeof item->text, "%s: ", path);
    if (used >= 0 && (size_t)used < sizeof item->text) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(item->text + used, sizeof item->text - (size_t)used, fmt, ap);
        va_end(ap);
    }
}

/* Reads the whole file, refusing what is not a regular file of a sane size: opening
 * non-blocking so a FIFO cannot hang start-up. Caller frees *data. */
static bool ini_read_file(const char *path, char **data, size_t *len, ini_problems_t *problems)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    struct stat st;
    if (fd < 0) {
        ini_problems_add(problems, path, 0, NULL, "cannot open: %s", strerror(errno));
        return false;
    }
    bool ok = false;
    if (fstat(fd, &st) != 0) {
        ini_problems_add(problems, path, 0, NULL, "cannot read: %s", strerror(errno));
    } else if (!S_ISREG(st.st_mode)) {
        ini_problems_add(problems, path, 0, NULL, "not a regular file");
    } else if (st.st_size > INI_FILE_MAX) {
        ini_problems_add(problems, path, 0, NULL, "too large (%lld bytes, at most %d)",
                         (long long)st.st_size, INI_FILE_MAX);
    } else if (!(*data = malloc((size_t)st.st_size + 1))) {
        ini_problems_add(problems, path, 0, NULL, "out of memory");
    } else {
        size_t got = 0;
        ssize_t n = 1;
        while (got < (size_t)st.st_size &&
               (n = read(fd, *data + got, (size_t)st.st_size - got)) > 0) {
            got += (size_t)n;
        }
        if (n < 0) {
            ini_problems_add(problems, path, 0, NULL, "cannot read: %s", strerror(errno));
            free(*data);
        } else {
            (*data)[got] = '\0';
            *len = got;
            ok = true;
        }
    }
    close(fd);
    return ok;
}

/* What inih would misread, or reject without saying which line: reported here, and the
 * line is replaced by an empty one. Returns false for such a line. */
static bool ini_line_acceptable(ini_ctx_t *ctx, const char *text, size_t n)
{
    if (memchr(text, '\0', n)) {
        ini_problems_add(ctx->problems, ctx->path, ctx->line, NULL, "the line holds a NUL byte");
        return false;
    }
    if (n > INI_LINE_TEXT_MAX) {
        ini_problems_add(ctx->problems, ctx->path, ctx->line, NULL,
                         "line is too long (%zu bytes, at most %d): give a long list as "
                         "several 'key = ...' lines, which add to each other",
                         n, INI_LINE_TEXT_MAX);
        return false;
    }
    size_t i = 0;
    while (i < n && (text[i] == ' ' || text[i] == '\t' || text[i] == '\r')) {
        i++;
    }
    if (i == n || text[i] == ';' || text[i] == '#') {
        return true; /* blank or comment */
    }
    if (i > 0) {
        return true; /* a continuation line: inih adds it to the key above */
    }
    if (text[0] == '[') {
        const char *close = memchr(text, ']', n);
        if (!close) {
            ini_problems_add(ctx->problems, ctx->path, ctx->line, NULL, "'[' without ']'");
            return false;
        }
        char name[INI_MAX_LINE];
        size_t len = (size_t)(close - text - 1);
        memcpy(name, text + 1, len);
        name[len] = '\0';
        char problem[INI_PROBLEM_MAX] = "";
        if (ctx->fn && !ctx->fn(ctx->user, ctx->line, name, NULL, NULL, problem, sizeof problem)) {
            ini_problems_add(ctx->problems, ctx->path, ctx->line, name, "%s",
                             problem[0] ? problem : "bad section");
        }
        return true;
    }
    if (!memchr(text, '=', n) && !memchr(text, ':', n)) {
        ini_problems_add(ctx->problems, ctx->path, ctx->line, NULL,
                         "not a 'key = value' line or a '[section]' header");
        return false;
    }
    return true;
}

/* inih's fgets(): one physical line at a time, so ctx->line is the line inih handles. */
static char *ini_feed_line(char *str, int num, void *stream)
{
    ini_ctx_t *ctx = stream;
    if (ctx->next >= ctx->end) {
        return NULL;
    }
    const char *nl = memchr(ctx->next, '\n', (size_t)(ctx->end - ctx->next));
    const char *stop = nl ? nl : ctx->end;
    size_t n = (size_t)(stop - ctx->next);
    ctx->line++;
    if (ini_line_acceptable(ctx, ctx->next, n) && n + 2 <= (size_t)num) {
        memcpy(str, ctx->next, n);
        str[n] = '\n';
        str[n + 1] = '\0';
    } else {
        snprintf(str, (size_t)num, "\n"); /* reported above; inih sees an empty line */
    }
    ctx->next = nl ? nl + 1 : ctx->end;
    return str;
}

static int ini_on_item(void *user, const char *section, const char *key, const char *value)
{
    ini_ctx_t *ctx = user;
    char problem[INI_PROBLEM_MAX] = "";
    if (ctx->fn(ctx->user, ctx->line, section, key, value, problem, sizeof problem)) {
        return 1;
    }
    ini_problems_add(ctx->problems, ctx->path, ctx->line, section, "%s",
                     problem[0] ? problem : "bad value");
    if (!ctx->first_rejected) {
        ctx->first_rejected = ctx->line;
    }
    return 0;
}

bool ini_file_parse_all(const char *path, ini_line_fn fn, void *user, ini_problems_t *problems)
{
    int before = problems->count + problems->dropped;
    char *data = NULL;
    size_t len = 0;
    if (!ini_read_file(path, &data, &len, problems)) {
        return false;
    }
    ini_ctx_t ctx = {.path = path,
                     .fn = fn,
                     .user = user,
                     .problems = problems,
                     .next = data,
                     .end = data + len};
    int line = ini_parse_stream(ini_feed_line, &ctx, ini_on_item, &ctx);
    free(data);
    if (line < 0) {
        ini_problems_add(problems, path, 0, NULL, "out of memory");
    } else if (line > 0 && line != ctx.first_rejected) {
        /* inih's first error that no check above explains (a stray continuation line) */
        ini_problems_add(problems, path, line, NULL,
                         "not a 'key = value' line or a '[section]' header");
    }
    return problems->count + problems->dropped == before;
}

typedef struct ini_compat {
    ini_item_fn fn;
    void *user;
} ini_compat_t;

static bool ini_compat_item(void *user, int line, const char *section, const char *key,
                            const char *value, char *problem, size_t problem_size)
{
    const ini_compat_t *c = user;
    return key == NULL || c->fn(c->user, section, key, value, problem, problem_size);
}

bool ini_file_parse(const char *path, ini_item_fn fn, void *user, char *err, size_t err_size)
{
    ini_problems_t *problems = calloc(1, sizeof *problems);
    if (!problems) {
        snprintf(err, err_size, "%s: out of memory", path);
        return false;
    }
    ini_compat_t c = {fn, user};
    bool ok = ini_file_parse_all(path, ini_compat_item, &c, problems);
    if (!ok) {
        snprintf(err, err_size, "%s", problems->items[0].text);
    }
    free(problems);
    return ok;
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
    if (errno || end == value || *end != '\0' || !isfinite(v)) {
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
