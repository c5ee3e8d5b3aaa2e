/* SQLite backend: one file, WAL, synchronous=FULL (a 201 means the envelope is on disk).
 * Writers take the lock up front (BEGIN IMMEDIATE) so arrival order is commit order. */
#include "intake/intake_store_backend.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SQLITE_BUSY_MS 10000

/* Migration N is MIGRATIONS[N-1]; never edit one that has shipped, add the next. */
static const char *const SQLITE_MIGRATIONS[] = {
    "CREATE TABLE kiosks(kiosk_id TEXT PRIMARY KEY, site TEXT NOT NULL DEFAULT '',"
    "  registered_ms INTEGER NOT NULL);"
    "CREATE TABLE kiosk_keys(kiosk_id TEXT NOT NULL REFERENCES kiosks(kiosk_id),"
    "  public_key TEXT NOT NULL, valid_from_ms INTEGER NOT NULL,"
    "  valid_until_ms INTEGER NOT NULL DEFAULT 0, revoked_ms INTEGER NOT NULL DEFAULT 0,"
    "  registered_ms INTEGER NOT NULL, PRIMARY KEY(kiosk_id, public_key));"
    "CREATE TABLE envelopes(seq INTEGER PRIMARY KEY AUTOINCREMENT,"
    "  report_id TEXT NOT NULL UNIQUE, kiosk_id TEXT NOT NULL, digest TEXT NOT NULL,"
    "  received_ms INTEGER NOT NULL, envelope TEXT NOT NULL);"
    "CREATE TABLE heartbeats(kiosk_id TEXT PRIMARY KEY REFERENCES kiosks(kiosk_id),"
    "  sent_ms INTEGER NOT NULL, received_ms INTEGER NOT NULL, body TEXT NOT NULL);",
};
#define SQLITE_MIGRATION_COUNT (int)(sizeof SQLITE_MIGRATIONS / sizeof SQLITE_MIGRATIONS[0])
_Static_assert(sizeof SQLITE_MIGRATIONS / sizeof SQLITE_MIGRATIONS[0] == INTAKE_SCHEMA_VERSION,
               "one SQLite migration per schema version");

static bool lite_fail(sqlite3 *db, const char *what, char *err, size_t err_size)
{
    snprintf(err, err_size, "sqlite: %s: %s", what, sqlite3_errmsg(db));
    return false;
}

static bool lite_exec(sqlite3 *db, const char *sql, char *err, size_t err_size)
{
    char *msg = NULL;
    if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        snprintf(err, err_size, "sqlite: %s", msg ? msg : sqlite3_errmsg(db));
        sqlite3_free(msg);
        return false;
    }
    return true;
}

static void *lite_connect(const char *path, char *err, size_t err_size)
{
    sqlite3 *db = NULL;
    int rc = sqlite3_open_v2(
        path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
    if (rc != SQLITE_OK) {
        snprintf(err, err_size, "sqlite: cannot open %s: %s", path,
                 db ? sqlite3_errmsg(db) : "out of memory");
        sqlite3_close(db);
        return NULL;
    }
    sqlite3_busy_timeout(db, SQLITE_BUSY_MS);
    if (!lite_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;",
                   err, err_size)) {
        sqlite3_close(db);
        return NULL;
    }
    return db;
}

static void lite_disconnect(void *conn)
{
    sqlite3_close(conn);
}

static bool lite_usable(void *conn)
{
    return true;
}

static bool lite_schema_version(void *conn, int *version, char *err, size_t err_size)
{
    sqlite3_stmt *st = NULL;
    *version = 0;
    if (sqlite3_prepare_v2(conn, "SELECT coalesce(max(version),0) FROM schema_migrations", -1, &st,
                           NULL) != SQLITE_OK) {
        return lite_fail(conn, "schema version", err, err_size);
    }
    bool ok = sqlite3_step(st) == SQLITE_ROW;
    if (ok) {
        *version = sqlite3_column_int(st, 0);
    }
    sqlite3_finalize(st);
    return ok || lite_fail(conn, "schema version", err, err_size);
}

