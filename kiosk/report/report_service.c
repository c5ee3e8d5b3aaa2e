#include "report/report_service.h"

#include "delivery/heartbeat.h"
#include "platform/log.h"
#include "platform/paths.h"
#include "report/report_json.h"
#include "report/report_ids.h"
#include "report/report_keys.h"
#include "report/report_outbox.h"
#include "report/report_reference.h"
#include "report/report_seal.h"

#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct report_service {
    kiosk_config_t cfg;
    report_outbox_t *outbox; /* the UI thread's connection */
    delivery_t *delivery;    /* NULL when not delivering */
    /* NULL unless delivering over https to an intake */
    heartbeat_sender_t *heartbeat;
    report_signing_key_t signer;
    unsigned char receiver_pk[REPORT_RECEIVER_PK_BYTES];
    bool sample_key;
    /* the printer as the last print job left it, for heartbeats: set on the UI thread,
     * read on the sender's */
    pthread_mutex_t unit_lock;
    char printer_state[HEARTBEAT_STATE_MAX];
};

void report_service_outbox_path(const kiosk_config_t *cfg, char *out, size_t out_size)
{
    snprintf(out, out_size, "%s/%s", cfg->state_dir, REPORT_OUTBOX_FILE);
}

static bool service_start_delivery(report_service_t *s, const report_service_options_t *opts,
                                   const char *outbox_path, char *err, size_t err_size)
{
    delivery_transport_t *t = opts->transport;
    if (!t) {
        t = delivery_transport_create(&s->cfg, err, err_size);
        if (!t) {
            return false;
        }
    }
    s->delivery = delivery_start(&s->cfg, outbox_path, t, err, err_size);
    return s->delivery != NULL;
}

/* The heartbeat's last delivery result comes from the delivery worker. */
static void service_heartbeat_probe(void *user, heartbeat_status_t *status)
{
    report_service_t *s = user;
    delivery_status_t d;
    delivery_get_status(s->delivery, &d);
    if (d.last_error[0]) {
        /* a short state for the fleet page; the admin screen shows the whole message */
        snprintf(status->last_delivery, sizeof status->last_delivery, "%.*s",
                 (int)sizeof status->last_delivery - 1, d.last_error);
    } else if (d.last_success_ms) {
        snprintf(status->last_delivery, sizeof status->last_delivery, "ok");
    }
    pthread_mutex_lock(&s->unit_lock);
    if (s->printer_state[0]) {
        snprintf(status->printer, sizeof status->printer, "%s", s->printer_state);
    }
    pthread_mutex_unlock(&s->unit_lock);
}

void report_service_note_printer(report_service_t *s, const char *state)
{
    if (!s) {
        return;
    }
    pthread_mutex_lock(&s->unit_lock);
    bool changed = strncmp(s->printer_state, state, sizeof s->printer_state - 1) != 0;
    snprintf(s->printer_state, sizeof s->printer_state, "%s", state);
    pthread_mutex_unlock(&s->unit_lock);
    if (changed) {
        heartbeat_sender_kick(s->heartbeat); /* the fleet page hears of it now */
    }
}

/* Heartbeats go over the same https transport, to the intake's /v1/heartbeat. Not being
 * able to send them never stops the kiosk: it is logged. */
static void service_start_heartbeat(report_service_t *s, const char *outbox_path)
{
    char err[REPORT_SERVICE_ERROR_MAX];
    kiosk_config_t hcfg = s->cfg;
    if (strcmp(s->cfg.transport, "https") != 0 ||
        !heartbeat_url_for(&s->cfg, hcfg.url, sizeof hcfg.url)) {
        return;
    }
    delivery_transport_t *t = delivery_https_create(&hcfg, err, sizeof err);
    s->heartbeat = t ? heartbeat_sender_start(&s->cfg, outbox_path, &s->signer, t,
                                              service_heartbeat_probe, s, err, sizeof err)
                     : NULL;
    if (!s->heartbeat) {
        log_warn("heartbeat: not sending: %s", err);
    }
}

