/* The same storage tests for every backend: INTAKE_STORE_TARGET names the store
 * ("sqlite:PATH" or "postgresql:CONNINFO" of an empty database); the integration script
 * intake_storage.sh runs this binary once per backend (PostgreSQL in a throwaway cluster). */
#include "intake/intake_store.h"

#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#define RACE_THREADS 8
#define STORE_KEY_A "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA="
#define STORE_KEY_B "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBA="

static const char *store_target(void)
{
    const char *t = getenv("INTAKE_STORE_TARGET");
    if (!t) {
        fail_msg("INTAKE_STORE_TARGET is not set (run through intake_storage.sh)");
    }
    return t;
}

static int store_setup(void **state)
{
    char err[INTAKE_STORE_ERROR_MAX];
    intake_store_t *s = intake_store_open(store_target(), 4, err, sizeof err);
    if (!s) {
        fprintf(stderr, "open: %s\n", err);
        return -1;
    }
    *state = s;
    return 0;
}

static int store_teardown(void **state)
{
    intake_store_close(*state);
    return 0;
}

static void test_schema_is_current_and_reopen_is_idempotent(void **state)
{
    char err[INTAKE_STORE_ERROR_MAX];
    int version = -1;
    assert_true(intake_store_schema_version(*state, &version, err, sizeof err));
    assert_int_equal(version, INTAKE_SCHEMA_VERSION); /* migrated on open */
    intake_store_t *again = intake_store_open(store_target(), 1, err, sizeof err);
    assert_non_null(again); /* a second open finds the schema current, changes nothing */
    assert_true(intake_store_schema_version(again, &version, err, sizeof err));
    assert_int_equal(version, INTAKE_SCHEMA_VERSION);
    intake_store_close(again);
}

typedef struct collected {
    int64_t seqs[16];
    char ids[16][REPORT_ID_MAX];
    char bodies[16][64];
    int n;
} collected_t;

static bool collect_envelope(void *user, const intake_envelope_row_t *row)
{
    collected_t *c = user;
    if (c->n < 16) {
        c->seqs[c->n] = row->seq;
        snprintf(c->ids[c->n], REPORT_ID_MAX, "%s", row->report_id);
        snprintf(c->bodies[c->n], 64, "%.*s", (int)row->envelope_len, row->envelope);
        c->n++;
    }
    return true;
}

static void test_envelope_created_same_conflict(void **state)
{
    char err[INTAKE_STORE_ERROR_MAX];
    const char *id = "11111111-1111-4111-8111-111111111111";
    int64_t before = 0, after = 0;
    assert_true(intake_store_count_envelopes(*state, &before, err, sizeof err));
    assert_int_equal(
        intake_store_put_envelope(*state, "k1", id, "{\"a\":1}", 7, 1000, err, sizeof err),
        INTAKE_PUT_CREATED);
    /* the same bytes again: already stored */
    assert_int_equal(
        intake_store_put_envelope(*state, "k1", id, "{\"a\":1}", 7, 2000, err, sizeof err),
        INTAKE_PUT_SAME);
    /* other bytes under the same id, even from another kiosk id: conflict */
    assert_int_equal(
        intake_store_put_envelope(*state, "k2", id, "{\"a\":2}", 7, 3000, err, sizeof err),
        INTAKE_PUT_CONFLICT);
    assert_true(intake_store_count_envelopes(*state, &after, err, sizeof err));
    assert_int_equal(after, before + 1); /* only the first was stored */
}

