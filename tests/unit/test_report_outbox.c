/* The durable outbox through report_service: commits, failures (disk full, I/O error)
 * that leave earlier reports and the person's report intact, migrations (issue 4). */
#include "report_test_support.h"

#include "report/report_json.h"
#include "report/report_outbox.h"
#include "report/report_reference.h"
#include "report/report_seal.h"
#include "report/report_service.h"

#include <sqlite3.h>

/* ---- a fault-injecting SQLite VFS: wraps the default one; when armed, writes fail with
 * SQLITE_FULL (disk full) or syncs with SQLITE_IOERR_FSYNC. Test-only global state. ---- */

typedef enum { FAULT_NONE, FAULT_WRITE_FULL, FAULT_SYNC_IOERR } fault_mode_t;

typedef struct fault_file {
    sqlite3_file base;
    sqlite3_file *real;
} fault_file_t;

static sqlite3_vfs fault_vfs;
static sqlite3_vfs *fault_real_vfs;
static fault_mode_t fault_mode;

#define REAL(f) (((fault_file_t *)(f))->real)
static int ff_close(sqlite3_file *f)
{
    return REAL(f)->pMethods->xClose(REAL(f));
}
static int ff_read(sqlite3_file *f, void *b, int n, sqlite3_int64 o)
{
    return REAL(f)->pMethods->xRead(REAL(f), b, n, o);
}
static int ff_write(sqlite3_file *f, const void *b, int n, sqlite3_int64 o)
{
    if (fault_mode == FAULT_WRITE_FULL) {
        return SQLITE_FULL;
    }
    return REAL(f)->pMethods->xWrite(REAL(f), b, n, o);
}
static int ff_truncate(sqlite3_file *f, sqlite3_int64 s)
{
    return REAL(f)->pMethods->xTruncate(REAL(f), s);
}
static int ff_sync(sqlite3_file *f, int flags)
{
    if (fault_mode == FAULT_SYNC_IOERR) {
        return SQLITE_IOERR_FSYNC;
    }
    return REAL(f)->pMethods->xSync(REAL(f), flags);
}
static int ff_size(sqlite3_file *f, sqlite3_int64 *s)
{
    return REAL(f)->pMethods->xFileSize(REAL(f), s);
}
static int ff_lock(sqlite3_file *f, int l)
{
    return REAL(f)->pMethods->xLock(REAL(f), l);
}
static int ff_unlock(sqlite3_file *f, int l)
{
    return REAL(f)->pMethods->xUnlock(REAL(f), l);
}
static int ff_check(sqlite3_file *f, int *r)
{
    return REAL(f)->pMethods->xCheckReservedLock(REAL(f), r);
}
static int ff_control(sqlite3_file *f, int op, void *a)
{
    return REAL(f)->pMethods->xFileControl(REAL(f), op, a);
}
static int ff_sector(sqlite3_file *f)
{
    return REAL(f)->pMethods->xSectorSize(REAL(f));
}
static int ff_device(sqlite3_file *f)
{
    return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f));
}
static int ff_shm_map(sqlite3_file *f, int pg, int sz, int ext, void volatile **pp)
{
    return REAL(f)->pMethods->xShmMap(REAL(f), pg, sz, ext, pp);
}
static int ff_shm_lock(sqlite3_file *f, int o, int n, int fl)
{
    return REAL(f)->pMethods->xShmLock(REAL(f), o, n, fl);
}
static void ff_shm_barrier(sqlite3_file *f)
{
    REAL(f)->pMethods->xShmBarrier(REAL(f));
}
static int ff_shm_unmap(sqlite3_file *f, int del)
{
    return REAL(f)->pMethods->xShmUnmap(REAL(f), del);
}

static const sqlite3_io_methods FAULT_IO = {
    2,           ff_close,       ff_read,      ff_write,   ff_truncate, ff_sync,   ff_size,
    ff_lock,     ff_unlock,      ff_check,     ff_control, ff_sector,   ff_device, ff_shm_map,
    ff_shm_lock, ff_shm_barrier, ff_shm_unmap, NULL,       NULL};

