/* A print job: sends bytes to a sink on its own thread, with a time-out, and reports
 * its state to a UI that polls without ever waiting (DESIGN §2: a dead printer never
 * freezes the screen; the kiosk shows the QR code instead).
 *
 * Thread rule: print_job_poll() and print_job_destroy() take no lock and never wait
 * for the print thread; they read one atomic state. */
#ifndef KIOSK_PRINT_JOB_H
#define KIOSK_PRINT_JOB_H

#include "print/sink.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PRINT_REASON_MAX 192
#define PRINT_WRITE_CHUNK 4096 /* bytes per write, so a deadline is checked often */

typedef enum {
    PRINT_JOB_PRINTING, /* show print.printing */
    PRINT_JOB_DONE,     /* show print.done */
    PRINT_JOB_FAILED,   /* show print.failed and keep the QR code on screen */
} print_job_state_t;

typedef uint64_t (*print_clock_fn)(void *user);

typedef struct print_job_options {
    int timeout_ms;        /* whole job, connect to last byte; > 0 */
    print_clock_fn now_ms; /* clock poll() checks the time-out on; NULL: monotonic */
    void *clock_user;
} print_job_options_t;

typedef struct print_job print_job_t;

/** Starts sending len bytes (copied) to sink (taken: the job destroys it, also on
 *  failure). NULL with err when the thread cannot start. Caller frees with
 *  print_job_destroy(). */
print_job_t *print_job_start(print_sink_t *sink, const uint8_t *data, size_t len,
                             const print_job_options_t *options, char *err, size_t err_size);

/** The job's state now. Returns at once. After the time-out it reports FAILED even if
 *  the print thread is still stuck in a system call. reason (may be NULL) receives why
 *  it failed, in English for the log and admin screen ("paper out", "timed out"). */
print_job_state_t print_job_poll(print_job_t *job, char *reason, size_t reason_size);

/** Forgets the job without waiting: a thread still running finishes (by its deadline)
 *  and frees the rest itself. print_job_destroy(NULL) does nothing. */
void print_job_destroy(print_job_t *job);

#endif
