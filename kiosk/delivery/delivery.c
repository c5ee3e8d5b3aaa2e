#include "delivery/delivery.h"

#include "platform/log.h"
#include "report/report_outbox.h"

#include <errno.h>
#include <pthread.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct delivery {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t cond; /* worker waits for wake-ups; waiters for progress */
    atomic_bool stopping;
    uint64_t wake_seq;    /* bumped by delivery_wake() */
    uint64_t scanned_seq; /* the wake_seq the worker has fully handled */
    delivery_status_t status;
    report_outbox_t *outbox;
    delivery_transport_t *transport;
    int backoff_base_ms;
    int backoff_cap_ms;
};

int64_t delivery_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int64_t delivery_backoff_ms(int base_ms, int cap_ms, int attempt, uint32_t random)
{
    int64_t ceiling = base_ms;
    for (int i = 1; i < attempt && ceiling < cap_ms; i++) {
        ceiling *= 2;
    }
    if (ceiling > cap_ms) {
        ceiling = cap_ms;
    }
    return (int64_t)(random % (uint64_t)(ceiling + 1));
}

static void delivery_set_error(delivery_t *d, const char *err)
{
    pthread_mutex_lock(&d->lock);
    snprintf(d->status.last_error, sizeof d->status.last_error, "%s", err);
    pthread_mutex_unlock(&d->lock);
}

/* Sends one due envelope and records the outcome durably. False when the outcome could
 * not be recorded (the caller pauses rather than resend in a tight loop). */
static bool delivery_send_item(delivery_t *d, const report_outbox_item_t *item)
{
    char err[DELIVERY_ERROR_MAX] = "", db_err[DELIVERY_ERROR_MAX];
    bool sent = d->transport->send(d->transport, item->report_id, item->envelope,
                                   item->envelope_len, err, sizeof err);
    pthread_mutex_lock(&d->lock);
    int failures = sent ? 0 : d->status.consecutive_failures + 1;
    pthread_mutex_unlock(&d->lock);
    bool recorded;
    if (sent) {
        recorded = report_outbox_mark_delivered(d->outbox, item->report_id, db_err, sizeof db_err);
    } else if (d->transport->rejected) {
        failures = 0; /* the far end answered: not a connection problem to back off from */
        recorded = report_outbox_mark_rejected(d->outbox, item->report_id, err, db_err,
                                               sizeof db_err);
        log_warn("delivery: %s refused an envelope for good (%s): kept in the dead letters",
                 d->transport->name, err);
    } else {
        int64_t delay = delivery_backoff_ms(d->backoff_base_ms, d->backoff_cap_ms,
                                            item->attempts + 1, randombytes_random());
        recorded = report_outbox_mark_failed(d->outbox, item->report_id, delivery_now_ms() + delay,
                                             db_err, sizeof db_err);
        log_warn("delivery: %s attempt failed (%d in a row): %s", d->transport->name, failures,
                 err);
    }
    pthread_mutex_lock(&d->lock);
    d->status.consecutive_failures = failures;
    if (sent) {
        d->status.last_success_ms = delivery_now_ms();
        d->status.last_error[0] = '\0';
    } else {
        snprintf(d->status.last_error, sizeof d->status.last_error, "%s", err);
    }
    if (!recorded) {
        snprintf(d->status.last_error, sizeof d->status.last_error, "%s", db_err);
    }
    pthread_mutex_unlock(&d->lock);
    return recorded;
}

static void delivery_refresh_counts(delivery_t *d)
{
    report_outbox_counts_t c;
    char err[DELIVERY_ERROR_MAX];
    if (!report_outbox_counts(d->outbox, &c, err, sizeof err)) {
        delivery_set_error(d, err);
        return;
    }
    pthread_mutex_lock(&d->lock);
    d->status.queued = c.queued;
    d->status.delivered_total = c.delivered_total;
    d->status.failures_total = c.failures_total;
    d->status.dead_letters = c.dead_letters;
    pthread_mutex_unlock(&d->lock);
}

/* Sends everything due now. Returns when the next envelope is due (-1: none queued). */
static int64_t delivery_drain(delivery_t *d)
{
    char err[DELIVERY_ERROR_MAX];
    while (!atomic_load(&d->stopping)) {
        report_outbox_item_t item;
        bool found = false;
        int64_t next_due = -1, now = delivery_now_ms();
        if (!report_outbox_next_due(d->outbox, now, &item, &found, &next_due, err, sizeof err)) {
            delivery_set_error(d, err);
            return now + d->backoff_base_ms;
        }
        if (!found) {
            /* a retry time far beyond the cap means the clock went back: try now */
            return next_due > now + d->backoff_cap_ms ? now : next_due;
        }
        bool recorded = delivery_send_item(d, &item);
        report_outbox_item_clear(&item);
        delivery_refresh_counts(d);
        if (!recorded) {
            return delivery_now_ms() + d->backoff_base_ms;
        }
    }
    return -1;
}

