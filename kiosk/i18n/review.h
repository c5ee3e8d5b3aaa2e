/* How far each language's catalog is reviewed, and the per-string checks of a translation
 * against its English: one place for the admin screen, `kiosk --check-content` and the
 * tests. No SDL. */
#ifndef KIOSK_I18N_REVIEW_H
#define KIOSK_I18N_REVIEW_H

#include "i18n/catalog.h"

#include <stdbool.h>
#include <stddef.h>

#define I18N_PLURAL_CATEGORIES_MAX 6 /* CLDR: zero one two few many other */
#define I18N_CATEGORY_MAX 8

typedef struct i18n_review {
    int reviewed; /* translated, not fuzzy */
    int draft;    /* translated, fuzzy: shown only with [content] translations = all */
    int missing;  /* no translation: English shown */
} i18n_review_t;

/** Keys shown to staff only: the health staff's pages ("staff.*", issue 19) and the estates
 *  staff's status screen ("admin.*"). English-only, never missing elsewhere. */
bool i18n_key_english_only(const char *key);

/** Counts the states of lang's strings over the English catalog's keys (English-only
 *  keys left out). English itself counts every key reviewed. */
void i18n_review_count(const i18n_t *i18n, const char *lang, i18n_review_t *out);

/** No draft and no missing string: what [content] translations = reviewed_only offers. */
bool i18n_review_complete(const i18n_review_t *review);

/** The CLDR plural categories of lang that key's count forms lack in lang's catalog
 *  ("few" for Polish when only "one" and "other" are there), as ICU's rules for lang name
 *  them. Only for a key English gives count forms and lang translates. Writes at most max
 *  names; returns how many. */
int i18n_plural_gaps(const i18n_t *i18n, const char *lang, const char *key,
                     char out[][I18N_CATEGORY_MAX], int max);

/** True when key has count forms in English (is shown with i18n_text_count()). */
bool i18n_key_has_plurals(const i18n_t *i18n, const char *key);

/** Compares the {name} placeholders of a translation with its English: the same names, the
 *  same number of times each. False with the first difference in why ("{count} missing",
 *  "{cuont} is not in the English"). */
bool i18n_placeholders_match(const char *english, const char *translated, char *why,
                             size_t why_size);

#endif
