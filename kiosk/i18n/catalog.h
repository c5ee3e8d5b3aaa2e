/* Translated strings: GNU gettext PO files read with libgettextpo (DESIGN §5).
 * msgctxt is the stable key ("home.report.title"), msgid the English text, msgstr the
 * translation. No SDL. */
#ifndef KIOSK_I18N_CATALOG_H
#define KIOSK_I18N_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

typedef struct i18n i18n_t;

/* CLDR's six plural categories: the most forms a count can have (Arabic uses all). */
#define I18N_FORMS_MAX 6

typedef enum {
    I18N_TRANSLATED, /* reviewed translation */
    I18N_FUZZY,      /* draft; shown only when unreviewed text is allowed */
    I18N_MISSING,    /* no usable translation: English shown */
} i18n_state_t;

/** show_unreviewed: whether fuzzy (draft) entries are shown instead of English.
 *  Caller frees with i18n_destroy(). */
i18n_t *i18n_create(bool show_unreviewed);
void i18n_destroy(i18n_t *i18n);

/** Keeps compiled catalogs in dir (which must exist): a PO file loaded once and not
 *  changed since is read from there (its bytes' hash decides) instead of parsed again. NULL
 *  or "" keeps none (the default). Errors are never kept: a broken file is read and
 *  reported each time. */
void i18n_set_cache_dir(i18n_t *i18n, const char *dir);

/** Loads (or replaces) the catalog of lang from a PO file. On error returns false with
 *  "FILE:LINE: problem"; the language's previous catalog (if any) stays in use. The file
 *  is parsed in a short-lived child process, so libgettextpo's leaks never reach the kiosk.
 *  A header Plural-Forms whose nplurals is not the number of CLDR plural categories lang
 *  uses for whole numbers (ICU) is an error: its forms would be shown for the wrong
 *  counts. */
bool i18n_load(i18n_t *i18n, const char *lang, const char *po_path, char *err, size_t err_size);
/** As i18n_load(), but reads in this process (libgettextpo leaks each msgctxt it parses):
 *  for the fuzzer, which must see the parser's coverage. */
bool i18n_load_here(i18n_t *i18n, const char *lang, const char *po_path, char *err,
                    size_t err_size);

/** The text for key in lang: its translation, else English, else the key itself (so a
 *  missing string is visible, never a crash). The pointer lives until the catalog is
 *  replaced or the i18n is destroyed. */
const char *i18n_text(const i18n_t *i18n, const char *lang, const char *key);

/** The text for key in lang that agrees with the count n. A count's forms are a gettext
 *  plural entry (msgid_plural, msgstr[0..nplurals-1]); the form is chosen by the CLDR
 *  plural category of n (ICU's rules) in the language the text is shown in: msgstr[i] is
 *  the i-th category the language uses for whole numbers, in CLDR order (zero, one, two,
 *  few, many, other), as in the Plural-Forms of the PO headers. A plural with any form
 *  missing is shown in English (English's rules pick msgid or msgid_plural). A key that
 *  is not a plural: as i18n_text(). */
const char *i18n_text_count(const i18n_t *i18n, const char *lang, const char *key, long n);

/** The language the text i18n_text() gives for key in lang is written in: lang, or "en"
 *  when it falls back to English; NULL when no catalog has the key (the key is shown). */
const char *i18n_text_lang(const i18n_t *i18n, const char *lang, const char *key);

/** The CLDR categories lang's catalog uses for whole numbers, in msgstr order: writes at
 *  most max names ("one", "few", ...) to categories and returns how many there are (0
 *  when lang has no catalog). For the content checker: how many forms a plural needs. */
int i18n_plural_forms(const i18n_t *i18n, const char *lang, const char **categories,
                      int max);

/** True when key is a count (English gives it as a plural). */
bool i18n_is_plural(const i18n_t *i18n, const char *key);

/** The CLDR categories of lang (ICU) for which lang's plural key has no form: an empty
 *  msgstr[i], or fewer msgstr[] than the language has forms. The whole plural is then
 *  shown in English. Writes at most max names to categories; returns how many (0 when
 *  key is not a plural in lang's catalog). */
int i18n_plural_missing(const i18n_t *i18n, const char *lang, const char **categories,
                        int max, const char *key);

/** The English of a text i18n_text() gave in lang (side by side: English beside the
 *  person's language): the English text of the first key whose usable text in lang is
 *  text; NULL when no key of lang shows text, or its English is the same text (it already
 *  is English). */
const char *i18n_english_of(const i18n_t *i18n, const char *lang, const char *text);
/** How key stands in lang (for the content linter). */
i18n_state_t i18n_state(const i18n_t *i18n, const char *lang, const char *key);

/** Calls fn for every key of lang's catalog, in key order, once per key (a plural with
 *  its msgstr[0], or its msgid when not translated). */
void i18n_each_key(const i18n_t *i18n, const char *lang,
                   void (*fn)(void *user, const char *key, const char *text), void *user);

/** As i18n_each_key(), but once for each text the catalog can show: every form of a
 *  translated plural (for fit and shaping checks). */
void i18n_each_text(const i18n_t *i18n, const char *lang,
                    void (*fn)(void *user, const char *key, const char *text), void *user);

/** Replaces {name} placeholders in template with values; names/values have n entries.
 *  Unknown placeholders are kept as written. False if out is too small (out is still
 *  terminated). */
bool i18n_format(const char *tmpl, const char *const *names, const char *const *values,
                 size_t n, char *out, size_t out_size);

#endif
