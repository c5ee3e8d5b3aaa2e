#include "i18n/catalog.h"
#include "i18n/catalog_internal.h"
#include "platform/fd_io.h"

#include <errno.h>
#include <gettext-po.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <dirent.h>
#include <sys/wait.h>
#include <unistd.h>
#include <unicode/upluralrules.h>
#include <unicode/ustring.h>

#define I18N_LANGS_MAX 32
#define I18N_CACHE_DIR_MAX 1024
/* Whole numbers 0..PLURAL_SAMPLE_MAX show which CLDR categories a language uses for
 * counts: every rule of CLDR's integer plural rules repeats within 1000. */
#define PLURAL_SAMPLE_MAX 999

/* CLDR's order of plural categories: gettext's msgstr[0], [1], ... follow it. */
static const char *const CLDR_CATEGORIES[I18N_FORMS_MAX] = {"zero", "one",  "two",
                                                            "few",  "many", "other"};

struct i18n {
    bool show_unreviewed;
    char cache_dir[I18N_CACHE_DIR_MAX]; /* compiled catalogs; "" for none */
    i18n_catalog_t catalogs[I18N_LANGS_MAX];
    int count;
};

/* The CLDR category of n under rules ("one", "few", ...) into out, and its index in
 * CLDR_CATEGORIES; -1 (out "other") when ICU cannot say. */
static int plural_category(const UPluralRules *rules, long n, char *out, size_t out_size)
{
    UErrorCode st = U_ZERO_ERROR;
    UChar keyword[16];
    int32_t len = uplrules_select(rules, (double)n, keyword, 16, &st);
    snprintf(out, out_size, "other");
    if (U_FAILURE(st) || len <= 0 || len >= 16) {
        return -1;
    }
    u_austrncpy(out, keyword, (int32_t)out_size - 1);
    out[out_size - 1] = '\0';
    for (int k = 0; k < I18N_FORMS_MAX; k++) {
        if (strcmp(out, CLDR_CATEGORIES[k]) == 0) {
            return k;
        }
    }
    return -1;
}

/* libgettextpo's error handler takes no user pointer, so the one PO read in progress on
 * this thread reports through this slot. */
typedef struct po_read_errors {
    jmp_buf fatal;
    char first[512];
    bool failed;
} po_read_errors_t;
static _Thread_local po_read_errors_t *tl_errors;

static void po_note(int severity, const char *file, size_t line, const char *text)
{
    po_read_errors_t *e = tl_errors;
    if (severity == PO_SEVERITY_WARNING || !e) {
        return;
    }
    if (!e->failed) {
        e->failed = true;
        char where[64] = "";
        if (line != (size_t)-1) {
            snprintf(where, sizeof where, ":%zu", line);
        }
        snprintf(e->first, sizeof e->first, "%s%s: %s", file ? file : "?", where, text);
        size_t n = strlen(e->first);
        while (n > 0 && e->first[n - 1] == '\n') {
            e->first[--n] = '\0';
        }
    }
}

static void po_on_error(int severity, po_message_t message, const char *file, size_t line,
                        size_t column, int multiline, const char *text)
{
    po_note(severity, file, line, text);
    if (severity == PO_SEVERITY_FATAL_ERROR) {
        longjmp(tl_errors->fatal, 1);
    }
}

static void po_on_error2(int severity, po_message_t m1, const char *file1, size_t line1,
                         size_t col1, int ml1, const char *text1, po_message_t m2,
                         const char *file2, size_t line2, size_t col2, int ml2,
                         const char *text2)
{
    po_on_error(severity, m1, file1, line1, col1, ml1, text1);
}

void catalog_entry_free(i18n_entry_t *e)
{
    free(e->key);
    free(e->text);
    for (int f = 0; f < e->nforms; f++) {
        free(e->forms[f]);
    }
}

void catalog_free(i18n_catalog_t *c)
{
    for (size_t i = 0; i < c->count; i++) {
        catalog_entry_free(&c->entries[i]);
    }
    free(c->entries);
    if (c->rules) {
        uplrules_close(c->rules);
    }
    c->entries = NULL;
    c->count = 0;
    c->rules = NULL;
    c->nplurals = 0;
    c->compiled = false;
}

static int entry_cmp(const void *a, const void *b)
{
    return strcmp(((const i18n_entry_t *)a)->key, ((const i18n_entry_t *)b)->key);
}

