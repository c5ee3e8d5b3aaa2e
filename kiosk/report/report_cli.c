#include "report/report_cli.h"

#include "delivery/delivery.h"
#include "report/report_keys.h"
#include "report/report_service.h"

#include <sodium.h>
#include <string.h>

int report_cli_deliver(const kiosk_config_t *cfg, FILE *out)
{
    char err[DELIVERY_ERROR_MAX], path[CONFIG_PATH_MAX + 32];
    if (sodium_init() < 0) {
        fprintf(out, "error: cannot initialise libsodium\n");
        return 1;
    }
    delivery_transport_t *t = delivery_transport_create(cfg, err, sizeof err);
    if (!t) {
        fprintf(out, "error: %s\n", err);
        return 1;
    }
    report_service_outbox_path(cfg, path, sizeof path);
    return delivery_run_once(cfg, path, t, out);
}

int report_cli_signing_key(const kiosk_config_t *cfg, FILE *out)
{
    char err[CONFIG_ERROR_MAX], line[REPORT_KEY_BASE64_MAX];
    report_signing_key_t key;
    if (sodium_init() < 0 ||
        !report_signing_key_load_or_create(cfg->state_dir, &key, err, sizeof err)) {
        fprintf(out, "error: %s\n", sodium_init() < 0 ? "cannot initialise libsodium" : err);
        return 1;
    }
    report_key_to_base64(key.pk, sizeof key.pk, line, sizeof line);
    sodium_memzero(&key, sizeof key);
    fprintf(out, "%s\n", line);
    return 0;
}
