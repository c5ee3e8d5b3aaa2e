/* kiosk-reports: the receiving organisation's tool (DESIGN §7). Internal header shared by
 * the kiosk_reports*.c files.
 *
 * Data flow: kr_open_paths() finds envelopes (files, spool directories, outbox.db), has
 * report_envelope_open() verify and decrypt each, parses the report strictly, checks the
 * kiosk's key in known_kiosks, de-duplicates, applies the consent filter and hands each
 * surviving report to a kr_report_fn: the exporter (JSON, CSV, xlsx) or the statistics. */
#ifndef KIOSK_CLI_KIOSK_REPORTS_H
#define KIOSK_CLI_KIOSK_REPORTS_H

#include "report/report.h"
#include "report/report_keys.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define KR_PATH_MAX 1200
#define KR_ERROR_MAX 512
#define KR_KNOWN_FILE "known_kiosks"
#define KR_DATE_MAX 11 /* "2025-06-30" */

/* ---- known_kiosks: kiosk id -> its signing keys, each valid from/until a date ---- */

typedef struct kr_known_entry {
    char kiosk_id[REPORT_KIOSK_ID_MAX];
    unsigned char pk[REPORT_SIGN_PK_BYTES];
    char from[KR_DATE_MAX];  /* first day reports may carry, "" = no limit */
    char until[KR_DATE_MAX]; /* last day (inclusive), "" = still in use */
} kr_known_entry_t;

typedef struct kr_known {
    char path[KR_PATH_MAX];
    kr_known_entry_t *entries; /* owned */
    size_t count, capacity;
} kr_known_t;

typedef enum {
    KR_PIN_MATCH,   /* a registered key of this kiosk, valid on the report's date */
    KR_PIN_UNKNOWN, /* the kiosk id is not registered at all */
    KR_PIN_CHANGED, /* registered, but never with this key */
    KR_PIN_OUTSIDE, /* this kiosk's key, but the report is dated outside its from/until */
} kr_pin_result_t;

/** Loads path (a missing file is an empty list). Refuses a file others may write. */
bool kr_known_load(kr_known_t *k, const char *path, char *err, size_t err_size);
void kr_known_deinit(kr_known_t *k);
/** Checks pk for kiosk_id on date (the report's created_at; its first 10 characters count).
 *  *entry (may be NULL) gets the entry with this key, if any. */
kr_pin_result_t kr_known_check(const kr_known_t *k, const char *kiosk_id, const unsigned char *pk,
                               const char *date, const kr_known_entry_t **entry);
/** Adds a key for kiosk_id, or sets the dates of that key if already listed, and writes the
 *  file atomically. A new key without an end date ends every other open key of the kiosk
 *  on its from date (re-keying: older reports stay valid); *closed counts those. */
bool kr_known_add_key(kr_known_t *k, const char *kiosk_id, const unsigned char *pk,
                      const char *from, const char *until, int *closed, char *err, size_t err_size);
/** A kiosk id usable as one word in known_kiosks: printable, no spaces, not empty. */
bool kr_kiosk_id_valid(const char *kiosk_id);
/** known_kiosks next to the receiver key file. */
void kr_known_path_for_key(const char *key_path, char *out, size_t out_size);
/** "YYYY-MM-DD" (shape and calendar). */
bool kr_date_valid(const char *date);

/* ---- opening ---- */

typedef enum {
    KR_CONSENT_ANY,        /* every report; each row says which consents it carries */
    KR_CONSENT_POLICE,     /* only reports the person allowed the police to read */
    KR_CONSENT_SUPPORT,    /* only reports the person allowed a support service to act on */
    KR_CONSENT_STATISTICS, /* only reports allowed in statistics; coded fields only */
} kr_consent_t;

typedef struct kr_open_options {
    const char *key_path;   /* receiver.key */
    const char *known_path; /* NULL = known_kiosks next to key_path */
    bool pin_first_sight;   /* register unknown kiosks whose envelopes fully validate */
    kr_consent_t consent;
} kr_open_options_t;

/** One verified, strictly parsed, de-duplicated report that passed the consent filter.
 *  json is its re-serialisation (report_json_write), so every output agrees. False (with
 *  err) stops the run: the output cannot be written. */
typedef bool (*kr_report_fn)(void *user, const report_t *r, const char *json, size_t json_len,
                             char *err, size_t err_size);

/** Every envelope lands in exactly one of printed, duplicates, filtered, rejected. */
typedef struct kr_counts {
    int envelopes;  /* envelopes (and unreadable files) looked at */
    int printed;    /* handed to the output */
    int duplicates; /* the same report from the same kiosk seen again: left out */
    int filtered;   /* left out by --consent */
    int rejected;   /* refused: bad, forged, unknown kiosk, wrong key, unreadable */
    int conflicts;  /* printed, but another envelope claims the same report id */
} kr_counts_t;

/** Exit codes shared by every command. */
enum { KR_EXIT_OK = 0, KR_EXIT_FATAL = 1, KR_EXIT_PROBLEMS = 2 };

/** Opens every envelope under paths, calling fn for each report. Problems go to errout,
 *  one line each naming the file, then one summary line. Returns KR_EXIT_OK when every
 *  envelope opened cleanly, KR_EXIT_PROBLEMS when some were refused or conflict (the rest
 *  still reach fn), KR_EXIT_FATAL when nothing could be done (key, known_kiosks, output). */
int kr_open_paths(const kr_open_options_t *opt, char *const *paths, int path_count, kr_report_fn fn,
                  void *user, FILE *errout, kr_counts_t *counts);

/** Reads a receiver secret key, refusing one that group or others may read (the message
 *  gives the chmod to run). */
bool kr_secret_key_load(const char *path, unsigned char pk[REPORT_RECEIVER_PK_BYTES],
                        unsigned char sk[REPORT_RECEIVER_SK_BYTES], char *err, size_t err_size);

/* ---- export ---- */

typedef enum { KR_FORMAT_JSON, KR_FORMAT_CSV, KR_FORMAT_XLSX } kr_format_t;

typedef struct kr_export kr_export_t;

/** An exporter writing to out (JSON, CSV) or out_path (xlsx, which needs a file). */
kr_export_t *kr_export_create(kr_format_t format, kr_consent_t consent, FILE *out,
                              const char *out_path, char *err, size_t err_size);
/** A kr_report_fn: user is the kr_export_t. */
bool kr_export_report(void *user, const report_t *r, const char *json, size_t json_len, char *err,
                      size_t err_size);
/** Writes what is buffered (xlsx) and flushes. */
bool kr_export_finish(kr_export_t *e, char *err, size_t err_size);
void kr_export_destroy(kr_export_t *e);

/* ---- statistics ---- */

typedef struct kr_stats kr_stats_t;

kr_stats_t *kr_stats_create(void);
/** A kr_report_fn counting reports that allow statistics. */
bool kr_stats_add(void *user, const report_t *r, const char *json, size_t json_len, char *err,
                  size_t err_size);
/** The suppressed tables as CSV (UTF-8 BOM, CRLF). */
bool kr_stats_write_csv(const kr_stats_t *s, FILE *out, char *err, size_t err_size);
/** A PNG chart of monthly counts by motivation, suppressed as in the CSV. */
bool kr_stats_write_chart(const kr_stats_t *s, const char *png_path, char *err, size_t err_size);
void kr_stats_destroy(kr_stats_t *s);

#endif
