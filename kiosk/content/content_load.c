#include "content/content_load.h"

#include "platform/ini_file.h"
#include "platform/paths.h"
#include "qr/qr_url.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#define CONTENT_KEY_MAX 256
#define CONTENT_LETTERS_MAX 512 /* distinct letters of one language checked on its keyboard */
#define CONTENT_SECTIONS_MAX 64

content_set_t *content_set_create(void)
{
    return calloc(1, sizeof(content_set_t));
}

void content_set_destroy(content_set_t *set)
{
    if (set) {
        i18n_destroy(set->i18n);
        free(set);
    }
}

void content_report_init(content_report_t *report)
{
    memset(report, 0, sizeof *report);
}

void content_report_deinit(content_report_t *report)
{
    free(report->items);
    memset(report, 0, sizeof *report);
}

content_lang_report_t *content_report_lang(content_report_t *report, const char *lang)
{
    for (int i = 0; lang && i < report->lang_count; i++) {
        if (strcmp(report->langs[i].code, lang) == 0) {
            return &report->langs[i];
        }
    }
    return NULL;
}

void content_report_add(content_report_t *r, content_severity_t severity, content_kind_t kind,
                        const char *path, int line, const char *lang, const char *fmt, ...)
{
    content_lang_report_t *row = content_report_lang(r, lang);
    if (row) {
        row->counts[kind]++;
    }
    if (severity == CONTENT_ERROR) {
        r->errors++;
    } else {
        r->warnings++;
    }
    if (r->count == r->cap) {
        int cap = r->cap ? r->cap * 2 : 64;
        content_finding_t *grown =
            cap <= CONTENT_FINDINGS_MAX ? realloc(r->items, (size_t)cap * sizeof *grown) : NULL;
        if (!grown) {
            r->dropped++;
            return;
        }
        r->items = grown;
        r->cap = cap;
    }
    content_finding_t *f = &r->items[r->count++];
    f->severity = severity;
    f->kind = kind;
    f->line = line;
    snprintf(f->path, sizeof f->path, "%s", path ? path : "");
    snprintf(f->lang, sizeof f->lang, "%s", lang ? lang : "all");
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(f->text, sizeof f->text, fmt, ap);
    va_end(ap);
}

/* A loader's "PATH:LINE: problem" (or "PATH: problem") as a finding at that line. */
static void report_loader_error(content_report_t *r, content_kind_t kind, const char *path,
                                const char *lang, const char *err, const char *suffix)
{
    size_t n = strlen(path);
    int line = 0, used = 0;
    const char *problem = err;
    if (strncmp(err, path, n) == 0 && err[n] == ':') {
        problem = err + n + 1;
        if (sscanf(problem, "%d:%n", &line, &used) == 1 && used > 0) {
            problem += used;
        }
        problem += strspn(problem, " ");
    }
    content_report_add(r, CONTENT_ERROR, kind, path, line, lang, "%s%s", problem, suffix);
}

/* ---- where each key is in a PO file ----
 * libgettextpo says where a message's references are, not where the message is; findings
 * point people at a line, so the msgctxt lines are found with a plain scan (the file is
 * parsed by libgettextpo; this only locates). */

typedef struct po_line {
    char *key;
    int line;
} po_line_t;

typedef struct po_index {
    po_line_t *items;
    int count;
} po_index_t;

static int po_line_cmp(const void *a, const void *b)
{
    return strcmp(((const po_line_t *)a)->key, ((const po_line_t *)b)->key);
}

static void po_index_build(po_index_t *idx, const char *path)
{
    memset(idx, 0, sizeof *idx);
    FILE *f = fopen(path, "r");
    char buf[1024];
    int line = 0, cap = 0;
    while (f && fgets(buf, sizeof buf, f)) {
        line++;
        if (strncmp(buf, "msgctxt \"", 9) != 0) {
            continue;
        }
        char *key = buf + 9;
        char *end = strchr(key, '"');
        if (!end) {
            continue;
        }
        *end = '\0';
        if (idx->count == cap) {
            cap = cap ? cap * 2 : 512;
            po_line_t *grown = realloc(idx->items, (size_t)cap * sizeof *grown);
            if (!grown) {
                break;
            }
            idx->items = grown;
        }
        idx->items[idx->count].key = strdup(key);
        idx->items[idx->count].line = line;
        idx->count += idx->items[idx->count].key != NULL;
    }
    if (f) {
        fclose(f);
    }
    if (idx->count > 1) {
        qsort(idx->items, (size_t)idx->count, sizeof *idx->items, po_line_cmp);
    }
}