static bool catalog_add(i18n_catalog_t *c, size_t *cap, po_message_t m)
{
    const char *ctx = po_message_msgctxt(m);
    const char *id = po_message_msgid(m);
    const char *str = po_message_msgstr(m);
    if (!ctx || po_message_is_obsolete(m)) {
        return true; /* the header, or entries without a key: not ours */
    }
    if (c->count == *cap) {
        *cap = *cap ? *cap * 2 : 256;
        i18n_entry_t *grown = realloc(c->entries, *cap * sizeof *grown);
        if (!grown) {
            return false;
        }
        c->entries = grown;
    }
    i18n_entry_t *e = &c->entries[c->count];
    memset(e, 0, sizeof *e);
    const char *plural = po_message_msgid_plural(m);
    bool ok = true;
    if (plural) {
        /* the forms as written (an empty one is missing); translated when every form is
         * given (the number of forms is checked against the language once it is known) */
        const char *f;
        e->translated = true;
        while (ok && e->nforms < I18N_FORMS_MAX &&
               (f = po_message_msgstr_plural(m, e->nforms)) != NULL) {
            e->translated = e->translated && f[0];
            e->forms[e->nforms] = strdup(f);
            ok = e->forms[e->nforms++] != NULL;
        }
        if (ok && e->nforms == 0) { /* msgid_plural without msgstr[]: one empty form */
            e->forms[e->nforms] = strdup("");
            ok = e->forms[e->nforms++] != NULL;
        }
        e->translated = e->translated && ok && e->forms[0][0];
        str = ok ? e->forms[0] : NULL;
    } else {
        e->translated = str && str[0];
    }
    e->key = strdup(ctx);
    e->text = strdup(e->translated ? str : id);
    e->fuzzy = po_message_is_fuzzy(m);
    if (!ok || !e->key || !e->text) {
        catalog_entry_free(e);
        return false;
    }
    c->count++;
    return true;
}

/* nplurals of the header's Plural-Forms, 0 when there is none. header is the header
 * entry's msgstr as the message holds it (po_file_domain_header() hands out a copy that
 * libgettextpo 0.21 allocates but declares const). */
static int header_nplurals(const char *header)
{
    char *forms = header ? po_header_field(header, "Plural-Forms") : NULL;
    const char *at = forms ? strstr(forms, "nplurals=") : NULL;
    int n = 0;
    if (at && sscanf(at, "nplurals=%d", &n) != 1) {
        n = -1; /* present but unreadable */
    }
    free(forms);
    return n;
}

static bool catalog_read(i18n_catalog_t *c, po_file_t file, char *err, size_t err_size)
{
    po_message_iterator_t it = po_message_iterator(file, NULL);
    size_t cap = 0;
    bool ok = true;
    for (po_message_t m = po_next_message(it); m && ok; m = po_next_message(it)) {
        const char *id = po_message_msgid(m);
        if (!po_message_msgctxt(m) && id && !id[0] && !po_message_is_obsolete(m)) {
            c->nplurals = header_nplurals(po_message_msgstr(m)); /* the header entry */
        }
        ok = catalog_add(c, &cap, m);
    }
    po_message_iterator_free(it);
    if (!ok) {
        snprintf(err, err_size, "out of memory");
        return false;
    }
    if (c->count > 1) { /* an empty file has no entries array: qsort(NULL, 0) is undefined */
        qsort(c->entries, c->count, sizeof *c->entries, entry_cmp);
    }
    for (size_t i = 1; i < c->count; i++) {
        if (strcmp(c->entries[i - 1].key, c->entries[i].key) == 0) {
            snprintf(err, err_size, "key '%s' appears twice", c->entries[i].key);
            return false;
        }
    }
    return true;
}

static i18n_catalog_t *catalog_slot(i18n_t *i18n, const char *lang)
{
    for (int i = 0; i < i18n->count; i++) {
        if (strcmp(i18n->catalogs[i].lang, lang) == 0) {
            return &i18n->catalogs[i];
        }
    }
    if (i18n->count >= I18N_LANGS_MAX) {
        return NULL;
    }
    i18n_catalog_t *c = &i18n->catalogs[i18n->count++];
    snprintf(c->lang, sizeof c->lang, "%s", lang);
    return c;
}

/* Reads po_path with libgettextpo into fresh (sorted, keys unique). err says what is
 * wrong with file and line. In-process: see po_read_isolated() for why it runs in a child. */
