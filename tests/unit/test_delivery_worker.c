/* Delivery: back-off, the worker with a fake transport, the spool transport and
 * kiosk --deliver (issue 4). No timings are asserted: waits are upper bounds only. */
#include "report_test_support.h"

#include "delivery/delivery.h"
#include "report/report_files.h"
#include "report/report_outbox.h"
#include "report/report_service.h"

#include <pthread.h>
#include <sys/stat.h>
#include <unistd.h>

#define WAIT_BOUND_MS 30000 /* generous: a bound for slow sanitizer runs, not a timing */
#define FAKE_IDS_MAX 16

/* ---- a fake transport: fails the first fail_first sends, then accepts ---- */

typedef struct fake_state {
    pthread_mutex_t lock;
    int fail_first;
    bool always_fail;
    int calls;
    int accepted;
    char ids[FAKE_IDS_MAX][REPORT_ID_MAX];
} fake_state_t;

static bool fake_send(delivery_transport_t *t, const char *report_id, const unsigned char *envelope,
                      size_t len, char *err, size_t err_size)
{
    fake_state_t *s = t->state;
    pthread_mutex_lock(&s->lock);
    bool ok = !s->always_fail && s->calls++ >= s->fail_first;
    if (ok && s->accepted < FAKE_IDS_MAX) {
        snprintf(s->ids[s->accepted++], REPORT_ID_MAX, "%s", report_id);
    }
    pthread_mutex_unlock(&s->lock);
    if (!ok) {
        snprintf(err, err_size, "fake: refused");
    }
    return ok;
}

static void fake_destroy(delivery_transport_t *t)
{
    free(t); /* the state belongs to the test */
}

static delivery_transport_t *fake_create(fake_state_t *s)
{
    delivery_transport_t *t = calloc(1, sizeof *t);
    t->name = "fake";
    t->send = fake_send;
    t->destroy = fake_destroy;
    t->state = s;
    return t;
}

typedef struct worker_fixture {
    char dir[256];
    kiosk_config_t cfg;
    fake_state_t fake;
} worker_fixture_t;

static int worker_setup(void **state)
{
    worker_fixture_t *f = calloc(1, sizeof *f);
    if (!f || sodium_init() < 0) {
        return -1;
    }
    pthread_mutex_init(&f->fake.lock, NULL);
    test_tempdir(f->dir, sizeof f->dir);
    test_config_in(f->dir, &f->cfg);
    f->cfg.backoff_base_ms = 10;
    f->cfg.backoff_cap_ms = 100;
    *state = f;
    return 0;
}

static int worker_teardown(void **state)
{
    worker_fixture_t *f = *state;
    pthread_mutex_destroy(&f->fake.lock);
    test_rmrf(f->dir);
    free(f);
    return 0;
}

static void submit_n(report_service_t *svc, int n, char ids[][REPORT_ID_MAX])
{
    for (int i = 0; i < n; i++) {
        report_t r;
        char ref[REPORT_REFERENCE_MAX], err[256];
        test_report_fill(&r);
        CHECK(report_service_submit(svc, &r, ref, sizeof ref, err, sizeof err), "submit: %s", err);
        if (ids) {
            snprintf(ids[i], REPORT_ID_MAX, "%s", r.id);
        }
    }
}

/* ---- tests ---- */

static void test_backoff_full_jitter_bounds(void **state)
{
    static const uint32_t randoms[] = {0, 1, 999, 123456789, UINT32_MAX};
    for (int attempt = 1; attempt <= 40; attempt++) {
        int64_t ceiling = 100;
        for (int i = 1; i < attempt && ceiling < 5000; i++) {
            ceiling *= 2;
        }
        ceiling = ceiling > 5000 ? 5000 : ceiling;
        for (size_t i = 0; i < sizeof randoms / sizeof randoms[0]; i++) {
            int64_t d = delivery_backoff_ms(100, 5000, attempt, randoms[i]);
            CHECK(d >= 0 && d <= ceiling, "attempt %d: delay %lld within [0, %lld]", attempt,
                  (long long)d, (long long)ceiling);
        }
        CHECK(delivery_backoff_ms(100, 5000, attempt, (uint32_t)ceiling) == ceiling,
              "attempt %d can wait the full ceiling %lld", attempt, (long long)ceiling);
    }
    CHECK(delivery_backoff_ms(100, 5000, 1, 0) == 0, "full jitter can retry at once");
}

static void test_worker_retries_until_delivered(void **state)
{
    worker_fixture_t *f = *state;
    char err[256], ids[3][REPORT_ID_MAX];
    f->fake.fail_first = 4;
    report_service_options_t opts = {.transport = fake_create(&f->fake)};
    report_service_t *svc = report_service_create_with(&f->cfg, &opts, err, sizeof err);
    CHECK(svc != NULL, "service: %s", err);
    submit_n(svc, 3, ids);
    CHECK(report_service_wait_delivered(svc, WAIT_BOUND_MS), "all 3 delivered despite 4 refusals");
    report_service_status_t st;
    report_service_get_status(svc, &st);
    CHECK(st.queued == 0, "nothing left queued (%lld)", (long long)st.queued);
    CHECK(st.delivered_total == 3, "delivered count 3 (%lld)", (long long)st.delivered_total);
    CHECK(st.failures_total == 4, "4 failed attempts counted (%lld)", (long long)st.failures_total);
    CHECK(st.last_error[0] == '\0', "last error cleared after success: %s", st.last_error);
    report_service_destroy(svc);
    pthread_mutex_lock(&f->fake.lock);
    CHECK(f->fake.accepted == 3, "transport accepted 3 envelopes (%d)", f->fake.accepted);
    for (int i = 0; i < 3; i++) {
        bool seen = false;
        for (int j = 0; j < f->fake.accepted; j++) {
            seen |= strcmp(f->fake.ids[j], ids[i]) == 0;
        }
        CHECK(seen, "report %s reached the transport", ids[i]);
    }
    pthread_mutex_unlock(&f->fake.lock);
}

