#include "report/report_outbox.h"

#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Test builds may compile this file with another value to show that the power-loss test
 * (tests/tools/outbox_power_loss.c) fails without it; the kiosk is always built with FULL. */
#ifndef KIOSK_OUTBOX_SYNCHRONOUS
#define KIOSK_OUTBOX_SYNCHRONOUS "FULL"
#endif

struct report_outbox {
    sqlite3 *db;
    bool in_transaction;
};

/* Migrations, index = from-version. Each runs inside one transaction with the
 * user_version bump, so a crash leaves either the old or the new schema. */
static const char *const OUTBOX_MIGRATIONS[REPORT_OUTBOX_SCHEMA_VERSION] = {
    "CREATE TABLE envelopes ("
    "  id INTEGER PRIMARY KEY,"
    "  report_id TEXT NOT NULL UNIQUE,"
    "  envelope BLOB NOT NULL,"
    "  attempts INTEGER NOT NULL DEFAULT 0,"
    "  next_attempt_ms INTEGER NOT NULL DEFAULT 0);"
    "CREATE INDEX envelopes_due ON envelopes(next_attempt_ms, id);"
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value NOT NULL);"
    "INSERT INTO meta(key, value) VALUES ('next_sequence', 0), ('delivered_total', 0),"
    "  ('failures_total', 0), ('reference_key', randomblob(16));",
    /* 1 -> 2: envelopes refused for good are kept aside, never deleted */
    "CREATE TABLE dead_letters ("
    "  id INTEGER PRIMARY KEY,"
    "  report_id TEXT NOT NULL UNIQUE,"
    "  envelope BLOB NOT NULL,"
    "  attempts INTEGER NOT NULL,"
    "  reason TEXT NOT NULL,"
    "  moved_at INTEGER NOT NULL);",
};

/* Says what went wrong in the words a person at the admin screen needs. */
static bool outbox_fail(report_outbox_t *o, const char *what, char *err, size_t err_size)
{
    int code = o && o->db ? sqlite3_extended_errcode(o->db) : SQLITE_ERROR;
    const char *kind = "database error";
    switch (code & 0xff) {
    case SQLITE_FULL:
        kind = "disk is full";
        break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_CANTOPEN:
        kind = "cannot write the outbox (read-only or no permission)";
        break;
    case SQLITE_IOERR:
        kind = "disk I/O error";
        break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        kind = "outbox busy";
        break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
        kind = "outbox database is damaged";
        break;
    default:
        break;
    }
    snprintf(err, err_size, "outbox %s: %s (%s)", what, kind,
             o && o->db ? sqlite3_errmsg(o->db) : "no database");
    return false;
}

static bool outbox_exec(report_outbox_t *o, const char *sql, const char *what, char *err,
                        size_t err_size)
{
    return sqlite3_exec(o->db, sql, NULL, NULL, NULL) == SQLITE_OK ||
           outbox_fail(o, what, err, err_size);
}

static bool outbox_get_int(report_outbox_t *o, const char *sql, int64_t *value)
{
    sqlite3_stmt *st = NULL;
    bool ok = sqlite3_prepare_v2(o->db, sql, -1, &st, NULL) == SQLITE_OK &&
              sqlite3_step(st) == SQLITE_ROW;
    if (ok) {
        *value = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    return ok;
}

static bool outbox_migrate(report_outbox_t *o, char *err, size_t err_size)
{
    int64_t version = 0;
    if (!outbox_exec(o, "BEGIN IMMEDIATE", "migrate", err, err_size)) {
        return false;
    }
    if (!outbox_get_int(o, "PRAGMA user_version", &version)) {
        outbox_fail(o, "read version", err, err_size);
        goto fail;
    }
    if (version > REPORT_OUTBOX_SCHEMA_VERSION) {
        snprintf(err, err_size, "outbox schema %lld is newer than this kiosk (%d)",
                 (long long)version, REPORT_OUTBOX_SCHEMA_VERSION);
        goto fail;
    }
    for (int64_t v = version; v < REPORT_OUTBOX_SCHEMA_VERSION; v++) {
        char bump[64];
        snprintf(bump, sizeof bump, "PRAGMA user_version = %lld", (long long)v + 1);
        if (!outbox_exec(o, OUTBOX_MIGRATIONS[v], "migrate", err, err_size) ||
            !outbox_exec(o, bump, "migrate", err, err_size)) {
            goto fail;
        }
    }
    if (!outbox_exec(o, "COMMIT", "migrate", err, err_size)) {
        goto fail;
    }
    return true;
fail:
    sqlite3_exec(o->db, "ROLLBACK", NULL, NULL, NULL);
    return false;
}

report_outbox_t *report_outbox_open(const char *path, char *err, size_t err_size)
{
    report_outbox_t *o = calloc(1, sizeof *o);
    if (!o) {
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path, &o->db, flags, NULL) != SQLITE_OK) {
        outbox_fail(o, "open", err, err_size);
        goto fail;
    }
    sqlite3_busy_timeout(o->db, REPORT_OUTBOX_BUSY_MS);
    sqlite3_extended_result_codes(o->db, 1);
    /* WAL + FULL: a commit is on disk when it returns. secure_delete: delivered envelopes
     * are overwritten, not left in free pages. */
    if (!outbox_exec(o, "PRAGMA journal_mode=WAL", "set WAL", err, err_size) ||
        !outbox_exec(o, "PRAGMA synchronous=" KIOSK_OUTBOX_SYNCHRONOUS, "set sync", err, err_size) ||
        !outbox_exec(o, "PRAGMA secure_delete=ON", "set secure_delete", err, err_size) ||
        !outbox_exec(o, "PRAGMA trusted_schema=OFF", "harden", err, err_size) ||
        !outbox_migrate(o, err, err_size)) {
        goto fail;
    }
    return o;
fail:
    report_outbox_close(o);
    return NULL;
}

