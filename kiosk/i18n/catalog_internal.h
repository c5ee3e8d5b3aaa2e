/* What catalog.c, catalog_codec.c and catalog_cache.c share: one language's catalog as it
 * is held in memory, and the byte form it travels in (from the PO reader's child process,
 * and to and from the compiled-catalog cache). Not for other modules. */
#ifndef KIOSK_I18N_CATALOG_INTERNAL_H
#define KIOSK_I18N_CATALOG_INTERNAL_H

#include "i18n/catalog.h"

#include <stdbool.h>
#include <stddef.h>
#include <unicode/upluralrules.h>

typedef struct i18n_entry {
    char *key;  /* msgctxt */
    char *text; /* msgstr (msgstr[0] of a plural), or msgid when it is not translated */
    char *forms[I18N_FORMS_MAX]; /* a plural's msgstr[i], or msgid/msgid_plural when not
                                  * translated; all NULL for a singular entry */
    int nforms;
    bool fuzzy;
    bool translated; /* msgstr (every msgstr[i] of a plural) was not empty */
} i18n_entry_t;

typedef struct i18n_catalog {
    char lang[16];
    i18n_entry_t *entries; /* sorted by key */
    size_t count;
    int nplurals;              /* the header's Plural-Forms nplurals; 0 when not given */
    int plural_line;           /* its line in the file, for messages */
    UPluralRules *rules;       /* ICU's CLDR rules for lang */
    int category_form[I18N_FORMS_MAX]; /* msgstr index of each CLDR category; -1 unused */
    int ncategories;           /* categories lang uses for whole numbers */
    bool compiled;             /* read from the cache, category_form with it */
} i18n_catalog_t;

void catalog_entry_free(i18n_entry_t *e);
/** Frees c's entries and rules and leaves it empty (its lang stays). */
void catalog_free(i18n_catalog_t *c);

/* ---- catalog_codec.c ----
 * The byte form of what a PO file gave (entries and the header's nplurals; not the ICU
 * rules, which are made again from the language): i32 nplurals, then per entry a flags
 * byte, u32 key length, key, u32 text length, text and (plural entries) a form count byte
 * and each form as u32 length, text. Native byte order: it never leaves the machine. */

/** c's entries in byte form, malloc'd into *out (*len bytes). False when out of memory. */
bool catalog_encode(const i18n_catalog_t *c, char **out, size_t *len);
/** Rebuilds entries and nplurals from catalog_encode()'s bytes into the empty fresh. False
 *  (fresh left empty) when the bytes are cut short or malformed. */
bool catalog_decode(i18n_catalog_t *fresh, const char *buf, size_t len);

/* ---- catalog_cache.c ----
 * Compiled catalogs: a PO file read once is kept in byte form in a cache folder, under the
 * BLAKE2b hash of the PO file's bytes, so a start-up whose PO files have not changed reads
 * the compiled form (a fraction of a millisecond) instead of parsing each file with
 * libgettextpo (about 8 ms each). Any change to a PO file changes its hash: the file is
 * read again and the entry replaced. Only catalogs that loaded without error are kept. */

#define CATALOG_HASH_BYTES 32

/** Reads po_path whole and hashes it into hash. False (errno set) when it cannot be read. */
bool catalog_cache_hash_file(const char *po_path, unsigned char hash[CATALOG_HASH_BYTES]);
/** Fills the empty fresh from dir's entry for lang when it was made from a PO file with this
 *  hash by this ICU version and is intact: entries, nplurals, category_form (which CLDR
 *  categories ICU gave lang for whole numbers) and compiled; false (fresh empty) otherwise. */
bool catalog_cache_load(const char *dir, const char *lang,
                        const unsigned char hash[CATALOG_HASH_BYTES], i18n_catalog_t *fresh);
/** Replaces dir's entry for lang with c (made from a PO file with this hash, its
 *  category_form set up for lang), written to a
 *  temporary file and renamed into place so a reader never sees half of it. False when it
 *  cannot be written (the kiosk then parses that PO file at each start-up). */
bool catalog_cache_store(const char *dir, const char *lang,
                         const unsigned char hash[CATALOG_HASH_BYTES], const i18n_catalog_t *c);

#endif
