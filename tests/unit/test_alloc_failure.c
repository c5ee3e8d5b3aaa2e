/* Allocation failure (issue 17), as SQLite's own faultsim does it: the Nth allocation
 * fails, for N = 1, 2, 3, ... until the operation completes without meeting the fault.
 * Swept over opening the outbox, submitting a report and loading the content. Each failure must give a
 * clear error and leave nothing half-written: the outbox opens cleanly afterwards, holds
 * exactly the reports acknowledged so far, and no reference is handed out for a report
 * that was not stored. Leaks on the failure paths are LeakSanitizer's to find (this test
 * also runs in the ASan+UBSan build).
 *
 * Every allocator the operations reach is made to fail: the kiosk's own code (malloc,
 * calloc, realloc, strdup wrapped with ld --wrap, see tests/CMakeLists.txt), SQLite
 * (SQLITE_CONFIG_MALLOC) and cJSON (cJSON_InitHooks). Only allocations made on the test's
 * own thread count, so the delivery worker is never the one to fail. */
#include "report_test_support.h"

#include "content/content_load.h"
#include "report/report_outbox.h"
#include "report/report_service.h"

#include <cjson/cJSON.h>
#include <sqlite3.h>

#define SWEEP_MAX 20000 /* far beyond the allocations either operation makes */

/* ---- the failing allocator ---- */

typedef struct fault_plan {
    bool armed;
    long countdown; /* allocations left before the one that fails */
    long faults;    /* failures injected since arming */
} fault_plan_t;

static _Thread_local fault_plan_t plan;

static bool fault_now(void)
{
    if (!plan.armed || plan.countdown <= 0) {
        return false;
    }
    if (--plan.countdown == 0) {
        plan.faults++;
        return true;
    }
    return false;
}

static void fault_arm(long n)
{
    plan = (fault_plan_t){.armed = true, .countdown = n};
}

static long fault_disarm(void)
{
    plan.armed = false;
    return plan.faults;
}

void *__real_malloc(size_t n);
void *__real_calloc(size_t n, size_t size);
void *__real_realloc(void *p, size_t n);
char *__real_strdup(const char *s);

void *__wrap_malloc(size_t n);
void *__wrap_calloc(size_t n, size_t size);
void *__wrap_realloc(void *p, size_t n);
char *__wrap_strdup(const char *s);

void *__wrap_malloc(size_t n)
{
    return fault_now() ? NULL : __real_malloc(n);
}

void *__wrap_calloc(size_t n, size_t size)
{
    return fault_now() ? NULL : __real_calloc(n, size);
}

void *__wrap_realloc(void *p, size_t n)
{
    return fault_now() ? NULL : __real_realloc(p, n);
}

char *__wrap_strdup(const char *s)
{
    return fault_now() ? NULL : __real_strdup(s);
}

/* SQLite's allocator: the default one, failing when the plan says so. */
static sqlite3_mem_methods sqlite_real;

static void *sq_malloc(int n)
{
    return fault_now() ? NULL : sqlite_real.xMalloc(n);
}

static void *sq_realloc(void *p, int n)
{
    return fault_now() ? NULL : sqlite_real.xRealloc(p, n);
}

static void *cj_malloc(size_t n)
{
    return fault_now() ? NULL : __real_malloc(n);
}

static void install_failing_allocators(void)
{
    sqlite3_shutdown();
    sqlite3_config(SQLITE_CONFIG_GETMALLOC, &sqlite_real);
    sqlite3_mem_methods m = sqlite_real;
    m.xMalloc = sq_malloc;
    m.xRealloc = sq_realloc;
    if (sqlite3_config(SQLITE_CONFIG_MALLOC, &m) != SQLITE_OK) {
        fprintf(stderr, "cannot install the failing SQLite allocator\n");
        exit(1);
    }
    cJSON_Hooks hooks = {cj_malloc, free};
    cJSON_InitHooks(&hooks);
}

/* ---- helpers ---- */

static int64_t outbox_total(const char *path)
{
    char err[256];
    report_outbox_t *o = report_outbox_open(path, err, sizeof err);
    CHECK(o, "after a failure the outbox opens cleanly without faults: %s", err);
    report_outbox_counts_t c;
    CHECK(report_outbox_counts(o, &c, err, sizeof err), "the outbox can be counted: %s", err);
    report_outbox_close(o);
    return c.queued + c.delivered_total + c.dead_letters;
}

/* ---- the sweeps ---- */