void report_outbox_close(report_outbox_t *o)
{
    if (!o) {
        return;
    }
    if (o->in_transaction) {
        report_outbox_rollback(o);
    }
    sqlite3_close(o->db);
    free(o);
}

bool report_outbox_begin(report_outbox_t *o, char *err, size_t err_size)
{
    if (!outbox_exec(o, "BEGIN IMMEDIATE", "begin", err, err_size)) {
        return false;
    }
    o->in_transaction = true;
    return true;
}

bool report_outbox_take_sequence(report_outbox_t *o, uint64_t *sequence,
                                 unsigned char key[REPORT_REFERENCE_KEY_BYTES], char *err,
                                 size_t err_size)
{
    int64_t next = 0;
    sqlite3_stmt *st = NULL;
    bool ok = outbox_get_int(o, "SELECT value FROM meta WHERE key='next_sequence'", &next) &&
              sqlite3_prepare_v2(o->db, "SELECT value FROM meta WHERE key='reference_key'", -1, &st,
                                 NULL) == SQLITE_OK &&
              sqlite3_step(st) == SQLITE_ROW &&
              sqlite3_column_bytes(st, 0) == REPORT_REFERENCE_KEY_BYTES;
    if (ok) {
        memcpy(key, sqlite3_column_blob(st, 0), REPORT_REFERENCE_KEY_BYTES);
        *sequence = (uint64_t)next;
    }
    sqlite3_finalize(st);
    if (!ok) {
        return outbox_fail(o, "read counter", err, err_size);
    }
    return outbox_exec(o, "UPDATE meta SET value = value + 1 WHERE key='next_sequence'",
                       "update counter", err, err_size);
}

bool report_outbox_insert(report_outbox_t *o, const char *report_id, const char *envelope,
                          size_t len, char *err, size_t err_size)
{
    sqlite3_stmt *st = NULL;
    bool ok = sqlite3_prepare_v2(o->db, "INSERT INTO envelopes(report_id, envelope) VALUES (?, ?)",
                                 -1, &st, NULL) == SQLITE_OK &&
              sqlite3_bind_text(st, 1, report_id, -1, SQLITE_STATIC) == SQLITE_OK &&
              sqlite3_bind_blob64(st, 2, envelope, len, SQLITE_STATIC) == SQLITE_OK &&
              sqlite3_step(st) == SQLITE_DONE;
    if (!ok) {
        outbox_fail(o, "insert", err, err_size);
    }
    sqlite3_finalize(st);
    return ok;
}

bool report_outbox_commit(report_outbox_t *o, char *err, size_t err_size)
{
    if (!outbox_exec(o, "COMMIT", "commit", err, err_size)) {
        return false;
    }
    o->in_transaction = false;
    return true;
}

void report_outbox_rollback(report_outbox_t *o)
{
    /* After some errors (SQLITE_FULL, IOERR) SQLite has rolled back already; harmless. */
    if (sqlite3_get_autocommit(o->db) == 0) {
        sqlite3_exec(o->db, "ROLLBACK", NULL, NULL, NULL);
    }
    o->in_transaction = false;
}

