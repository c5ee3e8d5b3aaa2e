/* The report service the UI holds: validate -> JSON -> seal -> durable outbox commit ->
 * reference, and the delivery worker behind it (DESIGN §7). Call every function from one
 * thread (the UI thread); delivery runs on its own thread and never makes the UI wait.
 *
 * Typical use:
 *   report_service_t *svc = report_service_create(&cfg, err, sizeof err);
 *   if (report_service_uses_sample_key(svc)) ... show a warning on the admin screen
 *   if (report_service_submit(svc, &session->report, ref, sizeof ref, err, sizeof err))
 *       show ref on the "done" screen; else show err and keep the report for a retry
 *   report_wipe(&session->report);            on Finish / Quick exit / idle timeout
 *   report_service_destroy(svc);              at exit */
#ifndef KIOSK_REPORT_REPORT_SERVICE_H
#define KIOSK_REPORT_REPORT_SERVICE_H

#include "delivery/delivery.h"
#include "platform/config.h"
#include "report/report.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define REPORT_SERVICE_ERROR_MAX 256

typedef struct report_service report_service_t;

typedef struct report_service_options {
    bool no_delivery;                /* only queue; no worker (tests, kiosk tools) */
    delivery_transport_t *transport; /* NULL: from cfg; otherwise owned by the service */
} report_service_options_t;

/** The printer's state after a print job ("ok", "failed: paper out", ...; never anything
 *  printed), for the heartbeat; a change sends a heartbeat at once. NULL s: no-op. */
void report_service_note_printer(report_service_t *s, const char *state);

/** Admin-screen status. Counts and transport errors only, never report content. */
typedef struct report_service_status {
    int64_t queued;
    int64_t delivered_total;
    int64_t failures_total;
    int64_t dead_letters; /* refused for good by the receiver; kept, never resent */
    int consecutive_failures;
    int64_t last_success_ms;
    char last_error[DELIVERY_ERROR_MAX];
    bool delivery_running;
    bool sample_key; /* running with the development receiver key */
    char transport[16];
} report_service_status_t;

/** Opens the outbox in cfg->state_dir (created 0700), loads the receiver public key and
 *  the kiosk signing key (made on first use), and starts delivery. NULL + err on failure.
 *  Logs a warning when the sample receiver key is in use. */
report_service_t *report_service_create(const kiosk_config_t *cfg, char *err, size_t err_size);

/** As report_service_create(), with options (opts may be NULL). */
report_service_t *report_service_create_with(const kiosk_config_t *cfg,
                                             const report_service_options_t *opts, char *err,
                                             size_t err_size);

/** Stops delivery (unsent envelopes stay queued) and frees. NULL: no-op. */
void report_service_destroy(report_service_t *s);

/** Validates r, gives it an id, reference and time, seals it and commits it to the outbox.
 *  Returns true only after the SQLite commit returned; then the reference is in
 *  reference_out (and r->reference, r->id, r->created_at are set) and delivery is woken.
 *  On failure (invalid report, disk full, read-only, I/O error) returns false with a message
 *  in err and leaves r exactly as it was, so the person can retry or tell staff. */
bool report_service_submit(report_service_t *s, report_t *r, char *reference_out,
                           size_t reference_size, char *err, size_t err_size);

/** Waits at most timeout_ms until everything queued has been delivered (headless replay
 *  before exit). True when the outbox is empty. Never call from the interactive UI loop. */
bool report_service_wait_delivered(report_service_t *s, int timeout_ms);

void report_service_get_status(report_service_t *s, report_service_status_t *status);

/** True when the receiver key is the development sample under config/sample-receiver. */
bool report_service_uses_sample_key(const report_service_t *s);

/** STATE_DIR/outbox.db */
void report_service_outbox_path(const kiosk_config_t *cfg, char *out, size_t out_size);

#endif