static bool po_read_into(i18n_catalog_t *fresh, const char *po_path, char *err, size_t err_size)
{
    static const struct po_xerror_handler handler = {po_on_error, po_on_error2};
    po_read_errors_t errors = {0};
    po_file_t volatile file = NULL; /* set across setjmp */
    tl_errors = &errors;
    if (setjmp(errors.fatal) == 0) {
        file = po_file_read(po_path, &handler);
    }
    tl_errors = NULL;
    if (!file || errors.failed) {
        snprintf(err, err_size, "%s", errors.failed ? errors.first : po_path);
        if (!errors.failed) {
            snprintf(err, err_size, "%s: cannot read the PO file", po_path);
        }
        if (file) {
            po_file_free(file);
        }
        return false;
    }
    char problem[256];
    bool ok = catalog_read(fresh, file, problem, sizeof problem);
    po_file_free(file);
    if (!ok) {
        snprintf(err, err_size, "%s: %s", po_path, problem);
        catalog_free(fresh);
    }
    return ok;
}

/* ---- reading in a child process ----
 * libgettextpo 0.21 leaks every msgctxt it parses (about 20 bytes an entry, 46 KB for the
 * shipped catalogs), and its fatal errors leave parser state behind when we longjmp out.
 * So each PO file is read in a forked child that sends the entries back through a pipe
 * and exits: what the library leaks dies with the child, and a crash in it is an error
 * for that one file instead of the end of the kiosk. The child writes 'O' and the
 * catalog's byte form (catalog_codec.c), or 'E', u32 length, message. */

#define PO_PIPE_MAX (64u * 1024u * 1024u) /* far above any catalog */

static _Noreturn void po_child(int fd, const char *po_path)
{
    i18n_catalog_t fresh = {0};
    char err[512];
    bool ok = po_read_into(&fresh, po_path, err, sizeof err);
    char *bytes = NULL;
    size_t len = 0;
    if (ok && !catalog_encode(&fresh, &bytes, &len)) {
        ok = false;
        snprintf(err, sizeof err, "%s: out of memory", po_path);
    }
    bool sent = fd_write_all(fd, ok ? "O" : "E", 1);
    if (ok) {
        sent = sent && fd_write_all(fd, bytes, len);
    } else {
        uint32_t n = (uint32_t)strlen(err);
        sent = sent && fd_write_all(fd, &n, sizeof n) && fd_write_all(fd, err, n);
    }
    _exit(sent ? 0 : 1); /* no atexit handlers, no stdio flush of the parent's buffers */
}

/* Decodes the child's answer into fresh (entries arrive sorted and unique). */
static bool po_decode(i18n_catalog_t *fresh, const char *buf, size_t len, const char *po_path,
                      char *err, size_t err_size)
{
    if (len >= 1 && buf[0] == 'E') {
        uint32_t n = 0;
        size_t head = 1 + sizeof n;
        if (len >= head) {
            memcpy(&n, buf + 1, sizeof n);
        }
        if (len >= head && n > 0 && n <= len - head) {
            snprintf(err, err_size, "%.*s", (int)n, buf + head);
        } else {
            snprintf(err, err_size, "%s: cannot read the PO file", po_path);
        }
        return false;
    }
    if (len < 1 || buf[0] != 'O' || !catalog_decode(fresh, buf + 1, len - 1)) {
        snprintf(err, err_size, "%s: cannot read the PO file (reader failed)", po_path);
        return false;
    }
    return true;
}

/* fork() is safe only in a single-threaded process: a child of a threaded one can inherit
 * a lock (malloc's, the sanitizer allocator's) held by a thread that does not exist in it,
 * and hang in the reader's first malloc. Seen: a replay under ASan, 1 run in 21. */
static bool process_single_threaded(void)
{
    DIR *d = opendir("/proc/self/task");
    int n = 0;
    for (struct dirent *e; d && (e = readdir(d)) != NULL;) {
        n += e->d_name[0] != '.';
    }
    if (d) {
        closedir(d);
    }
    return n == 1;
}

