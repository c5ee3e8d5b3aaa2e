#include "app/content_check.h"
#include "qr/qr_url.h"

#include "app/fit_check.h"

#include "platform/log.h"

#include <cjson/cJSON.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/utf8.h>

#define CHECK_LOG_WARNINGS_MAX 40 /* warnings logged one by one at start-up; then a count */
#define CHECK_GLYPHS_MAX 256      /* distinct uncovered characters reported per language */

static const char *const KIND_NAMES[CONTENT_KIND_COUNT] = {
    "file", "missing", "placeholder", "plural", "glyph", "fit", "keyboard", "service", "area"};

void content_review_line(const i18n_review_t *review, char *out, size_t out_size)
{
    snprintf(out, out_size, "%d reviewed, %d draft%s, %d missing", review->reviewed,
             review->draft, review->draft == 1 ? "" : "s", review->missing);
}

/* ---- glyphs ---- */

typedef struct glyph_ctx {
    const content_set_t *set;
    text_engine_t *engine;
    content_report_t *r;
    const char *lang;
    const char *po_path;
    UChar32 seen[CHECK_GLYPHS_MAX];
    int seen_count;
} glyph_ctx_t;

static void glyph_check_key(void *user, const char *key, const char *text)
{
    glyph_ctx_t *c = user;
    bool english = strcmp(c->lang, "en") == 0;
    if (!english && i18n_state(c->set->i18n, c->lang, key) == I18N_MISSING) {
        return; /* English stands in: checked as English */
    }
    int32_t i = 0, n = (int32_t)strlen(text);
    while (i < n) {
        UChar32 ch;
        U8_NEXT(text, i, n, ch);
        if (ch < 0 || text_engine_covers(c->engine, c->lang, (Uint32)ch)) {
            continue;
        }
        bool seen = false;
        for (int k = 0; k < c->seen_count && !seen; k++) {
            seen = c->seen[k] == ch;
        }
        if (seen || c->seen_count >= CHECK_GLYPHS_MAX) {
            continue;
        }
        c->seen[c->seen_count++] = ch;
        content_report_add(c->r, CONTENT_ERROR, CONTENT_KIND_GLYPH, c->po_path,
                           content_po_line(c->po_path, key), c->lang,
                           "%s: U+%04X is in no configured font (it would not be drawn)", key,
                           (unsigned)ch);
    }
}

void content_check_glyphs(const content_set_t *set, text_engine_t *engine, content_report_t *r)
{
    glyph_ctx_t *c = malloc(sizeof *c);
    for (int i = 0; c && i < set->langs.count; i++) {
        memset(c, 0, sizeof *c);
        *c = (glyph_ctx_t){.set = set, .engine = engine, .r = r, .lang = set->langs.langs[i].code,
                           .po_path = strcmp(set->langs.langs[i].code, "en") == 0
                                          ? set->en_po
                                          : set->po_paths[i]};
        i18n_each_key(set->i18n, c->lang, glyph_check_key, c);
    }
    free(c);
}

/* ---- fit: the fit test's own engine (app/fit_check.h), never a separate estimate ---- */

typedef struct fit_ctx {
    const content_set_t *set;
    content_report_t *r;
} fit_ctx_t;

static const char *const FIT_TEXT_SIZE_NAMES[] = {"normal", "large", "largest"};

static void fit_found(void *user, const fit_finding_t *f)
{
    fit_ctx_t *c = user;
    const char *po = c->set->en_po;
    for (int i = 0; i < c->set->langs.count; i++) {
        if (strcmp(c->set->langs.langs[i].code, f->lang) == 0 && strcmp(f->lang, "en") != 0) {
            po = c->set->po_paths[i];
        }
    }
    /* a widget's id is its string's key for most texts: then the finding has its line */
    int line = f->widget[0] != '"' ? content_po_line(po, f->widget) : 0;
    /* taller than its view: the words may be shortened; it is still shown, across pages */
    content_severity_t severity = fit_kind_is_note(f->kind) ? CONTENT_WARNING
                                                                  : CONTENT_ERROR;
    content_report_add(c->r, severity, CONTENT_KIND_FIT, po, line, f->lang,
                       "does not fit on %s at %dx%d, %s text%s%s, page %d: %s: %s (%s)",
                       f->screen, f->size.w, f->size.h, FIT_TEXT_SIZE_NAMES[f->text_size % 3],
                       f->high_contrast ? ", high contrast" : "", f->whole ? ", scrolled" : "",
                       f->page + 1, f->widget, fit_kind_name(f->kind), f->message);
}