static int po_index_line(const po_index_t *idx, const char *key)
{
    po_line_t probe = {.key = (char *)key};
    const po_line_t *hit =
        idx->count ? bsearch(&probe, idx->items, (size_t)idx->count, sizeof probe, po_line_cmp)
                   : NULL;
    return hit ? hit->line : 0;
}

static void po_index_free(po_index_t *idx)
{
    for (int i = 0; i < idx->count; i++) {
        free(idx->items[i].key);
    }
    free(idx->items);
    memset(idx, 0, sizeof *idx);
}

/* ---- loading ---- */

static bool load_languages(content_set_t *set, const kiosk_config_t *cfg, content_report_t *r)
{
    char path[CONTENT_PATH_MAX], err[CONFIG_ERROR_MAX];
    config_data_path(cfg, "locales/languages.ini", path, sizeof path);
    bool ok = lang_registry_load(&set->all, path, err, sizeof err);
    if (!ok) {
        report_loader_error(r, CONTENT_KIND_FILE, path, "all", err, "");
    }
    set->langs = set->all;
    if (!lang_registry_select(&set->langs, cfg->languages, err, sizeof err)) {
        content_report_add(r, CONTENT_ERROR, CONTENT_KIND_FILE, cfg->source_path,
                           config_key_line(cfg, "content", "languages"), "all", "%s", err);
    }
    return ok && lang_registry_find(&set->all, "en");
}

static bool load_catalogs(content_set_t *set, const kiosk_config_t *cfg, content_report_t *r)
{
    char err[CONFIG_ERROR_MAX];
    bool ok = true;
    config_data_path(cfg, "locales/en.po", set->en_po, sizeof set->en_po);
    if (!i18n_load(set->i18n, "en", set->en_po, err, sizeof err)) {
        report_loader_error(r, CONTENT_KIND_FILE, set->en_po, "en", err, "");
        ok = false; /* without English there is nothing to fall back to */
    }
    for (int i = 0; i < set->langs.count; i++) {
        const char *code = set->langs.langs[i].code;
        char rel[64];
        snprintf(rel, sizeof rel, "locales/%s.po", code);
        config_data_path(cfg, rel, set->po_paths[i], sizeof set->po_paths[i]);
        if (strcmp(code, "en") == 0) {
            continue;
        }
        if (!i18n_load(set->i18n, code, set->po_paths[i], err, sizeof err)) {
            report_loader_error(r, CONTENT_KIND_FILE, set->po_paths[i], code, err,
                                " (English is shown for this language)");
            ok = false;
        }
    }
    return ok;
}

/* The services loader's first problem is reported here, before the first frame (a broken
 * services.ini is seen in --screenshot and at once in the log); content_lint()'s line checks
 * leave that line to it (set->services_err_line). */
static bool load_files(content_set_t *set, const kiosk_config_t *cfg, content_report_t *r)
{
    char err[CONFIG_ERROR_MAX];
    bool ok = true;
    paths_content_file(cfg->source_path, cfg->data_dir, "areas.ini", set->areas_path,
                       sizeof set->areas_path);
    if (!areas_load(&set->content.areas, set->areas_path, err, sizeof err)) {
        report_loader_error(r, CONTENT_KIND_FILE, set->areas_path, "all", err, "");
        ok = false;
    }
    paths_content_file(cfg->source_path, cfg->data_dir, "services.ini", set->services_path,
                       sizeof set->services_path);
    set->services_err_line = 0;
    if (!services_load(&set->content.services, set->services_path, err, sizeof err)) {
        int before = r->count;
        report_loader_error(r, CONTENT_KIND_FILE, set->services_path, "all", err, "");
        set->services_err_line = r->count > before ? r->items[before].line : 0;
        ok = false;
    }
    config_data_path(cfg, "locales/keyboards", set->keyboards_dir, sizeof set->keyboards_dir);
    if (!keyboard_set_load(&set->content.keyboards, set->keyboards_dir, err, sizeof err)) {
        report_loader_error(r, CONTENT_KIND_FILE, set->keyboards_dir, "all", err, "");
        ok = false;
    }
    return ok;
}

/* ---- per-language checks ---- */

typedef struct letter {
    UChar32 c;
    int line; /* first line it is used on */
    char key[CONTENT_KEY_MAX];
} letter_t;