static bool po_read_isolated(i18n_catalog_t *fresh, const char *po_path, char *err,
                             size_t err_size)
{
    int fds[2];
    if (!process_single_threaded()) {
        /* read here: the library's small leak (about 46 KB a full load) is the price */
        return po_read_into(fresh, po_path, err, err_size);
    }
    if (pipe(fds) != 0) {
        return po_read_into(fresh, po_path, err, err_size); /* no child: read here */
    }
    fflush(NULL); /* nothing buffered is written twice by the child */
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return po_read_into(fresh, po_path, err, err_size);
    }
    if (pid == 0) {
        close(fds[0]);
        po_child(fds[1], po_path);
    }
    close(fds[1]);
    size_t len = 0;
    char *buf = fd_read_all(fds[0], PO_PIPE_MAX, &len);
    close(fds[0]);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    bool answered = buf && WIFEXITED(status) && WEXITSTATUS(status) == 0;
    bool ok = answered && po_decode(fresh, buf, len, po_path, err, err_size);
    if (!answered) {
        snprintf(err, err_size, "%s: cannot read the PO file (the reader %s)", po_path,
                 WIFSIGNALED(status) ? "crashed" : "failed");
    }
    free(buf);
    return ok;
}

/* The line of the header's Plural-Forms in po_path (1 when it has none), for messages. */
static int plural_forms_line(const char *po_path)
{
    FILE *f = fopen(po_path, "r");
    char line[1024];
    int n = 0, found = 0;
    while (f && !found && fgets(line, sizeof line, f)) {
        n++;
        found = strstr(line, "\"Plural-Forms:") == line ? n : 0;
    }
    if (f) {
        fclose(f);
    }
    return found ? found : 1;
}

/* Which CLDR categories lang uses for whole numbers (ICU's rules), numbered in CLDR
 * order: the msgstr index of each. gettext's Plural-Forms for the language must give as
 * many forms, in that order (Poedit, Weblate and msgfmt use the formula; the kiosk uses
 * ICU, and the unit test holds the two together). */
static bool catalog_plural_setup(i18n_catalog_t *c, const char *lang, const char *po_path,
                                 char *err, size_t err_size)
{
    UErrorCode st = U_ZERO_ERROR;
    c->rules = uplrules_open(lang, &st);
    if (U_FAILURE(st)) {
        snprintf(err, err_size, "%s: no plural rules for '%s': %s", po_path, lang,
                 u_errorName(st));
        return false;
    }
    bool used[I18N_FORMS_MAX] = {false};
    for (int k = 0; c->compiled && k < I18N_FORMS_MAX; k++) {
        used[k] = c->category_form[k] >= 0; /* ICU said so when the catalog was compiled */
    }
    for (int n = 0; !c->compiled && n <= PLURAL_SAMPLE_MAX; n++) {
        char category[16];
        int k = plural_category(c->rules, n, category, sizeof category);
        if (k >= 0) {
            used[k] = true;
        }
    }
    char names[96] = "";
    c->ncategories = 0;
    for (int k = 0; k < I18N_FORMS_MAX; k++) {
        c->category_form[k] = used[k] ? c->ncategories++ : -1;
        if (used[k]) {
            size_t at = strlen(names);
            snprintf(names + at, sizeof names - at, "%s%s", at ? ", " : "", CLDR_CATEGORIES[k]);
        }
    }
    bool has_plurals = false;
    for (size_t i = 0; i < c->count; i++) {
        i18n_entry_t *e = &c->entries[i];
        has_plurals = has_plurals || e->nforms > 0;
        if (e->nforms > 0 && e->nforms != c->ncategories) {
            e->translated = false; /* a form missing: English, never a wrong form */
        }
    }
    if (has_plurals && c->nplurals == 0) {
        snprintf(err, err_size,
                 "%s: the header has no Plural-Forms, but the file has plural entries (%s "
                 "needs nplurals=%d: %s)",
                 po_path, lang, c->ncategories, names);
        return false;
    }
    if (c->nplurals != 0 && c->nplurals != c->ncategories) {
        snprintf(err, err_size,
                 "%s:%d: Plural-Forms gives nplurals=%d, but '%s' has %d plural forms in "
                 "CLDR (%s, in that order)",
                 po_path, plural_forms_line(po_path), c->nplurals, lang, c->ncategories,
                 names);
        return false;
    }
    return true;
}

