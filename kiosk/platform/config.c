#include "platform/config.h"

#include "platform/paths.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

typedef enum { KEY_STRING, KEY_INT, KEY_BOOL, KEY_DOUBLE } key_type_t;

/* What a value must be besides its type. */
enum {
    KEY_LIST = 1 << 0,      /* comma list: repeated keys and continuation lines add to it */
    KEY_ABS_PATH = 1 << 1,  /* an absolute path when set */
    KEY_DIR = 1 << 2,       /* ... of an existing directory */
    KEY_FILE = 1 << 3,      /* ... of an existing regular file */
    KEY_ARGON2ID = 1 << 4,  /* an Argon2id hash string (crypto_pwhash_str) */
    KEY_OFF_HOURS = 1 << 5, /* "HH:MM-HH:MM" */
    KEY_ROTATION = 1 << 6,  /* 0, 90, 180 or 270 */
    KEY_TRANSPORT = 1 << 7, /* spool or https */
    KEY_SLIP = 1 << 8,      /* discreet or full */
    KEY_RENDERER = 1 << 9,  /* software or accelerated */
    KEY_TRANSLATIONS = 1 << 10, /* all or reviewed_only */
};

typedef struct config_key {
    const char *section;
    const char *name;
    key_type_t type;
    size_t offset;
    size_t size; /* strings: buffer size */
    double min, max;
    unsigned flags;
} config_key_t;

#define FIELD(f) offsetof(kiosk_config_t, f), sizeof(((kiosk_config_t *)0)->f)
#define STR(sec, key, f, flags) {sec, key, KEY_STRING, FIELD(f), 0, 0, flags}
#define INT(sec, key, f, lo, hi, flags) {sec, key, KEY_INT, FIELD(f), lo, hi, flags}
#define BOOL(sec, key, f) {sec, key, KEY_BOOL, FIELD(f), 0, 0, 0}
#define DBL(sec, key, f, lo, hi) {sec, key, KEY_DOUBLE, FIELD(f), lo, hi, 0}

