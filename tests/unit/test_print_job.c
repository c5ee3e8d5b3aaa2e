/* The print job thread with fake sinks: outcomes and reasons, and that poll() and
 * destroy() never wait for a stuck printer. No wall-clock timing: a fake clock drives
 * the time-out and semaphores say when the print thread has got somewhere. */
#include "print/job.h"
#include "print/sink.h"

#include <semaphore.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

typedef enum {
    FAKE_OK,
    FAKE_BLOCK_OPEN,
    FAKE_PAPER_OUT,
    FAKE_WRITE_FAILS,
    FAKE_GOES_SILENT
} fake_mode_t;

typedef struct fake_sink {
    print_sink_t base;
    fake_mode_t mode;
    int status_calls;
    size_t written;
    sem_t *entered;   /* posted when open() starts */
    sem_t *release;   /* open() waits on it in FAKE_BLOCK_OPEN */
    sem_t *destroyed; /* posted by destroy(): the thread is done with the sink */
    size_t *written_out;
} fake_sink_t;

static bool fake_open(print_sink_t *s, uint64_t d, char *err, size_t n)
{
    fake_sink_t *f = (fake_sink_t *)s;
    if (f->entered) {
        sem_post(f->entered);
    }
    if (f->mode == FAKE_BLOCK_OPEN) {
        sem_wait(f->release); /* a printer that hangs the system call */
        snprintf(err, n, "gave up");
        return false;
    }
    return true;
}

static bool fake_write(print_sink_t *s, const uint8_t *data, size_t len, uint64_t d, char *err,
                       size_t n)
{
    fake_sink_t *f = (fake_sink_t *)s;
    if (f->mode == FAKE_WRITE_FAILS && f->written > 0) {
        snprintf(err, n, "printer connection lost: Broken pipe");
        return false;
    }
    f->written += len;
    return true;
}

static print_sink_status_t fake_status(print_sink_t *s, uint64_t d, char *err, size_t n)
{
    fake_sink_t *f = (fake_sink_t *)s;
    f->status_calls++;
    if (f->mode == FAKE_PAPER_OUT) {
        return PRINT_SINK_STATUS_PAPER_OUT;
    }
    if (f->mode == FAKE_GOES_SILENT && f->status_calls > 1) {
        return PRINT_SINK_STATUS_NO_ANSWER;
    }
    return PRINT_SINK_STATUS_OK;
}

static bool fake_close(print_sink_t *s, uint64_t d, char *err, size_t n)
{
    return true;
}

static void fake_destroy(print_sink_t *s)
{
    fake_sink_t *f = (fake_sink_t *)s;
    if (f->written_out) {
        *f->written_out = f->written;
    }
    sem_t *done = f->destroyed;
    free(f);
    sem_post(done);
}

static const print_sink_ops_t FAKE_OPS = {"fake",      fake_open,  fake_write,
                                          fake_status, fake_close, fake_destroy};

typedef struct fixture {
    sem_t entered, release, destroyed;
    uint64_t now; /* the fake clock */
    size_t written;
} fixture_t;

static uint64_t fake_now(void *user)
{
    return ((fixture_t *)user)->now;
}

static print_sink_t *fake_create(fixture_t *fx, fake_mode_t mode)
{
    fake_sink_t *f = calloc(1, sizeof *f);
    f->base.ops = &FAKE_OPS;
    f->mode = mode;
    f->entered = &fx->entered;
    f->release = &fx->release;
    f->destroyed = &fx->destroyed;
    f->written_out = &fx->written;
    return &f->base;
}

static int setup(void **state)
{
    fixture_t *fx = calloc(1, sizeof *fx);
    sem_init(&fx->entered, 0, 0);
    sem_init(&fx->release, 0, 0);
    sem_init(&fx->destroyed, 0, 0);
    fx->now = 1000;
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *fx = *state;
    sem_destroy(&fx->entered);
    sem_destroy(&fx->release);
    sem_destroy(&fx->destroyed);
    free(fx);
    return 0;
}

static print_job_t *start(fixture_t *fx, fake_mode_t mode, size_t len)
{
    static uint8_t data[3 * PRINT_WRITE_CHUNK];
    char err[256];
    print_job_options_t o = {.timeout_ms = 5000, .now_ms = fake_now, .clock_user = fx};
    print_job_t *job = print_job_start(fake_create(fx, mode), data, len, &o, err, sizeof err);
    if (!job) {
        fail_msg("print_job_start: %s", err);
    }
    return job;
}

/* Runs a job to its end (the sink is destroyed after the state is set). */
static print_job_state_t finish(fixture_t *fx, print_job_t *job, char *reason, size_t n)
{
    sem_wait(&fx->destroyed);
    return print_job_poll(job, reason, n);
}

