/* kiosk-intake's request logic (docs/intake-api.md), apart from HTTP so it can be tested
 * without sockets: each handler takes what the request carried and fills a reply. */
#ifndef KIOSK_INTAKE_INTAKE_H
#define KIOSK_INTAKE_INTAKE_H

#include "intake/intake_config.h"
#include "intake/intake_rate.h"
#include "intake/intake_store.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define INTAKE_REASON_MAX 256
#define INTAKE_PULL_LIMIT_MAX 500 /* envelopes per GET /v1/envelopes page */
#define INTAKE_PULL_LIMIT_DEFAULT 100
#define INTAKE_SILENT_HEARTBEATS 3 /* a unit is flagged after this many missed heartbeats */

typedef struct intake {
    const intake_config_t *cfg; /* not owned */
    intake_store_t *store;      /* not owned */
    intake_rate_t *rate;        /* owned */
    int64_t started_ms;
} intake_t;

/** What to answer. body is malloc'd (caller frees); for errors it is one line of text. */
typedef struct intake_reply {
    int status;
    const char *content_type;
    char *body;
    size_t body_len;
    int retry_after_s;            /* > 0: send Retry-After */
    const char *www_authenticate; /* with a 401: the challenge to send */
} intake_reply_t;

bool intake_init(intake_t *in, const intake_config_t *cfg, intake_store_t *store, char *err,
                 size_t err_size);
void intake_deinit(intake_t *in);
void intake_reply_clear(intake_reply_t *r);

/** Wall-clock milliseconds. */
int64_t intake_now_ms(void);

/** POST /v1/reports. idempotency_key may be NULL (then 400). body is NUL-terminated at
 *  len; too_large: the body exceeded the limit and was not kept. */
void intake_post_report(intake_t *in, const char *idempotency_key, const char *body, size_t len,
                        bool too_large, intake_reply_t *reply);
/** POST /v1/heartbeat. */
void intake_post_heartbeat(intake_t *in, const char *body, size_t len, bool too_large,
                           intake_reply_t *reply);
/** GET /v1/envelopes?after=&limit=. authorization is the Authorization header or NULL. */
void intake_get_envelopes(intake_t *in, const char *authorization, const char *after,
                          const char *limit, intake_reply_t *reply);
/** GET /v1/health */
void intake_get_health(intake_t *in, intake_reply_t *reply);
/** GET /fleet. user/password from HTTP Basic (NULL when absent). */
void intake_get_fleet(intake_t *in, const char *user, const char *password, intake_reply_t *reply);

/** Sets reply to status with a one-line text reason. */
void intake_reply_error(intake_reply_t *reply, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/** Checks that signing key pk (raw) is registered to kiosk_id and valid at now_ms. 0 when
 *  it is; otherwise 403 (reason says why: unknown kiosk, key not registered, revoked, out
 *  of dates) or 503 (storage down), with a reason. */
int intake_check_key(intake_t *in, const char *kiosk_id, const unsigned char *pk, int64_t now_ms,
                     char *reason, size_t reason_size);

/** A kiosk id the intake accepts: [A-Za-z0-9._-], 1..63 characters. */
bool intake_kiosk_id_valid(const char *id);

/** The HTML of the fleet page for the units in store at now_ms (intake_fleet.c). */
bool intake_fleet_render(intake_t *in, int64_t now_ms, char **html, size_t *len, char *err,
                         size_t err_size);

#endif
