/* libFuzzer: the receiver's known_kiosks file (kr_known_load) and a lookup in it. */
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
        kr_known_find(&k, "LEI-0001");
    }
    kr_known_deinit(&k);
    return 0;
}
