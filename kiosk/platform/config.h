/* Kiosk configuration: built-in defaults, overridden by an INI file (DESIGN §7).
 * No SDL here. Keys named in DESIGN §7 are an interface: add keys, rename none. */
#ifndef KIOSK_PLATFORM_CONFIG_H
#define KIOSK_PLATFORM_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#define CONFIG_PATH_MAX 1024
#define CONFIG_ID_MAX 64
#define CONFIG_LANGS_MAX 256
#define CONFIG_ERROR_MAX 512

typedef struct kiosk_config {
    /* [kiosk] */
    char site_id[CONFIG_ID_MAX];
    char site_name[128];
    char kiosk_id[CONFIG_ID_MAX];
    char state_dir[CONFIG_PATH_MAX]; /* default: $XDG_STATE_HOME/kiosk */
    char data_dir[CONFIG_PATH_MAX];  /* locales/, config/, assets/ live here */
    char operator_name[128]; /* who runs the kiosk (privacy page); "" = not configured */
    /* [display] */
    double screen_diagonal_in; /* for mm-based sizes (text height, QR size) */
    /* [content] */
    char languages[CONFIG_LANGS_MAX]; /* comma-separated codes; empty = all enabled */
    char default_language[16];
    bool show_unreviewed_translations;
    char font_dir[CONFIG_PATH_MAX];
    /* [session] */
    int idle_s;    /* seconds without input before the warning */
    int warning_s; /* countdown length; never under SESSION_WARNING_MIN_S */
    /* [report] */
    char receiver_public_key[CONFIG_PATH_MAX]; /* path or base64 */
    char receiver_name[128];  /* who reads reports; "" = not configured (admin warns) */
    char receiver_phone[32];  /* their number, to quote the reference; "" = not configured */
    char privacy_url[CONFIG_PATH_MAX]; /* full privacy notice (QR); "" = not configured */
    char support_service[32]; /* services.ini id a "support" consent goes to */
    /* [delivery] */
    char transport[16]; /* spool | https */
    char spool_dir[CONFIG_PATH_MAX];
    char url[CONFIG_PATH_MAX];
    char ca_file[CONFIG_PATH_MAX];
    char client_cert[CONFIG_PATH_MAX];
    char client_key[CONFIG_PATH_MAX];
    int backoff_base_ms;
    int backoff_cap_ms;
    int timeout_s;
    /* [printer] */
    char printer_sink[CONFIG_PATH_MAX]; /* none | file:PATH | tcp:HOST:PORT | device:PATH */
    int printer_width_dots;
    bool printer_partial_cut;
    bool slip_bilingual;
    char slip_style[16]; /* discreet (default: nothing says why) | full */
    int printer_timeout_s;
    /* [qr] what QR codes may link to (qr/qr_url.h): hosts (an entry allows its
     * subdomains) and an optional follow-up URL whose only placeholder is {reference} */
    char qr_allowed_hosts[CONFIG_PATH_MAX];
    char qr_follow_up_url[CONFIG_PATH_MAX];
    /* [admin] */
    char admin_pin_hash[256]; /* Argon2id string (crypto_pwhash_str) */
    /* where this configuration came from ("" when built-in defaults only) */
    char source_path[CONFIG_PATH_MAX];
} kiosk_config_t;

#define SESSION_WARNING_MIN_S 20

/** Fills cfg with the built-in defaults (state dir under the user's state folder,
 *  shipped content from the source or install tree). Never fails. */
void config_defaults(kiosk_config_t *cfg);

/** Reads an INI file over the current values of cfg. On error returns false and writes
 *  "FILE:LINE: problem" (the first problem) into err; cfg then holds every good key of
 *  the file, the previous values for bad ones, and is valid to run on (delivery settings
 *  that do not fit together fall back to the spool). */
bool config_load(kiosk_config_t *cfg, const char *path, char *err, size_t err_size);

/** Checks values that cannot be checked one key at a time. */
bool config_validate(const kiosk_config_t *cfg, char *err, size_t err_size);

/** Lists (", "-separated, into out) the keys that name who runs the kiosk and who reads
 *  reports but are not set; returns how many. Not errors: the screens use a neutral
 *  phrase, but --check-config and the admin screen say "not configured" loudly. */
int config_unconfigured(const kiosk_config_t *cfg, char *out, size_t size);

/** Joins data_dir and a relative path ("locales/en.po") into out. */
void config_data_path(const kiosk_config_t *cfg, const char *rel, char *out, size_t out_size);

#endif