report_service_t *report_service_create_with(const kiosk_config_t *cfg,
                                             const report_service_options_t *opts, char *err,
                                             size_t err_size)
{
    static const report_service_options_t DEFAULTS = {0};
    char path[CONFIG_PATH_MAX + 32];
    opts = opts ? opts : &DEFAULTS;
    report_service_t *s = sodium_init() < 0 ? NULL : calloc(1, sizeof *s);
    if (!s) {
        delivery_transport_destroy(opts->transport);
        snprintf(err, err_size, "out of memory or no crypto library");
        return NULL;
    }
    pthread_mutex_init(&s->unit_lock, NULL);
    s->cfg = *cfg;
    report_service_outbox_path(cfg, path, sizeof path);
    if (!report_id_check(cfg->site_id, "[kiosk] site_id", err, err_size) ||
        !report_id_check(cfg->kiosk_id, "[kiosk] kiosk_id", err, err_size) ||
        !paths_mkdirs(cfg->state_dir, 0700, err, err_size) ||
        !report_receiver_public_key(cfg, s->receiver_pk, err, err_size) ||
        !report_signing_key_load_or_create(cfg->state_dir, &s->signer, err, err_size) ||
        !(s->outbox = report_outbox_open(path, err, err_size))) {
        delivery_transport_destroy(opts->transport);
        goto fail;
    }
    s->sample_key = report_receiver_key_is_sample(s->receiver_pk);
    if (s->sample_key) {
        log_warn("report: using the DEVELOPMENT sample receiver key; reports are not private. "
                 "Set [report] receiver_public_key before deployment.");
    }
    if (opts->no_delivery) {
        delivery_transport_destroy(opts->transport);
    } else if (!service_start_delivery(s, opts, path, err, err_size)) {
        goto fail;
    } else if (!opts->transport) {
        service_start_heartbeat(s, path);
    }
    return s;
fail:
    report_service_destroy(s);
    return NULL;
}

report_service_t *report_service_create(const kiosk_config_t *cfg, char *err, size_t err_size)
{
    return report_service_create_with(cfg, NULL, err, err_size);
}

void report_service_destroy(report_service_t *s)
{
    if (!s) {
        return;
    }
    /* both threads may be inside a transfer: ask both, then wait, so the waits overlap */
    heartbeat_sender_request_stop(s->heartbeat);
    delivery_request_stop(s->delivery);
    heartbeat_sender_stop(s->heartbeat);
    delivery_stop(s->delivery);
    report_outbox_close(s->outbox);
    pthread_mutex_destroy(&s->unit_lock);
    sodium_memzero(s, sizeof *s);
    free(s);
}

