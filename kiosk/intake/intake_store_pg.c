/* PostgreSQL backend (libpq): one database shared by every intake instance of a fleet.
 * Inserts of envelopes are serialised by a transaction-scoped advisory lock, so sequence
 * order is commit order and a pull cursor never skips a row that commits late. Migrations
 * run under a session advisory lock, so instances starting together migrate once. */
#include "intake/intake_store_backend.h"

#include <inttypes.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PG_LOCK_MIGRATE "7305001" /* advisory lock ids: any constant unique to this schema */
#define PG_LOCK_ENVELOPES "7305002"
#define PG_INT_TEXT_MAX 24

static const char *const PG_MIGRATIONS[] = {
    "CREATE TABLE kiosks(kiosk_id TEXT PRIMARY KEY, site TEXT NOT NULL DEFAULT '',"
    "  registered_ms BIGINT NOT NULL);"
    "CREATE TABLE kiosk_keys(kiosk_id TEXT NOT NULL REFERENCES kiosks(kiosk_id),"
    "  public_key TEXT NOT NULL, valid_from_ms BIGINT NOT NULL,"
    "  valid_until_ms BIGINT NOT NULL DEFAULT 0, revoked_ms BIGINT NOT NULL DEFAULT 0,"
    "  registered_ms BIGINT NOT NULL, PRIMARY KEY(kiosk_id, public_key));"
    "CREATE TABLE envelopes(seq BIGSERIAL PRIMARY KEY, report_id TEXT NOT NULL UNIQUE,"
    "  kiosk_id TEXT NOT NULL, digest TEXT NOT NULL, received_ms BIGINT NOT NULL,"
    "  envelope TEXT NOT NULL);"
    "CREATE TABLE heartbeats(kiosk_id TEXT PRIMARY KEY REFERENCES kiosks(kiosk_id),"
    "  sent_ms BIGINT NOT NULL, received_ms BIGINT NOT NULL, body TEXT NOT NULL);",
};
#define PG_MIGRATION_COUNT (int)(sizeof PG_MIGRATIONS / sizeof PG_MIGRATIONS[0])
_Static_assert(sizeof PG_MIGRATIONS / sizeof PG_MIGRATIONS[0] == INTAKE_SCHEMA_VERSION,
               "one PostgreSQL migration per schema version");

static bool pg_fail(PGconn *c, const char *what, char *err, size_t err_size)
{
    char msg[INTAKE_STORE_ERROR_MAX];
    snprintf(msg, sizeof msg, "%s", PQerrorMessage(c));
    msg[strcspn(msg, "\n")] = '\0';
    snprintf(err, err_size, "postgresql: %s: %s", what, msg);
    return false;
}

/* Runs sql with text parameters; true when it returned want (PGRES_COMMAND_OK or
 * PGRES_TUPLES_OK). *out gets the result when asked for, else it is cleared. */
static bool pg_run(PGconn *c, const char *sql, int n, const char *const *params,
                   ExecStatusType want, PGresult **out, const char *what, char *err,
                   size_t err_size)
{
    PGresult *r = PQexecParams(c, sql, n, NULL, params, NULL, NULL, 0);
    bool ok = r && PQresultStatus(r) == want;
    if (!ok) {
        pg_fail(c, what, err, err_size);
    }
    if (out && ok) {
        *out = r;
    } else {
        PQclear(r);
    }
    return ok;
}

/* Without parameters; may hold several statements (migrations). */
static bool pg_cmd(PGconn *c, const char *sql, const char *what, char *err, size_t err_size)
{
    PGresult *r = PQexec(c, sql);
    bool ok = r && PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    return ok || pg_fail(c, what, err, err_size);
}

static void pg_rollback(PGconn *c)
{
    PQclear(PQexec(c, "ROLLBACK"));
}

static void *pg_connect(const char *conninfo, char *err, size_t err_size)
{
    PGconn *c = PQconnectdb(conninfo);
    if (!c || PQstatus(c) != CONNECTION_OK) {
        if (c) {
            pg_fail(c, "cannot connect", err, err_size);
        } else {
            snprintf(err, err_size, "postgresql: out of memory");
        }
        PQfinish(c);
        return NULL;
    }
    /* a 201 must mean durable: never let a role setting turn synchronous commit off */
    if (!pg_cmd(c, "SET synchronous_commit = on; SET client_min_messages = warning",
                "session setup", err, err_size)) {
        PQfinish(c);
        return NULL;
    }
    return c;
}

static void pg_disconnect(void *conn)
{
    PQfinish(conn);
}

static bool pg_usable(void *conn)
{
    return PQstatus(conn) == CONNECTION_OK;
}

static int64_t pg_int(const PGresult *r, int row, int col)
{
    return strtoll(PQgetvalue(r, row, col), NULL, 10);
}

