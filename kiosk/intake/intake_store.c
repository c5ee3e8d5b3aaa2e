/* The connection pool and the backend table (chosen by the target's prefix). */
#include "intake/intake_store.h"

#include "intake/intake_store_backend.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const intake_store_ops_t *const STORE_BACKENDS[] = {&INTAKE_STORE_SQLITE,
                                                           &INTAKE_STORE_POSTGRESQL};
#define STORE_BACKEND_COUNT (sizeof STORE_BACKENDS / sizeof STORE_BACKENDS[0])
#define STORE_TARGET_MAX 2048

struct intake_store {
    const intake_store_ops_t *ops;
    char target[STORE_TARGET_MAX]; /* without the prefix */
    pthread_mutex_t lock;
    pthread_cond_t freed;
    void *conns[INTAKE_STORE_POOL_MAX]; /* NULL: not connected (reconnect on use) */
    bool busy[INTAKE_STORE_POOL_MAX];
    int size;
};

static const intake_store_ops_t *store_backend_for(const char *target)
{
    for (size_t i = 0; i < STORE_BACKEND_COUNT; i++) {
        size_t n = strlen(STORE_BACKENDS[i]->prefix);
        if (strncmp(target, STORE_BACKENDS[i]->prefix, n) == 0) {
            return STORE_BACKENDS[i];
        }
    }
    return NULL;
}

intake_store_t *intake_store_open(const char *target, int pool_size, char *err, size_t err_size)
{
    const intake_store_ops_t *ops = store_backend_for(target);
    if (!ops) {
        snprintf(err, err_size, "storage '%s': must start with sqlite: or postgresql:", target);
        return NULL;
    }
    if (pool_size < 1 || pool_size > INTAKE_STORE_POOL_MAX) {
        snprintf(err, err_size, "storage: connections must be 1..%d", INTAKE_STORE_POOL_MAX);
        return NULL;
    }
    intake_store_t *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    s->ops = ops;
    s->size = pool_size;
    snprintf(s->target, sizeof s->target, "%s", target + strlen(ops->prefix));
    pthread_mutex_init(&s->lock, NULL);
    pthread_cond_init(&s->freed, NULL);
    /* one connection now, so a wrong target fails at start and the schema is current */
    s->conns[0] = ops->connect(s->target, err, err_size);
    if (!s->conns[0] || !ops->migrate(s->conns[0], err, err_size)) {
        intake_store_close(s);
        return NULL;
    }
    return s;
}

void intake_store_close(intake_store_t *s)
{
    if (!s) {
        return;
    }
    for (int i = 0; i < s->size; i++) {
        if (s->conns[i]) {
            s->ops->disconnect(s->conns[i]);
        }
    }
    pthread_cond_destroy(&s->freed);
    pthread_mutex_destroy(&s->lock);
    free(s);
}

const char *intake_store_backend(const intake_store_t *s)
{
    return s->ops->name;
}

/* Takes a free connection, waiting while all are in use; connects lazily. */
static void *store_acquire(intake_store_t *s, int *slot, char *err, size_t err_size)
{
    pthread_mutex_lock(&s->lock);
    int found = -1;
    while (found < 0) {
        for (int i = 0; i < s->size && found < 0; i++) {
            if (!s->busy[i]) {
                found = i;
            }
        }
        if (found < 0) {
            pthread_cond_wait(&s->freed, &s->lock);
        }
    }
    s->busy[found] = true;
    void *conn = s->conns[found];
    pthread_mutex_unlock(&s->lock);
    if (conn && !s->ops->usable(conn)) {
        s->ops->disconnect(conn);
        conn = NULL;
    }
    if (!conn) {
        conn = s->ops->connect(s->target, err, err_size);
    }
    pthread_mutex_lock(&s->lock);
    s->conns[found] = conn;
    if (!conn) {
        s->busy[found] = false;
        pthread_cond_signal(&s->freed);
    }
    pthread_mutex_unlock(&s->lock);
    *slot = found;
    return conn;
}

static void store_release(intake_store_t *s, int slot)
{
    pthread_mutex_lock(&s->lock);
    s->busy[slot] = false;
    pthread_cond_signal(&s->freed);
    pthread_mutex_unlock(&s->lock);
}

#define STORE_WITH_CONN(s, err, err_size, fail_value, call)                                        \
    do {                                                                                           \
        int slot_;                                                                                 \
        void *conn = store_acquire((s), &slot_, (err), (err_size));                                \
        if (!conn) {                                                                               \
            return (fail_value);                                                                   \
        }                                                                                          \
        __typeof__(call) result_ = (call);                                                         \
        store_release((s), slot_);                                                                 \
        return result_;                                                                            \
    } while (0)

bool intake_store_schema_version(intake_store_t *s, int *version, char *err, size_t err_size)
{
    STORE_WITH_CONN(s, err, err_size, false, s->ops->schema_version(conn, version, err, err_size));
}

intake_put_result_t intake_store_put_envelope(intake_store_t *s, const char *kiosk_id,
                                              const char *report_id, const char *envelope,
                                              size_t len, int64_t received_ms, char *err,
                                              size_t err_size)
{
    unsigned char digest[INTAKE_DIGEST_BYTES];
    char hex[INTAKE_DIGEST_BYTES * 2 + 1];
    crypto_generichash(digest, sizeof digest, (const unsigned char *)envelope, len, NULL, 0);
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    STORE_WITH_CONN(s, err, err_size, INTAKE_PUT_ERROR,
                    s->ops->put_envelope(conn, kiosk_id, report_id, envelope, len, hex, received_ms,
                                         err, err_size));
}

bool intake_store_list_envelopes(intake_store_t *s, int64_t after, int limit, intake_envelope_fn fn,
                                 void *user, char *err, size_t err_size)
{
    STORE_WITH_CONN(s, err, err_size, false,
                    s->ops->list_envelopes(conn, after, limit, fn, user, err, err_size));
}

bool intake_store_count_envelopes(intake_store_t *s, int64_t *count, char *err, size_t err_size)
{
    STORE_WITH_CONN(s, err, err_size, false, s->ops->count_envelopes(conn, count, err, err_size));
}

bool intake_store_add_key(intake_store_t *s, const intake_key_row_t *key, char *err,
                          size_t err_size)
{
    STORE_WITH_CONN(s, err, err_size, false, s->ops->add_key(conn, key, err, err_size));
}

bool intake_store_revoke(intake_store_t *s, const char *kiosk_id, const char *public_key,
                         int64_t now_ms, int *count, char *err, size_t err_size)
{
    STORE_WITH_CONN(s, err, err_size, false,
                    s->ops->revoke(conn, kiosk_id, public_key, now_ms, count, err, err_size));
}

bool intake_store_list_keys(intake_store_t *s, const char *kiosk_id, intake_key_fn fn, void *user,
                            char *err, size_t err_size)
{
    STORE_WITH_CONN(s, err, err_size, false,
                    s->ops->list_keys(conn, kiosk_id, fn, user, err, err_size));
}

bool intake_store_put_heartbeat(intake_store_t *s, const char *kiosk_id, int64_t sent_ms,
                                int64_t received_ms, const char *body, bool *stale, char *err,
                                size_t err_size)
{
    STORE_WITH_CONN(
        s, err, err_size, false,
        s->ops->put_heartbeat(conn, kiosk_id, sent_ms, received_ms, body, stale, err, err_size));
}

bool intake_store_list_units(intake_store_t *s, intake_unit_fn fn, void *user, char *err,
                             size_t err_size)
{
    STORE_WITH_CONN(s, err, err_size, false, s->ops->list_units(conn, fn, user, err, err_size));
}