static void test_envelopes_listed_in_arrival_order_from_cursor(void **state)
{
    char err[INTAKE_STORE_ERROR_MAX];
    const char *ids[] = {"22222222-2222-4222-8222-222222222221",
                         "22222222-2222-4222-8222-222222222222",
                         "22222222-2222-4222-8222-222222222223"};
    collected_t all = {0}, page = {0}, rest = {0};
    assert_true(
        intake_store_list_envelopes(*state, 0, 100, collect_envelope, &all, err, sizeof err));
    int64_t start = all.n ? all.seqs[all.n - 1] : 0;
    for (int i = 0; i < 3; i++) {
        char body[32];
        snprintf(body, sizeof body, "{\"n\":%d}", i);
        assert_int_equal(intake_store_put_envelope(*state, "k1", ids[i], body, strlen(body),
                                                   5000 + i, err, sizeof err),
                         INTAKE_PUT_CREATED);
    }
    assert_true(
        intake_store_list_envelopes(*state, start, 2, collect_envelope, &page, err, sizeof err));
    assert_int_equal(page.n, 2); /* the limit holds */
    assert_string_equal(page.ids[0], ids[0]);
    assert_string_equal(page.ids[1], ids[1]);
    assert_string_equal(page.bodies[0], "{\"n\":0}"); /* stored byte for byte */
    assert_true(page.seqs[0] < page.seqs[1]);
    assert_true(intake_store_list_envelopes(*state, page.seqs[1], 100, collect_envelope, &rest, err,
                                            sizeof err));
    assert_int_equal(rest.n, 1); /* the cursor resumes after the last one seen */
    assert_string_equal(rest.ids[0], ids[2]);
}

typedef struct race {
    intake_store_t *s;
    intake_put_result_t result;
} race_t;

static void *race_put(void *arg)
{
    race_t *r = arg;
    char err[INTAKE_STORE_ERROR_MAX];
    r->result = intake_store_put_envelope(r->s, "k1", "33333333-3333-4333-8333-333333333333",
                                          "{\"race\":1}", 10, 7000, err, sizeof err);
    return NULL;
}

static void test_concurrent_same_id_is_stored_once(void **state)
{
    race_t races[RACE_THREADS];
    pthread_t t[RACE_THREADS];
    for (int i = 0; i < RACE_THREADS; i++) {
        races[i] = (race_t){.s = *state, .result = INTAKE_PUT_ERROR};
        pthread_create(&t[i], NULL, race_put, &races[i]);
    }
    int created = 0, same = 0;
    for (int i = 0; i < RACE_THREADS; i++) {
        pthread_join(t[i], NULL);
        created += races[i].result == INTAKE_PUT_CREATED;
        same += races[i].result == INTAKE_PUT_SAME;
    }
    assert_int_equal(created, 1); /* the database's uniqueness, not the intake's memory */
    assert_int_equal(same, RACE_THREADS - 1);
}

typedef struct keys {
    intake_key_row_t rows[8];
    int n;
} keys_t;

static bool collect_key(void *user, const intake_key_row_t *row)
{
    keys_t *k = user;
    if (k->n < 8) {
        k->rows[k->n++] = *row;
    }
    return true;
}

static void test_registry_keys_dates_and_revocation(void **state)
{
    char err[INTAKE_STORE_ERROR_MAX];
    intake_key_row_t a = {.kiosk_id = "lri-ed-01",
                          .site = "LRI",
                          .public_key = STORE_KEY_A,
                          .valid_from_ms = 1000,
                          .valid_until_ms = 5000,
                          .registered_ms = 900};
    intake_key_row_t b = {.kiosk_id = "lri-ed-01",
                          .site = "",
                          .public_key = STORE_KEY_B,
                          .valid_from_ms = 4000,
                          .registered_ms = 3900};
    assert_true(intake_store_add_key(*state, &a, err, sizeof err));
    assert_true(intake_store_add_key(*state, &b, err, sizeof err));
    keys_t k = {0};
    assert_true(intake_store_list_keys(*state, "lri-ed-01", collect_key, &k, err, sizeof err));
    assert_int_equal(k.n, 2);                               /* several keys per kiosk */
    assert_string_equal(k.rows[0].public_key, STORE_KEY_A); /* ordered by valid_from */
    assert_int_equal(k.rows[0].valid_until_ms, 5000);
    assert_int_equal(k.rows[1].valid_until_ms, 0);
    assert_string_equal(k.rows[1].site, "LRI"); /* an empty site keeps the registered one */
    int count = -1;
    assert_true(
        intake_store_revoke(*state, "lri-ed-01", STORE_KEY_A, 6000, &count, err, sizeof err));
    assert_int_equal(count, 1);
    assert_true(intake_store_revoke(*state, "lri-ed-01", NULL, 7000, &count, err, sizeof err));
    assert_int_equal(count, 1); /* only B was still unrevoked */
    k.n = 0;
    assert_true(intake_store_list_keys(*state, "lri-ed-01", collect_key, &k, err, sizeof err));
    assert_int_equal(k.rows[0].revoked_ms, 6000);
    assert_int_equal(k.rows[1].revoked_ms, 7000);
    keys_t none = {0};
    assert_true(intake_store_list_keys(*state, "nobody", collect_key, &none, err, sizeof err));
    assert_int_equal(none.n, 0);
}