static bool i18n_load_with(i18n_t *i18n, const char *lang, const char *po_path, bool isolated,
                           char *err, size_t err_size)
{
    unsigned char hash[CATALOG_HASH_BYTES];
    if (!catalog_cache_hash_file(po_path, hash)) {
        snprintf(err, err_size, "%s: cannot open: %s", po_path, strerror(errno));
        return false;
    }
    i18n_catalog_t fresh = {0};
    /* compiled before from these very bytes, or read now (in a child when isolated) */
    if (!catalog_cache_load(i18n->cache_dir, lang, hash, &fresh) &&
        (isolated ? !po_read_isolated(&fresh, po_path, err, err_size)
                  : !po_read_into(&fresh, po_path, err, err_size))) {
        return false;
    }
    if (!catalog_plural_setup(&fresh, lang, po_path, err, err_size)) {
        catalog_free(&fresh);
        return false;
    }
    i18n_catalog_t *slot = catalog_slot(i18n, lang);
    if (!slot) {
        snprintf(err, err_size, "%s: too many languages", po_path);
        catalog_free(&fresh);
        return false;
    }
    if (!fresh.compiled && i18n->cache_dir[0]) {
        catalog_cache_store(i18n->cache_dir, lang, hash, &fresh); /* else parsed next time */
    }
    catalog_free(slot);
    snprintf(fresh.lang, sizeof fresh.lang, "%s", slot->lang);
    *slot = fresh;
    return true;
}

bool i18n_load(i18n_t *i18n, const char *lang, const char *po_path, char *err, size_t err_size)
{
    return i18n_load_with(i18n, lang, po_path, true, err, err_size);
}

bool i18n_load_here(i18n_t *i18n, const char *lang, const char *po_path, char *err,
                    size_t err_size)
{
    return i18n_load_with(i18n, lang, po_path, false, err, err_size);
}

void i18n_set_cache_dir(i18n_t *i18n, const char *dir)
{
    snprintf(i18n->cache_dir, sizeof i18n->cache_dir, "%s", dir ? dir : "");
}

i18n_t *i18n_create(bool show_unreviewed)
{
    i18n_t *i18n = calloc(1, sizeof *i18n);
    if (i18n) {
        i18n->show_unreviewed = show_unreviewed;
    }
    return i18n;
}

void i18n_destroy(i18n_t *i18n)
{
    if (!i18n) {
        return;
    }
    for (int i = 0; i < i18n->count; i++) {
        catalog_free(&i18n->catalogs[i]);
    }
    free(i18n);
}

static const i18n_catalog_t *catalog_find(const i18n_t *i18n, const char *lang)
{
    for (int i = 0; lang && i < i18n->count; i++) {
        if (strcmp(i18n->catalogs[i].lang, lang) == 0) {
            return &i18n->catalogs[i];
        }
    }
    return NULL;
}

static const i18n_entry_t *entry_find(const i18n_catalog_t *c, const char *key)
{
    if (!c || !c->count) {
        return NULL;
    }
    i18n_entry_t probe = {.key = (char *)key};
    return bsearch(&probe, c->entries, c->count, sizeof *c->entries, entry_cmp);
}

static bool entry_usable(const i18n_t *i18n, const i18n_entry_t *e)
{
    return e && e->translated && (!e->fuzzy || i18n->show_unreviewed);
}

const char *i18n_text(const i18n_t *i18n, const char *lang, const char *key)
{
    const i18n_entry_t *e = entry_find(catalog_find(i18n, lang), key);
    if (entry_usable(i18n, e)) {
        return e->text;
    }
    const i18n_entry_t *en = entry_find(catalog_find(i18n, "en"), key);
    if (en) {
        return en->text;
    }
    return e ? e->text : key;
}

const char *i18n_english_of(const i18n_t *i18n, const char *lang, const char *text)
{
    const i18n_catalog_t *c = catalog_find(i18n, lang);
    for (size_t i = 0; c && text && i < c->count; i++) {
        const i18n_entry_t *e = &c->entries[i];
        /* the pointer i18n_text() returned, else an equal copy (a formatted label) */
        if (entry_usable(i18n, e) && (e->text == text || strcmp(e->text, text) == 0)) {
            const char *en = i18n_text(i18n, "en", e->key);
            return strcmp(en, text) != 0 && strcmp(en, e->key) != 0 ? en : NULL;
        }
    }
    return NULL;
}

const char *i18n_text_count(const i18n_t *i18n, const char *lang, const char *key, long n)
{
    /* the form agrees with the language the text is shown in: lang's, or English */
    const i18n_catalog_t *c = catalog_find(i18n, lang);
    const i18n_entry_t *e = entry_find(c, key);
    if (!entry_usable(i18n, e)) {
        c = catalog_find(i18n, "en");
        e = entry_find(c, key);
    }
    if (!e || e->nforms == 0) {
        return i18n_text(i18n, lang, key);
    }
    char category[16];
    int k = c->rules ? plural_category(c->rules, n, category, sizeof category) : -1;
    /* a category the language uses only past PLURAL_SAMPLE_MAX (Portuguese "many" for
     * millions) takes the last form, "other" */
    int form = k >= 0 && c->category_form[k] >= 0 ? c->category_form[k] : e->nforms - 1;
    return e->forms[form < e->nforms ? form : e->nforms - 1];
}