static bool lite_migrate(void *conn, char *err, size_t err_size)
{
    sqlite3 *db = conn;
    int version = 0;
    if (!lite_exec(db,
                   "BEGIN IMMEDIATE; CREATE TABLE IF NOT EXISTS schema_migrations("
                   "version INTEGER PRIMARY KEY, applied_ms INTEGER NOT NULL);",
                   err, err_size) ||
        !lite_schema_version(db, &version, err, err_size)) {
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        return false;
    }
    if (version > SQLITE_MIGRATION_COUNT) {
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        snprintf(err, err_size,
                 "sqlite: database schema is version %d, newer than this kiosk-intake (%d)",
                 version, SQLITE_MIGRATION_COUNT);
        return false;
    }
    for (int v = version + 1; v <= SQLITE_MIGRATION_COUNT; v++) {
        char record[128];
        snprintf(record, sizeof record,
                 "INSERT INTO schema_migrations VALUES(%d, CAST(strftime('%%s','now') AS "
                 "INTEGER)*1000)",
                 v);
        if (!lite_exec(db, SQLITE_MIGRATIONS[v - 1], err, err_size) ||
            !lite_exec(db, record, err, err_size)) {
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
            return false;
        }
    }
    return lite_exec(db, "COMMIT", err, err_size);
}

static sqlite3_stmt *lite_prepare(sqlite3 *db, const char *sql, char *err, size_t err_size)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        lite_fail(db, "prepare", err, err_size);
        return NULL;
    }
    return st;
}

static intake_put_result_t lite_put_envelope(void *conn, const char *kiosk_id,
                                             const char *report_id, const char *envelope,
                                             size_t len, const char *digest_hex,
                                             int64_t received_ms, char *err, size_t err_size)
{
    sqlite3 *db = conn;
    if (!lite_exec(db, "BEGIN IMMEDIATE", err, err_size)) {
        return INTAKE_PUT_ERROR;
    }
    intake_put_result_t result = INTAKE_PUT_ERROR;
    sqlite3_stmt *st = lite_prepare(db,
                                    "INSERT INTO envelopes(report_id, kiosk_id, digest, "
                                    "received_ms, envelope) VALUES(?,?,?,?,?) "
                                    "ON CONFLICT(report_id) DO NOTHING",
                                    err, err_size);
    if (st) {
        sqlite3_bind_text(st, 1, report_id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 2, kiosk_id, -1, SQLITE_STATIC);
        sqlite3_bind_text(st, 3, digest_hex, -1, SQLITE_STATIC);
        sqlite3_bind_int64(st, 4, received_ms);
        sqlite3_bind_text(st, 5, envelope, (int)len, SQLITE_STATIC);
        if (sqlite3_step(st) != SQLITE_DONE) {
            lite_fail(db, "insert envelope", err, err_size);
        } else if (sqlite3_changes(db) == 1) {
            result = INTAKE_PUT_CREATED;
        } else {
            result = INTAKE_PUT_CONFLICT; /* until the digest says it is the same one */
        }
        sqlite3_finalize(st);
    }
    if (result == INTAKE_PUT_CONFLICT) {
        st = lite_prepare(db, "SELECT digest FROM envelopes WHERE report_id = ?", err, err_size);
        if (!st) {
            result = INTAKE_PUT_ERROR;
        } else {
            sqlite3_bind_text(st, 1, report_id, -1, SQLITE_STATIC);
            if (sqlite3_step(st) != SQLITE_ROW) {
                result = INTAKE_PUT_ERROR;
                lite_fail(db, "read stored digest", err, err_size);
            } else if (strcmp((const char *)sqlite3_column_text(st, 0), digest_hex) == 0) {
                result = INTAKE_PUT_SAME;
            }
            sqlite3_finalize(st);
        }
    }
    if (result == INTAKE_PUT_ERROR) {
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    } else if (!lite_exec(db, "COMMIT", err, err_size)) {
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        result = INTAKE_PUT_ERROR;
    }
    return result;
}

static bool lite_list_envelopes(void *conn, int64_t after, int limit, intake_envelope_fn fn,
                                void *user, char *err, size_t err_size)
{
    sqlite3_stmt *st = lite_prepare(conn,
                                    "SELECT seq, kiosk_id, report_id, received_ms, envelope "
                                    "FROM envelopes WHERE seq > ? ORDER BY seq LIMIT ?",
                                    err, err_size);
    if (!st) {
        return false;
    }
    sqlite3_bind_int64(st, 1, after);
    sqlite3_bind_int(st, 2, limit);
    int rc;
    bool go = true;
    while (go && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        intake_envelope_row_t row = {.seq = sqlite3_column_int64(st, 0),
                                     .received_ms = sqlite3_column_int64(st, 3)};
        snprintf(row.kiosk_id, sizeof row.kiosk_id, "%s", sqlite3_column_text(st, 1));
        snprintf(row.report_id, sizeof row.report_id, "%s", sqlite3_column_text(st, 2));
        row.envelope = (const char *)sqlite3_column_text(st, 4);
        row.envelope_len = (size_t)sqlite3_column_bytes(st, 4);
        go = fn(user, &row);
    }
    bool ok = !go || rc == SQLITE_DONE;
    if (!ok) {
        lite_fail(conn, "list envelopes", err, err_size);
    }
    sqlite3_finalize(st);
    return ok;
}

