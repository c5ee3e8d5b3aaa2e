/* Transports: how an envelope leaves the kiosk (DESIGN §7). One function-pointer table so
 * the worker does not care which, and tests can plug in a fake. */
#ifndef KIOSK_DELIVERY_DELIVERY_TRANSPORT_H
#define KIOSK_DELIVERY_DELIVERY_TRANSPORT_H

#include "platform/config.h"

#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct delivery_transport delivery_transport_t;

struct delivery_transport {
    const char *name;
    /** Sends one envelope. True only when the far end holds it durably (spool: renamed and
     *  the directory synced; https: a 2xx answer). err says why not (no personal data). */
    bool (*send)(delivery_transport_t *t, const char *report_id, const unsigned char *envelope,
                 size_t len, char *err, size_t err_size);
    /** Frees t and its state. */
    void (*destroy)(delivery_transport_t *t);
    void *state;
    /** When set and true, an in-flight send gives up (worker stopping). Not owned. */
    const atomic_bool *cancel;
    /** Set by a failed send() when the far end refused this envelope for good (HTTP 4xx
     *  other than 408 and 429): sending it again cannot help, so the worker moves it to
     *  the dead letters. Cleared by each send(). */
    bool rejected;
};

/** True for an HTTP status that refuses the request for good: 4xx except 408 (Request
 *  Timeout) and 429 (Too Many Requests), which ask to try again. */
bool delivery_http_status_permanent(long status);

/** The transport [delivery] transport names (spool or https). Caller destroys. */
delivery_transport_t *delivery_transport_create(const kiosk_config_t *cfg, char *err,
                                                size_t err_size);
/** NULL: no-op. */
void delivery_transport_destroy(delivery_transport_t *t);

/** Spool into dir (made 0700 if missing): DIR/<report id>.json, written atomically. */
delivery_transport_t *delivery_spool_create(const char *dir, char *err, size_t err_size);

/** HTTPS POST to cfg->url with Idempotency-Key; TLS verification always on. */
delivery_transport_t *delivery_https_create(const kiosk_config_t *cfg, char *err, size_t err_size);

/** The spool directory: [delivery] spool_dir, or STATE_DIR/spool when empty. */
void delivery_spool_dir(const kiosk_config_t *cfg, char *out, size_t out_size);

/** True for the report ids the kiosk makes (UUID text): safe as a file name and header. */
bool delivery_report_id_valid(const char *report_id);

#endif