static int fault_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags,
                      int *out_flags)
{
    fault_file_t *f = (fault_file_t *)file;
    f->real = (sqlite3_file *)&f[1];
    int rc = fault_real_vfs->xOpen(fault_real_vfs, name, f->real, flags, out_flags);
    f->base.pMethods = (rc == SQLITE_OK && f->real->pMethods) ? &FAULT_IO : NULL;
    return rc;
}

static int fault_setup(void **state)
{
    fault_real_vfs = sqlite3_vfs_find(NULL);
    fault_vfs = *fault_real_vfs;
    fault_vfs.zName = "fault";
    fault_vfs.szOsFile = (int)sizeof(fault_file_t) + fault_real_vfs->szOsFile;
    fault_vfs.xOpen = fault_open;
    fault_vfs.pNext = NULL;
    return sqlite3_vfs_register(&fault_vfs, 1) == SQLITE_OK ? 0 : -1;
}

static int fault_teardown(void **state)
{
    fault_mode = FAULT_NONE;
    sqlite3_vfs_unregister(&fault_vfs);
    return 0;
}

/* ---- helpers ---- */

typedef struct outbox_fixture {
    char dir[256];
    kiosk_config_t cfg;
    report_service_t *svc;
} outbox_fixture_t;

static int outbox_setup(void **state)
{
    outbox_fixture_t *f = calloc(1, sizeof *f);
    char err[256];
    if (!f || sodium_init() < 0) {
        return -1;
    }
    test_tempdir(f->dir, sizeof f->dir);
    test_config_in(f->dir, &f->cfg);
    report_service_options_t opts = {.no_delivery = true};
    f->svc = report_service_create_with(&f->cfg, &opts, err, sizeof err);
    if (!f->svc) {
        fprintf(stderr, "service: %s\n", err);
        return -1;
    }
    *state = f;
    return 0;
}

static int outbox_teardown(void **state)
{
    outbox_fixture_t *f = *state;
    report_service_destroy(f->svc);
    test_rmrf(f->dir);
    free(f);
    return 0;
}

static bool submit_one(outbox_fixture_t *f, char *ref, char *err)
{
    report_t r;
    test_report_fill(&r);
    return report_service_submit(f->svc, &r, ref, REPORT_REFERENCE_MAX, err, 256);
}

typedef struct opened_refs {
    unsigned char pk[32], sk[32];
    char refs[16][REPORT_REFERENCE_MAX];
    int count, bad;
} opened_refs_t;

static bool collect_ref(void *user, const report_outbox_item_t *item)
{
    opened_refs_t *o = user;
    report_opened_t op;
    report_t r;
    char err[256];
    if (report_envelope_open((const char *)item->envelope, item->envelope_len, o->pk, o->sk, &op,
                             err, sizeof err) == REPORT_OPEN_OK &&
        report_json_read(op.json, op.json_len, &r, err, sizeof err) && o->count < 16) {
        snprintf(o->refs[o->count++], REPORT_REFERENCE_MAX, "%s", r.reference);
    } else {
        o->bad++;
    }
    report_opened_clear(&op);
    return true;
}

/* Opens every envelope in the fixture's outbox with the receiver key. */
static void open_outbox(outbox_fixture_t *f, opened_refs_t *out)
{
    char err[256], path[CONFIG_PATH_MAX + 32], key[CONFIG_PATH_MAX];
    memset(out, 0, sizeof *out);
    snprintf(key, sizeof key, "%s/receiver/receiver.key", f->dir);
    CHECK(report_receiver_load_secret(key, out->pk, out->sk, err, sizeof err), "key: %s", err);
    report_service_outbox_path(&f->cfg, path, sizeof path);
    report_outbox_t *o = report_outbox_open(path, err, sizeof err);
    CHECK(o != NULL, "open outbox: %s", err);
    CHECK(report_outbox_check(o, err, sizeof err), "integrity: %s", err);
    CHECK(report_outbox_each(o, collect_ref, out, err, sizeof err), "read outbox: %s", err);
    report_outbox_close(o);
}

