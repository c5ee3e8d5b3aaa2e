/* Kiosk configuration: built-in defaults, overridden by an INI file (DESIGN §7).
 * No SDL here. Keys named in DESIGN §7 are an interface: add keys, rename none. */
#ifndef KIOSK_PLATFORM_CONFIG_H
#define KIOSK_PLATFORM_CONFIG_H

#include "platform/ini_file.h"

#include <stdbool.h>
#include <stddef.h>

#define CONFIG_PATH_MAX 1024
#define CONFIG_ID_MAX 64
#define CONFIG_LANGS_MAX 256
#define CONFIG_ERROR_MAX 512
#define CONFIG_KEYS_MAX 72 /* rows of the key table in config.c */
#define CONFIG_OFF_HOURS_MAX 16
#define CONFIG_KEY_NAME_MAX 32 /* an SDL key name ("Keypad *", "F5") */

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
    int rotation;              /* 0, 90, 180, 270: clockwise, for a panel mounted turned */
    char off_hours[CONFIG_OFF_HOURS_MAX]; /* "HH:MM-HH:MM" blanked (local time); "" never */
    char renderer[16];         /* software | accelerated (SDL picks a GPU renderer) */
    /* [content] */
    char languages[CONFIG_LANGS_MAX]; /* comma-separated codes; empty = all enabled */
    char default_language[16];
    char translations[16]; /* all | reviewed_only (DESIGN §5) */
    bool show_unreviewed_translations; /* translations == all (the old key's spelling) */
    char font_dir[CONFIG_PATH_MAX];
    /* [session] */
    int idle_s;    /* seconds without input before the warning */
    int warning_s; /* countdown length; never under SESSION_WARNING_MIN_S */
    /* [report] */
    char receiver_public_key[CONFIG_PATH_MAX]; /* absolute path or base64; "" not set */
    bool allow_sample_key; /* development only: accept the published sample key */
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
    int heartbeat_s;                     /* signed unit status to the intake this often */
    char heartbeat_url[CONFIG_PATH_MAX]; /* "" = url with /v1/reports -> /v1/heartbeat */
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
    /* [input] keys by SDL key name (app/keymap.h checks them): a keyboard or USB keypad */
    char quick_exit_key[CONFIG_KEY_NAME_MAX]; /* besides Escape; default "*" (keypad) */
    bool keypad_atm;                          /* 2/8 up/down, 4/6 previous/next, 5 select */
    char speech_repeat_key[CONFIG_KEY_NAME_MAX];
    char speech_stop_key[CONFIG_KEY_NAME_MAX];
    char volume_up_key[CONFIG_KEY_NAME_MAX];
    char volume_down_key[CONFIG_KEY_NAME_MAX];
    char speech_slower_key[CONFIG_KEY_NAME_MAX];
    char speech_faster_key[CONFIG_KEY_NAME_MAX];
    /* [speech] recorded clips for languages without a voice: audio_dir/<lang>/<key>.wav;
     * "" = DATA_DIR/assets/audio */
    char audio_dir[CONFIG_PATH_MAX];
    /* [staff] (issue 19): what a member of staff helping someone is told, per site */
    char staff_record_where[256];      /* where to record the contact; "" = not set */
    char staff_policy_url[CONFIG_PATH_MAX]; /* the trust's own policy page (QR); "" = none */
    bool staff_side_by_side; /* each session starts with English beside its language */
    /* [admin] */
    char admin_pin_hash[256]; /* Argon2id string (crypto_pwhash_str) */
    /* where this configuration came from ("" when built-in defaults only) */
    char source_path[CONFIG_PATH_MAX];
    int key_lines[CONFIG_KEYS_MAX]; /* line each key was set on; 0: default */
} kiosk_config_t;

#define SESSION_WARNING_MIN_S 20

/** Fills cfg with the built-in defaults (state dir under the user's state folder,
 *  shipped content from the source or install tree). Never fails. */
void config_defaults(kiosk_config_t *cfg);

/** Reads an INI file over the current values of cfg and adds every problem to problems,
 *  each at its line: unknown sections and keys, keys set twice, malformed or out-of-range
 *  values (NaN too), relative paths, missing files and directories, a pin_hash that is not
 *  an Argon2id string, settings that do not fit together. Lists ([qr] allowed_hosts,
 *  [content] languages) add up over repeated keys and continuation lines. cfg then holds
 *  every good key and the previous value of each bad one. True when there was no problem.
 *  Nothing falls back: a caller that finds problems must not take reports (see
 *  app/config_check.h for the checks that need other modules). */
bool config_load_all(kiosk_config_t *cfg, const char *path, ini_problems_t *problems);

/** As config_load_all(), with the first problem in err. */
bool config_load(kiosk_config_t *cfg, const char *path, char *err, size_t err_size);

/** Checks values that cannot be checked one key at a time (lines from cfg->key_lines). */
bool config_validate_all(const kiosk_config_t *cfg, ini_problems_t *problems);
/** As config_validate_all(), with the first problem in err. */
bool config_validate(const kiosk_config_t *cfg, char *err, size_t err_size);

/** The line of cfg->source_path that set [section] key; 0 when it kept its default. */
int config_key_line(const kiosk_config_t *cfg, const char *section, const char *key);

/** Parses an off_hours value "HH:MM-HH:MM" into minutes after midnight. */
bool config_parse_off_hours(const char *value, int *from_min, int *to_min);

/** Lists (", "-separated, into out) the keys that name who runs the kiosk and who reads
 *  reports but are not set; returns how many. Not errors: the screens use a neutral
 *  phrase, but --check-config and the admin screen say "not configured" loudly. */
int config_unconfigured(const kiosk_config_t *cfg, char *out, size_t size);

/** Joins data_dir and a relative path ("locales/en.po") into out. */
void config_data_path(const kiosk_config_t *cfg, const char *rel, char *out, size_t out_size);

#endif