static bool pg_schema_version(void *conn, int *version, char *err, size_t err_size)
{
    PGresult *r = NULL;
    *version = 0;
    if (!pg_run(conn, "SELECT coalesce(max(version),0) FROM schema_migrations", 0, NULL,
                PGRES_TUPLES_OK, &r, "schema version", err, err_size)) {
        return false;
    }
    *version = (int)pg_int(r, 0, 0);
    PQclear(r);
    return true;
}

static bool pg_migrate_locked(PGconn *c, char *err, size_t err_size)
{
    int version = 0;
    if (!pg_cmd(c,
                "CREATE TABLE IF NOT EXISTS schema_migrations(version INTEGER PRIMARY KEY,"
                " applied_ms BIGINT NOT NULL)",
                "create schema_migrations", err, err_size) ||
        !pg_schema_version(c, &version, err, err_size)) {
        return false;
    }
    if (version > PG_MIGRATION_COUNT) {
        snprintf(err, err_size,
                 "postgresql: database schema is version %d, newer than this kiosk-intake (%d)",
                 version, PG_MIGRATION_COUNT);
        return false;
    }
    for (int v = version + 1; v <= PG_MIGRATION_COUNT; v++) {
        char vtext[PG_INT_TEXT_MAX];
        snprintf(vtext, sizeof vtext, "%d", v);
        const char *params[] = {vtext};
        bool ok = pg_cmd(c, "BEGIN", "begin migration", err, err_size);
        ok = ok && pg_cmd(c, PG_MIGRATIONS[v - 1], "migration", err, err_size);
        ok = ok && pg_run(c,
                          "INSERT INTO schema_migrations VALUES($1::int,"
                          " (extract(epoch from now())*1000)::bigint)",
                          1, params, PGRES_COMMAND_OK, NULL, "record migration", err, err_size);
        ok = ok && pg_cmd(c, "COMMIT", "commit migration", err, err_size);
        if (!ok) {
            pg_rollback(c);
            return false;
        }
    }
    return true;
}

static bool pg_migrate(void *conn, char *err, size_t err_size)
{
    PGconn *c = conn;
    if (!pg_run(c, "SELECT pg_advisory_lock(" PG_LOCK_MIGRATE ")", 0, NULL, PGRES_TUPLES_OK, NULL,
                "migration lock", err, err_size)) {
        return false;
    }
    bool ok = pg_migrate_locked(c, err, err_size);
    PQclear(PQexec(c, "SELECT pg_advisory_unlock(" PG_LOCK_MIGRATE ")"));
    return ok;
}

static intake_put_result_t pg_put_envelope(void *conn, const char *kiosk_id, const char *report_id,
                                           const char *envelope, size_t len, const char *digest_hex,
                                           int64_t received_ms, char *err, size_t err_size)
{
    PGconn *c = conn;
    char received[PG_INT_TEXT_MAX];
    snprintf(received, sizeof received, "%" PRId64, received_ms);
    /* libpq text parameters are NUL-terminated: the caller's buffer is */
    const char *params[] = {report_id, kiosk_id, digest_hex, received, envelope};
    (void)len;
    PGresult *r = NULL;
    intake_put_result_t result = INTAKE_PUT_ERROR;
    if (!pg_cmd(c, "BEGIN", "begin", err, err_size)) {
        return INTAKE_PUT_ERROR;
    }
    if (pg_run(c, "SELECT pg_advisory_xact_lock(" PG_LOCK_ENVELOPES ")", 0, NULL, PGRES_TUPLES_OK,
               NULL, "envelope lock", err, err_size) &&
        pg_run(c,
               "INSERT INTO envelopes(report_id, kiosk_id, digest, received_ms, envelope)"
               " VALUES($1,$2,$3,$4::bigint,$5) ON CONFLICT(report_id) DO NOTHING"
               " RETURNING seq",
               5, params, PGRES_TUPLES_OK, &r, "insert envelope", err, err_size)) {
        result = PQntuples(r) == 1 ? INTAKE_PUT_CREATED : INTAKE_PUT_CONFLICT;
        PQclear(r);
    }
    if (result == INTAKE_PUT_CONFLICT) {
        result = INTAKE_PUT_ERROR;
        if (pg_run(c, "SELECT digest FROM envelopes WHERE report_id = $1", 1, params,
                   PGRES_TUPLES_OK, &r, "read stored digest", err, err_size)) {
            if (PQntuples(r) == 1) {
                result = strcmp(PQgetvalue(r, 0, 0), digest_hex) == 0 ? INTAKE_PUT_SAME
                                                                      : INTAKE_PUT_CONFLICT;
            }
            PQclear(r);
        }
    }
    if (result == INTAKE_PUT_ERROR || !pg_cmd(c, "COMMIT", "commit", err, err_size)) {
        pg_rollback(c);
        return INTAKE_PUT_ERROR;
    }
    return result;
}

