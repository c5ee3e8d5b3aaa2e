/* Loads every PO file given, ROUNDS times over (as content reloads would), into fresh
 * catalogs; for tests/integration/i18n_load_no_leak.sh under valgrind.
 *   i18n_reload ROUNDS FILE.po...        exit 0 = every load succeeded */
#include "i18n/catalog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The language of a catalog from its file name (locales/pl.po: "pl"): its header's
 * Plural-Forms is checked against that language's CLDR rules. */
static void lang_of(const char *path, char *out, size_t size)
{
    const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
    size_t n = strcspn(base, ".");
    snprintf(out, size, "%.*s", (int)(n < size ? n : size - 1), base);
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: i18n_reload ROUNDS FILE.po...\n");
        return 2;
    }
    int rounds = atoi(argv[1]), failed = 0;
    for (int r = 0; r < rounds; r++) {
        i18n_t *i = i18n_create(true);
        for (int f = 2; f < argc; f++) {
            char err[512], lang[16];
            lang_of(argv[f], lang, sizeof lang);
            if (!i18n_load(i, lang, argv[f], err, sizeof err)) {
                fprintf(stderr, "%s\n", err);
                failed++;
            }
        }
        i18n_destroy(i);
    }
    return failed ? 1 : 0;
}