static bool lite_count_envelopes(void *conn, int64_t *count, char *err, size_t err_size)
{
    sqlite3_stmt *st = lite_prepare(conn, "SELECT count(*) FROM envelopes", err, err_size);
    if (!st) {
        return false;
    }
    bool ok = sqlite3_step(st) == SQLITE_ROW;
    *count = ok ? sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return ok || lite_fail(conn, "count envelopes", err, err_size);
}

static bool lite_add_key(void *conn, const intake_key_row_t *k, char *err, size_t err_size)
{
    sqlite3 *db = conn;
    if (!lite_exec(db, "BEGIN IMMEDIATE", err, err_size)) {
        return false;
    }
    sqlite3_stmt *a = lite_prepare(db,
                                   "INSERT INTO kiosks(kiosk_id, site, registered_ms) "
                                   "VALUES(?1,?2,?3) ON CONFLICT(kiosk_id) DO UPDATE SET site ="
                                   " CASE WHEN excluded.site <> '' THEN excluded.site"
                                   " ELSE kiosks.site END",
                                   err, err_size);
    sqlite3_stmt *b = a ? lite_prepare(db,
                                       "INSERT INTO kiosk_keys(kiosk_id, public_key, "
                                       "valid_from_ms, valid_until_ms, registered_ms) "
                                       "VALUES(?1,?2,?3,?4,?5) ON CONFLICT(kiosk_id, public_key)"
                                       " DO UPDATE SET valid_from_ms = excluded.valid_from_ms,"
                                       " valid_until_ms = excluded.valid_until_ms",
                                       err, err_size)
                        : NULL;
    bool ok = a && b;
    if (ok) {
        sqlite3_bind_text(a, 1, k->kiosk_id, -1, SQLITE_STATIC);
        sqlite3_bind_text(a, 2, k->site, -1, SQLITE_STATIC);
        sqlite3_bind_int64(a, 3, k->registered_ms);
        sqlite3_bind_text(b, 1, k->kiosk_id, -1, SQLITE_STATIC);
        sqlite3_bind_text(b, 2, k->public_key, -1, SQLITE_STATIC);
        sqlite3_bind_int64(b, 3, k->valid_from_ms);
        sqlite3_bind_int64(b, 4, k->valid_until_ms);
        sqlite3_bind_int64(b, 5, k->registered_ms);
        ok = (sqlite3_step(a) == SQLITE_DONE && sqlite3_step(b) == SQLITE_DONE) ||
             lite_fail(db, "register key", err, err_size);
    }
    sqlite3_finalize(a);
    sqlite3_finalize(b);
    if (!ok || !lite_exec(db, "COMMIT", err, err_size)) {
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
        return false;
    }
    return true;
}

static bool lite_revoke(void *conn, const char *kiosk_id, const char *public_key, int64_t now_ms,
                        int *count, char *err, size_t err_size)
{
    sqlite3_stmt *st = lite_prepare(conn,
                                    "UPDATE kiosk_keys SET revoked_ms = ?1 WHERE kiosk_id = ?2 "
                                    "AND revoked_ms = 0 AND (?3 IS NULL OR public_key = ?3)",
                                    err, err_size);
    if (!st) {
        return false;
    }
    sqlite3_bind_int64(st, 1, now_ms);
    sqlite3_bind_text(st, 2, kiosk_id, -1, SQLITE_STATIC);
    if (public_key) {
        sqlite3_bind_text(st, 3, public_key, -1, SQLITE_STATIC);
    } else {
        sqlite3_bind_null(st, 3);
    }
    bool ok = sqlite3_step(st) == SQLITE_DONE;
    *count = ok ? sqlite3_changes(conn) : 0;
    sqlite3_finalize(st);
    return ok || lite_fail(conn, "revoke", err, err_size);
}