static void test_stop_keeps_undelivered(void **state)
{
    worker_fixture_t *f = *state;
    char err[256], path[CONFIG_PATH_MAX + 32];
    f->fake.always_fail = true;
    report_service_options_t opts = {.transport = fake_create(&f->fake)};
    report_service_t *svc = report_service_create_with(&f->cfg, &opts, err, sizeof err);
    CHECK(svc != NULL, "service: %s", err);
    submit_n(svc, 2, NULL);
    report_service_status_t st;
    /* poll (bounded) until the worker has recorded a failed attempt */
    for (int waited = 0; waited < WAIT_BOUND_MS; waited += 10) {
        report_service_get_status(svc, &st);
        if (st.last_error[0]) {
            break;
        }
        usleep(10000);
    }
    CHECK(strstr(st.last_error, "refused") != NULL, "admin status shows the transport error: %s",
          st.last_error);
    CHECK(!report_service_wait_delivered(svc, 0), "nothing was delivered");
    report_service_destroy(svc);
    report_service_outbox_path(&f->cfg, path, sizeof path);
    report_outbox_t *o = report_outbox_open(path, err, sizeof err);
    report_outbox_counts_t c;
    CHECK(o && report_outbox_counts(o, &c, err, sizeof err), "counts: %s", err);
    CHECK(c.queued == 2 && c.delivered_total == 0, "both stay queued after stop (%lld)",
          (long long)c.queued);
    report_outbox_close(o);
}

static void test_spool_transport(void **state)
{
    worker_fixture_t *f = *state;
    char err[256], dir[CONFIG_PATH_MAX], path[CONFIG_PATH_MAX + 64];
    const char *id = "0f8fad5b-d9cb-469f-a165-70867728950e";
    const char *body = "{\"format\":\"kiosk-envelope\"}";
    snprintf(dir, sizeof dir, "%s/spool/inner", f->dir);
    delivery_transport_t *t = delivery_spool_create(dir, err, sizeof err);
    CHECK(t != NULL, "spool transport: %s", err);
    CHECK(t->send(t, id, (const unsigned char *)body, strlen(body), err, sizeof err),
          "spool send: %s", err);
    CHECK(!t->send(t, "../../etc/passwd", (const unsigned char *)body, 1, err, sizeof err),
          "an id that is not a UUID never becomes a path");
    snprintf(path, sizeof path, "%s/%s.json", dir, id);
    unsigned char *data;
    size_t len;
    CHECK(report_file_read(path, 4096, &data, &len, err, sizeof err), "spooled file: %s", err);
    CHECK(len == strlen(body) && memcmp(data, body, len) == 0, "spooled bytes are the envelope");
    free(data);
    struct stat st;
    CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600, "spooled file is 0600");
    delivery_transport_destroy(t);
}

static void test_deliver_once_reports_each(void **state)
{
    worker_fixture_t *f = *state;
    char err[256], ids[2][REPORT_ID_MAX], path[CONFIG_PATH_MAX + 32];
    report_service_options_t opts = {.no_delivery = true};
    report_service_t *svc = report_service_create_with(&f->cfg, &opts, err, sizeof err);
    CHECK(svc != NULL, "service: %s", err);
    submit_n(svc, 2, ids);
    report_service_destroy(svc);
    report_service_outbox_path(&f->cfg, path, sizeof path);

    f->fake.fail_first = 1; /* the first is deferred, the second delivered */
    char *text = NULL;
    size_t text_len = 0;
    FILE *out = open_memstream(&text, &text_len);
    int rc = delivery_run_once(&f->cfg, path, fake_create(&f->fake), out);
    fclose(out);
    CHECK(rc == 2, "exit code 2 when something was deferred (got %d)", rc);
    char expect[128];
    snprintf(expect, sizeof expect, "deferred %s: fake: refused\n", ids[0]);
    CHECK(strstr(text, expect) != NULL, "first is reported deferred with the reason: %s", text);
    snprintf(expect, sizeof expect, "delivered %s\n", ids[1]);
    CHECK(strstr(text, expect) != NULL, "second is reported delivered: %s", text);
    free(text);

    out = open_memstream(&text, &text_len);
    rc = delivery_run_once(&f->cfg, path, fake_create(&f->fake), out);
    fclose(out);
    CHECK(rc == 0, "second pass delivers the rest (got %d): %s", rc, text);
    free(text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_backoff_full_jitter_bounds),
        cmocka_unit_test_setup_teardown(test_worker_retries_until_delivered, worker_setup,
                                        worker_teardown),
        cmocka_unit_test_setup_teardown(test_stop_keeps_undelivered, worker_setup, worker_teardown),
        cmocka_unit_test_setup_teardown(test_spool_transport, worker_setup, worker_teardown),
        cmocka_unit_test_setup_teardown(test_deliver_once_reports_each, worker_setup,
                                        worker_teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