typedef struct lang_check {
    content_set_t *set;
    content_report_t *r;
    const lang_info_t *lang;
    const char *po_path;
    po_index_t idx;
    const keyboard_layout_t *kb;
    UScriptCode script;
    letter_t letters[CONTENT_LETTERS_MAX];
    int letter_count;
} lang_check_t;

static bool keyboard_types(const keyboard_layout_t *kb, UChar32 c)
{
    for (int pass = 0; pass < 2; pass++) {
        const keyboard_row_t *rows = pass == 0 ? kb->base : kb->shift;
        for (int i = 0; i < kb->rows && (pass == 0 || kb->has_shift); i++) {
            for (int k = 0; k < rows[i].count; k++) {
                const char *s = rows[i].keys[k];
                int32_t at = 0, n = (int32_t)strlen(s);
                while (at < n) {
                    UChar32 got;
                    U8_NEXT(s, at, n, got);
                    if (got == c) {
                        return true;
                    }
                }
            }
        }
    }
    return false;
}

/* Letters of the language's own script that the text uses, once each (first use kept). */
static void collect_letters(lang_check_t *c, const char *key, const char *text)
{
    int32_t at = 0, n = (int32_t)strlen(text);
    while (at < n) {
        UChar32 ch;
        U8_NEXT(text, at, n, ch);
        UErrorCode st = U_ZERO_ERROR;
        if (ch < 0 || !u_isUAlphabetic(ch) || uscript_getScript(ch, &st) != c->script) {
            continue;
        }
        UChar32 lower = u_tolower(ch); /* typed with Shift, or in lower case: both fine */
        bool known = false;
        for (int i = 0; i < c->letter_count && !known; i++) {
            known = c->letters[i].c == lower;
        }
        if (!known && c->letter_count < CONTENT_LETTERS_MAX) {
            letter_t *l = &c->letters[c->letter_count++];
            l->c = lower;
            l->line = po_index_line(&c->idx, key);
            snprintf(l->key, sizeof l->key, "%s", key);
        }
    }
}

/* The English a translated key is checked against: its own, or for a count form the
 * language has and English lacks ("KEY#few") the key's other form. */
static const char *english_of(const i18n_t *i18n, const char *key)
{
    if (i18n_state(i18n, "en", key) != I18N_MISSING) {
        return i18n_text(i18n, "en", key);
    }
    const char *hash = strchr(key, '#');
    char base[CONTENT_KEY_MAX];
    if (!hash || (size_t)(hash - key) >= sizeof base) {
        return NULL;
    }
    memcpy(base, key, (size_t)(hash - key));
    base[hash - key] = '\0';
    return i18n_state(i18n, "en", base) != I18N_MISSING ? i18n_text(i18n, "en", base) : NULL;
}

static void check_translated(void *user, const char *key, const char *text)
{
    lang_check_t *c = user;
    const i18n_t *i18n = c->set->i18n;
    const char *code = c->lang->code;
    if (i18n_state(i18n, code, key) == I18N_MISSING) {
        return;
    }
    const char *english = english_of(i18n, key);
    char why[CONTENT_FINDING_MAX / 2];
    if (english && !i18n_placeholders_match(english, text, why, sizeof why)) {
        content_report_add(c->r, CONTENT_ERROR, CONTENT_KIND_PLACEHOLDER, c->po_path,
                           po_index_line(&c->idx, key), code, "%s: %s", key, why);
    }
    if (c->kb) {
        collect_letters(c, key, text);
    }
}