/* ---- tests ---- */

static void test_submit_commits_and_opens(void **state)
{
    outbox_fixture_t *f = *state;
    char refs[3][REPORT_REFERENCE_MAX], err[256] = "";
    for (int i = 0; i < 3; i++) {
        CHECK(submit_one(f, refs[i], err), "submit %d: %s", i, err);
        CHECK(report_reference_valid(refs[i]), "returned reference '%s' is valid", refs[i]);
    }
    report_service_status_t st;
    report_service_get_status(f->svc, &st);
    CHECK(st.queued == 3, "3 envelopes queued, status says %lld", (long long)st.queued);
    CHECK(!st.sample_key, "a test key is not reported as the sample key");
    opened_refs_t o;
    open_outbox(f, &o);
    CHECK(o.count == 3 && o.bad == 0, "all 3 envelopes open (%d ok, %d bad)", o.count, o.bad);
    for (int i = 0; i < 3; i++) {
        CHECK(strcmp(o.refs[i], refs[i]) == 0, "envelope %d carries reference %s", i, refs[i]);
    }
}

static void test_submit_fills_report_metadata(void **state)
{
    outbox_fixture_t *f = *state;
    report_t r;
    char ref[REPORT_REFERENCE_MAX], err[256];
    test_report_fill(&r);
    CHECK(report_service_submit(f->svc, &r, ref, sizeof ref, err, sizeof err), "submit: %s", err);
    CHECK(strcmp(r.reference, ref) == 0, "the report keeps its reference for the done screen");
    CHECK(strlen(r.id) == 36 && r.id[14] == '4', "id is a version 4 UUID: %s", r.id);
    CHECK(strcmp(r.kiosk_id, "unit-kiosk") == 0 && strcmp(r.site_id, "unit-site") == 0,
          "kiosk and site ids come from config");
}

static void test_invalid_report_not_queued(void **state)
{
    outbox_fixture_t *f = *state;
    report_t r, before;
    char ref[REPORT_REFERENCE_MAX] = "", err[256] = "";
    test_report_fill(&r);
    r.consent_police = r.consent_support = r.consent_statistics = false;
    before = r;
    CHECK(!report_service_submit(f->svc, &r, ref, sizeof ref, err, sizeof err),
          "a report without consent is refused");
    CHECK(strstr(err, "consent") != NULL, "the error names the step: %s", err);
    CHECK(memcmp(&r, &before, sizeof r) == 0, "the refused report is left as it was");
    report_service_status_t st;
    report_service_get_status(f->svc, &st);
    CHECK(st.queued == 0, "nothing queued");
}

static void check_fault(outbox_fixture_t *f, fault_mode_t mode, const char *expect)
{
    char ref[REPORT_REFERENCE_MAX], err[256] = "";
    CHECK(submit_one(f, ref, err), "submit before the fault: %s", err);
    CHECK(submit_one(f, ref, err), "second submit before the fault: %s", err);

    report_t r, before;
    test_report_fill(&r);
    before = r;
    fault_mode = mode;
    bool ok = report_service_submit(f->svc, &r, ref, sizeof ref, err, sizeof err);
    fault_mode = FAULT_NONE;
    CHECK(!ok, "submit fails while the disk fails (%s)", expect);
    CHECK(strstr(err, expect) != NULL, "error says '%s': %s", expect, err);
    CHECK(memcmp(&r, &before, sizeof r) == 0, "the person's report is kept for a retry");

    opened_refs_t o;
    open_outbox(f, &o);
    CHECK(o.count == 2 && o.bad == 0, "both earlier reports survive the failure (%d, %d bad)",
          o.count, o.bad);
    CHECK(report_service_submit(f->svc, &r, ref, sizeof ref, err, sizeof err),
          "retry after the disk recovers works: %s", err);
    open_outbox(f, &o);
    CHECK(o.count == 3, "the retried report is queued too (%d)", o.count);
}

