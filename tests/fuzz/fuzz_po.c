/* libFuzzer: PO catalogs through libgettextpo into the catalog (i18n_load_here: in this
 * process, so the fuzzer sees the parser), then a lookup
 * and a plural form. The same bytes also go to the decoder of a catalog's byte form (what
 * the reader's child sends back and the compiled-catalog cache holds). */
#include "fuzz_util.h"

#include "i18n/catalog.h"
#include "i18n/catalog_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_write_input(data, size, ".po");
    if (!path) {
        return 0;
    }
    char err[512];
    i18n_t *i = i18n_create(true);
    if (i && i18n_load_here(i, "pl", path, err, sizeof err)) {
        i18n_text(i, "pl", "home.report.title");
        i18n_text_count(i, "pl", "timeout.body", 3);
    }
    i18n_destroy(i);
    i18n_catalog_t decoded = {0};
    if (catalog_decode(&decoded, (const char *)data, size)) {
        catalog_free(&decoded);
    }
    return 0;
}