static void check_english_key(void *user, const char *key, const char *text)
{
    lang_check_t *c = user;
    const i18n_t *i18n = c->set->i18n;
    const char *code = c->lang->code;
    (void)text;
    if (i18n_key_english_only(key) || strchr(key, '#')) {
        return; /* staff.* are English-only; count forms are checked as plurals */
    }
    int line = po_index_line(&c->idx, key);
    char gaps[I18N_PLURAL_CATEGORIES_MAX][I18N_CATEGORY_MAX];
    const char *all[I18N_FORMS_MAX];
    int n = i18n_plural_gaps(i18n, code, key, gaps, I18N_PLURAL_CATEGORIES_MAX);
    if (n > 0 && n < i18n_plural_forms(i18n, code, all, I18N_FORMS_MAX)) {
        /* some forms given, some not: the whole plural is shown in English */
        for (int i = 0; i < n; i++) {
            content_report_add(c->r, CONTENT_WARNING, CONTENT_KIND_PLURAL, c->po_path, line,
                               code,
                               "%s has no '%s' form (CLDR plural category of %s): English is "
                               "shown until every form is given",
                               key, gaps[i], code);
        }
        return;
    }
    if (i18n_state(i18n, code, key) == I18N_MISSING) {
        if (line) {
            content_report_add(c->r, CONTENT_WARNING, CONTENT_KIND_MISSING, c->po_path, line,
                               code, "%s has no translation (English is shown)", key);
        } else {
            content_report_add(c->r, CONTENT_WARNING, CONTENT_KIND_MISSING, c->po_path, 0, code,
                               "%s is not in the file (English is shown); run "
                               "scripts/update-locales.sh",
                               key);
        }
        return;
    }
}

static void check_keyboard(lang_check_t *c)
{
    for (int i = 0; i < c->letter_count; i++) {
        const letter_t *l = &c->letters[i];
        if (keyboard_types(c->kb, l->c) || keyboard_types(c->kb, u_toupper(l->c))) {
            continue;
        }
        char utf8[8];
        int32_t n = 0;
        UBool bad = false;
        U8_APPEND((uint8_t *)utf8, n, (int32_t)sizeof utf8 - 1, l->c, bad);
        utf8[bad ? 0 : n] = '\0';
        content_report_add(c->r, CONTENT_WARNING, CONTENT_KIND_KEYBOARD, c->po_path, l->line,
                           c->lang->code,
                           "'%s' (U+%04X, first in %s) cannot be typed on keyboard '%s' "
                           "(locales/keyboards/%s.ini)",
                           utf8, (unsigned)l->c, l->key, c->lang->keyboard, c->lang->keyboard);
    }
}

static void check_language(content_set_t *set, content_report_t *r, int i, lang_check_t *c)
{
    const lang_info_t *lang = &set->checked.langs[i];
    if (strcmp(lang->code, "en") == 0) {
        return;
    }
    memset(c, 0, sizeof *c);
    c->set = set;
    c->r = r;
    c->lang = lang;
    c->po_path = set->checked_po[i];
    c->kb = keyboard_set_find(&set->content.keyboards, lang->keyboard);
    UErrorCode st = U_ZERO_ERROR;
    int32_t script = u_getPropertyValueEnum(UCHAR_SCRIPT, lang->script);
    c->script = script >= 0 ? (UScriptCode)script : USCRIPT_INVALID_CODE;
    (void)st;
    if (!c->kb) {
        content_report_add(r, CONTENT_WARNING, CONTENT_KIND_KEYBOARD, set->keyboards_dir, 0,
                           lang->code, "no keyboard layout '%s' for %s", lang->keyboard,
                           lang->code);
    }
    po_index_build(&c->idx, c->po_path);
    i18n_each_key(set->i18n, "en", check_english_key, c);
    i18n_each_text(set->i18n, lang->code, check_translated, c); /* every plural form */
    if (c->kb) {
        check_keyboard(c);
    }
    po_index_free(&c->idx);
}

/* ---- services.ini and areas.ini, line by line ---- */

static bool phone_digits(const char *s, char *digits, size_t size)
{
    size_t n = 0;
    for (const char *p = s; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            if (n + 1 >= size) {
                return false;
            }
            digits[n++] = *p;
        } else if (*p != ' ' || p == s || p[1] == ' ' || p[1] == '\0') {
            return false; /* only single spaces between digits */
        }
    }
    digits[n] = '\0';
    return n > 0;
}

bool content_phone_is_uk(const char *number, bool sms)
{
    char d[40];
    const char *s = number;
    bool plus = s[0] == '+';
    if (!phone_digits(plus ? s + 1 : s, d, sizeof d)) {
        return false;
    }
    size_t n = strlen(d);
    if (plus) {
        return strncmp(d, "44", 2) == 0 && d[2] != '0' && (n == 11 || n == 12);
    }
    const char *rest = d;
    if ((strncmp(d, "18000", 5) == 0 || strncmp(d, "18001", 5) == 0) && n > 5) {
        rest = d + 5; /* Relay UK: the prefix, then an ordinary number */
        n -= 5;
    }
    if (strcmp(rest, "999") == 0 || strcmp(rest, "112") == 0 || strcmp(rest, "111") == 0 ||
        strcmp(rest, "101") == 0 || strcmp(rest, "105") == 0) {
        return true;
    }
    if (strncmp(rest, "116", 3) == 0 && n == 6) {
        return true; /* harmonised European numbers of social value (116 123) */
    }
    if (sms && rest == d && n == 5) {
        return true; /* SMS short codes (85258) */
    }
    return rest[0] == '0' && rest[1] != '0' && (n == 10 || n == 11);
}

