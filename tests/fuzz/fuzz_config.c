/* libFuzzer: the kiosk's INI config (config_load, then config_validate). */
#include "fuzz_util.h"

#include "platform/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *path = fuzz_write_input(data, size, ".ini");
    if (!path) {
        return 0;
    }
    static kiosk_config_t cfg;
    char err[CONFIG_ERROR_MAX];
    config_defaults(&cfg);
    if (config_load(&cfg, path, err, sizeof err)) {
        config_validate(&cfg, err, sizeof err);
    }
    return 0;
}
