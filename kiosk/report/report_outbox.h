/* The durable outbox (DESIGN §7): sealed envelopes in SQLite (WAL, synchronous=FULL) in
 * the state directory, until a transport confirms delivery. Holds only ciphertext, the
 * report id, delivery bookkeeping, the reference counter and a delivered count.
 *
 * One report_outbox_t is one SQLite connection: use it from one thread at a time. The UI
 * thread and the delivery worker each open their own. */
#ifndef KIOSK_REPORT_REPORT_OUTBOX_H
#define KIOSK_REPORT_REPORT_OUTBOX_H

#include "report/report.h"
#include "report/report_reference.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define REPORT_OUTBOX_FILE "outbox.db"
#define REPORT_OUTBOX_SCHEMA_VERSION 2
#define REPORT_OUTBOX_BUSY_MS 5000

typedef struct report_outbox report_outbox_t;

/** One queued envelope. envelope is malloc'd: release with report_outbox_item_clear(). */
typedef struct report_outbox_item {
    char report_id[REPORT_ID_MAX];
    unsigned char *envelope;
    size_t envelope_len;
    int attempts;
    int64_t next_attempt_ms;
} report_outbox_item_t;

typedef struct report_outbox_counts {
    int64_t queued;
    int64_t delivered_total;
    int64_t failures_total;
    int64_t dead_letters; /* envelopes the far end refused for good (kept, never deleted) */
} report_outbox_counts_t;

/** Opens (creating and migrating) the outbox database at path. The caller makes the
 *  directory. NULL + err on failure. Close with report_outbox_close(). */
report_outbox_t *report_outbox_open(const char *path, char *err, size_t err_size);
void report_outbox_close(report_outbox_t *o); /* NULL: no-op */

/** Submit transaction: begin (takes the write lock), take the next reference counter and the
 *  permutation key, insert the sealed envelope, commit. Nothing is durable before commit
 *  returns true; on any failure call report_outbox_rollback(). */
bool report_outbox_begin(report_outbox_t *o, char *err, size_t err_size);
bool report_outbox_take_sequence(report_outbox_t *o, uint64_t *sequence,
                                 unsigned char key[REPORT_REFERENCE_KEY_BYTES], char *err,
                                 size_t err_size);
bool report_outbox_insert(report_outbox_t *o, const char *report_id, const char *envelope,
                          size_t len, char *err, size_t err_size);
bool report_outbox_commit(report_outbox_t *o, char *err, size_t err_size);
void report_outbox_rollback(report_outbox_t *o);

/** The envelope due soonest with next_attempt_ms <= now_ms (oldest first). *found false
 *  when none is due; then *next_due_ms is when the next one is due (or -1 if empty). */
bool report_outbox_next_due(report_outbox_t *o, int64_t now_ms, report_outbox_item_t *item,
                            bool *found, int64_t *next_due_ms, char *err, size_t err_size);

/** Every queued envelope in order, due or not (kiosk --deliver, receiver recovery). The
 *  callback returns false to stop. */
typedef bool (*report_outbox_visit_fn)(void *user, const report_outbox_item_t *item);
bool report_outbox_each(report_outbox_t *o, report_outbox_visit_fn fn, void *user, char *err,
                        size_t err_size);

/** Transport confirmed: delete the envelope and count it, in one transaction. */
bool report_outbox_mark_delivered(report_outbox_t *o, const char *report_id, char *err,
                                  size_t err_size);

/** The far end refused the envelope for good (HTTP 4xx other than 408/429): move it, in
 *  one transaction, from the queue to the dead-letter table with reason (a status line,
 *  nothing personal). Dead letters are never deleted and never sent again by the worker:
 *  a person looks at them (the admin screen counts them). */
bool report_outbox_mark_rejected(report_outbox_t *o, const char *report_id, const char *reason,
                                 char *err, size_t err_size);

/** The queued envelope with report_id (*found false if it is not queued). Release with
 *  report_outbox_item_clear(). */
bool report_outbox_get(report_outbox_t *o, const char *report_id, report_outbox_item_t *item,
                       bool *found, char *err, size_t err_size);

/** Transport failed: count the attempt and set when to try again. */
bool report_outbox_mark_failed(report_outbox_t *o, const char *report_id, int64_t next_attempt_ms,
                               char *err, size_t err_size);

bool report_outbox_counts(report_outbox_t *o, report_outbox_counts_t *counts, char *err,
                          size_t err_size);

/** PRAGMA integrity_check == "ok". */
bool report_outbox_check(report_outbox_t *o, char *err, size_t err_size);

void report_outbox_item_clear(report_outbox_item_t *item);

#endif