bool content_check_fit(const content_set_t *set, const kiosk_config_t *cfg,
                       const content_check_options_t *o, content_report_t *r)
{
    char scratch[] = "/tmp/kiosk-check-XXXXXX", err[CONFIG_ERROR_MAX];
    const char *langs[LANG_MAX];
    int lang_count = 0;
    for (int i = 0; i < set->langs.count; i++) {
        if (!o->lang || strcmp(o->lang, set->langs.langs[i].code) == 0) {
            langs[lang_count++] = set->langs.langs[i].code;
        }
    }
    kiosk_config_t fit_cfg = *cfg;
    if (lang_count == 0 || !mkdtemp(scratch)) {
        return false;
    }
    snprintf(fit_cfg.state_dir, sizeof fit_cfg.state_dir, "%s", scratch);
    fit_size_t size = {o->w, o->h};
    /* --size: that screen; otherwise the four sizes the kiosk is specified for */
    fit_check_options fo = {.cfg = &fit_cfg, .langs = langs, .lang_count = lang_count,
                            .sizes = o->w ? &size : NULL, .size_count = o->w ? 1 : 0};
    fit_ctx_t c = {.set = set, .r = r};
    bool ok = fit_check_run(&fo, fit_found, &c, err, sizeof err);
    if (!ok) {
        content_report_add(r, CONTENT_WARNING, CONTENT_KIND_FIT, set->en_po, 0, "all",
                           "the fit check could not run: %s", err);
    }
    char cmd[sizeof scratch + 16];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", scratch);
    if (system(cmd) != 0) {
        log_warn("could not remove %s", scratch);
    }
    r->fit_checked = ok;
    return ok;
}

/* ---- output ---- */

static bool finding_shown(const content_finding_t *f, const content_check_options_t *o)
{
    return !o->lang || strcmp(f->lang, o->lang) == 0 || strcmp(f->lang, "all") == 0;
}

static bool row_shown(const content_lang_report_t *row, const content_check_options_t *o)
{
    return !o->lang || strcmp(row->code, o->lang) == 0;
}

static void print_lines(const content_report_t *r, const content_check_options_t *o, FILE *out,
                        int *errors, int *warnings)
{
    for (int i = 0; i < r->count; i++) {
        const content_finding_t *f = &r->items[i];
        if (!finding_shown(f, o)) {
            continue;
        }
        *(f->severity == CONTENT_ERROR ? errors : warnings) += 1;
        fprintf(out, "%s:%d: %s: %s%s\n", f->path, f->line, f->lang,
                f->severity == CONTENT_ERROR ? "error: " : "warning: ", f->text);
    }
}

static void print_table(const content_report_t *r, const content_check_options_t *o, FILE *out)
{
    fprintf(out, "\n%-5s %-7s %8s %6s %7s %12s %7s %6s %4s %8s\n", "lang", "offered", "reviewed",
            "draft", "missing", "placeholders", "plurals", "glyphs", "fit", "keyboard");
    for (int i = 0; i < r->lang_count; i++) {
        const content_lang_report_t *row = &r->langs[i];
        if (!row_shown(row, o)) {
            continue;
        }
        char fit[16];
        snprintf(fit, sizeof fit, "%d", row->counts[CONTENT_KIND_FIT]);
        fprintf(out, "%-5s %-7s %8d %6d %7d %12d %7d %6d %4s %8d\n", row->code,
                row->offered ? "yes" : "no", row->review.reviewed, row->review.draft,
                row->review.missing, row->counts[CONTENT_KIND_PLACEHOLDER],
                row->counts[CONTENT_KIND_PLURAL], row->counts[CONTENT_KIND_GLYPH],
                r->fit_checked ? fit : "-", row->counts[CONTENT_KIND_KEYBOARD]);
    }
    if (!r->fit_checked) {
        fprintf(out, "fit: not checked (\"-\"): add --fit to draw every screen and check that "
                     "its words fit (about 20 s; --size WxH for one screen size)\n");
    }
}

static int print_json(const content_report_t *r, const content_check_options_t *o, FILE *out,
                      int *errors, int *warnings)
{
    cJSON *root = cJSON_CreateObject();
    cJSON *findings = cJSON_AddArrayToObject(root, "findings");
    for (int i = 0; i < r->count; i++) {
        const content_finding_t *f = &r->items[i];
        if (!finding_shown(f, o)) {
            continue;
        }
        *(f->severity == CONTENT_ERROR ? errors : warnings) += 1;
        cJSON *j = cJSON_CreateObject();
        cJSON_AddStringToObject(j, "file", f->path);
        cJSON_AddNumberToObject(j, "line", f->line);
        cJSON_AddStringToObject(j, "language", f->lang);
        cJSON_AddStringToObject(j, "severity", f->severity == CONTENT_ERROR ? "error" : "warning");
        cJSON_AddStringToObject(j, "kind", KIND_NAMES[f->kind]);
        cJSON_AddStringToObject(j, "problem", f->text);
        cJSON_AddItemToArray(findings, j);
    }
    cJSON *langs = cJSON_AddArrayToObject(root, "languages");
    for (int i = 0; i < r->lang_count; i++) {
        const content_lang_report_t *row = &r->langs[i];
        if (!row_shown(row, o)) {
            continue;
        }
        cJSON *j = cJSON_CreateObject();
        cJSON_AddStringToObject(j, "language", row->code);
        cJSON_AddBoolToObject(j, "offered", row->offered);
        cJSON_AddNumberToObject(j, "reviewed", row->review.reviewed);
        cJSON_AddNumberToObject(j, "draft", row->review.draft);
        cJSON_AddNumberToObject(j, "missing", row->review.missing);
        for (int k = CONTENT_KIND_PLACEHOLDER; k < CONTENT_KIND_SERVICE; k++) {
            if (k == CONTENT_KIND_FIT && !r->fit_checked) {
                cJSON_AddNullToObject(j, KIND_NAMES[k]); /* not checked, never 0 */
            } else {
                cJSON_AddNumberToObject(j, KIND_NAMES[k], row->counts[k]);
            }
        }
        cJSON_AddItemToArray(langs, j);
    }
    cJSON_AddNumberToObject(root, "errors", *errors);
    cJSON_AddNumberToObject(root, "warnings", *warnings);
    cJSON_AddBoolToObject(root, "fit_checked", r->fit_checked);
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    if (!text) {
        return 2;
    }
    fprintf(out, "%s\n", text);
    free(text);
    return 0;
}