typedef struct section_line {
    char id[CONTENT_KEY_MAX];
    int line;
} section_line_t;

typedef struct ini_check {
    content_report_t *r;
    const char *path;
    int reported_line; /* the loader's problem is already in the report: not said again */
    const char *allowed_hosts;
    content_kind_t kind;
    section_line_t sections[CONTENT_SECTIONS_MAX];
    int section_count;
} ini_check_t;

static bool on_service_line(void *user, int line, const char *section, const char *key,
                            const char *value, char *problem, size_t size)
{
    ini_check_t *c = user;
    (void)problem;
    (void)size;
    if (!key) {
        if (c->section_count < CONTENT_SECTIONS_MAX) {
            snprintf(c->sections[c->section_count].id, CONTENT_KEY_MAX, "%s", section);
            c->sections[c->section_count++].line = line;
        }
        return true;
    }
    char err[256];
    if (line == c->reported_line) {
        return true;
    }
    if (strcmp(key, "url") == 0 && value[0] && !qr_url_check(value, c->allowed_hosts, err,
                                                             sizeof err)) {
        content_report_add(c->r, CONTENT_ERROR, CONTENT_KIND_SERVICE, c->path, line, "all",
                           "[%s] url %s: %s (its QR code would not be shown)", section, value,
                           err);
    } else if ((strcmp(key, "phone") == 0 || strcmp(key, "text") == 0) && value[0] &&
               !content_phone_is_uk(value, strcmp(key, "text") == 0)) {
        content_report_add(c->r, CONTENT_ERROR, CONTENT_KIND_SERVICE, c->path, line, "all",
                           "[%s] %s '%s' is not a UK number as printed (for example "
                           "0800 138 1625, 116 123, 999)",
                           section, key, value);
    } else if (strcmp(key, "motivations") == 0) {
        unsigned bits;
        if (!services_parse_motivations(value, &bits, err, sizeof err)) {
            content_report_add(c->r, CONTENT_ERROR, CONTENT_KIND_SERVICE, c->path, line, "all",
                               "[%s] %s", section, err);
        }
    }
    return true; /* findings are ours; the loader reports its own problems */
}

static bool on_area_line(void *user, int line, const char *section, const char *key,
                         const char *value, char *problem, size_t size)
{
    ini_check_t *c = user;
    (void)value;
    (void)problem;
    (void)size;
    if (!key && c->section_count < CONTENT_SECTIONS_MAX) {
        snprintf(c->sections[c->section_count].id, CONTENT_KEY_MAX, "%s", section);
        c->sections[c->section_count++].line = line;
    }
    return true;
}

/* Each section's catalog key ("service.ID.desc", "area.CODE") must be in English, or the
 * key itself would be shown to patients. */
static void check_section_keys(const ini_check_t *c, const i18n_t *i18n, const char *fmt)
{
    for (int i = 0; i < c->section_count; i++) {
        char key[CONTENT_KEY_MAX + 32];
        snprintf(key, sizeof key, fmt, c->sections[i].id);
        if (i18n_state(i18n, "en", key) == I18N_MISSING) {
            content_report_add(c->r, CONTENT_ERROR, c->kind, c->path, c->sections[i].line, "all",
                               "[%s] has no catalog key %s in locales/kiosk.pot and en.po (the "
                               "key itself would be shown)",
                               c->sections[i].id, key);
        }
    }
}

static void check_ini_files(content_set_t *set, const kiosk_config_t *cfg, content_report_t *r)
{
    ini_problems_t *problems = calloc(1, sizeof *problems); /* the reader's; ours are findings */
    ini_check_t *c = calloc(1, sizeof *c);
    if (!problems || !c) {
        free(problems);
        free(c);
        content_report_add(r, CONTENT_ERROR, CONTENT_KIND_FILE, "", 0, "all", "out of memory");
        return;
    }
    *c = (ini_check_t){.r = r, .path = set->services_path, .allowed_hosts = cfg->qr_allowed_hosts,
                       .kind = CONTENT_KIND_SERVICE, .reported_line = set->services_err_line};
    ini_file_parse_all(set->services_path, on_service_line, c, problems);
    check_section_keys(c, set->i18n, "service.%s.desc");
    memset(problems, 0, sizeof *problems);
    *c = (ini_check_t){.r = r, .path = set->areas_path, .kind = CONTENT_KIND_AREA};
    ini_file_parse_all(set->areas_path, on_area_line, c, problems);
    check_section_keys(c, set->i18n, "area.%s");
    free(problems);
    free(c);
}