static bool outbox_read_item(sqlite3_stmt *st, report_outbox_item_t *item)
{
    memset(item, 0, sizeof *item);
    const unsigned char *id = sqlite3_column_text(st, 0);
    const void *blob = sqlite3_column_blob(st, 1);
    int n = sqlite3_column_bytes(st, 1);
    if (!id || !blob || n <= 0) {
        return false;
    }
    snprintf(item->report_id, sizeof item->report_id, "%s", (const char *)id);
    item->envelope = malloc((size_t)n + 1);
    if (!item->envelope) {
        return false;
    }
    memcpy(item->envelope, blob, (size_t)n);
    item->envelope[n] = '\0';
    item->envelope_len = (size_t)n;
    item->attempts = sqlite3_column_int(st, 2);
    item->next_attempt_ms = sqlite3_column_int64(st, 3);
    return true;
}

#define OUTBOX_ITEM_COLUMNS "report_id, envelope, attempts, next_attempt_ms"

bool report_outbox_next_due(report_outbox_t *o, int64_t now_ms, report_outbox_item_t *item,
                            bool *found, int64_t *next_due_ms, char *err, size_t err_size)
{
    sqlite3_stmt *st = NULL;
    *found = false;
    *next_due_ms = -1;
    if (sqlite3_prepare_v2(o->db,
                           "SELECT " OUTBOX_ITEM_COLUMNS " FROM envelopes"
                           " ORDER BY next_attempt_ms, id LIMIT 1",
                           -1, &st, NULL) != SQLITE_OK) {
        return outbox_fail(o, "read", err, err_size);
    }
    int rc = sqlite3_step(st);
    bool ok = rc == SQLITE_ROW || rc == SQLITE_DONE;
    if (rc == SQLITE_ROW) {
        int64_t due = sqlite3_column_int64(st, 3);
        if (due <= now_ms) {
            ok = outbox_read_item(st, item);
            *found = ok;
        } else {
            *next_due_ms = due;
        }
    }
    if (!ok) {
        outbox_fail(o, "read", err, err_size);
    }
    sqlite3_finalize(st);
    return ok;
}

bool report_outbox_each(report_outbox_t *o, report_outbox_visit_fn fn, void *user, char *err,
                        size_t err_size)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(o->db, "SELECT " OUTBOX_ITEM_COLUMNS " FROM envelopes ORDER BY id", -1,
                           &st, NULL) != SQLITE_OK) {
        return outbox_fail(o, "read", err, err_size);
    }
    int rc;
    bool ok = true;
    while (ok && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        report_outbox_item_t item;
        ok = outbox_read_item(st, &item);
        bool more = ok && fn(user, &item);
        report_outbox_item_clear(&item);
        if (!more) {
            break;
        }
    }
    if (!ok || (rc != SQLITE_ROW && rc != SQLITE_DONE)) {
        ok = outbox_fail(o, "read", err, err_size);
    }
    sqlite3_finalize(st);
    return ok;
}

/* Runs one UPDATE/DELETE bound to report_id; *changed gets the row count. */
static bool outbox_run_for_id(report_outbox_t *o, const char *sql, const char *report_id,
                              int64_t value, int *changed)
{
    sqlite3_stmt *st = NULL;
    bool ok =
        sqlite3_prepare_v2(o->db, sql, -1, &st, NULL) == SQLITE_OK &&
        sqlite3_bind_text(st, 1, report_id, -1, SQLITE_STATIC) == SQLITE_OK &&
        (sqlite3_bind_parameter_count(st) < 2 || sqlite3_bind_int64(st, 2, value) == SQLITE_OK) &&
        sqlite3_step(st) == SQLITE_DONE;
    *changed = ok ? sqlite3_changes(o->db) : 0;
    sqlite3_finalize(st);
    return ok;
}

/* Ends a write begun with report_outbox_begin(): commits when ok, else rolls back with
 * what failed in err. One place for both the update and the dead-letter move. */
static bool outbox_finish(report_outbox_t *o, bool ok, const char *what, char *err,
                          size_t err_size)
{
    if (!ok) {
        outbox_fail(o, what, err, err_size);
        report_outbox_rollback(o);
        return false;
    }
    if (!report_outbox_commit(o, err, err_size)) {
        report_outbox_rollback(o);
        return false;
    }
    return true;
}

static bool outbox_update_for_id(report_outbox_t *o, const char *sql, const char *counter_sql,
                                 const char *report_id, int64_t value, const char *what, char *err,
                                 size_t err_size)
{
    int changed = 0;
    if (!report_outbox_begin(o, err, err_size)) {
        return false;
    }
    bool ok = outbox_run_for_id(o, sql, report_id, value, &changed) &&
              (changed == 0 || sqlite3_exec(o->db, counter_sql, NULL, NULL, NULL) == SQLITE_OK);
    return outbox_finish(o, ok, what, err, err_size);
}