static void delivery_sleep_until(delivery_t *d, uint64_t seen, int64_t due_ms)
{
    if (due_ms < 0) { /* nothing queued: only a new report (a wake) or a stop is news */
        pthread_mutex_lock(&d->lock);
        while (d->wake_seq == seen && !atomic_load(&d->stopping)) {
            pthread_cond_wait(&d->cond, &d->lock);
        }
        pthread_mutex_unlock(&d->lock);
        return;
    }
    int64_t now = delivery_now_ms();
    int64_t wait_ms = due_ms - now;
    if (wait_ms > DELIVERY_IDLE_RECHECK_MS) {
        wait_ms = DELIVERY_IDLE_RECHECK_MS;
    }
    if (wait_ms <= 0) {
        return;
    }
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += wait_ms / 1000;
    until.tv_nsec += (wait_ms % 1000) * 1000000;
    if (until.tv_nsec >= 1000000000) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000;
    }
    pthread_mutex_lock(&d->lock);
    while (d->wake_seq == seen && !atomic_load(&d->stopping)) {
        if (pthread_cond_timedwait(&d->cond, &d->lock, &until) == ETIMEDOUT) {
            break;
        }
    }
    pthread_mutex_unlock(&d->lock);
}

static void *delivery_main(void *arg)
{
    delivery_t *d = arg;
    while (!atomic_load(&d->stopping)) {
        pthread_mutex_lock(&d->lock);
        uint64_t seen = d->wake_seq;
        pthread_mutex_unlock(&d->lock);
        int64_t due = delivery_drain(d);
        delivery_refresh_counts(d);
        pthread_mutex_lock(&d->lock);
        d->scanned_seq = seen;
        pthread_cond_broadcast(&d->cond);
        pthread_mutex_unlock(&d->lock);
        delivery_sleep_until(d, seen, due);
    }
    return NULL;
}

delivery_t *delivery_start(const kiosk_config_t *cfg, const char *outbox_path,
                           delivery_transport_t *transport, char *err, size_t err_size)
{
    delivery_t *d = calloc(1, sizeof *d);
    if (!d || !transport) {
        free(d);
        delivery_transport_destroy(transport);
        snprintf(err, err_size, "%s", transport ? "out of memory" : "no transport");
        return NULL;
    }
    d->transport = transport;
    d->backoff_base_ms = cfg->backoff_base_ms;
    d->backoff_cap_ms = cfg->backoff_cap_ms;
    atomic_init(&d->stopping, false);
    transport->cancel = &d->stopping;
    pthread_mutex_init(&d->lock, NULL);
    pthread_cond_init(&d->cond, NULL);
    d->outbox = report_outbox_open(outbox_path, err, err_size);
    if (!d->outbox) {
        goto fail;
    }
    delivery_refresh_counts(d);
    d->wake_seq = 1; /* the first scan counts as handling a wake-up */
    if (pthread_create(&d->thread, NULL, delivery_main, d) != 0) {
        snprintf(err, err_size, "cannot start the delivery thread");
        goto fail;
    }
    return d;
fail:
    report_outbox_close(d->outbox);
    delivery_transport_destroy(d->transport);
    pthread_cond_destroy(&d->cond);
    pthread_mutex_destroy(&d->lock);
    free(d);
    return NULL;
}

void delivery_request_stop(delivery_t *d)
{
    if (!d) {
        return;
    }
    pthread_mutex_lock(&d->lock);
    atomic_store(&d->stopping, true); /* a transfer in progress aborts at its next tick */
    pthread_cond_broadcast(&d->cond);
    pthread_mutex_unlock(&d->lock);
}

void delivery_stop(delivery_t *d)
{
    if (!d) {
        return;
    }
    delivery_request_stop(d);
    pthread_join(d->thread, NULL);
    report_outbox_close(d->outbox);
    delivery_transport_destroy(d->transport);
    pthread_cond_destroy(&d->cond);
    pthread_mutex_destroy(&d->lock);
    free(d);
}

