/* libFuzzer: the content INI files (services.ini, areas.ini, a keyboard layout); the first
 * byte chooses which loader reads the rest. */
#include "fuzz_util.h"

#include "content/areas.h"
#include "content/keyboards.h"
#include "content/services.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) {
        return 0;
    }
    const char *path = fuzz_write_input(data + 1, size - 1, ".ini");
    if (!path) {
        return 0;
    }
    char err[512];
    switch (data[0] % 3) {
    case 0: {
        static services_t s;
        if (services_load(&s, path, err, sizeof err)) {
            const service_t *out[64];
            services_filter(&s, 0xFFFFu, out, 64);
        }
        break;
    }
    case 1: {
        static area_list_t a;
        areas_load(&a, path, err, sizeof err);
        break;
    }
    default: {
        static keyboard_layout_t kb;
        keyboard_load(&kb, path, err, sizeof err);
        break;
    }
    }
    return 0;
}
