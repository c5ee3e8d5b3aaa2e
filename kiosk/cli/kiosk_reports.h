/* kiosk-reports: the receiving organisation's tool (DESIGN §7). Internal header shared by
 * the kiosk_reports*.c files. */
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

/* ---- known_kiosks: kiosk id -> pinned Ed25519 public key ---- */

typedef struct kr_known_entry {
    char kiosk_id[REPORT_KIOSK_ID_MAX];
    unsigned char pk[REPORT_SIGN_PK_BYTES];
} kr_known_entry_t;

typedef struct kr_known {
    char path[KR_PATH_MAX];
    kr_known_entry_t *entries; /* owned */
    size_t count, capacity;
} kr_known_t;

typedef enum { KR_PIN_MATCH, KR_PIN_NEW, KR_PIN_CHANGED, KR_PIN_ERROR } kr_pin_result_t;

/** Loads path (a missing file is an empty list). */
bool kr_known_load(kr_known_t *k, const char *path, char *err, size_t err_size);
void kr_known_deinit(kr_known_t *k);
/** The pinned key for kiosk_id, or NULL. */
const kr_known_entry_t *kr_known_find(const kr_known_t *k, const char *kiosk_id);
/** Sets (adds or replaces) a pin and writes the file atomically. */
bool kr_known_set(kr_known_t *k, const char *kiosk_id, const unsigned char *pk, char *err,
                  size_t err_size);
/** Checks pk for kiosk_id, pinning it on first sight (and saying so on stderr). */
kr_pin_result_t kr_known_check(kr_known_t *k, const char *kiosk_id, const unsigned char *pk,
                               char *err, size_t err_size);
/** A kiosk id usable as one word in known_kiosks: printable, no spaces, not empty. */
bool kr_kiosk_id_valid(const char *kiosk_id);
/** known_kiosks next to the receiver key file. */
void kr_known_path_for_key(const char *key_path, char *out, size_t out_size);

/* ---- open / export ---- */

typedef enum { KR_OUTPUT_JSON, KR_OUTPUT_CSV } kr_output_t;

/** Opens every envelope under paths (files, spool directories, kiosk outbox .db files),
 *  verifying, pinning and de-duplicating; writes JSON lines or CSV to out and problems to
 *  errout. Returns 0 when all opened, 2 when some were rejected (the rest still printed),
 *  1 when nothing could be done (bad key). */
int kr_open_paths(const char *key_path, const char *known_path, kr_output_t output,
                  char *const *paths, int path_count, FILE *out, FILE *errout);

/* ---- pull (kiosk_reports_pull.c) ---- */

/** kiosk-reports pull --from URL|DIR --into DIR: returns the exit code. */
int kr_pull_main(int argc, char **argv);

#endif