void delivery_wake(delivery_t *d)
{
    pthread_mutex_lock(&d->lock);
    d->wake_seq++;
    pthread_cond_broadcast(&d->cond);
    pthread_mutex_unlock(&d->lock);
}

void delivery_get_status(delivery_t *d, delivery_status_t *status)
{
    pthread_mutex_lock(&d->lock);
    *status = d->status;
    pthread_mutex_unlock(&d->lock);
}

bool delivery_wait_idle(delivery_t *d, int timeout_ms)
{
    struct timespec until;
    clock_gettime(CLOCK_REALTIME, &until);
    until.tv_sec += timeout_ms / 1000;
    until.tv_nsec += (long)(timeout_ms % 1000) * 1000000;
    if (until.tv_nsec >= 1000000000) {
        until.tv_sec++;
        until.tv_nsec -= 1000000000;
    }
    pthread_mutex_lock(&d->lock);
    uint64_t target = d->wake_seq;
    bool idle;
    while (!(idle = d->scanned_seq >= target && d->status.queued == 0)) {
        if (pthread_cond_timedwait(&d->cond, &d->lock, &until) == ETIMEDOUT) {
            idle = d->scanned_seq >= target && d->status.queued == 0;
            break;
        }
    }
    pthread_mutex_unlock(&d->lock);
    return idle;
}

/* ---- kiosk --deliver ---- */

typedef struct delivery_ids {
    char (*ids)[REPORT_ID_MAX];
    size_t count, capacity;
} delivery_ids_t;

static bool delivery_ids_add(void *user, const report_outbox_item_t *item)
{
    delivery_ids_t *l = user;
    if (l->count == l->capacity) {
        size_t cap = l->capacity ? l->capacity * 2 : 16;
        void *grown = realloc(l->ids, cap * sizeof *l->ids);
        if (!grown) {
            return false;
        }
        l->ids = grown;
        l->capacity = cap;
    }
    snprintf(l->ids[l->count++], REPORT_ID_MAX, "%s", item->report_id);
    return true;
}

/* Sends one envelope and records the outcome at once. Returns 0 delivered, 2 deferred or
 * rejected (not delivered), 1 when the outbox failed. */
static int delivery_once_one(report_outbox_t *o, delivery_transport_t *t, const char *id,
                             FILE *out)
{
    char err[DELIVERY_ERROR_MAX] = "", db_err[DELIVERY_ERROR_MAX];
    report_outbox_item_t item;
    bool found = false;
    if (!report_outbox_get(o, id, &item, &found, db_err, sizeof db_err)) {
        fprintf(out, "error: %s\n", db_err);
        return 1;
    }
    if (!found) {
        return 0; /* delivered meanwhile by a running kiosk */
    }
    bool sent = t->send(t, id, item.envelope, item.envelope_len, err, sizeof err);
    report_outbox_item_clear(&item);
    if (sent && report_outbox_mark_delivered(o, id, db_err, sizeof db_err)) {
        fprintf(out, "delivered %s\n", id);
        return 0;
    }
    if (sent) {
        fprintf(out, "deferred %s: sent, but %s\n", id, db_err);
    } else if (t->rejected && report_outbox_mark_rejected(o, id, err, db_err, sizeof db_err)) {
        fprintf(out, "rejected %s: %s (kept in the dead letters)\n", id, err);
    } else {
        fprintf(out, "deferred %s: %s\n", id, err);
    }
    return 2;
}

int delivery_run_once(const kiosk_config_t *cfg, const char *outbox_path,
                      delivery_transport_t *transport, FILE *out)
{
    char err[DELIVERY_ERROR_MAX];
    if (!transport) {
        return 1;
    }
    report_outbox_t *o = report_outbox_open(outbox_path, err, sizeof err);
    if (!o) {
        fprintf(out, "error: %s\n", err);
        delivery_transport_destroy(transport);
        return 1;
    }
    /* the ids first, then one envelope at a time: each is deleted as soon as it is
     * confirmed (rows are not removed under an open cursor) */
    delivery_ids_t ids = {0};
    int rc = 0;
    if (!report_outbox_each(o, delivery_ids_add, &ids, err, sizeof err)) {
        fprintf(out, "error: %s\n", err);
        rc = 1;
    }
    for (size_t i = 0; rc != 1 && i < ids.count; i++) {
        int one = delivery_once_one(o, transport, ids.ids[i], out);
        rc = one == 0 ? rc : one; /* 1 (outbox failed) stops the pass */
    }
    free(ids.ids);
    report_outbox_close(o);
    delivery_transport_destroy(transport);
    return rc;
}
