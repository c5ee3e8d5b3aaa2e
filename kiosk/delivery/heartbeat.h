/* Heartbeats (docs/intake-api.md): a kiosk's signed status, sent to the intake every
 * [delivery] heartbeat_s over the https transport, so estates staff see which units are
 * healthy. A heartbeat holds counts, states and ages only: never report content.
 *
 * Wire form, one JSON object:
 *   {"format":"kiosk-heartbeat","version":1,"kiosk_id":..,"signing_key":B64,
 *    "status":"<status JSON as a string>","signature":B64}
 * The Ed25519 signature (the kiosk's report signing key) covers BLAKE2b-512 of
 * ("kiosk-heartbeat/1", kiosk_id, status), each with a 4-byte big-endian length prefix, so
 * a heartbeat can be neither altered nor passed off as another kiosk's. */
#ifndef KIOSK_DELIVERY_HEARTBEAT_H
#define KIOSK_DELIVERY_HEARTBEAT_H

#include "delivery/delivery_transport.h"
#include "platform/config.h"
#include "report/report.h"
#include "report/report_keys.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define HEARTBEAT_FORMAT "kiosk-heartbeat"
#define HEARTBEAT_VERSION 1
#define HEARTBEAT_STATE_MAX 96
#define HEARTBEAT_MAX 8192 /* a signed heartbeat is well under this */

/** What a unit says about itself. Strings are short states, never personal data. */
typedef struct heartbeat_status {
    int64_t sent_ms; /* the kiosk's wall clock; the intake keeps only newer ones */
    int interval_s;  /* [delivery] heartbeat_s, so the intake knows when it is late */
    char version[32];
    int64_t uptime_s;
    int64_t outbox_depth;
    int64_t oldest_unsent_s;                 /* -1: nothing unsent */
    char last_delivery[HEARTBEAT_STATE_MAX]; /* "ok", "never", or the transport's error */
    char printer[HEARTBEAT_STATE_MAX];       /* "ok", "none", "error: ..." */
    char content[HEARTBEAT_STATE_MAX];       /* "reviewed", "drafts shown", ... */
    int64_t disk_free_mb;                    /* of the state directory; -1 unknown */
} heartbeat_status_t;

/** A verified heartbeat. status_json is malloc'd: free it. */
typedef struct heartbeat_signed {
    char kiosk_id[REPORT_KIOSK_ID_MAX];
    unsigned char signing_pk[REPORT_SIGN_PK_BYTES];
    char *status_json;
    heartbeat_status_t status;
} heartbeat_signed_t;

typedef enum {
    HEARTBEAT_OK = 0,
    HEARTBEAT_MALFORMED,
    HEARTBEAT_SIGNATURE,
} heartbeat_verify_t;

/** Signs status as kiosk_id into a malloc'd NUL-terminated heartbeat (caller frees). */
bool heartbeat_encode(const heartbeat_status_t *status, const char *kiosk_id,
                      const report_signing_key_t *signer, char **out, size_t *out_len, char *err,
                      size_t err_size);

/** Parses and checks the signature against the key the heartbeat carries (the caller then
 *  checks that key is registered to out->kiosk_id). On HEARTBEAT_OK free out->status_json. */
heartbeat_verify_t heartbeat_verify(const char *text, size_t len, heartbeat_signed_t *out,
                                    char *err, size_t err_size);

/** The heartbeat URL: [delivery] heartbeat_url, or url with a final /v1/reports replaced by
 *  /v1/heartbeat. False when neither gives one. */
bool heartbeat_url_for(const kiosk_config_t *cfg, char *out, size_t out_size);

/* ---- the sender ---- */

/** Fills what only the layer above delivery knows (printer, content review state); the
 *  sender fills the rest. Called on the sender's thread. */
typedef void (*heartbeat_probe_fn)(void *user, heartbeat_status_t *status);

typedef struct heartbeat_sender heartbeat_sender_t;

/** Starts a thread that sends one heartbeat at once and then every cfg->heartbeat_s over
 *  transport (taken over, also on failure; its send() is called with a fresh UUID as the
 *  Idempotency-Key). outbox_path is opened read-only for the counts. probe may be NULL. */
heartbeat_sender_t *heartbeat_sender_start(const kiosk_config_t *cfg, const char *outbox_path,
                                           const report_signing_key_t *signer,
                                           delivery_transport_t *transport,
                                           heartbeat_probe_fn probe, void *probe_user, char *err,
                                           size_t err_size);
/** Stops and joins (an in-flight send is cancelled). NULL: no-op. */
/** Asks the thread to stop without waiting for it (so several can stop at once). */
void heartbeat_sender_request_stop(heartbeat_sender_t *h);
void heartbeat_sender_stop(heartbeat_sender_t *h);
/** Sends a heartbeat now instead of at the next interval (a state the fleet page shows
 *  has changed, e.g. the printer ran out of paper). NULL: no-op. */
void heartbeat_sender_kick(heartbeat_sender_t *h);
/** Heartbeats the far end accepted so far (tests). */
int64_t heartbeat_sender_sent(heartbeat_sender_t *h);

#endif