static void test_outbox_open_sweep(void **state)
{
    (void)state;
    char dir[256], path[300], err[256];
    test_tempdir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/outbox.db", dir);
    long n = 1, failures = 0;
    for (; n < SWEEP_MAX; n++) {
        err[0] = '\0';
        fault_arm(n);
        report_outbox_t *o = report_outbox_open(path, err, sizeof err);
        long faults = fault_disarm();
        if (o) {
            report_outbox_close(o);
            if (faults == 0) {
                break; /* the whole open ran without reaching the Nth allocation */
            }
        } else {
            failures++;
            CHECK(faults == 1, "open failed at N=%ld without an injected fault: %s", n, err);
            CHECK(err[0] != '\0', "a failed open at N=%ld says why", n);
        }
        CHECK(outbox_total(path) == 0, "an outbox made at N=%ld holds no reports", n);
    }
    CHECK(n < SWEEP_MAX, "the open completes within %d allocations", SWEEP_MAX);
    CHECK(failures > 0, "some allocation failure made the open fail (the sweep reached it)");
    printf("outbox open: swept N = 1..%ld, %ld failed cleanly\n", n, failures);
    test_rmrf(dir);
}

static void test_submit_sweep(void **state)
{
    (void)state;
    char dir[256], path[CONFIG_PATH_MAX + 32], err[256], ref[64];
    kiosk_config_t cfg;
    test_tempdir(dir, sizeof dir);
    test_config_in(dir, &cfg);
    report_service_t *svc = report_service_create(&cfg, err, sizeof err);
    CHECK(svc, "the report service starts: %s", err);
    report_service_outbox_path(&cfg, path, sizeof path);
    int64_t stored = 0;
    long n = 1, failures = 0;
    for (; n < SWEEP_MAX; n++) {
        report_t r;
        test_report_fill(&r);
        err[0] = ref[0] = '\0';
        fault_arm(n);
        bool ok = report_service_submit(svc, &r, ref, sizeof ref, err, sizeof err);
        long faults = fault_disarm();
        report_wipe(&r);
        if (ok) {
            stored++;
            CHECK(ref[0] != '\0', "an acknowledged report at N=%ld has a reference", n);
        } else {
            failures++;
            CHECK(faults == 1, "submit failed at N=%ld without an injected fault: %s", n, err);
            CHECK(err[0] != '\0', "a failed submit at N=%ld says why", n);
            CHECK(ref[0] == '\0', "no reference for the report refused at N=%ld", n);
        }
        CHECK(outbox_total(path) == stored,
              "after N=%ld the outbox holds exactly the %lld acknowledged reports", n,
              (long long)stored);
        if (ok && faults == 0) {
            break;
        }
    }
    CHECK(n < SWEEP_MAX, "a submit completes within %d allocations", SWEEP_MAX);
    CHECK(failures > 0, "some allocation failure made the submit fail (the sweep reached it)");
    printf("submit: swept N = 1..%ld, %ld failed cleanly, %lld stored\n", n, failures,
           (long long)stored);
    report_service_destroy(svc);
    test_rmrf(dir);
}

/* Content load (the loader of start-up, reload and the checker) on the shipped files, in
 * English and Urdu so that every N stays quick: a failure is a finding and a false return,
 * never a crash, and the set is freed whole (LeakSanitizer). */
static void test_content_load_sweep(void **state)
{
    (void)state;
    kiosk_config_t cfg;
    config_defaults(&cfg);
    snprintf(cfg.data_dir, sizeof cfg.data_dir, "%s", KIOSK_SOURCE_DIR);
    /* English and one other catalog (each N loads them again, and forks to read them);
     * under the sanitizers, where a load costs ten times as much, English alone */
    const char *s = getenv("KIOSK_SANITIZE");
    bool sanitized = s && (strcmp(s, "ON") == 0 || strcmp(s, "1") == 0);
    int langs = sanitized ? 1 : 2;
    snprintf(cfg.languages, sizeof cfg.languages, "%s", sanitized ? "en" : "en,ur");
    long n = 1, failures = 0;
    for (; n < SWEEP_MAX; n++) {
        content_report_t r;
        content_report_init(&r);
        fault_arm(n);
        content_set_t *set = content_set_create();
        bool ok = set && content_load(set, &cfg, &r);
        long faults = fault_disarm();
        if (ok) {
            CHECK(set->langs.count == langs, "a complete load at N=%ld offers %d languages, got %d",
                  n, langs, set->langs.count);
        } else if (set) {
            /* the PO files are read in a child process (i18n/catalog.c), which inherits
             * the plan: a fault there is not counted here, but must be said just the same */
            failures++;
            CHECK(r.count > 0 || r.dropped > 0, "a failed load at N=%ld says why", n);
        } else {
            failures++;
        }
        content_set_destroy(set);
        content_report_deinit(&r);
        if (ok && faults == 0) {
            break;
        }
    }
    CHECK(n < SWEEP_MAX, "the load completes within %d allocations", SWEEP_MAX);
    CHECK(failures > 0, "some allocation failure made the load fail (the sweep reached it)");
    printf("content load: swept N = 1..%ld, %ld failed cleanly\n", n, failures);
}

int main(void)
{
    install_failing_allocators();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_outbox_open_sweep),
        cmocka_unit_test(test_submit_sweep),
        cmocka_unit_test(test_content_load_sweep),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