static bool pg_list_envelopes(void *conn, int64_t after, int limit, intake_envelope_fn fn,
                              void *user, char *err, size_t err_size)
{
    char a[PG_INT_TEXT_MAX], l[PG_INT_TEXT_MAX];
    snprintf(a, sizeof a, "%" PRId64, after);
    snprintf(l, sizeof l, "%d", limit);
    const char *params[] = {a, l};
    PGresult *r = NULL;
    if (!pg_run(conn,
                "SELECT seq, kiosk_id, report_id, received_ms, envelope FROM envelopes"
                " WHERE seq > $1::bigint ORDER BY seq LIMIT $2::int",
                2, params, PGRES_TUPLES_OK, &r, "list envelopes", err, err_size)) {
        return false;
    }
    for (int i = 0; i < PQntuples(r); i++) {
        intake_envelope_row_t row = {.seq = pg_int(r, i, 0), .received_ms = pg_int(r, i, 3)};
        snprintf(row.kiosk_id, sizeof row.kiosk_id, "%s", PQgetvalue(r, i, 1));
        snprintf(row.report_id, sizeof row.report_id, "%s", PQgetvalue(r, i, 2));
        row.envelope = PQgetvalue(r, i, 4);
        row.envelope_len = (size_t)PQgetlength(r, i, 4);
        if (!fn(user, &row)) {
            break;
        }
    }
    PQclear(r);
    return true;
}

static bool pg_count_envelopes(void *conn, int64_t *count, char *err, size_t err_size)
{
    PGresult *r = NULL;
    if (!pg_run(conn, "SELECT count(*) FROM envelopes", 0, NULL, PGRES_TUPLES_OK, &r,
                "count envelopes", err, err_size)) {
        return false;
    }
    *count = pg_int(r, 0, 0);
    PQclear(r);
    return true;
}

static bool pg_add_key(void *conn, const intake_key_row_t *k, char *err, size_t err_size)
{
    PGconn *c = conn;
    char from[PG_INT_TEXT_MAX], until[PG_INT_TEXT_MAX], reg[PG_INT_TEXT_MAX];
    snprintf(from, sizeof from, "%" PRId64, k->valid_from_ms);
    snprintf(until, sizeof until, "%" PRId64, k->valid_until_ms);
    snprintf(reg, sizeof reg, "%" PRId64, k->registered_ms);
    const char *kp[] = {k->kiosk_id, k->site, reg};
    const char *yp[] = {k->kiosk_id, k->public_key, from, until, reg};
    bool ok = pg_cmd(c, "BEGIN", "begin", err, err_size) &&
              pg_run(c,
                     "INSERT INTO kiosks(kiosk_id, site, registered_ms) VALUES($1,$2,$3::bigint)"
                     " ON CONFLICT(kiosk_id) DO UPDATE SET site = CASE WHEN excluded.site <> ''"
                     " THEN excluded.site ELSE kiosks.site END",
                     3, kp, PGRES_COMMAND_OK, NULL, "register kiosk", err, err_size) &&
              pg_run(c,
                     "INSERT INTO kiosk_keys(kiosk_id, public_key, valid_from_ms,"
                     " valid_until_ms, registered_ms) VALUES($1,$2,$3::bigint,$4::bigint,"
                     "$5::bigint) ON CONFLICT(kiosk_id, public_key) DO UPDATE SET"
                     " valid_from_ms = excluded.valid_from_ms,"
                     " valid_until_ms = excluded.valid_until_ms",
                     5, yp, PGRES_COMMAND_OK, NULL, "register key", err, err_size) &&
              pg_cmd(c, "COMMIT", "commit", err, err_size);
    if (!ok) {
        pg_rollback(c);
    }
    return ok;
}

static bool pg_revoke(void *conn, const char *kiosk_id, const char *public_key, int64_t now_ms,
                      int *count, char *err, size_t err_size)
{
    char now[PG_INT_TEXT_MAX];
    snprintf(now, sizeof now, "%" PRId64, now_ms);
    const char *params[] = {now, kiosk_id, public_key};
    PGresult *r = PQexecParams(conn,
                               "UPDATE kiosk_keys SET revoked_ms = $1::bigint WHERE kiosk_id = $2"
                               " AND revoked_ms = 0 AND ($3::text IS NULL OR public_key = $3)",
                               3, NULL, params, NULL, NULL, 0);
    bool ok = r && PQresultStatus(r) == PGRES_COMMAND_OK;
    *count = ok ? atoi(PQcmdTuples(r)) : 0;
    PQclear(r);
    return ok || pg_fail(conn, "revoke", err, err_size);
}