static void test_outcomes_and_reasons(void **state)
{
    fixture_t *fx = *state;
    static const struct {
        fake_mode_t mode;
        print_job_state_t want;
        const char *reason; /* substring */
    } cases[] = {
        {FAKE_OK, PRINT_JOB_DONE, ""},
        {FAKE_PAPER_OUT, PRINT_JOB_FAILED, "paper out"},
        {FAKE_WRITE_FAILS, PRINT_JOB_FAILED, "connection lost"},
        {FAKE_GOES_SILENT, PRINT_JOB_FAILED, "did not confirm"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        print_job_t *job = start(fx, cases[i].mode, 3 * PRINT_WRITE_CHUNK);
        char reason[PRINT_REASON_MAX];
        print_job_state_t st = finish(fx, job, reason, sizeof reason);
        sem_trywait(&fx->entered);
        if (st != cases[i].want || !strstr(reason, cases[i].reason)) {
            fail_msg("case %zu: state %d reason '%s', want %d with '%s'", i, st, reason,
                     cases[i].want, cases[i].reason);
        }
        if (cases[i].mode == FAKE_OK) {
            assert_int_equal(fx->written, 3 * PRINT_WRITE_CHUNK); /* every byte went out */
        }
        print_job_destroy(job);
    }
}

static void test_poll_never_waits_for_a_stuck_printer(void **state)
{
    fixture_t *fx = *state;
    print_job_t *job = start(fx, FAKE_BLOCK_OPEN, 16);
    sem_wait(&fx->entered); /* the print thread is now stuck inside open() */
    char reason[PRINT_REASON_MAX];
    /* If poll() waited on the thread, this loop would never end (and ctest would time
     * the test out): each call must come back with the job still printing. */
    for (int i = 0; i < 10000; i++) {
        if (print_job_poll(job, reason, sizeof reason) != PRINT_JOB_PRINTING) {
            fail_msg("poll %d: a stuck job left PRINTING before its time-out", i);
        }
    }
    fx->now += 4999;
    assert_int_equal(print_job_poll(job, NULL, 0), PRINT_JOB_PRINTING); /* not yet */
    fx->now += 1;
    assert_int_equal(print_job_poll(job, reason, sizeof reason), PRINT_JOB_FAILED);
    assert_string_equal(reason, "timed out"); /* reported while the thread is still stuck */
    print_job_destroy(job);                   /* returns at once: the thread is still in open() */
    sem_post(&fx->release);
    sem_wait(&fx->destroyed); /* the thread let go of the sink and freed the job */
}

static void test_null_and_bad_sinks(void **state)
{
    char err[256] = "";
    assert_false(print_sink_spec_enabled("none"));
    assert_false(print_sink_spec_enabled(""));
    assert_true(print_sink_spec_enabled("tcp:127.0.0.1:9100"));
    assert_null(print_sink_create("none", err, sizeof err));
    assert_non_null(strstr(err, "no printer")); /* the kiosk then offers no printing */
    static const char *bad[] = {"tcp:", "tcp:host:0", "tcp:host:x", "lp0", "file:", "usb:1"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        print_sink_t *s = print_sink_create(bad[i], err, sizeof err);
        if (s) {
            print_sink_destroy(s);
            fail_msg("sink spec '%s' was accepted", bad[i]);
        }
    }
    static const struct {
        const char *spec, *kind;
    } good[] = {{"null", "null"},
                {"tcp:printer.local", "tcp"},
                {"tcp:[::1]:9100", "tcp"},
                {"device:/dev/usb/lp0", "device"},
                {"file:/tmp/x.bin", "file"}};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        print_sink_t *s = print_sink_create(good[i].spec, err, sizeof err);
        if (!s || strcmp(s->ops->kind, good[i].kind) != 0) {
            fail_msg("sink spec '%s' should make a %s sink (%s)", good[i].spec, good[i].kind, err);
        }
        print_sink_destroy(s);
    }
    print_sink_destroy(NULL); /* no-op */
    print_job_destroy(NULL);  /* no-op */
}

static void test_file_sink_writes_every_byte(void **state)
{
    char dir[] = "/tmp/kiosk-print-XXXXXX", path[256], err[256];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/slip.bin", dir);
    uint8_t data[10000];
    for (size_t i = 0; i < sizeof data; i++) {
        data[i] = (uint8_t)(i * 7);
    }
    print_sink_t *s = print_sink_file_create(path, err, sizeof err);
    uint64_t deadline = print_now_ms() + 5000;
    assert_true(s->ops->open(s, deadline, err, sizeof err));
    assert_true(s->ops->write(s, data, sizeof data, deadline, err, sizeof err));
    assert_true(s->ops->close(s, deadline, err, sizeof err));
    print_sink_destroy(s);
    FILE *f = fopen(path, "rb");
    assert_non_null(f); /* renamed into place on close */
    uint8_t back[sizeof data + 1];
    size_t n = fread(back, 1, sizeof back, f);
    fclose(f);
    assert_int_equal(n, sizeof data);
    assert_memory_equal(back, data, sizeof data);
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_outcomes_and_reasons, setup, teardown),
        cmocka_unit_test_setup_teardown(test_poll_never_waits_for_a_stuck_printer, setup, teardown),
        cmocka_unit_test(test_null_and_bad_sinks),
        cmocka_unit_test(test_file_sink_writes_every_byte),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
