#include "i18n/languages.h"

#include "platform/ini_file.h"

#include <stdio.h>
#include <string.h>

static lang_info_t *lang_get(lang_registry_t *reg, const char *code, char *problem,
                             size_t size)
{
    for (int i = 0; i < reg->count; i++) {
        if (strcmp(reg->langs[i].code, code) == 0) {
            return &reg->langs[i];
        }
    }
    if (reg->count >= LANG_MAX) {
        snprintf(problem, size, "too many languages (at most %d)", LANG_MAX);
        return NULL;
    }
    if (strlen(code) >= LANG_CODE_MAX || code[0] == '\0') {
        snprintf(problem, size, "bad language code '[%s]'", code);
        return NULL;
    }
    lang_info_t *l = &reg->langs[reg->count++];
    memset(l, 0, sizeof *l);
    snprintf(l->code, sizeof l->code, "%s", code);
    snprintf(l->voice, sizeof l->voice, "none");
    snprintf(l->keyboard, sizeof l->keyboard, "latin");
    l->line_height = 1.25;
    l->enabled = true;
    return l;
}

#define COPY(field) ini_copy_string(value, l->field, sizeof l->field, problem, size)

static bool lang_on_item(void *user, const char *section, const char *key, const char *value,
                         char *problem, size_t size)
{
    lang_info_t *l = lang_get(user, section, problem, size);
    if (!l) {
        return false;
    }
    if (strcmp(key, "endonym") == 0) {
        return COPY(endonym);
    } else if (strcmp(key, "english_name") == 0) {
        return COPY(english_name);
    } else if (strcmp(key, "script") == 0) {
        return COPY(script);
    } else if (strcmp(key, "fonts") == 0) {
        return COPY(fonts);
    } else if (strcmp(key, "bold_fonts") == 0) {
        return COPY(bold_fonts);
    } else if (strcmp(key, "voice") == 0) {
        return COPY(voice);
    } else if (strcmp(key, "keyboard") == 0) {
        return COPY(keyboard);
    } else if (strcmp(key, "enabled") == 0) {
        return ini_parse_bool(value, &l->enabled, problem, size);
    } else if (strcmp(key, "line_height") == 0) {
        return ini_parse_double(value, 0.8, 3.0, &l->line_height, problem, size);
    } else if (strcmp(key, "direction") == 0) {
        if (strcmp(value, "ltr") != 0 && strcmp(value, "rtl") != 0) {
            snprintf(problem, size, "direction must be ltr or rtl, not '%s'", value);
            return false;
        }
        l->rtl = strcmp(value, "rtl") == 0;
        return true;
    }
    snprintf(problem, size, "unknown key '%s' for language [%s]", key, section);
    return false;
}

bool lang_registry_load(lang_registry_t *reg, const char *path, char *err, size_t err_size)
{
    memset(reg, 0, sizeof *reg);
    bool ok = ini_file_parse(path, lang_on_item, reg, err, err_size);
    for (int i = 0; ok && i < reg->count; i++) {
        if (reg->langs[i].fonts[0] == '\0' || reg->langs[i].endonym[0] == '\0') {
            snprintf(err, err_size, "%s: language [%s] needs 'fonts' and 'endonym'", path,
                     reg->langs[i].code);
            ok = false;
        }
    }
    return ok;
}

const lang_info_t *lang_registry_find(const lang_registry_t *reg, const char *code)
{
    for (int i = 0; code && i < reg->count; i++) {
        if (strcmp(reg->langs[i].code, code) == 0) {
            return &reg->langs[i];
        }
    }
    return NULL;
}

bool lang_registry_select(lang_registry_t *reg, const char *list, char *err, size_t err_size)
{
    lang_registry_t out = {0};
    bool ok = true;
    if (!list || list[0] == '\0') {
        for (int i = 0; i < reg->count; i++) {
            if (reg->langs[i].enabled) {
                out.langs[out.count++] = reg->langs[i];
            }
        }
        *reg = out;
        return true;
    }
    char buf[512];
    snprintf(buf, sizeof buf, "%s", list);
    char *save = NULL;
    for (char *tok = strtok_r(buf, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
        const lang_info_t *l = lang_registry_find(reg, tok);
        if (!l) {
            if (ok) {
                snprintf(err, err_size, "[content] languages: '%s' is not in languages.ini",
                         tok);
            }
            ok = false;
        } else if (out.count < LANG_MAX && !lang_registry_find(&out, tok)) {
            out.langs[out.count++] = *l;
        }
    }
    *reg = out;
    return ok;
}