/* The staff pages' QR code ([staff] policy_url, issue 19) is content a trust sets: checked
 * here as services.ini's QR URLs are (https, on [qr] allowed_hosts), at its config line. */
static void check_staff_policy_url(const kiosk_config_t *cfg, content_report_t *r)
{
    char why[256];
    if (cfg->staff_policy_url[0] &&
        !qr_url_check(cfg->staff_policy_url, cfg->qr_allowed_hosts, why, sizeof why)) {
        content_report_add(r, CONTENT_ERROR, CONTENT_KIND_SERVICE,
                           cfg->source_path[0] ? cfg->source_path : "(defaults)",
                           config_key_line(cfg, "staff", "policy_url"), "all",
                           "[staff] policy_url: %s (the staff pages show no QR code)", why);
    }
}

int content_check_cli(const kiosk_config_t *cfg, const content_check_options_t *o, FILE *out)
{
    content_set_t *set = content_set_create();
    content_report_t r;
    char err[512];
    content_report_init(&r);
    text_engine_t *engine = set ? text_engine_create(cfg->font_dir, err, sizeof err) : NULL;
    if (!engine) {
        fprintf(stderr, "kiosk: %s\n", set ? err : "out of memory");
        content_set_destroy(set);
        return 2;
    }
    content_load(set, cfg, &r);
    check_staff_policy_url(cfg, &r);
    if (o->lang && !content_report_lang(&r, o->lang)) {
        fprintf(stderr, "kiosk: --lang %s: not a language of this configuration\n", o->lang);
        text_engine_destroy(engine);
        content_set_destroy(set);
        content_report_deinit(&r);
        return 2;
    }
    if (!text_engine_add_registry(engine, &set->all, err, sizeof err)) {
        content_report_add(&r, CONTENT_ERROR, CONTENT_KIND_GLYPH, set->en_po, 0, "all",
                           "fonts: %s", err);
    }
    content_check_glyphs(set, engine, &r);
    if (o->fit) {
        content_check_fit(set, cfg, o, &r);
    }
    int errors = 0, warnings = 0, rc = 0;
    if (o->json) {
        rc = print_json(&r, o, out, &errors, &warnings);
    } else {
        print_lines(&r, o, out, &errors, &warnings);
        print_table(&r, o, out);
        fprintf(out, "%d error%s, %d warning%s\n", errors, errors == 1 ? "" : "s", warnings,
                warnings == 1 ? "" : "s");
    }
    if (r.dropped) {
        fprintf(stderr, "kiosk: %d more findings not shown\n", r.dropped);
    }
    text_engine_destroy(engine);
    content_set_destroy(set);
    content_report_deinit(&r);
    return rc ? rc : errors || r.dropped ? 1 : 0;
}

void content_report_log(const content_report_t *r)
{
    content_report_log_from(r, 0, true);
}

void content_report_log_from(const content_report_t *r, int first, bool summary)
{
    int warned = 0;
    for (int i = first; i < r->count; i++) {
        const content_finding_t *f = &r->items[i];
        if (f->severity == CONTENT_ERROR) {
            log_error("%s:%d: %s: %s", f->path, f->line, f->lang, f->text);
        } else if (warned++ < CHECK_LOG_WARNINGS_MAX) {
            log_warn("%s:%d: %s: %s", f->path, f->line, f->lang, f->text);
        }
    }
    if (warned > CHECK_LOG_WARNINGS_MAX) {
        log_warn("content: %d more warnings (kiosk --check-content lists them all)",
                 warned - CHECK_LOG_WARNINGS_MAX);
    }
    for (int i = 0; summary && i < r->lang_count; i++) {
        char line[128];
        content_review_line(&r->langs[i].review, line, sizeof line);
        log_info("content: %s: %s%s", r->langs[i].code, line,
                 r->langs[i].offered ? "" : " (not offered: [content] translations = "
                                           "reviewed_only)");
    }
}
