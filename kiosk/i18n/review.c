#include "i18n/review.h"

#include <stdio.h>
#include <string.h>

#define REVIEW_KEY_MAX 256
#define PLACEHOLDERS_MAX 16
#define PLACEHOLDER_NAME_MAX 32

bool i18n_key_english_only(const char *key)
{
    return strncmp(key, "staff.", 6) == 0 || strncmp(key, "admin.", 6) == 0;
}

typedef struct review_ctx {
    const i18n_t *i18n;
    const char *lang;
    i18n_review_t *out;
} review_ctx_t;

static void review_one(void *user, const char *key, const char *text)
{
    review_ctx_t *c = user;
    (void)text;
    if (i18n_key_english_only(key)) {
        return;
    }
    if (strcmp(c->lang, "en") == 0) {
        c->out->reviewed++;
        return;
    }
    switch (i18n_state(c->i18n, c->lang, key)) {
    case I18N_TRANSLATED:
        c->out->reviewed++;
        break;
    case I18N_FUZZY:
        c->out->draft++;
        break;
    case I18N_MISSING:
        c->out->missing++;
        break;
    }
}

void i18n_review_count(const i18n_t *i18n, const char *lang, i18n_review_t *out)
{
    memset(out, 0, sizeof *out);
    review_ctx_t c = {i18n, lang, out};
    i18n_each_key(i18n, "en", review_one, &c);
}

bool i18n_review_complete(const i18n_review_t *review)
{
    return review->draft == 0 && review->missing == 0;
}

/* Count forms are gettext plurals (catalog.h): the catalog knows which CLDR categories
 * of a language a plural key lacks a form for. */
bool i18n_key_has_plurals(const i18n_t *i18n, const char *key)
{
    return i18n_is_plural(i18n, key);
}

int i18n_plural_gaps(const i18n_t *i18n, const char *lang, const char *key,
                     char out[][I18N_CATEGORY_MAX], int max)
{
    const char *cats[I18N_FORMS_MAX];
    int n = i18n_is_plural(i18n, key) ? i18n_plural_missing(i18n, lang, cats, I18N_FORMS_MAX, key)
                                      : 0;
    int given = 0;
    for (int i = 0; i < n && given < max; i++) {
        snprintf(out[given++], I18N_CATEGORY_MAX, "%s", cats[i]);
    }
    return given;
}

typedef struct placeholders {
    char names[PLACEHOLDERS_MAX][PLACEHOLDER_NAME_MAX];
    int counts[PLACEHOLDERS_MAX];
    int n;
} placeholders_t;

/* {name}: what i18n_format() replaces; names are ASCII letters, digits and '_'. */
static void placeholders_scan(const char *s, placeholders_t *p)
{
    memset(p, 0, sizeof *p);
    for (const char *open = strchr(s, '{'); open; open = strchr(open + 1, '{')) {
        size_t len = strspn(open + 1, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                      "0123456789_");
        if (len == 0 || len >= PLACEHOLDER_NAME_MAX || open[1 + len] != '}') {
            continue;
        }
        int i = 0;
        while (i < p->n && (strlen(p->names[i]) != len || strncmp(p->names[i], open + 1, len))) {
            i++;
        }
        if (i == p->n && p->n < PLACEHOLDERS_MAX) {
            memcpy(p->names[p->n], open + 1, len);
            p->names[p->n++][len] = '\0';
        }
        if (i < p->n) {
            p->counts[i]++;
        }
    }
}

static int placeholders_count(const placeholders_t *p, const char *name)
{
    for (int i = 0; i < p->n; i++) {
        if (strcmp(p->names[i], name) == 0) {
            return p->counts[i];
        }
    }
    return 0;
}

bool i18n_placeholders_match(const char *english, const char *translated, char *why,
                             size_t why_size)
{
    placeholders_t en, tr;
    placeholders_scan(english, &en);
    placeholders_scan(translated, &tr);
    for (int i = 0; i < en.n; i++) {
        int got = placeholders_count(&tr, en.names[i]);
        if (got != en.counts[i]) {
            if (got == 0) {
                snprintf(why, why_size, "{%s} is missing (it would not be filled in)",
                         en.names[i]);
            } else {
                snprintf(why, why_size, "{%s} appears %d times, in English %d", en.names[i],
                         got, en.counts[i]);
            }
            return false;
        }
    }
    for (int i = 0; i < tr.n; i++) {
        if (placeholders_count(&en, tr.names[i]) == 0) {
            snprintf(why, why_size, "{%s} is not in the English (it would be shown raw)",
                     tr.names[i]);
            return false;
        }
    }
    return true;
}