static void test_disk_full(void **state)
{
    check_fault(*state, FAULT_WRITE_FULL, "disk is full");
}

static void test_sync_error(void **state)
{
    check_fault(*state, FAULT_SYNC_IOERR, "I/O error");
}

static void test_references_continue_after_restart(void **state)
{
    outbox_fixture_t *f = *state;
    char a[REPORT_REFERENCE_MAX], b[REPORT_REFERENCE_MAX], err[256];
    CHECK(submit_one(f, a, err), "submit: %s", err);
    report_service_destroy(f->svc);
    report_service_options_t opts = {.no_delivery = true};
    f->svc = report_service_create_with(&f->cfg, &opts, err, sizeof err);
    CHECK(f->svc != NULL, "restart: %s", err);
    CHECK(submit_one(f, b, err), "submit after restart: %s", err);
    CHECK(strcmp(a, b) != 0, "a restart does not reuse reference %s", a);
    CHECK(strncmp(a, b, 2) == 0, "same kiosk part before and after restart");
}

static void test_schema_version(void **state)
{
    outbox_fixture_t *f = *state;
    char path[CONFIG_PATH_MAX + 32], err[256] = "";
    sqlite3 *db;
    sqlite3_stmt *st;
    report_service_outbox_path(&f->cfg, path, sizeof path);
    CHECK(sqlite3_open(path, &db) == SQLITE_OK, "open outbox with sqlite3");
    CHECK(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
              sqlite3_step(st) == SQLITE_ROW,
          "read user_version");
    CHECK(sqlite3_column_int(st, 0) == REPORT_OUTBOX_SCHEMA_VERSION, "schema is at version %d",
          REPORT_OUTBOX_SCHEMA_VERSION);
    sqlite3_finalize(st);
    CHECK(sqlite3_prepare_v2(db, "PRAGMA journal_mode", -1, &st, NULL) == SQLITE_OK &&
              sqlite3_step(st) == SQLITE_ROW &&
              strcmp((const char *)sqlite3_column_text(st, 0), "wal") == 0,
          "outbox is in WAL mode");
    sqlite3_finalize(st);
    CHECK(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL) == SQLITE_OK, "bump");
    sqlite3_close(db);
    report_outbox_t *o = report_outbox_open(path, err, sizeof err);
    CHECK(o == NULL, "an outbox from a newer kiosk is not opened");
    CHECK(strstr(err, "newer") != NULL, "and the message says so: %s", err);
}

static void test_unusable_state_dir(void **state)
{
    kiosk_config_t cfg;
    char err[256] = "";
    config_defaults(&cfg);
    snprintf(cfg.state_dir, sizeof cfg.state_dir, "/dev/null/kiosk");
    report_service_t *svc = report_service_create(&cfg, err, sizeof err);
    CHECK(svc == NULL, "a state dir that cannot exist fails cleanly");
    CHECK(err[0] != '\0', "with a message");
    report_service_destroy(NULL); /* no-op */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_submit_commits_and_opens, outbox_setup,
                                        outbox_teardown),
        cmocka_unit_test_setup_teardown(test_submit_fills_report_metadata, outbox_setup,
                                        outbox_teardown),
        cmocka_unit_test_setup_teardown(test_invalid_report_not_queued, outbox_setup,
                                        outbox_teardown),
        cmocka_unit_test_setup_teardown(test_disk_full, outbox_setup, outbox_teardown),
        cmocka_unit_test_setup_teardown(test_sync_error, outbox_setup, outbox_teardown),
        cmocka_unit_test_setup_teardown(test_references_continue_after_restart, outbox_setup,
                                        outbox_teardown),
        cmocka_unit_test_setup_teardown(test_schema_version, outbox_setup, outbox_teardown),
        cmocka_unit_test(test_unusable_state_dir),
    };
    return cmocka_run_group_tests(tests, fault_setup, fault_teardown);
}
