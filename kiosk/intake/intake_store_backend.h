/* What a storage backend provides (internal to intake_store*.c). One connection per call;
 * the pool in intake_store.c hands each request thread its own. */
#ifndef KIOSK_INTAKE_INTAKE_STORE_BACKEND_H
#define KIOSK_INTAKE_INTAKE_STORE_BACKEND_H

#include "intake/intake_store.h"

typedef struct intake_store_ops {
    const char *name;   /* "sqlite" */
    const char *prefix; /* "sqlite:" in the target string */
    void *(*connect)(const char *target, char *err, size_t err_size);
    void (*disconnect)(void *conn);
    /** False when the connection is broken beyond a retry (the pool then reconnects). */
    bool (*usable)(void *conn);
    /** Brings the schema to INTAKE_SCHEMA_VERSION; safe when several instances race. */
    bool (*migrate)(void *conn, char *err, size_t err_size);
    bool (*schema_version)(void *conn, int *version, char *err, size_t err_size);
    intake_put_result_t (*put_envelope)(void *conn, const char *kiosk_id, const char *report_id,
                                        const char *envelope, size_t len, const char *digest_hex,
                                        int64_t received_ms, char *err, size_t err_size);
    bool (*list_envelopes)(void *conn, int64_t after, int limit, intake_envelope_fn fn, void *user,
                           char *err, size_t err_size);
    bool (*count_envelopes)(void *conn, int64_t *count, char *err, size_t err_size);
    bool (*add_key)(void *conn, const intake_key_row_t *key, char *err, size_t err_size);
    bool (*revoke)(void *conn, const char *kiosk_id, const char *public_key, int64_t now_ms,
                   int *count, char *err, size_t err_size);
    bool (*list_keys)(void *conn, const char *kiosk_id, intake_key_fn fn, void *user, char *err,
                      size_t err_size);
    bool (*put_heartbeat)(void *conn, const char *kiosk_id, int64_t sent_ms, int64_t received_ms,
                          const char *body, bool *stale, char *err, size_t err_size);
    bool (*list_units)(void *conn, intake_unit_fn fn, void *user, char *err, size_t err_size);
} intake_store_ops_t;

extern const intake_store_ops_t INTAKE_STORE_SQLITE;
extern const intake_store_ops_t INTAKE_STORE_POSTGRESQL;

#endif
