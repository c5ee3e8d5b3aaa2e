#include "platform/config.h"

#include "platform/ini_file.h"
#include "platform/paths.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

typedef enum { KEY_STRING, KEY_INT, KEY_BOOL, KEY_DOUBLE } key_type_t;

typedef struct config_key {
    const char *section;
    const char *name;
    key_type_t type;
    size_t offset;
    size_t size; /* strings: buffer size */
    double min, max;
} config_key_t;

#define STR(sec, key, field) {sec, key, KEY_STRING, offsetof(kiosk_config_t, field), \
                              sizeof(((kiosk_config_t *)0)->field), 0, 0}
#define INT(sec, key, field, lo, hi) {sec, key, KEY_INT, offsetof(kiosk_config_t, field), 0, lo, hi}
#define BOOL(sec, key, field) {sec, key, KEY_BOOL, offsetof(kiosk_config_t, field), 0, 0, 0}
#define DBL(sec, key, field, lo, hi) {sec, key, KEY_DOUBLE, offsetof(kiosk_config_t, field), 0, lo, hi}

/* Every key the kiosk reads. DESIGN §7 names are an interface: never rename them. */
static const config_key_t KEYS[] = {
    STR("kiosk", "site_id", site_id),
    STR("kiosk", "site_name", site_name),
    STR("kiosk", "kiosk_id", kiosk_id),
    STR("kiosk", "state_dir", state_dir),
    STR("kiosk", "data_dir", data_dir),
    STR("kiosk", "operator_name", operator_name),
    DBL("display", "screen_diagonal_in", screen_diagonal_in, 7, 100),
    STR("content", "languages", languages),
    STR("content", "default_language", default_language),
    BOOL("content", "show_unreviewed_translations", show_unreviewed_translations),
    STR("content", "font_dir", font_dir),
    INT("session", "idle_s", idle_s, 10, 3600),
    INT("session", "warning_s", warning_s, SESSION_WARNING_MIN_S, 600),
    STR("report", "receiver_public_key", receiver_public_key),
    STR("report", "receiver_name", receiver_name),
    STR("report", "receiver_phone", receiver_phone),
    STR("report", "privacy_url", privacy_url),
    STR("report", "support_service", support_service),
    STR("delivery", "transport", transport),
    STR("delivery", "spool_dir", spool_dir),
    STR("delivery", "url", url),
    STR("delivery", "ca_file", ca_file),
    STR("delivery", "client_cert", client_cert),
    STR("delivery", "client_key", client_key),
    INT("delivery", "backoff_base_ms", backoff_base_ms, 10, 3600000),
    INT("delivery", "backoff_cap_ms", backoff_cap_ms, 100, 86400000),
    INT("delivery", "timeout_s", timeout_s, 1, 600),
    STR("printer", "sink", printer_sink),
    INT("printer", "width_dots", printer_width_dots, 128, 2048),
    BOOL("printer", "partial_cut", printer_partial_cut),
    BOOL("printer", "bilingual", slip_bilingual),
    STR("printer", "slip", slip_style),
    INT("printer", "timeout_s", printer_timeout_s, 1, 120),
    STR("qr", "allowed_hosts", qr_allowed_hosts),
    STR("qr", "follow_up_url", qr_follow_up_url),
    STR("admin", "pin_hash", admin_pin_hash),
};

void config_defaults(kiosk_config_t *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    snprintf(cfg->site_id, sizeof cfg->site_id, "dev-site");
    snprintf(cfg->site_name, sizeof cfg->site_name, "Development kiosk");
    snprintf(cfg->kiosk_id, sizeof cfg->kiosk_id, "dev-kiosk-1");
    paths_default_state_dir(cfg->state_dir, sizeof cfg->state_dir);
    paths_default_data_dir(cfg->data_dir, sizeof cfg->data_dir);
    cfg->screen_diagonal_in = 21.5;
    snprintf(cfg->default_language, sizeof cfg->default_language, "en");
    cfg->show_unreviewed_translations = false;
    snprintf(cfg->font_dir, sizeof cfg->font_dir, "/usr/share/fonts/truetype/noto");
    cfg->idle_s = 90;
    cfg->warning_s = 30;
    /* The bundled sample key: development only; the kiosk warns when it is used. */
    snprintf(cfg->receiver_public_key, sizeof cfg->receiver_public_key,
             "config/sample-receiver/receiver.pub");
    snprintf(cfg->transport, sizeof cfg->transport, "spool");
    /* empty spool_dir means STATE_DIR/spool */
    cfg->backoff_base_ms = 1000;
    cfg->backoff_cap_ms = 300000;
    cfg->timeout_s = 20;
    snprintf(cfg->printer_sink, sizeof cfg->printer_sink, "none");
    cfg->printer_width_dots = 576;
    cfg->printer_partial_cut = true;
    cfg->slip_bilingual = true;
    snprintf(cfg->slip_style, sizeof cfg->slip_style, "discreet");
    /* the service a "support" consent passes the report to (an id in services.ini) */
    snprintf(cfg->support_service, sizeof cfg->support_service, "victim_support");
    cfg->printer_timeout_s = 10;
    /* The hosts of the shipped config/services.ini; a deployment adds its local ones. */
    snprintf(cfg->qr_allowed_hosts, sizeof cfg->qr_allowed_hosts,
             "report-it.org.uk,stophateuk.org,victimsupport.org.uk,samaritans.org,"
             "galop.org.uk,tellmamauk.org,cst.org.uk,leics.police.uk,nhs.uk");
}