typedef struct units {
    char ids[8][REPORT_KIOSK_ID_MAX];
    int64_t heard[8];
    char body[8][64];
    int n;
} units_t;

static bool collect_unit(void *user, const intake_unit_row_t *row)
{
    units_t *u = user;
    if (u->n < 8) {
        snprintf(u->ids[u->n], REPORT_KIOSK_ID_MAX, "%s", row->kiosk_id);
        u->heard[u->n] = row->heard_ms;
        snprintf(u->body[u->n], 64, "%s", row->body);
        u->n++;
    }
    return true;
}

static void test_heartbeats_keep_newest_and_units_list(void **state)
{
    char err[INTAKE_STORE_ERROR_MAX];
    intake_key_row_t c = {.kiosk_id = "ggh-op-02",
                          .site = "Glenfield",
                          .public_key = STORE_KEY_A,
                          .valid_from_ms = 1,
                          .registered_ms = 1};
    assert_true(intake_store_add_key(*state, &c, err, sizeof err));
    bool stale = true;
    assert_true(intake_store_put_heartbeat(*state, "ggh-op-02", 100, 1100, "{\"v\":1}", &stale, err,
                                           sizeof err));
    assert_false(stale);
    assert_true(intake_store_put_heartbeat(*state, "ggh-op-02", 200, 1200, "{\"v\":2}", &stale, err,
                                           sizeof err));
    assert_false(stale);
    /* a replay of the first one is older than what is held: kept out */
    assert_true(intake_store_put_heartbeat(*state, "ggh-op-02", 100, 1300, "{\"v\":1}", &stale, err,
                                           sizeof err));
    assert_true(stale);
    units_t u = {0};
    assert_true(intake_store_list_units(*state, collect_unit, &u, err, sizeof err));
    int g = -1, l = -1;
    for (int i = 0; i < u.n; i++) {
        g = strcmp(u.ids[i], "ggh-op-02") == 0 ? i : g;
        l = strcmp(u.ids[i], "lri-ed-01") == 0 ? i : l;
    }
    assert_true(g >= 0 && l >= 0);
    assert_true(g < l); /* by site: Glenfield before LRI */
    assert_int_equal(u.heard[g], 1200);
    assert_string_equal(u.body[g], "{\"v\":2}");
    assert_int_equal(u.heard[l], 0); /* registered, never heard */
}

static void test_bad_target_is_refused(void **state)
{
    char err[INTAKE_STORE_ERROR_MAX] = "";
    assert_null(intake_store_open("mysql:whatever", 1, err, sizeof err));
    assert_non_null(strstr(err, "sqlite: or postgresql:"));             /* says what is accepted */
    assert_null(intake_store_open(store_target(), 0, err, sizeof err)); /* pool size checked */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_schema_is_current_and_reopen_is_idempotent),
        cmocka_unit_test(test_envelope_created_same_conflict),
        cmocka_unit_test(test_envelopes_listed_in_arrival_order_from_cursor),
        cmocka_unit_test(test_concurrent_same_id_is_stored_once),
        cmocka_unit_test(test_registry_keys_dates_and_revocation),
        cmocka_unit_test(test_heartbeats_keep_newest_and_units_list),
        cmocka_unit_test(test_bad_target_is_refused),
    };
    return cmocka_run_group_tests(tests, store_setup, store_teardown);
}