/* Every key the kiosk reads. DESIGN §7 names are an interface: never rename them. */
static const config_key_t KEYS[] = {
    STR("kiosk", "site_id", site_id, 0),
    STR("kiosk", "site_name", site_name, 0),
    STR("kiosk", "kiosk_id", kiosk_id, 0),
    STR("kiosk", "state_dir", state_dir, KEY_ABS_PATH),
    STR("kiosk", "data_dir", data_dir, KEY_ABS_PATH | KEY_DIR),
    STR("kiosk", "operator_name", operator_name, 0),
    DBL("display", "screen_diagonal_in", screen_diagonal_in, 7, 100),
    INT("display", "rotation", rotation, 0, 270, KEY_ROTATION),
    STR("display", "off_hours", off_hours, KEY_OFF_HOURS),
    STR("display", "renderer", renderer, KEY_RENDERER),
    STR("content", "languages", languages, KEY_LIST),
    STR("content", "default_language", default_language, 0),
    STR("content", "translations", translations, KEY_TRANSLATIONS),
    /* the old spelling of translations (true = all, false = reviewed_only): still read */
    BOOL("content", "show_unreviewed_translations", show_unreviewed_translations),
    STR("content", "font_dir", font_dir, KEY_ABS_PATH | KEY_DIR),
    INT("session", "idle_s", idle_s, 10, 3600, 0),
    INT("session", "warning_s", warning_s, SESSION_WARNING_MIN_S, 600, 0),
    STR("report", "receiver_public_key", receiver_public_key, 0),
    BOOL("report", "allow_sample_key", allow_sample_key),
    STR("report", "receiver_name", receiver_name, 0),
    STR("report", "receiver_phone", receiver_phone, 0),
    STR("report", "privacy_url", privacy_url, 0),
    STR("report", "support_service", support_service, 0),
    STR("delivery", "transport", transport, KEY_TRANSPORT),
    STR("delivery", "spool_dir", spool_dir, KEY_ABS_PATH),
    STR("delivery", "url", url, 0),
    STR("delivery", "ca_file", ca_file, KEY_ABS_PATH | KEY_FILE),
    STR("delivery", "client_cert", client_cert, KEY_ABS_PATH | KEY_FILE),
    STR("delivery", "client_key", client_key, KEY_ABS_PATH | KEY_FILE),
    INT("delivery", "backoff_base_ms", backoff_base_ms, 10, 3600000, 0),
    INT("delivery", "backoff_cap_ms", backoff_cap_ms, 100, 86400000, 0),
    INT("delivery", "timeout_s", timeout_s, 1, 600, 0),
    INT("delivery", "heartbeat_s", heartbeat_s, 10, 86400, 0),
    STR("delivery", "heartbeat_url", heartbeat_url, 0),
    STR("printer", "sink", printer_sink, 0),
    INT("printer", "width_dots", printer_width_dots, 128, 2048, 0),
    BOOL("printer", "partial_cut", printer_partial_cut),
    BOOL("printer", "bilingual", slip_bilingual),
    STR("printer", "slip", slip_style, KEY_SLIP),
    INT("printer", "timeout_s", printer_timeout_s, 1, 120, 0),
    STR("qr", "allowed_hosts", qr_allowed_hosts, KEY_LIST),
    STR("qr", "follow_up_url", qr_follow_up_url, 0),
    STR("input", "quick_exit_key", quick_exit_key, 0),
    BOOL("input", "keypad_atm", keypad_atm),
    STR("input", "repeat_key", speech_repeat_key, 0),
    STR("input", "stop_key", speech_stop_key, 0),
    STR("input", "volume_up_key", volume_up_key, 0),
    STR("input", "volume_down_key", volume_down_key, 0),
    STR("input", "slower_key", speech_slower_key, 0),
    STR("input", "faster_key", speech_faster_key, 0),
    STR("speech", "audio_dir", audio_dir, KEY_ABS_PATH | KEY_DIR),
    STR("staff", "record_where", staff_record_where, 0),
    STR("staff", "policy_url", staff_policy_url, 0),
    BOOL("staff", "side_by_side", staff_side_by_side),
    STR("admin", "pin_hash", admin_pin_hash, KEY_ARGON2ID),
};
#define KEY_COUNT (sizeof KEYS / sizeof KEYS[0])
_Static_assert(KEY_COUNT <= CONFIG_KEYS_MAX, "raise CONFIG_KEYS_MAX");

/* Sections that hold no key of ours but are not mistakes. */
static const char *const SECTIONS[] = {"kiosk", "display", "content", "session", "report",
                                       "delivery", "printer", "qr", "admin", "input", "speech",
                                       "staff"};