static bool config_set(kiosk_config_t *cfg, const config_key_t *k, const char *value,
                       char *problem, size_t size)
{
    char *field = (char *)cfg + k->offset;
    switch (k->type) {
    case KEY_STRING:
        return ini_copy_string(value, field, k->size, problem, size);
    case KEY_INT:
        return ini_parse_int(value, (int)k->min, (int)k->max, (int *)field, problem, size);
    case KEY_BOOL:
        return ini_parse_bool(value, (bool *)field, problem, size);
    case KEY_DOUBLE:
        return ini_parse_double(value, k->min, k->max, (double *)field, problem, size);
    }
    return false;
}

static bool config_on_item(void *user, const char *section, const char *key,
                           const char *value, char *problem, size_t size)
{
    kiosk_config_t *cfg = user;
    for (size_t i = 0; i < sizeof KEYS / sizeof KEYS[0]; i++) {
        if (strcasecmp(KEYS[i].section, section) == 0 && strcasecmp(KEYS[i].name, key) == 0) {
            char tmp[CONFIG_PATH_MAX];
            if (!config_set(cfg, &KEYS[i], value, tmp, sizeof tmp)) {
                snprintf(problem, size, "[%s] %s: %s", section, key, tmp);
                return false;
            }
            return true;
        }
    }
    snprintf(problem, size, "unknown key '%s' in section [%s]", key, section);
    return false;
}

bool config_load(kiosk_config_t *cfg, const char *path, char *err, size_t err_size)
{
    /* Good keys apply even when others are bad (inih reads on past a bad line), so one
     * typo never silently swaps a deployment's receiver key or site id for defaults.
     * A bad value keeps its previous (default) value. */
    kiosk_config_t next = *cfg;
    bool ok = ini_file_parse(path, config_on_item, &next, err, err_size);
    char why[CONFIG_ERROR_MAX];
    if (!config_validate(&next, why, sizeof why)) {
        if (ok) {
            snprintf(err, err_size, "%s: %s", path, why);
        }
        ok = false;
        /* Delivery settings that do not fit together fall back to the durable spool. */
        snprintf(next.transport, sizeof next.transport, "spool");
        if (next.backoff_cap_ms < next.backoff_base_ms) {
            next.backoff_cap_ms = next.backoff_base_ms;
        }
        if (next.kiosk_id[0] == '\0') {
            snprintf(next.kiosk_id, sizeof next.kiosk_id, "%s", cfg->kiosk_id);
        }
        if (next.state_dir[0] == '\0') {
            snprintf(next.state_dir, sizeof next.state_dir, "%s", cfg->state_dir);
        }
    }
    *cfg = next;
    snprintf(cfg->source_path, sizeof cfg->source_path, "%s", path);
    return ok;
}

bool config_validate(const kiosk_config_t *cfg, char *err, size_t err_size)
{
    if (strcmp(cfg->transport, "spool") != 0 && strcmp(cfg->transport, "https") != 0) {
        snprintf(err, err_size, "[delivery] transport must be 'spool' or 'https', not '%s'",
                 cfg->transport);
        return false;
    }
    if (strcmp(cfg->transport, "https") == 0 && strncmp(cfg->url, "https://", 8) != 0) {
        snprintf(err, err_size, "[delivery] url must start with https:// for transport https");
        return false;
    }
    if (strcmp(cfg->slip_style, "discreet") != 0 && strcmp(cfg->slip_style, "full") != 0) {
        snprintf(err, err_size, "[printer] slip must be 'discreet' or 'full', not '%s'",
                 cfg->slip_style);
        return false;
    }
    if (cfg->backoff_cap_ms < cfg->backoff_base_ms) {
        snprintf(err, err_size, "[delivery] backoff_cap_ms is below backoff_base_ms");
        return false;
    }
    if (cfg->kiosk_id[0] == '\0' || cfg->state_dir[0] == '\0') {
        snprintf(err, err_size, "[kiosk] kiosk_id and state_dir must not be empty");
        return false;
    }
    return true;
}

void config_data_path(const kiosk_config_t *cfg, const char *rel, char *out, size_t out_size)
{
    if (rel[0] == '/') {
        snprintf(out, out_size, "%s", rel);
    } else {
        snprintf(out, out_size, "%s/%s", cfg->data_dir, rel);
    }
}

int config_unconfigured(const kiosk_config_t *cfg, char *out, size_t size)
{
    /* who runs the kiosk and who reads reports: shipped empty, named on the patients'
     * screens; a neutral phrase stands in, so these warn rather than fail */
    const struct {
        const char *name, *value;
    } keys[] = {{"[kiosk] operator_name", cfg->operator_name},
                {"[report] receiver_name", cfg->receiver_name},
                {"[report] receiver_phone", cfg->receiver_phone},
                {"[report] privacy_url", cfg->privacy_url}};
    int n = 0;
    out[0] = '\0';
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        if (keys[i].value[0] == '\0') {
            size_t len = strlen(out);
            snprintf(out + len, size - len, "%s%s", n++ ? ", " : "", keys[i].name);
        }
    }
    return n;
}
