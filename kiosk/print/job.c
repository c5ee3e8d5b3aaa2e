#include "print/job.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Internal states on top of the public ones: the watchdog's verdict has its own state so
 * the print thread and poll() never write the same reason buffer. */
enum { JOB_TIMED_OUT = PRINT_JOB_FAILED + 1 };

struct print_job {
    pthread_t thread;
    print_sink_t *sink; /* owned by the thread */
    uint8_t *data;
    size_t len;
    uint64_t deadline_ms; /* on the monotonic clock: bounds every sink call */
    uint64_t watchdog_ms; /* on options.now_ms: when poll() gives up */
    print_clock_fn now_ms;
    void *clock_user;
    atomic_int state;              /* print_job_state_t or JOB_TIMED_OUT */
    char reason[PRINT_REASON_MAX]; /* written by the thread before it sets FAILED */
    atomic_bool released;          /* set by whichever of thread / destroy comes second */
};

static uint64_t monotonic_now(void *user)
{
    return print_now_ms();
}

static void job_free(print_job_t *job)
{
    free(job->data);
    free(job);
}

/* Sends the bytes; false with the reason in job->reason. */
static bool job_send(print_job_t *job)
{
    print_sink_t *s = job->sink;
    char *why = job->reason;
    size_t n = sizeof job->reason;
    if (!s->ops->open(s, job->deadline_ms, why, n)) {
        return false;
    }
    bool answers = false;
    if (s->ops->status) {
        uint64_t first = print_now_ms() + PRINT_STATUS_FIRST_WAIT_MS;
        uint64_t wait = first < job->deadline_ms ? first : job->deadline_ms;
        print_sink_status_t st = s->ops->status(s, wait, why, n);
        if (st == PRINT_SINK_STATUS_PAPER_OUT) {
            snprintf(why, n, "paper out");
            return false;
        }
        if (st == PRINT_SINK_STATUS_ERROR) {
            return false;
        }
        answers = st == PRINT_SINK_STATUS_OK;
    }
    for (size_t off = 0; off < job->len; off += PRINT_WRITE_CHUNK) {
        size_t chunk = job->len - off < PRINT_WRITE_CHUNK ? job->len - off : PRINT_WRITE_CHUNK;
        if (!s->ops->write(s, job->data + off, chunk, job->deadline_ms, why, n)) {
            return false;
        }
    }
    if (answers) {
        /* A printer that answered before must answer after the slip: that is the only
         * sign it took every byte (the kernel buffers writes to a dead peer). */
        print_sink_status_t st = s->ops->status(s, job->deadline_ms, why, n);
        if (st == PRINT_SINK_STATUS_PAPER_OUT) {
            snprintf(why, n, "paper out");
            return false;
        }
        if (st == PRINT_SINK_STATUS_NO_ANSWER) {
            snprintf(why, n, "timed out: the printer did not confirm the slip");
            return false;
        }
        if (st == PRINT_SINK_STATUS_ERROR) {
            return false;
        }
    }
    return s->ops->close(s, job->deadline_ms, why, n);
}

static void *job_thread(void *arg)
{
    print_job_t *job = arg;
    bool ok = job_send(job);
    int expected = PRINT_JOB_PRINTING;
    /* Loses quietly to the watchdog if poll() already reported a time-out. */
    atomic_compare_exchange_strong(&job->state, &expected, ok ? PRINT_JOB_DONE : PRINT_JOB_FAILED);
    print_sink_t *sink = job->sink;
    if (atomic_exchange(&job->released, true)) {
        job_free(job); /* destroy() already let go: the last one out frees */
    }
    print_sink_destroy(sink);
    return NULL;
}

print_job_t *print_job_start(print_sink_t *sink, const uint8_t *data, size_t len,
                             const print_job_options_t *o, char *err, size_t err_size)
{
    print_job_t *job = calloc(1, sizeof *job);
    uint8_t *copy = malloc(len ? len : 1);
    if (!job || !copy || !sink || o->timeout_ms <= 0) {
        snprintf(err, err_size,
                 !sink                ? "no printer"
                 : o->timeout_ms <= 0 ? "bad time-out"
                                      : "out of memory");
        free(job);
        free(copy);
        print_sink_destroy(sink);
        return NULL;
    }
    memcpy(copy, data, len);
    job->sink = sink;
    job->data = copy;
    job->len = len;
    job->now_ms = o->now_ms ? o->now_ms : monotonic_now;
    job->clock_user = o->clock_user;
    job->deadline_ms = print_now_ms() + (uint64_t)o->timeout_ms;
    job->watchdog_ms = job->now_ms(job->clock_user) + (uint64_t)o->timeout_ms;
    atomic_init(&job->state, PRINT_JOB_PRINTING);
    atomic_init(&job->released, false);
    int rc = pthread_create(&job->thread, NULL, job_thread, job);
    if (rc != 0) {
        snprintf(err, err_size, "cannot start the print thread: %s", strerror(rc));
        print_sink_destroy(sink);
        job_free(job);
        return NULL;
    }
    return job;
}

print_job_state_t print_job_poll(print_job_t *job, char *reason, size_t reason_size)
{
    int state = atomic_load(&job->state);
    if (state == PRINT_JOB_PRINTING && job->now_ms(job->clock_user) >= job->watchdog_ms) {
        int expected = PRINT_JOB_PRINTING;
        atomic_compare_exchange_strong(&job->state, &expected, JOB_TIMED_OUT);
        state = atomic_load(&job->state);
    }
    const char *why = state == JOB_TIMED_OUT      ? "timed out"
                      : state == PRINT_JOB_FAILED ? job->reason
                                                  : "";
    if (reason && reason_size) {
        snprintf(reason, reason_size, "%s", why);
    }
    return state == JOB_TIMED_OUT ? PRINT_JOB_FAILED : (print_job_state_t)state;
}

void print_job_destroy(print_job_t *job)
{
    if (!job) {
        return;
    }
    if (atomic_exchange(&job->released, true)) {
        /* The thread has finished its work; joining only reaps it. */
        pthread_join(job->thread, NULL);
        job_free(job);
    } else {
        pthread_detach(job->thread);
    }
}
