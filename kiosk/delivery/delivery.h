/* The delivery worker (DESIGN §7): its own thread and its own outbox connection; sends due
 * envelopes through a transport, deletes them only after the transport confirms, backs off
 * with full jitter after failures. The UI thread never waits on it. */
#ifndef KIOSK_DELIVERY_DELIVERY_H
#define KIOSK_DELIVERY_DELIVERY_H

#include "delivery/delivery_transport.h"
#include "platform/config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define DELIVERY_ERROR_MAX 256
#define DELIVERY_IDLE_RECHECK_MS 60000 /* with reports queued, look again at least this often */

typedef struct delivery delivery_t;

/** For the admin screen. No personal data: counts, times and transport errors only. */
typedef struct delivery_status {
    int64_t queued;          /* envelopes in the outbox */
    int64_t delivered_total; /* ever delivered from this outbox */
    int64_t failures_total;  /* failed attempts, ever */
    int64_t dead_letters;    /* refused for good by the far end; kept, never resent */
    int consecutive_failures;
    int64_t last_success_ms;             /* wall clock, 0 = never */
    char last_error[DELIVERY_ERROR_MAX]; /* "" after a success */
} delivery_status_t;

/** Starts the worker on the outbox at outbox_path. Takes ownership of transport (also on
 *  failure). NULL + err on failure. Stop with delivery_stop(). */
delivery_t *delivery_start(const kiosk_config_t *cfg, const char *outbox_path,
                           delivery_transport_t *transport, char *err, size_t err_size);

/** Stops the worker (an in-flight HTTPS transfer is cancelled), joins it, frees d.
 *  NULL: no-op. Whatever was not confirmed stays in the outbox for next time. */
/** Asks the thread to stop without waiting for it (so several can stop at once). */
void delivery_request_stop(delivery_t *d);
void delivery_stop(delivery_t *d);

/** Tells the worker there is something new to send now. Never blocks on a transfer. */
void delivery_wake(delivery_t *d);

void delivery_get_status(delivery_t *d, delivery_status_t *status);

/** Waits until the worker has seen every wake-up so far and the outbox is empty, at most
 *  timeout_ms. For headless runs before exit and for tests; never from the UI loop. */
bool delivery_wait_idle(delivery_t *d, int timeout_ms);

/** Full-jitter back-off: a uniform delay in [0, min(cap, base * 2^(attempt-1))] ms, for
 *  the attempt-th failure in a row (attempt >= 1). random is a uniform 32-bit value. */
int64_t delivery_backoff_ms(int base_ms, int cap_ms, int attempt, uint32_t random);

/** kiosk --deliver: one pass over the whole outbox, due or not. Each envelope leaves the
 *  outbox as soon as the transport confirms it (a killed run re-sends only the rest).
 *  Prints "delivered ID", "deferred ID: reason" or "rejected ID: reason" (moved to the dead
 *  letters) per envelope to out. Returns 0 when everything
 *  was delivered (or nothing was queued), 2 when some were deferred, 1 on a setup error. */
int delivery_run_once(const kiosk_config_t *cfg, const char *outbox_path,
                      delivery_transport_t *transport, FILE *out);

/** Wall-clock milliseconds (the outbox keeps retry times across restarts). */
int64_t delivery_now_ms(void);

#endif
