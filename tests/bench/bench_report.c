/* Submit commit path timing (issue 4): validate + JSON + seal + SQLite commit (WAL,
 * synchronous=FULL, so one fsync per report), measured per call.
 *
 *   bench_report [DIR] [N] [HOLDING]
 * DIR: where the state dir goes (default: TMPDIR or /tmp). HOLDING: undelivered reports
 * already in the outbox before the N timed submits (copies of one sealed envelope, put
 * there with SQL: sealing 100,000 one by one would take minutes and time nothing asked).
 * Use a DIR on the same file system as the deployed state dir: fsync cost is the figure. */
#include "platform/config.h"
#include "platform/log.h"
#include "report/report.h"
#include "report/report_keys.h"
#include "report/report_service.h"

#include <sqlite3.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench_util.h"

#define BENCH_DEFAULT_N 300

static void bench_fill(report_t *r)
{
    report_wipe(r);
    snprintf(r->locale, sizeof r->locale, "ur");
    r->safety = REPORT_NO;
    snprintf(r->reporter_role, sizeof r->reporter_role, "victim");
    r->motivations[1] = true;
    r->incident_types[0] = true;
    snprintf(r->details, sizeof r->details, "%s",
             "بس میں ایک آدمی نے مجھ پر تھوکا اور گالیاں دیں۔ He shouted at me on the bus.");
    r->contact_choice = REPORT_CONTACT_NAMED;
    snprintf(r->contact.name, sizeof r->contact.name, "Test Person");
    snprintf(r->contact.phone, sizeof r->contact.phone, "07700 900123");
    r->consent_support = true;
}

/* Copies the outbox's one envelope until it holds `holding` undelivered reports. */
static bool bench_prefill(const kiosk_config_t *cfg, int holding)
{
    char path[1200];
    report_service_outbox_path(cfg, path, sizeof path);
    sqlite3 *db = NULL;
    char sql[512];
    snprintf(sql, sizeof sql,
             "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d) "
             "INSERT INTO envelopes(report_id, envelope) SELECT 'prefill-' || i, "
             "(SELECT envelope FROM envelopes LIMIT 1) FROM n;",
             holding - 1);
    bool ok = sqlite3_open(path, &db) == SQLITE_OK && sqlite3_busy_timeout(db, 10000) == SQLITE_OK &&
              sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK;
    if (!ok) {
        fprintf(stderr, "prefill %s: %s\n", path, db ? sqlite3_errmsg(db) : "cannot open");
    }
    sqlite3_close(db);
    return ok;
}

int main(int argc, char **argv)
{
    const char *base = argc > 1 ? argv[1] : getenv("TMPDIR");
    int n = argc > 2 ? atoi(argv[2]) : BENCH_DEFAULT_N;
    int holding = argc > 3 ? atoi(argv[3]) : 0;
    char dir[512], err[512], keydir[600], cmd[700];
    snprintf(dir, sizeof dir, "%s/bench-report-XXXXXX", base && base[0] ? base : "/tmp");
    if (n < 1 || !mkdtemp(dir) || sodium_init() < 0) {
        fprintf(stderr, "usage: bench_report [DIR] [N] [HOLDING]\n");
        return 1;
    }
    log_init("bench_report", true, LOG_LEVEL_WARN);
    kiosk_config_t cfg;
    config_defaults(&cfg);
    snprintf(cfg.state_dir, sizeof cfg.state_dir, "%s/state", dir);
    snprintf(keydir, sizeof keydir, "%s/rx", dir);
    if (!report_receiver_keygen(keydir, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    snprintf(cfg.receiver_public_key, sizeof cfg.receiver_public_key, "%s/receiver.pub", keydir);
    report_service_options_t opts = {.no_delivery = true};
    report_service_t *svc = report_service_create_with(&cfg, &opts, err, sizeof err);
    double *ms = calloc((size_t)n, sizeof *ms);
    if (!svc || !ms) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    if (holding > 0) {
        report_t r;
        char ref[REPORT_REFERENCE_MAX];
        bench_fill(&r);
        if (!report_service_submit(svc, &r, ref, sizeof ref, err, sizeof err) ||
            !bench_prefill(&cfg, holding)) {
            fprintf(stderr, "prefill: %s\n", err);
            return 1;
        }
    }
    for (int i = 0; i < n; i++) {
        report_t r;
        char ref[REPORT_REFERENCE_MAX];
        bench_fill(&r);
        double t0 = bench_now_ms();
        if (!report_service_submit(svc, &r, ref, sizeof ref, err, sizeof err)) {
            fprintf(stderr, "submit: %s\n", err);
            return 1;
        }
        ms[i] = bench_now_ms() - t0;
    }
    report_service_destroy(svc);
    qsort(ms, (size_t)n, sizeof *ms, bench_compare);
    printf("report_service_submit (validate+JSON+seal+commit, synchronous=FULL) in %s, "
           "outbox holding %d\n", dir, holding);
    printf("  n=%d  median=%.3f ms  p90=%.3f ms  min=%.3f ms  max=%.3f ms\n", n, ms[n / 2],
           ms[n * 9 / 10], ms[0], ms[n - 1]);
    free(ms);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : 1;
}
