#include "app/config_check.h"

#include "app/keymap.h"
#include "i18n/languages.h"
#include "print/sink.h"
#include "qr/qr_url.h"
#include "report/report_ids.h"
#include "report/report_keys.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define CHECK_HOST_MAX 253 /* DNS name length */
#define CHECK_LABEL_MAX 63

static const char *check_path(const kiosk_config_t *cfg)
{
    return cfg->source_path[0] ? cfg->source_path : "(built-in defaults)";
}

#define check_add(out, cfg, section, key, ...)                                                     \
    ini_problems_add(&(out)->problems, check_path(cfg), config_key_line(cfg, section, key),        \
                     section, __VA_ARGS__)

static void check_ids(const kiosk_config_t *cfg, config_check_t *out)
{
    char err[INI_PROBLEM_MAX];
    if (!report_id_check(cfg->site_id, "[kiosk] site_id", err, sizeof err)) {
        check_add(out, cfg, "kiosk", "site_id", "%s", err);
    }
    if (!report_id_check(cfg->kiosk_id, "[kiosk] kiosk_id", err, sizeof err)) {
        check_add(out, cfg, "kiosk", "kiosk_id", "%s", err);
    }
}

static void check_receiver_key(const kiosk_config_t *cfg, config_check_t *out)
{
    unsigned char pk[REPORT_RECEIVER_PK_BYTES];
    char err[INI_PROBLEM_MAX];
    if (!report_receiver_public_key(cfg, pk, err, sizeof err)) {
        check_add(out, cfg, "report", "receiver_public_key", "%s", err);
    }
}

static void check_printer(const kiosk_config_t *cfg, config_check_t *out)
{
    char err[INI_PROBLEM_MAX];
    if (!print_sink_spec_enabled(cfg->printer_sink)) {
        return;
    }
    print_sink_t *sink = print_sink_create(cfg->printer_sink, err, sizeof err);
    if (!sink) {
        check_add(out, cfg, "printer", "sink", "[printer] sink: %s", err);
    }
    print_sink_destroy(sink);
}

/* [input]: every key is a key SDL knows by that name (a typo would leave a person with
 * a keypad unable to leave quickly or to hear the screen). */
static void check_input(const kiosk_config_t *cfg, config_check_t *out)
{
    const struct {
        const char *key;
        const char *value;
    } keys[] = {
        {"quick_exit_key", cfg->quick_exit_key},   {"repeat_key", cfg->speech_repeat_key},
        {"stop_key", cfg->speech_stop_key},        {"volume_up_key", cfg->volume_up_key},
        {"volume_down_key", cfg->volume_down_key}, {"slower_key", cfg->speech_slower_key},
        {"faster_key", cfg->speech_faster_key},
    };
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        if (keys[i].value[0] && keymap_parse_key(keys[i].value) == SDLK_UNKNOWN) {
            check_add(out, cfg, "input", keys[i].key,
                      "[input] %s: '%s' is not a key name (such as \"Keypad *\" or \"F5\")",
                      keys[i].key, keys[i].value);
        }
    }
}

/* A DNS host name: dot-separated labels of letters, digits and inner '-'. */
static bool check_host_name(const char *host)
{
    size_t n = strlen(host), label = 0;
    if (n == 0 || n > CHECK_HOST_MAX || host[n - 1] == '.') {
        return false;
    }
    for (size_t i = 0; i <= n; i++) {
        char c = host[i];
        if (c == '.' || c == '\0') {
            if (label == 0 || host[i - 1] == '-') {
                return false;
            }
            label = 0;
            continue;
        }
        bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        if ((!alnum && c != '-') || (c == '-' && label == 0) || ++label > CHECK_LABEL_MAX) {
            return false;
        }
    }
    return true;
}

static void check_qr(const kiosk_config_t *cfg, config_check_t *out)
{
    char list[CONFIG_PATH_MAX], err[256], url[QR_URL_MAX];
    snprintf(list, sizeof list, "%s", cfg->qr_allowed_hosts);
    char *save = NULL;
    for (char *h = strtok_r(list, ",", &save); h; h = strtok_r(NULL, ",", &save)) {
        h += strspn(h, " \t");
        h[strcspn(h, " \t")] = '\0';
        if (!check_host_name(h)) {
            check_add(out, cfg, "qr", "allowed_hosts",
                      "[qr] allowed_hosts: '%s' is not a host name", h);
        }
    }
    if (cfg->privacy_url[0] && !qr_url_check(cfg->privacy_url, cfg->qr_allowed_hosts, err,
                                             sizeof err)) {
        check_add(out, cfg, "report", "privacy_url", "[report] privacy_url: %s", err);
    }
    /* the staff pages' QR: https on an allowed host, like every code the kiosk shows */
    if (cfg->staff_policy_url[0] && !qr_url_check(cfg->staff_policy_url, cfg->qr_allowed_hosts,
                                                  err, sizeof err)) {
        check_add(out, cfg, "staff", "policy_url", "[staff] policy_url: %s", err);
    }
    if (cfg->qr_follow_up_url[0] &&
        !qr_url_expand(cfg->qr_follow_up_url, "ABC-234-XYZ", cfg->qr_allowed_hosts, url, sizeof url,
                       err, sizeof err)) {
        check_add(out, cfg, "qr", "follow_up_url", "[qr] follow_up_url: %s", err);
    }
}