bool i18n_is_plural(const i18n_t *i18n, const char *key)
{
    const i18n_entry_t *e = entry_find(catalog_find(i18n, "en"), key);
    return e && e->nforms > 0;
}

int i18n_plural_missing(const i18n_t *i18n, const char *lang, const char **categories,
                        int max, const char *key)
{
    const i18n_catalog_t *c = catalog_find(i18n, lang);
    const i18n_entry_t *e = entry_find(c, key);
    int n = 0;
    if (!e || e->nforms == 0 || !c->rules) {
        return 0;
    }
    for (int k = 0; k < I18N_FORMS_MAX; k++) {
        int form = c->category_form[k];
        if (form >= 0 && (form >= e->nforms || !e->forms[form][0]) && n < max) {
            categories[n++] = CLDR_CATEGORIES[k];
        }
    }
    return n;
}

int i18n_plural_forms(const i18n_t *i18n, const char *lang, const char **categories,
                      int max)
{
    const i18n_catalog_t *c = catalog_find(i18n, lang);
    int n = 0;
    for (int k = 0; c && k < I18N_FORMS_MAX; k++) {
        if (c->category_form[k] >= 0 && c->rules && n < max) {
            categories[n++] = CLDR_CATEGORIES[k];
        }
    }
    return c && c->rules ? c->ncategories : 0;
}

const char *i18n_text_lang(const i18n_t *i18n, const char *lang, const char *key)
{
    const i18n_catalog_t *mine = catalog_find(i18n, lang);
    if (entry_usable(i18n, entry_find(mine, key))) {
        return mine->lang;
    }
    const i18n_catalog_t *en = catalog_find(i18n, "en");
    if (entry_find(en, key)) {
        return en->lang;
    }
    return entry_find(mine, key) ? mine->lang : NULL;
}

i18n_state_t i18n_state(const i18n_t *i18n, const char *lang, const char *key)
{
    const i18n_entry_t *e = entry_find(catalog_find(i18n, lang), key);
    if (!e || !e->translated) {
        return I18N_MISSING;
    }
    return e->fuzzy ? I18N_FUZZY : I18N_TRANSLATED;
}

void i18n_each_key(const i18n_t *i18n, const char *lang,
                   void (*fn)(void *user, const char *key, const char *text), void *user)
{
    const i18n_catalog_t *c = catalog_find(i18n, lang);
    for (size_t i = 0; c && i < c->count; i++) {
        fn(user, c->entries[i].key, c->entries[i].text);
    }
}

void i18n_each_text(const i18n_t *i18n, const char *lang,
                    void (*fn)(void *user, const char *key, const char *text), void *user)
{
    const i18n_catalog_t *c = catalog_find(i18n, lang);
    for (size_t i = 0; c && i < c->count; i++) {
        const i18n_entry_t *e = &c->entries[i];
        if (e->nforms == 0 || !e->translated) {
            fn(user, e->key, e->text);
        }
        for (int f = 0; e->translated && f < e->nforms; f++) {
            fn(user, e->key, e->forms[f]); /* each form is shown for some count */
        }
    }
}

static bool append(char *out, size_t out_size, size_t *used, const char *s, size_t n)
{
    if (*used + n >= out_size) {
        n = out_size - *used - 1;
        memcpy(out + *used, s, n);
        *used += n;
        return false;
    }
    memcpy(out + *used, s, n);
    *used += n;
    return true;
}

bool i18n_format(const char *tmpl, const char *const *names, const char *const *values,
                 size_t n, char *out, size_t out_size)
{
    size_t used = 0;
    bool ok = out_size > 0;
    for (const char *p = tmpl; ok && *p;) {
        const char *close = p[0] == '{' ? strchr(p, '}') : NULL;
        size_t i = n;
        if (close) {
            for (i = 0; i < n; i++) {
                size_t len = strlen(names[i]);
                if ((size_t)(close - p - 1) == len && strncmp(p + 1, names[i], len) == 0) {
                    break;
                }
            }
        }
        if (i < n) {
            ok = append(out, out_size, &used, values[i], strlen(values[i]));
            p = close + 1;
        } else {
            ok = append(out, out_size, &used, p, 1);
            p++;
        }
    }
    if (out_size > 0) {
        out[used] = '\0';
    }
    return ok;
}
