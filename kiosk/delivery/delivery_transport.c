#include "delivery/delivery_transport.h"

#include <stdio.h>
#include <string.h>

delivery_transport_t *delivery_transport_create(const kiosk_config_t *cfg, char *err,
                                                size_t err_size)
{
    if (strcmp(cfg->transport, "https") == 0) {
        return delivery_https_create(cfg, err, err_size);
    }
    if (strcmp(cfg->transport, "spool") == 0) {
        char dir[CONFIG_PATH_MAX];
        delivery_spool_dir(cfg, dir, sizeof dir);
        return delivery_spool_create(dir, err, err_size);
    }
    snprintf(err, err_size, "unknown transport '%s'", cfg->transport);
    return NULL;
}

void delivery_transport_destroy(delivery_transport_t *t)
{
    if (t) {
        t->destroy(t);
    }
}

void delivery_spool_dir(const kiosk_config_t *cfg, char *out, size_t out_size)
{
    if (cfg->spool_dir[0]) {
        snprintf(out, out_size, "%s", cfg->spool_dir);
    } else {
        if (snprintf(out, out_size, "%s/spool", cfg->state_dir) >= (int)out_size) {
            out[0] = '\0'; /* too long to be usable; creating "" fails with a message */
        }
    }
}

bool delivery_report_id_valid(const char *report_id)
{
    size_t n = strlen(report_id);
    if (n != 36) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        char c = report_id[i];
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        if (dash ? c != '-' : !((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
            return false;
        }
    }
    return true;
}