bool report_outbox_mark_delivered(report_outbox_t *o, const char *report_id, char *err,
                                  size_t err_size)
{
    return outbox_update_for_id(o, "DELETE FROM envelopes WHERE report_id = ?",
                                "UPDATE meta SET value = value + 1 WHERE key='delivered_total'",
                                report_id, 0, "mark delivered", err, err_size);
}

bool report_outbox_mark_rejected(report_outbox_t *o, const char *report_id, const char *reason,
                                 char *err, size_t err_size)
{
    if (!report_outbox_begin(o, err, err_size)) {
        return false;
    }
    sqlite3_stmt *st = NULL;
    bool ok = sqlite3_prepare_v2(o->db,
                                 "INSERT INTO dead_letters(report_id, envelope, attempts, reason,"
                                 " moved_at) SELECT report_id, envelope, attempts + 1, ?2,"
                                 " strftime('%s', 'now') FROM envelopes WHERE report_id = ?1",
                                 -1, &st, NULL) == SQLITE_OK &&
              sqlite3_bind_text(st, 1, report_id, -1, SQLITE_STATIC) == SQLITE_OK &&
              sqlite3_bind_text(st, 2, reason, -1, SQLITE_STATIC) == SQLITE_OK &&
              sqlite3_step(st) == SQLITE_DONE;
    sqlite3_finalize(st);
    int changed = 0;
    ok = ok && outbox_run_for_id(o, "DELETE FROM envelopes WHERE report_id = ?", report_id, 0,
                                 &changed);
    return outbox_finish(o, ok, "move to dead letters", err, err_size);
}

bool report_outbox_get(report_outbox_t *o, const char *report_id, report_outbox_item_t *item,
                       bool *found, char *err, size_t err_size)
{
    sqlite3_stmt *st = NULL;
    *found = false;
    if (sqlite3_prepare_v2(o->db,
                           "SELECT " OUTBOX_ITEM_COLUMNS " FROM envelopes WHERE report_id = ?",
                           -1, &st, NULL) != SQLITE_OK ||
        sqlite3_bind_text(st, 1, report_id, -1, SQLITE_STATIC) != SQLITE_OK) {
        sqlite3_finalize(st);
        return outbox_fail(o, "read", err, err_size);
    }
    int rc = sqlite3_step(st);
    bool ok = rc == SQLITE_DONE || (rc == SQLITE_ROW && outbox_read_item(st, item));
    *found = ok && rc == SQLITE_ROW;
    if (!ok) {
        outbox_fail(o, "read", err, err_size);
    }
    sqlite3_finalize(st);
    return ok;
}

bool report_outbox_mark_failed(report_outbox_t *o, const char *report_id, int64_t next_attempt_ms,
                               char *err, size_t err_size)
{
    return outbox_update_for_id(o,
                                "UPDATE envelopes SET attempts = attempts + 1, next_attempt_ms = ?2"
                                " WHERE report_id = ?1",
                                "UPDATE meta SET value = value + 1 WHERE key='failures_total'",
                                report_id, next_attempt_ms, "mark failed", err, err_size);
}

bool report_outbox_counts(report_outbox_t *o, report_outbox_counts_t *counts, char *err,
                          size_t err_size)
{
    bool ok = outbox_get_int(o, "SELECT count(*) FROM envelopes", &counts->queued) &&
              outbox_get_int(o, "SELECT value FROM meta WHERE key='delivered_total'",
                             &counts->delivered_total) &&
              outbox_get_int(o, "SELECT value FROM meta WHERE key='failures_total'",
                             &counts->failures_total) &&
              outbox_get_int(o, "SELECT count(*) FROM dead_letters", &counts->dead_letters);
    return ok || outbox_fail(o, "count", err, err_size);
}

bool report_outbox_check(report_outbox_t *o, char *err, size_t err_size)
{
    sqlite3_stmt *st = NULL;
    bool ok = sqlite3_prepare_v2(o->db, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK &&
              sqlite3_step(st) == SQLITE_ROW;
    const unsigned char *text = ok ? sqlite3_column_text(st, 0) : NULL;
    ok = text && strcmp((const char *)text, "ok") == 0;
    if (!ok) {
        snprintf(err, err_size, "outbox integrity check: %s", text ? (const char *)text : "?");
    }
    sqlite3_finalize(st);
    return ok;
}

void report_outbox_item_clear(report_outbox_item_t *item)
{
    free(item->envelope);
    item->envelope = NULL;
    item->envelope_len = 0;
}