void config_defaults(kiosk_config_t *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    snprintf(cfg->site_id, sizeof cfg->site_id, "dev-site");
    snprintf(cfg->site_name, sizeof cfg->site_name, "Development kiosk");
    snprintf(cfg->kiosk_id, sizeof cfg->kiosk_id, "dev-kiosk-1");
    paths_default_state_dir(cfg->state_dir, sizeof cfg->state_dir);
    paths_default_data_dir(cfg->data_dir, sizeof cfg->data_dir);
    cfg->screen_diagonal_in = 21.5;
    /* measured (tests/bench/run.sh): a mostly still screen redraws fast enough in software,
     * and without a GL stack the kiosk is a fraction of the size */
    snprintf(cfg->renderer, sizeof cfg->renderer, "software");
    snprintf(cfg->default_language, sizeof cfg->default_language, "en");
    /* a fresh install shows every shipped language in its own words (drafts included);
     * reviewed_only is the deliberate choice of whoever decides on review */
    snprintf(cfg->translations, sizeof cfg->translations, "all");
    cfg->show_unreviewed_translations = true;
    snprintf(cfg->font_dir, sizeof cfg->font_dir, "/usr/share/fonts/truetype/noto");
    cfg->idle_s = 90;
    cfg->warning_s = 30;
    /* No receiver key by default: a kiosk takes no report until one is configured. */
    snprintf(cfg->transport, sizeof cfg->transport, "spool");
    /* empty spool_dir means STATE_DIR/spool */
    cfg->backoff_base_ms = 1000;
    cfg->backoff_cap_ms = 300000;
    cfg->timeout_s = 20;
    cfg->heartbeat_s = 300;
    snprintf(cfg->printer_sink, sizeof cfg->printer_sink, "none");
    cfg->printer_width_dots = 576;
    cfg->printer_partial_cut = true;
    cfg->slip_bilingual = true;
    snprintf(cfg->slip_style, sizeof cfg->slip_style, "discreet");
    /* the service a "support" consent passes the report to (an id in services.ini) */
    snprintf(cfg->support_service, sizeof cfg->support_service, "victim_support");
    cfg->printer_timeout_s = 10;
    /* keypad keys the ATM layout leaves free (2/4/5/6/8 move and select): on a USB keypad
     * the whole kiosk, speech included, works with one hand */
    snprintf(cfg->quick_exit_key, sizeof cfg->quick_exit_key, "Keypad *");
    cfg->keypad_atm = true;
    snprintf(cfg->speech_repeat_key, sizeof cfg->speech_repeat_key, "Keypad 0");
    snprintf(cfg->speech_stop_key, sizeof cfg->speech_stop_key, "Keypad .");
    snprintf(cfg->volume_up_key, sizeof cfg->volume_up_key, "Keypad +");
    snprintf(cfg->volume_down_key, sizeof cfg->volume_down_key, "Keypad -");
    snprintf(cfg->speech_slower_key, sizeof cfg->speech_slower_key, "Keypad 7");
    snprintf(cfg->speech_faster_key, sizeof cfg->speech_faster_key, "Keypad 9");
    /* The hosts of the shipped config/services.ini; a deployment adds its local ones. */
    snprintf(cfg->qr_allowed_hosts, sizeof cfg->qr_allowed_hosts,
             "report-it.org.uk,stophateuk.org,victimsupport.org.uk,samaritans.org,"
             "galop.org.uk,tellmamauk.org,cst.org.uk,leics.police.uk,nhs.uk,relayuk.bt.com");
}

bool config_parse_off_hours(const char *value, int *from_min, int *to_min)
{
    int h1, m1, h2, m2, used = 0;
    if (sscanf(value, "%2d:%2d-%2d:%2d%n", &h1, &m1, &h2, &m2, &used) != 4 ||
        value[used] != '\0' || h1 < 0 || h1 > 23 || h2 < 0 || h2 > 23 || m1 < 0 || m1 > 59 ||
        m2 < 0 || m2 > 59 || (h1 == h2 && m1 == m2)) {
        return false;
    }
    *from_min = h1 * 60 + m1;
    *to_min = h2 * 60 + m2;
    return true;
}

/* The checks of one value beyond its type (flags of the key). */
static bool config_check_value(const config_key_t *k, const char *value, char *problem,
                               size_t size)
{
    struct stat st;
    int a, b;
    if ((k->flags & KEY_ABS_PATH) && value[0] && value[0] != '/') {
        snprintf(problem, size, "'%s' is a relative path: give the full path from /", value);
        return false;
    }
    if ((k->flags & KEY_DIR) && value[0] && (stat(value, &st) != 0 || !S_ISDIR(st.st_mode))) {
        snprintf(problem, size, "'%s' is not a directory", value);
        return false;
    }
    if ((k->flags & KEY_FILE) && value[0] &&
        (stat(value, &st) != 0 || !S_ISREG(st.st_mode) || access(value, R_OK) != 0)) {
        snprintf(problem, size, "'%s' is not a readable file", value);
        return false;
    }
    if ((k->flags & KEY_ARGON2ID) && value[0] &&
        (strncmp(value, "$argon2id$", 10) != 0 ||
         crypto_pwhash_str_needs_rehash(value, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                        crypto_pwhash_MEMLIMIT_INTERACTIVE) < 0)) {
        snprintf(problem, size, "not an Argon2id hash: make one with `kiosk --hash-pin`");
        return false;
    }
    if ((k->flags & KEY_OFF_HOURS) && value[0] && !config_parse_off_hours(value, &a, &b)) {
        snprintf(problem, size, "'%s' is not HH:MM-HH:MM (for example 20:00-07:30)", value);
        return false;
    }
    if ((k->flags & KEY_TRANSPORT) && strcmp(value, "spool") != 0 && strcmp(value, "https") != 0) {
        snprintf(problem, size, "'%s' is not a transport: spool or https", value);
        return false;
    }
    if ((k->flags & KEY_SLIP) && strcmp(value, "discreet") != 0 && strcmp(value, "full") != 0) {
        snprintf(problem, size, "'%s' is not a slip: discreet or full", value);
        return false;
    }
    if ((k->flags & KEY_TRANSLATIONS) && strcmp(value, "all") != 0 &&
        strcmp(value, "reviewed_only") != 0) {
        snprintf(problem, size, "'%s' is not all or reviewed_only", value);
        return false;
    }
    if ((k->flags & KEY_RENDERER) && strcmp(value, "software") != 0 &&
        strcmp(value, "accelerated") != 0) {
        snprintf(problem, size, "'%s' is not a renderer: software or accelerated", value);
        return false;
    }
    return true;
}

