/* libFuzzer: the receiver's known_kiosks file (kr_known_load) and a key check against it. */
#include "fuzz_util.h"

#include "cli/kiosk_reports.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_write_input(data, size, ".known");
    if (!path) {
        return 0;
    }
    static kr_known_t k;
    char err[KR_ERROR_MAX];
    memset(&k, 0, sizeof k);
    if (kr_known_load(&k, path, err, sizeof err)) {
        static const unsigned char pk[REPORT_SIGN_PK_BYTES] = {1};
        const kr_known_entry_t *entry = NULL;
        (void)kr_known_check(&k, "LEI-0001", pk, "2026-01-01", &entry);
    }
    kr_known_deinit(&k);
    return 0;
}
