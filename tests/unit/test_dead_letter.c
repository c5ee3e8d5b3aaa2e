/* Permanent refusals (issue 17): an envelope the far end refuses for good (HTTP 4xx other
 * than 408/429) leaves the queue for the dead-letter table, is counted in the status the
 * admin screen and heartbeats show, is never sent again and never deleted. Also what
 * killed delivery runs leave behind. No timings are asserted. */
#include "report_test_support.h"

#include "delivery/delivery.h"
#include "report/report_outbox.h"
#include "report/report_service.h"

#include <fcntl.h>
#include <pthread.h>
#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utime.h>

#define WAIT_BOUND_MS 30000
#define POLL_MS 20

/* A fake transport that refuses for good the envelopes whose turn is in reject_mask (bit
 * n = the n-th send) and accepts the others. */
typedef struct refuse_state {
    pthread_mutex_t lock;
    unsigned reject_mask;
    int calls;
    char sent[8][REPORT_ID_MAX];
    const char *db_path;  /* when set: the queue length seen at each send */
    int64_t queued_at[8];
} refuse_state_t;

static int64_t count_rows(const char *db_path, const char *sql);

static bool refuse_send(delivery_transport_t *t, const char *report_id,
                        const unsigned char *envelope, size_t len, char *err, size_t err_size)
{
    refuse_state_t *s = t->state;
    pthread_mutex_lock(&s->lock);
    int n = s->calls++;
    if (n < 8) {
        snprintf(s->sent[n], REPORT_ID_MAX, "%s", report_id);
        s->queued_at[n] = s->db_path ? count_rows(s->db_path, "SELECT count(*) FROM envelopes") : -1;
    }
    pthread_mutex_unlock(&s->lock);
    t->rejected = (s->reject_mask >> n) & 1u;
    if (t->rejected) {
        snprintf(err, err_size, "fake: server answered HTTP 409 (refused for good)");
        return false;
    }
    return true;
}

static void refuse_destroy(delivery_transport_t *t)
{
    free(t);
}

static delivery_transport_t *refuse_create(refuse_state_t *s)
{
    delivery_transport_t *t = calloc(1, sizeof *t);
    t->name = "fake";
    t->send = refuse_send;
    t->destroy = refuse_destroy;
    t->state = s;
    return t;
}