static bool config_set(kiosk_config_t *cfg, const config_key_t *k, const char *value,
                       bool append, char *problem, size_t size)
{
    char *field = (char *)cfg + k->offset;
    if (!config_check_value(k, value, problem, size)) {
        return false;
    }
    switch (k->type) {
    case KEY_STRING:
        if (append && field[0] && value[0]) {
            size_t used = strlen(field), n = strlen(value);
            if (used + 1 + n >= k->size) {
                snprintf(problem, size, "the list is too long (at most %zu bytes)", k->size - 1);
                return false;
            }
            field[used] = ',';
            memcpy(field + used + 1, value, n + 1);
            return true;
        }
        return ini_copy_string(value, field, k->size, problem, size);
    case KEY_INT:
        if (!ini_parse_int(value, (int)k->min, (int)k->max, (int *)field, problem, size)) {
            return false;
        }
        if ((k->flags & KEY_ROTATION) && *(int *)field % 90 != 0) {
            snprintf(problem, size, "%s is not 0, 90, 180 or 270", value);
            return false;
        }
        return true;
    case KEY_BOOL:
        return ini_parse_bool(value, (bool *)field, problem, size);
    case KEY_DOUBLE:
        return ini_parse_double(value, k->min, k->max, (double *)field, problem, size);
    }
    return false;
}

static bool config_section_known(const char *section)
{
    for (size_t i = 0; i < sizeof SECTIONS / sizeof SECTIONS[0]; i++) {
        if (strcasecmp(SECTIONS[i], section) == 0) {
            return true;
        }
    }
    return false;
}

static bool config_on_item(void *user, int line, const char *section, const char *key,
                           const char *value, char *problem, size_t size)
{
    kiosk_config_t *cfg = user;
    if (!config_section_known(section)) {
        /* said once, on the header; its keys are not reported again */
        if (!key) {
            snprintf(problem, size, "unknown section [%s]", section);
            return false;
        }
        return true;
    }
    if (!key) {
        return true;
    }
    for (size_t i = 0; i < KEY_COUNT; i++) {
        const config_key_t *k = &KEYS[i];
        if (strcasecmp(k->section, section) != 0 || strcasecmp(k->name, key) != 0) {
            continue;
        }
        bool again = cfg->key_lines[i] != 0;
        if (again && !(k->flags & KEY_LIST)) {
            snprintf(problem, size, "[%s] %s is set twice (first on line %d)", section, key,
                     cfg->key_lines[i]);
            return false;
        }
        char why[INI_PROBLEM_MAX];
        if (!config_set(cfg, k, value, again, why, sizeof why)) {
            snprintf(problem, size, "[%s] %s: %s", section, key, why);
            return false;
        }
        if (!again) {
            cfg->key_lines[i] = line;
        }
        return true;
    }
    snprintf(problem, size, "unknown key '%s' in section [%s]", key, section);
    return false;
}

int config_key_line(const kiosk_config_t *cfg, const char *section, const char *key)
{
    for (size_t i = 0; i < KEY_COUNT; i++) {
        if (strcmp(KEYS[i].section, section) == 0 && strcmp(KEYS[i].name, key) == 0) {
            return cfg->key_lines[i];
        }
    }
    return 0;
}