static void service_utc_now(char out[REPORT_TIMESTAMP_MAX])
{
    time_t t = time(NULL);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, REPORT_TIMESTAMP_MAX, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* Fills the submit-time fields of the copy that gets sealed. */
static bool service_stamp(report_service_t *s, report_t *copy, char *err, size_t err_size)
{
    uint64_t seq = 0;
    unsigned char key[REPORT_REFERENCE_KEY_BYTES];
    bool ok = report_outbox_take_sequence(s->outbox, &seq, key, err, err_size);
    if (ok && !report_reference_make(s->cfg.kiosk_id, seq, key, copy->reference,
                                     sizeof copy->reference)) {
        snprintf(err, err_size, "reference counter exhausted");
        ok = false;
    }
    sodium_memzero(key, sizeof key);
    report_make_uuid(copy->id);
    service_utc_now(copy->created_at);
    snprintf(copy->site_id, sizeof copy->site_id, "%s", s->cfg.site_id);
    snprintf(copy->kiosk_id, sizeof copy->kiosk_id, "%s", s->cfg.kiosk_id);
    return ok;
}

/* The transaction body: stamp, JSON, seal, insert. Plaintext stays in buffers the caller
 * wipes. */
static bool service_seal_and_insert(report_service_t *s, report_t *copy, char *json, char *err,
                                    size_t err_size)
{
    size_t json_len = 0, env_len = 0;
    char *envelope = NULL;
    report_problem_t problem;
    if (!service_stamp(s, copy, err, err_size)) {
        return false;
    }
    if (!report_validate(copy, &problem)) {
        snprintf(err, err_size, "report not valid (%s): %s", problem.field, problem.message);
        return false;
    }
    bool ok = report_json_write(copy, json, REPORT_JSON_MAX, &json_len, err, err_size) &&
              report_envelope_seal(json, json_len, s->receiver_pk, &s->signer, copy->kiosk_id,
                                   copy->id, &envelope, &env_len, err, err_size) &&
              report_outbox_insert(s->outbox, copy->id, envelope, env_len, err, err_size);
    free(envelope); /* ciphertext only */
    return ok;
}

bool report_service_submit(report_service_t *s, report_t *r, char *reference_out,
                           size_t reference_size, char *err, size_t err_size)
{
    report_problem_t problem;
    if (!report_validate(r, &problem)) {
        snprintf(err, err_size, "report not complete (step %s): %s", problem.step, problem.message);
        return false;
    }
    if (reference_size < REPORT_REFERENCE_TEXT_MAX) {
        snprintf(err, err_size, "reference buffer too small");
        return false;
    }
    /* The session's report is untouched until the commit has returned. */
    report_t *copy = malloc(sizeof *copy);
    char *json = malloc(REPORT_JSON_MAX);
    bool ok = copy && json;
    if (!ok) {
        snprintf(err, err_size, "out of memory");
    } else {
        *copy = *r;
        ok = report_outbox_begin(s->outbox, err, err_size) &&
             service_seal_and_insert(s, copy, json, err, err_size) &&
             report_outbox_commit(s->outbox, err, err_size);
        if (!ok) {
            report_outbox_rollback(s->outbox);
            log_error("report: submit failed: %s", err);
        }
    }
    if (ok) {
        memcpy(r->id, copy->id, sizeof r->id);
        memcpy(r->reference, copy->reference, sizeof r->reference);
        memcpy(r->created_at, copy->created_at, sizeof r->created_at);
        memcpy(r->site_id, copy->site_id, sizeof r->site_id);
        memcpy(r->kiosk_id, copy->kiosk_id, sizeof r->kiosk_id);
        snprintf(reference_out, reference_size, "%s", copy->reference);
        if (s->delivery) {
            delivery_wake(s->delivery);
        }
    }
    if (copy) {
        report_wipe(copy);
    }
    if (json) {
        sodium_memzero(json, REPORT_JSON_MAX);
    }
    free(copy);
    free(json);
    return ok;
}

bool report_service_wait_delivered(report_service_t *s, int timeout_ms)
{
    if (s->delivery) {
        return delivery_wait_idle(s->delivery, timeout_ms);
    }
    report_service_status_t st;
    report_service_get_status(s, &st);
    return st.queued == 0;
}

void report_service_get_status(report_service_t *s, report_service_status_t *status)
{
    memset(status, 0, sizeof *status);
    status->sample_key = s->sample_key;
    snprintf(status->transport, sizeof status->transport, "%s", s->cfg.transport);
    if (s->delivery) {
        delivery_status_t d;
        delivery_get_status(s->delivery, &d);
        status->delivery_running = true;
        status->queued = d.queued;
        status->delivered_total = d.delivered_total;
        status->failures_total = d.failures_total;
        status->dead_letters = d.dead_letters;
        status->consecutive_failures = d.consecutive_failures;
        status->last_success_ms = d.last_success_ms;
        snprintf(status->last_error, sizeof status->last_error, "%s", d.last_error);
        return;
    }
    report_outbox_counts_t c;
    if (report_outbox_counts(s->outbox, &c, status->last_error, sizeof status->last_error)) {
        status->queued = c.queued;
        status->delivered_total = c.delivered_total;
        status->failures_total = c.failures_total;
        status->dead_letters = c.dead_letters;
    }
}

bool report_service_uses_sample_key(const report_service_t *s)
{
    return s->sample_key;
}