/* reviewed_only: a language with any draft or missing string is not offered (English is
 * never shown in its place). English always stays. */
static void offer_languages(content_set_t *set, const kiosk_config_t *cfg, content_report_t *r)
{
    bool reviewed_only = !cfg->show_unreviewed_translations;
    int kept = 0;
    for (int i = 0; i < set->langs.count; i++) {
        const lang_info_t *l = &set->langs.langs[i];
        content_lang_report_t *row = content_report_lang(r, l->code);
        bool offer = !reviewed_only || strcmp(l->code, "en") == 0 ||
                     (row && i18n_review_complete(&row->review));
        if (row) {
            row->offered = offer;
        }
        if (offer) {
            memmove(set->po_paths[kept], set->po_paths[i], sizeof set->po_paths[i]);
            set->review[kept] = set->review[i];
            set->langs.langs[kept++] = *l;
        }
    }
    set->langs.count = kept;
}

/* Compiled catalogs in the state folder (i18n_set_cache_dir()): an unchanged PO file is
 * not parsed again at the next start-up. Not personal: the words of the PO files. Without
 * a writable state folder every start-up parses every file. */
static void use_catalog_cache(content_set_t *set, const kiosk_config_t *cfg)
{
    char dir[sizeof cfg->state_dir + sizeof CONTENT_CATALOG_CACHE_DIR + 1], err[CONFIG_ERROR_MAX];
    snprintf(dir, sizeof dir, "%s/%s", cfg->state_dir, CONTENT_CATALOG_CACHE_DIR);
    if (cfg->state_dir[0] && paths_mkdirs(dir, 0700, err, sizeof err)) {
        i18n_set_cache_dir(set->i18n, dir);
    }
}

bool content_read(content_set_t *set, const kiosk_config_t *cfg, content_report_t *r)
{
    i18n_destroy(set->i18n);
    memset(set, 0, sizeof *set);
    set->i18n = i18n_create(cfg->show_unreviewed_translations);
    if (!set->i18n) {
        content_report_add(r, CONTENT_ERROR, CONTENT_KIND_FILE, "", 0, "all", "out of memory");
        return false;
    }
    use_catalog_cache(set, cfg);
    bool ok = load_languages(set, cfg, r);
    for (int i = 0; i < set->langs.count && r->lang_count < LANG_MAX; i++) {
        snprintf(r->langs[r->lang_count++].code, LANG_CODE_MAX, "%s", set->langs.langs[i].code);
    }
    ok = load_catalogs(set, cfg, r) && ok;
    ok = load_files(set, cfg, r) && ok;
    for (int i = 0; i < set->langs.count; i++) { /* counted once: the catalogs stay */
        const char *code = set->langs.langs[i].code;
        i18n_review_count(set->i18n, code, &set->review[i]);
        content_report_lang(r, code)->review = set->review[i];
    }
    /* content_lint() checks every selected language, offered or not */
    set->checked = set->langs;
    memcpy(set->checked_po, set->po_paths, sizeof set->checked_po);
    offer_languages(set, cfg, r);
    return ok;
}

void content_lint(content_set_t *set, const kiosk_config_t *cfg, content_report_t *r)
{
    lang_check_t *check = malloc(sizeof *check);
    for (int i = 0; check && i < set->checked.count; i++) {
        check_language(set, r, i, check);
    }
    free(check);
    check_ini_files(set, cfg, r);
}

bool content_load(content_set_t *set, const kiosk_config_t *cfg, content_report_t *r)
{
    bool ok = content_read(set, cfg, r);
    if (set->i18n) {
        content_lint(set, cfg, r);
    }
    return ok;
}

int content_po_line(const char *po_path, const char *key)
{
    po_index_t idx;
    po_index_build(&idx, po_path);
    int line = po_index_line(&idx, key);
    po_index_free(&idx);
    return line;
}