static bool pg_list_keys(void *conn, const char *kiosk_id, intake_key_fn fn, void *user, char *err,
                         size_t err_size)
{
    const char *params[] = {kiosk_id};
    PGresult *r = NULL;
    if (!pg_run(conn,
                "SELECT k.kiosk_id, k.site, y.public_key, y.valid_from_ms, y.valid_until_ms,"
                " y.revoked_ms, y.registered_ms FROM kiosk_keys y JOIN kiosks k USING(kiosk_id)"
                " WHERE $1::text IS NULL OR k.kiosk_id = $1"
                " ORDER BY k.site, k.kiosk_id, y.valid_from_ms",
                1, params, PGRES_TUPLES_OK, &r, "list keys", err, err_size)) {
        return false;
    }
    for (int i = 0; i < PQntuples(r); i++) {
        intake_key_row_t row = {.valid_from_ms = pg_int(r, i, 3),
                                .valid_until_ms = pg_int(r, i, 4),
                                .revoked_ms = pg_int(r, i, 5),
                                .registered_ms = pg_int(r, i, 6)};
        snprintf(row.kiosk_id, sizeof row.kiosk_id, "%s", PQgetvalue(r, i, 0));
        snprintf(row.site, sizeof row.site, "%s", PQgetvalue(r, i, 1));
        snprintf(row.public_key, sizeof row.public_key, "%s", PQgetvalue(r, i, 2));
        if (!fn(user, &row)) {
            break;
        }
    }
    PQclear(r);
    return true;
}

static bool pg_put_heartbeat(void *conn, const char *kiosk_id, int64_t sent_ms, int64_t received_ms,
                             const char *body, bool *stale, char *err, size_t err_size)
{
    char sent[PG_INT_TEXT_MAX], received[PG_INT_TEXT_MAX];
    snprintf(sent, sizeof sent, "%" PRId64, sent_ms);
    snprintf(received, sizeof received, "%" PRId64, received_ms);
    const char *params[] = {kiosk_id, sent, received, body};
    PGresult *r = PQexecParams(
        conn,
        "INSERT INTO heartbeats(kiosk_id, sent_ms, received_ms, body)"
        " VALUES($1,$2::bigint,$3::bigint,$4) ON CONFLICT(kiosk_id) DO UPDATE SET"
        " sent_ms = excluded.sent_ms, received_ms = excluded.received_ms, body = excluded.body"
        " WHERE heartbeats.sent_ms < excluded.sent_ms",
        4, NULL, params, NULL, NULL, 0);
    bool ok = r && PQresultStatus(r) == PGRES_COMMAND_OK;
    *stale = ok && atoi(PQcmdTuples(r)) == 0;
    PQclear(r);
    return ok || pg_fail(conn, "store heartbeat", err, err_size);
}

static bool pg_list_units(void *conn, intake_unit_fn fn, void *user, char *err, size_t err_size)
{
    PGresult *r = NULL;
    if (!pg_run(conn,
                "SELECT k.kiosk_id, k.site, coalesce(h.received_ms,0), coalesce(h.sent_ms,0),"
                " coalesce(h.body,'') FROM kiosks k LEFT JOIN heartbeats h USING(kiosk_id)"
                " ORDER BY k.site, k.kiosk_id",
                0, NULL, PGRES_TUPLES_OK, &r, "list units", err, err_size)) {
        return false;
    }
    for (int i = 0; i < PQntuples(r); i++) {
        intake_unit_row_t row = {
            .heard_ms = pg_int(r, i, 2), .sent_ms = pg_int(r, i, 3), .body = PQgetvalue(r, i, 4)};
        snprintf(row.kiosk_id, sizeof row.kiosk_id, "%s", PQgetvalue(r, i, 0));
        snprintf(row.site, sizeof row.site, "%s", PQgetvalue(r, i, 1));
        if (!fn(user, &row)) {
            break;
        }
    }
    PQclear(r);
    return true;
}

const intake_store_ops_t INTAKE_STORE_POSTGRESQL = {
    .name = "postgresql",
    .prefix = "postgresql:",
    .connect = pg_connect,
    .disconnect = pg_disconnect,
    .usable = pg_usable,
    .migrate = pg_migrate,
    .schema_version = pg_schema_version,
    .put_envelope = pg_put_envelope,
    .list_envelopes = pg_list_envelopes,
    .count_envelopes = pg_count_envelopes,
    .add_key = pg_add_key,
    .revoke = pg_revoke,
    .list_keys = pg_list_keys,
    .put_heartbeat = pg_put_heartbeat,
    .list_units = pg_list_units,
};
