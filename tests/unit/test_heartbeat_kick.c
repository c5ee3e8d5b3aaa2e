/* Heartbeats carry the printer's live state (issue 15): a change is sent at once
 * (heartbeat_sender_kick), not at the next 5-minute interval, and the status the sender
 * signs holds what the probe (report_service's printer state) says. No timings are
 * asserted: the waits are bounds against a hang. */
#include "report_test_support.h"

#include "delivery/heartbeat.h"
#include "report/report_keys.h"

#include <pthread.h>
#include <unistd.h>

#define WAIT_BOUND_MS 30000
#define POLL_MS 10

typedef struct sink {
    pthread_mutex_t lock;
    int count;
    char *bodies[4];
} sink_t;

static bool sink_send(delivery_transport_t *t, const char *id, const unsigned char *body,
                      size_t len, char *err, size_t err_size)
{
    (void)id;
    (void)err;
    (void)err_size;
    sink_t *s = t->state;
    pthread_mutex_lock(&s->lock);
    if (s->count < 4) {
        s->bodies[s->count] = strndup((const char *)body, len);
    }
    s->count++;
    pthread_mutex_unlock(&s->lock);
    return true;
}

static void sink_destroy(delivery_transport_t *t)
{
    free(t);
}

typedef struct probe_state {
    pthread_mutex_t lock;
    char printer[HEARTBEAT_STATE_MAX];
} probe_state_t;

static void probe(void *user, heartbeat_status_t *status)
{
    probe_state_t *p = user;
    pthread_mutex_lock(&p->lock);
    if (p->printer[0]) {
        snprintf(status->printer, sizeof status->printer, "%s", p->printer);
    }
    pthread_mutex_unlock(&p->lock);
}

static int sink_count(sink_t *s)
{
    pthread_mutex_lock(&s->lock);
    int n = s->count;
    pthread_mutex_unlock(&s->lock);
    return n;
}

static bool wait_count(sink_t *s, int n)
{
    for (int waited = 0; waited < WAIT_BOUND_MS; waited += POLL_MS) {
        if (sink_count(s) >= n) {
            return true;
        }
        usleep(POLL_MS * 1000);
    }
    return false;
}

static void test_kick_sends_the_new_printer_state(void **state)
{
    (void)state;
    char dir[256], outbox[300], err[256];
    kiosk_config_t cfg;
    test_tempdir(dir, sizeof dir);
    test_config_in(dir, &cfg);
    cfg.heartbeat_s = 300; /* the next regular heartbeat is far beyond the wait bound */
    snprintf(cfg.printer_sink, sizeof cfg.printer_sink, "file:%s/slips", dir);
    snprintf(outbox, sizeof outbox, "%s/outbox.db", dir);
    report_signing_key_t signer;
    CHECK(report_signing_key_load_or_create(dir, &signer, err, sizeof err), "signing key: %s", err);
    sink_t sink = {.lock = PTHREAD_MUTEX_INITIALIZER};
    probe_state_t p = {.lock = PTHREAD_MUTEX_INITIALIZER};
    delivery_transport_t *t = calloc(1, sizeof *t);
    t->name = "fake";
    t->send = sink_send;
    t->destroy = sink_destroy;
    t->state = &sink;
    heartbeat_sender_t *h =
        heartbeat_sender_start(&cfg, outbox, &signer, t, probe, &p, err, sizeof err);
    CHECK(h, "the sender starts: %s", err);
    CHECK(wait_count(&sink, 1), "the first heartbeat is sent at start");

    pthread_mutex_lock(&p.lock);
    snprintf(p.printer, sizeof p.printer, "failed: paper out");
    pthread_mutex_unlock(&p.lock);
    heartbeat_sender_kick(h);
    CHECK(wait_count(&sink, 2), "a kick sends a heartbeat now, not after heartbeat_s");
    heartbeat_sender_stop(h);

    heartbeat_signed_t first, second;
    CHECK(heartbeat_verify(sink.bodies[0], strlen(sink.bodies[0]), &first, err, sizeof err) ==
              HEARTBEAT_OK, "the first heartbeat verifies: %s", err);
    CHECK(heartbeat_verify(sink.bodies[1], strlen(sink.bodies[1]), &second, err, sizeof err) ==
              HEARTBEAT_OK, "the kicked heartbeat verifies: %s", err);
    CHECK(strcmp(first.status.printer, "configured") == 0,
          "before any print job the printer is 'configured', got '%s'", first.status.printer);
    CHECK(strcmp(second.status.printer, "failed: paper out") == 0,
          "the kicked heartbeat carries the new printer state, got '%s'", second.status.printer);
    free(first.status_json);
    free(second.status_json);
    for (int i = 0; i < 4 && i < sink.count; i++) {
        free(sink.bodies[i]);
    }
    test_rmrf(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_kick_sends_the_new_printer_state),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