static void check_languages(const kiosk_config_t *cfg, config_check_t *out)
{
    char path[CONFIG_PATH_MAX + 64], err[CONFIG_ERROR_MAX];
    lang_registry_t *reg = calloc(1, sizeof *reg);
    config_data_path(cfg, "locales/languages.ini", path, sizeof path);
    if (!reg || !lang_registry_load(reg, path, err, sizeof err)) {
        check_add(out, cfg, "kiosk", "data_dir", "[kiosk] data_dir: %s",
                  reg ? err : "out of memory");
        free(reg);
        return;
    }
    char list[CONFIG_LANGS_MAX], *save = NULL;
    bool default_listed = cfg->languages[0] == '\0';
    snprintf(list, sizeof list, "%s", cfg->languages);
    for (char *c = strtok_r(list, ", \t", &save); c; c = strtok_r(NULL, ", \t", &save)) {
        if (!lang_registry_find(reg, c)) {
            check_add(out, cfg, "content", "languages",
                      "[content] languages: '%s' is not a language of %s", c, path);
        }
        default_listed = default_listed || strcmp(c, cfg->default_language) == 0;
    }
    if (!lang_registry_find(reg, cfg->default_language)) {
        check_add(out, cfg, "content", "default_language",
                  "[content] default_language: '%s' is not a language of %s", cfg->default_language,
                  path);
    } else if (!default_listed) {
        check_add(out, cfg, "content", "default_language",
                  "[content] default_language '%s' is not in languages", cfg->default_language);
    }
    free(reg);
}

static void check_dirs(const kiosk_config_t *cfg, config_check_t *out)
{
    struct stat st;
    if (stat(cfg->font_dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
        check_add(out, cfg, "content", "font_dir", "[content] font_dir '%s' is not a directory",
                  cfg->font_dir);
    }
}

bool config_check_run(kiosk_config_t *cfg, config_check_t *out)
{
    int before = out->problems.count + out->problems.dropped;
    check_ids(cfg, out);
    check_receiver_key(cfg, out);
    check_printer(cfg, out);
    check_input(cfg, out);
    check_qr(cfg, out);
    check_languages(cfg, out);
    check_dirs(cfg, out);
    out->reports_ok = true;
    out->printer_ok = true;
    for (int i = 0; i < out->problems.count; i++) {
        if (strcmp(out->problems.items[i].section, "printer") == 0) {
            out->printer_ok = false;
        } else if (strcmp(out->problems.items[i].section, "input") == 0 ||
                   strcmp(out->problems.items[i].section, "speech") == 0) {
            /* a wrong key name or clip folder does not stop reports: that key does nothing
             * and the language shows its "cannot read aloud" notice (both logged); Escape,
             * Tab and Enter always work */
        } else {
            out->reports_ok = false;
        }
    }
    if (out->problems.dropped > 0) {
        out->reports_ok = false;
    }
    if (!out->printer_ok) {
        snprintf(cfg->printer_sink, sizeof cfg->printer_sink, "none");
    }
    return out->problems.count + out->problems.dropped == before;
}

/* In file order, as a person reads the file (stable: same-line problems keep theirs). */
static void check_sort_by_line(ini_problems_t *p)
{
    for (int i = 1; i < p->count; i++) {
        ini_problem_t item = p->items[i];
        int j = i;
        for (; j > 0 && p->items[j - 1].line > item.line; j--) {
            p->items[j] = p->items[j - 1];
        }
        p->items[j] = item;
    }
}

bool config_check_load(kiosk_config_t *cfg, const char *path, config_check_t *out)
{
    memset(out, 0, sizeof *out);
    if (path) {
        config_load_all(cfg, path, &out->problems);
    } else {
        config_validate_all(cfg, &out->problems);
    }
    config_check_run(cfg, out);
    check_sort_by_line(&out->problems);
    return out->problems.count + out->problems.dropped == 0;
}