static int64_t count_rows(const char *db_path, const char *sql)
{
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    int64_t n = -1;
    if (sqlite3_open_v2(db_path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW) {
        n = sqlite3_column_int64(st, 0);
    }
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

static void test_http_statuses(void **state)
{
    static const long permanent[] = {400, 401, 403, 404, 409, 410, 413, 422, 499};
    static const long retry[] = {200, 201, 301, 408, 429, 500, 502, 503, 504, 0};
    for (size_t i = 0; i < sizeof permanent / sizeof permanent[0]; i++) {
        CHECK(delivery_http_status_permanent(permanent[i]), "HTTP %ld is a refusal for good",
              permanent[i]);
    }
    for (size_t i = 0; i < sizeof retry / sizeof retry[0]; i++) {
        CHECK(!delivery_http_status_permanent(retry[i]), "HTTP %ld is worth retrying", retry[i]);
    }
}

static void test_worker_moves_refused_to_dead_letters(void **state)
{
    char dir[256], err[256], db[CONFIG_PATH_MAX + 32];
    kiosk_config_t cfg;
    test_tempdir(dir, sizeof dir);
    test_config_in(dir, &cfg);
    cfg.backoff_base_ms = 10;
    cfg.backoff_cap_ms = 50;
    refuse_state_t s = {.reject_mask = 1u}; /* the first envelope is refused, the rest taken */
    pthread_mutex_init(&s.lock, NULL);
    report_service_options_t opts = {.transport = refuse_create(&s)};
    report_service_t *svc = report_service_create_with(&cfg, &opts, err, sizeof err);
    CHECK(svc != NULL, "service: %s", err);
    for (int i = 0; i < 3; i++) {
        report_t r;
        char ref[REPORT_REFERENCE_MAX];
        test_report_fill(&r);
        CHECK(report_service_submit(svc, &r, ref, sizeof ref, err, sizeof err), "submit: %s", err);
    }
    CHECK(report_service_wait_delivered(svc, WAIT_BOUND_MS),
          "the queue empties: the refused envelope is not retried for ever");
    report_service_status_t st;
    report_service_get_status(svc, &st);
    CHECK(st.queued == 0, "nothing queued (%lld)", (long long)st.queued);
    CHECK(st.delivered_total == 2, "2 delivered (%lld)", (long long)st.delivered_total);
    CHECK(st.dead_letters == 1, "1 dead letter in the status (%lld)", (long long)st.dead_letters);
    usleep(200 * 1000); /* several back-off periods: a retry would show as a 4th send */
    report_service_destroy(svc);
    CHECK(s.calls == 3, "each envelope sent once, the refused one never again (%d sends)", s.calls);
    report_service_outbox_path(&cfg, db, sizeof db);
    CHECK(count_rows(db, "SELECT count(*) FROM dead_letters") == 1, "one dead letter row kept");
    CHECK(count_rows(db, "SELECT attempts FROM dead_letters") == 1, "its attempts are counted");
    CHECK(count_rows(db, "SELECT count(*) FROM dead_letters WHERE length(envelope) > 100 AND"
                         " reason LIKE '%409%'") == 1,
          "the dead letter keeps the sealed envelope and the reason");
    /* a restart keeps it: never deleted, never sent */
    s.calls = 0;
    opts.transport = refuse_create(&s);
    svc = report_service_create_with(&cfg, &opts, err, sizeof err);
    CHECK(svc != NULL, "service again: %s", err);
    CHECK(report_service_wait_delivered(svc, WAIT_BOUND_MS), "idle after restart");
    report_service_get_status(svc, &st);
    CHECK(st.dead_letters == 1, "still 1 dead letter after a restart (%lld)",
          (long long)st.dead_letters);
    report_service_destroy(svc);
    CHECK(s.calls == 0, "the dead letter is not sent after a restart (%d sends)", s.calls);
    pthread_mutex_destroy(&s.lock);
    test_rmrf(dir);
}

/* kiosk --deliver: every envelope leaves the queue on its own outcome, the refused one
 * for the dead letters. */
static void test_deliver_once_deletes_as_confirmed(void **state)
{
    char dir[256], err[256], db[CONFIG_PATH_MAX + 32];
    kiosk_config_t cfg;
    test_tempdir(dir, sizeof dir);
    test_config_in(dir, &cfg);
    report_service_options_t qopts = {.no_delivery = true};
    report_service_t *svc = report_service_create_with(&cfg, &qopts, err, sizeof err);
    CHECK(svc != NULL, "service: %s", err);
    for (int i = 0; i < 4; i++) {
        report_t r;
        char ref[REPORT_REFERENCE_MAX];
        test_report_fill(&r);
        CHECK(report_service_submit(svc, &r, ref, sizeof ref, err, sizeof err), "submit: %s", err);
    }
    report_service_destroy(svc);
    report_service_outbox_path(&cfg, db, sizeof db);
    /* 2nd refused for good, 1st, 3rd and 4th delivered */
    refuse_state_t s = {.reject_mask = 2u, .db_path = db};
    pthread_mutex_init(&s.lock, NULL);
    char out[4096] = "";
    FILE *f = fmemopen(out, sizeof out - 1, "w");
    int rc = delivery_run_once(&cfg, db, refuse_create(&s), f);
    fclose(f);
    CHECK(rc == 2, "a refused envelope makes --deliver say not everything went (%d)", rc);
    CHECK(strstr(out, "rejected ") != NULL, "the refusal is printed: %s", out);
    CHECK(count_rows(db, "SELECT count(*) FROM envelopes") == 0, "the queue is empty");
    for (int i = 0; i < 4; i++) {
        /* a killed run re-sends only what was not yet confirmed */
        CHECK(s.queued_at[i] == 4 - i, "at send %d, %d envelopes still queued (%lld): each left "
              "as soon as its outcome was known", i + 1, 4 - i, (long long)s.queued_at[i]);
    }
    CHECK(count_rows(db, "SELECT count(*) FROM dead_letters") == 1, "one dead letter");
    CHECK(count_rows(db, "SELECT value FROM meta WHERE key='delivered_total'") == 3,
          "3 counted delivered");
    pthread_mutex_destroy(&s.lock);
    test_rmrf(dir);
}

/* A killed spool writer leaves ".<id>.json.XXXXXX": the next start removes it when stale,
 * and leaves a fresh one (a writer beside it) and every delivered file alone. */
static void test_spool_removes_stale_temps(void **state)
{
    char dir[256], err[256], stale[512], fresh[512], done[512];
    test_tempdir(dir, sizeof dir);
    snprintf(stale, sizeof stale, "%s/.0a1b.json.AbC123", dir);
    snprintf(fresh, sizeof fresh, "%s/.0a1c.json.XyZ789", dir);
    snprintf(done, sizeof done, "%s/0a1d.json", dir);
    const char *paths[] = {stale, fresh, done};
    for (int i = 0; i < 3; i++) {
        int fd = open(paths[i], O_WRONLY | O_CREAT, 0600);
        CHECK(fd >= 0 && write(fd, "{", 1) == 1, "make %s", paths[i]);
        close(fd);
    }
    struct utimbuf old = {.actime = time(NULL) - 3600, .modtime = time(NULL) - 3600};
    CHECK(utime(stale, &old) == 0, "age the stale temp file");
    delivery_transport_t *t = delivery_spool_create(dir, err, sizeof err);
    CHECK(t != NULL, "spool: %s", err);
    delivery_transport_destroy(t);
    CHECK(access(stale, F_OK) != 0, "the stale temp file is gone");
    CHECK(access(fresh, F_OK) == 0, "a fresh temp file (a writer now) is kept");
    CHECK(access(done, F_OK) == 0, "delivered envelopes are never touched");
    test_rmrf(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_http_statuses),
        cmocka_unit_test(test_worker_moves_refused_to_dead_letters),
        cmocka_unit_test(test_deliver_once_deletes_as_confirmed),
        cmocka_unit_test(test_spool_removes_stale_temps),
    };
    if (sodium_init() < 0) {
        return 1;
    }
    return cmocka_run_group_tests(tests, NULL, NULL);
}