/* [content] translations and its old spelling show_unreviewed_translations name one
 * setting: the new key wins its own value into the bool every reader uses; both set and
 * disagreeing is a mistake (which one did the person mean?). */
static void config_settle_translations(kiosk_config_t *cfg, ini_problems_t *problems)
{
    int new_line = config_key_line(cfg, "content", "translations");
    int old_line = config_key_line(cfg, "content", "show_unreviewed_translations");
    bool all = strcmp(cfg->translations, "all") == 0;
    if (new_line && old_line && all != cfg->show_unreviewed_translations) {
        ini_problems_add(problems, cfg->source_path, old_line, "content",
                         "[content] show_unreviewed_translations = %s contradicts translations "
                         "= %s on line %d: keep only translations",
                         cfg->show_unreviewed_translations ? "true" : "false", cfg->translations,
                         new_line);
    }
    if (new_line) {
        cfg->show_unreviewed_translations = all;
    } else if (old_line) {
        snprintf(cfg->translations, sizeof cfg->translations, "%s",
                 cfg->show_unreviewed_translations ? "all" : "reviewed_only");
    }
}

bool config_load_all(kiosk_config_t *cfg, const char *path, ini_problems_t *problems)
{
    int before = problems->count + problems->dropped;
    memset(cfg->key_lines, 0, sizeof cfg->key_lines);
    snprintf(cfg->source_path, sizeof cfg->source_path, "%s", path);
    ini_file_parse_all(path, config_on_item, cfg, problems);
    config_settle_translations(cfg, problems);
    config_validate_all(cfg, problems);
    return problems->count + problems->dropped == before;
}

bool config_load(kiosk_config_t *cfg, const char *path, char *err, size_t err_size)
{
    ini_problems_t *problems = calloc(1, sizeof *problems);
    if (!problems) {
        snprintf(err, err_size, "%s: out of memory", path);
        return false;
    }
    bool ok = config_load_all(cfg, path, problems);
    if (!ok) {
        snprintf(err, err_size, "%s", problems->items[0].text);
    }
    free(problems);
    return ok;
}

bool config_validate_all(const kiosk_config_t *cfg, ini_problems_t *p)
{
    int before = p->count + p->dropped;
    const char *path = cfg->source_path[0] ? cfg->source_path : "(built-in defaults)";
    if (strcmp(cfg->transport, "https") == 0 && strncmp(cfg->url, "https://", 8) != 0) {
        int line = config_key_line(cfg, "delivery", "url");
        ini_problems_add(p, path, line ? line : config_key_line(cfg, "delivery", "transport"),
                         "delivery", "[delivery] url must start with https:// for transport "
                         "https (reports are never sent unencrypted)");
    }
    if (cfg->backoff_cap_ms < cfg->backoff_base_ms) {
        ini_problems_add(p, path, config_key_line(cfg, "delivery", "backoff_cap_ms"), "delivery",
                         "[delivery] backoff_cap_ms is below backoff_base_ms");
    }
    if (cfg->state_dir[0] == '\0') {
        ini_problems_add(p, path, config_key_line(cfg, "kiosk", "state_dir"), "kiosk",
                         "[kiosk] state_dir must not be empty");
    }
    if ((cfg->client_cert[0] != '\0') != (cfg->client_key[0] != '\0')) {
        int line = config_key_line(cfg, "delivery", cfg->client_cert[0] ? "client_cert"
                                                                         : "client_key");
        ini_problems_add(p, path, line, "delivery",
                         "[delivery] client_cert and client_key go together");
    }
    return p->count + p->dropped == before;
}

bool config_validate(const kiosk_config_t *cfg, char *err, size_t err_size)
{
    ini_problems_t *problems = calloc(1, sizeof *problems);
    if (!problems) {
        snprintf(err, err_size, "out of memory");
        return false;
    }
    bool ok = config_validate_all(cfg, problems);
    if (!ok) {
        snprintf(err, err_size, "%s", problems->items[0].text);
    }
    free(problems);
    return ok;
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
