/* The intake's storage (DESIGN §7): sealed envelopes, the kiosk registry and the latest
 * heartbeat of each unit, behind one small interface with two backends: SQLite (WAL,
 * synchronous=FULL; one site) and PostgreSQL (libpq; several stateless intake instances
 * share one database). Uniqueness of a report id is the database's constraint, never the
 * intake's memory. Both backends migrate their schema by version number on open.
 *
 * An intake_store_t is a small pool of connections and is safe to use from many request
 * threads at once. Nothing stored here can be read without the receiver's private key:
 * envelopes stay sealed. */
#ifndef KIOSK_INTAKE_INTAKE_STORE_H
#define KIOSK_INTAKE_INTAKE_STORE_H

#include "report/report.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define INTAKE_STORE_ERROR_MAX 512
#define INTAKE_SITE_MAX 64
#define INTAKE_KEY_B64_MAX 48    /* a 32-byte key is 44 base64 characters */
#define INTAKE_DIGEST_BYTES 32   /* BLAKE2b-256 of the envelope bytes */
#define INTAKE_STORE_POOL_MAX 32 /* connections per intake instance */
#define INTAKE_SCHEMA_VERSION 1  /* the newest migration either backend knows */

typedef struct intake_store intake_store_t;

typedef enum {
    INTAKE_PUT_CREATED,  /* committed now */
    INTAKE_PUT_SAME,     /* this exact envelope was already stored */
    INTAKE_PUT_CONFLICT, /* another envelope already holds this report id */
    INTAKE_PUT_ERROR,
} intake_put_result_t;

typedef struct intake_envelope_row {
    int64_t seq; /* arrival order; the pull cursor */
    char kiosk_id[REPORT_KIOSK_ID_MAX];
    char report_id[REPORT_ID_MAX];
    int64_t received_ms;
    const char *envelope; /* not owned; valid during the callback only */
    size_t envelope_len;
} intake_envelope_row_t;

/** One registered key. valid_until_ms 0 = open-ended; revoked_ms 0 = not revoked. */
typedef struct intake_key_row {
    char kiosk_id[REPORT_KIOSK_ID_MAX];
    char site[INTAKE_SITE_MAX];
    char public_key[INTAKE_KEY_B64_MAX]; /* base64 Ed25519 public key */
    int64_t valid_from_ms;
    int64_t valid_until_ms;
    int64_t revoked_ms;
    int64_t registered_ms;
} intake_key_row_t;

/** One registered unit and its latest heartbeat (body "" when never heard). */
typedef struct intake_unit_row {
    char kiosk_id[REPORT_KIOSK_ID_MAX];
    char site[INTAKE_SITE_MAX];
    int64_t heard_ms; /* when the latest heartbeat arrived; 0 = never */
    int64_t sent_ms;  /* the kiosk's own clock in that heartbeat */
    const char *body; /* the heartbeat's status JSON; valid during the callback only */
} intake_unit_row_t;

typedef bool (*intake_envelope_fn)(void *user, const intake_envelope_row_t *row);
typedef bool (*intake_key_fn)(void *user, const intake_key_row_t *row);
typedef bool (*intake_unit_fn)(void *user, const intake_unit_row_t *row);

/** Opens a store: "sqlite:PATH" or "postgresql:CONNINFO" (a libpq conninfo string or URI),
 *  with pool_size connections (1..INTAKE_STORE_POOL_MAX), migrating the schema to
 *  INTAKE_SCHEMA_VERSION. NULL + err on failure. */
intake_store_t *intake_store_open(const char *target, int pool_size, char *err, size_t err_size);
/** NULL: no-op. */
void intake_store_close(intake_store_t *s);

/** "sqlite" or "postgresql". */
const char *intake_store_backend(const intake_store_t *s);
/** The schema version the database is at. */
bool intake_store_schema_version(intake_store_t *s, int *version, char *err, size_t err_size);

/** Stores an envelope still sealed. CREATED only once the commit returned. */
intake_put_result_t intake_store_put_envelope(intake_store_t *s, const char *kiosk_id,
                                              const char *report_id, const char *envelope,
                                              size_t len, int64_t received_ms, char *err,
                                              size_t err_size);
/** Envelopes with seq > after in arrival order, at most limit. */
bool intake_store_list_envelopes(intake_store_t *s, int64_t after, int limit, intake_envelope_fn fn,
                                 void *user, char *err, size_t err_size);
bool intake_store_count_envelopes(intake_store_t *s, int64_t *count, char *err, size_t err_size);

/** Registers a key for a kiosk (adding the kiosk, or updating its site when site is not
 *  empty). The same key again updates its dates. */
bool intake_store_add_key(intake_store_t *s, const intake_key_row_t *key, char *err,
                          size_t err_size);
/** Revokes one key of the kiosk (public_key) or all of them (public_key NULL). *count
 *  is how many keys were newly revoked. */
bool intake_store_revoke(intake_store_t *s, const char *kiosk_id, const char *public_key,
                         int64_t now_ms, int *count, char *err, size_t err_size);
/** Keys of one kiosk (kiosk_id) or of all (NULL), revoked ones included. */
bool intake_store_list_keys(intake_store_t *s, const char *kiosk_id, intake_key_fn fn, void *user,
                            char *err, size_t err_size);

/** Keeps the heartbeat when it is newer (by the kiosk's sent_ms) than the one held; *stale
 *  true when it was not (a replay or out-of-order delivery). */
bool intake_store_put_heartbeat(intake_store_t *s, const char *kiosk_id, int64_t sent_ms,
                                int64_t received_ms, const char *body, bool *stale, char *err,
                                size_t err_size);
/** Every registered kiosk by site, then id, with its latest heartbeat. */
bool intake_store_list_units(intake_store_t *s, intake_unit_fn fn, void *user, char *err,
                             size_t err_size);

#endif