static bool lite_list_keys(void *conn, const char *kiosk_id, intake_key_fn fn, void *user,
                           char *err, size_t err_size)
{
    sqlite3_stmt *st = lite_prepare(
        conn,
        "SELECT k.kiosk_id, k.site, y.public_key, y.valid_from_ms, y.valid_until_ms,"
        " y.revoked_ms, y.registered_ms FROM kiosk_keys y JOIN kiosks k USING(kiosk_id)"
        " WHERE ?1 IS NULL OR k.kiosk_id = ?1 ORDER BY k.site, k.kiosk_id, y.valid_from_ms",
        err, err_size);
    if (!st) {
        return false;
    }
    if (kiosk_id) {
        sqlite3_bind_text(st, 1, kiosk_id, -1, SQLITE_STATIC);
    } else {
        sqlite3_bind_null(st, 1);
    }
    int rc;
    bool go = true;
    while (go && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        intake_key_row_t row = {.valid_from_ms = sqlite3_column_int64(st, 3),
                                .valid_until_ms = sqlite3_column_int64(st, 4),
                                .revoked_ms = sqlite3_column_int64(st, 5),
                                .registered_ms = sqlite3_column_int64(st, 6)};
        snprintf(row.kiosk_id, sizeof row.kiosk_id, "%s", sqlite3_column_text(st, 0));
        snprintf(row.site, sizeof row.site, "%s", sqlite3_column_text(st, 1));
        snprintf(row.public_key, sizeof row.public_key, "%s", sqlite3_column_text(st, 2));
        go = fn(user, &row);
    }
    bool ok = !go || rc == SQLITE_DONE;
    sqlite3_finalize(st);
    return ok || lite_fail(conn, "list keys", err, err_size);
}

static bool lite_put_heartbeat(void *conn, const char *kiosk_id, int64_t sent_ms,
                               int64_t received_ms, const char *body, bool *stale, char *err,
                               size_t err_size)
{
    sqlite3_stmt *st =
        lite_prepare(conn,
                     "INSERT INTO heartbeats(kiosk_id, sent_ms, received_ms, body) VALUES(?,?,?,?)"
                     " ON CONFLICT(kiosk_id) DO UPDATE SET sent_ms = excluded.sent_ms,"
                     " received_ms = excluded.received_ms, body = excluded.body"
                     " WHERE heartbeats.sent_ms < excluded.sent_ms",
                     err, err_size);
    if (!st) {
        return false;
    }
    sqlite3_bind_text(st, 1, kiosk_id, -1, SQLITE_STATIC);
    sqlite3_bind_int64(st, 2, sent_ms);
    sqlite3_bind_int64(st, 3, received_ms);
    sqlite3_bind_text(st, 4, body, -1, SQLITE_STATIC);
    bool ok = sqlite3_step(st) == SQLITE_DONE;
    *stale = ok && sqlite3_changes(conn) == 0;
    sqlite3_finalize(st);
    return ok || lite_fail(conn, "store heartbeat", err, err_size);
}

static bool lite_list_units(void *conn, intake_unit_fn fn, void *user, char *err, size_t err_size)
{
    sqlite3_stmt *st = lite_prepare(conn,
                                    "SELECT k.kiosk_id, k.site, coalesce(h.received_ms,0),"
                                    " coalesce(h.sent_ms,0), coalesce(h.body,'') FROM kiosks k"
                                    " LEFT JOIN heartbeats h USING(kiosk_id)"
                                    " ORDER BY k.site, k.kiosk_id",
                                    err, err_size);
    if (!st) {
        return false;
    }
    int rc;
    bool go = true;
    while (go && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        intake_unit_row_t row = {.heard_ms = sqlite3_column_int64(st, 2),
                                 .sent_ms = sqlite3_column_int64(st, 3),
                                 .body = (const char *)sqlite3_column_text(st, 4)};
        snprintf(row.kiosk_id, sizeof row.kiosk_id, "%s", sqlite3_column_text(st, 0));
        snprintf(row.site, sizeof row.site, "%s", sqlite3_column_text(st, 1));
        go = fn(user, &row);
    }
    bool ok = !go || rc == SQLITE_DONE;
    sqlite3_finalize(st);
    return ok || lite_fail(conn, "list units", err, err_size);
}

const intake_store_ops_t INTAKE_STORE_SQLITE = {
    .name = "sqlite",
    .prefix = "sqlite:",
    .connect = lite_connect,
    .disconnect = lite_disconnect,
    .usable = lite_usable,
    .migrate = lite_migrate,
    .schema_version = lite_schema_version,
    .put_envelope = lite_put_envelope,
    .list_envelopes = lite_list_envelopes,
    .count_envelopes = lite_count_envelopes,
    .add_key = lite_add_key,
    .revoke = lite_revoke,
    .list_keys = lite_list_keys,
    .put_heartbeat = lite_put_heartbeat,
    .list_units = lite_list_units,
};
