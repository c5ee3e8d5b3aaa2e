/* kiosk-intake's answers without sockets (intake.c, intake_fleet.c) on a SQLite store:
 * every status of POST /v1/reports, the forgeries, the rate limit, the pull token, the
 * heartbeat and the fleet page's HTML (one unit flagged silent). */
#include "delivery/heartbeat.h"
#include "intake/intake.h"
#include "report/report_keys.h"
#include "report/report_seal.h"

#include <cjson/cJSON.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#define SVC_ID_1 "44444444-4444-4444-8444-444444444441"
#define SVC_ID_2 "44444444-4444-4444-8444-444444444442"
#define SVC_TOKEN "test-token-not-secret"

typedef struct fixture {
    char dir[64];
    intake_config_t cfg;
    intake_store_t *store;
    intake_t in;
    unsigned char rpk[REPORT_RECEIVER_PK_BYTES], rsk[REPORT_RECEIVER_SK_BYTES];
    report_signing_key_t kiosk_a, kiosk_b, stranger;
} fixture_t;

static void svc_register(fixture_t *f, const char *id, const char *site,
                         const report_signing_key_t *k, int64_t from, int64_t until)
{
    char err[INTAKE_STORE_ERROR_MAX];
    intake_key_row_t row = {.valid_from_ms = from, .valid_until_ms = until, .registered_ms = 1};
    snprintf(row.kiosk_id, sizeof row.kiosk_id, "%s", id);
    snprintf(row.site, sizeof row.site, "%s", site);
    report_key_to_base64(k->pk, sizeof k->pk, row.public_key, sizeof row.public_key);
    assert_true(intake_store_add_key(f->store, &row, err, sizeof err));
}

static int svc_setup(void **state)
{
    fixture_t *f = calloc(1, sizeof *f);
    char err[INTAKE_STORE_ERROR_MAX], target[128];
    unsigned char digest[32];
    snprintf(f->dir, sizeof f->dir, "/tmp/intake-svc-XXXXXX");
    if (!f || !mkdtemp(f->dir) || sodium_init() < 0) {
        return -1;
    }
    intake_config_defaults(&f->cfg);
    f->cfg.reports_per_minute = 600;
    f->cfg.burst = 100;
    f->cfg.max_envelope_bytes = 8192;
    crypto_generichash(digest, sizeof digest, (const unsigned char *)SVC_TOKEN, strlen(SVC_TOKEN),
                       NULL, 0);
    sodium_bin2hex(f->cfg.receiver_token_hash, sizeof f->cfg.receiver_token_hash, digest,
                   sizeof digest);
    if (crypto_pwhash_str(f->cfg.fleet_password_hash, "correct horse", 13,
                          crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN) != 0) {
        return -1;
    }
    snprintf(target, sizeof target, "sqlite:%s/intake.db", f->dir);
    f->store = intake_store_open(target, 2, err, sizeof err);
    if (!f->store || !intake_init(&f->in, &f->cfg, f->store, err, sizeof err)) {
        fprintf(stderr, "setup: %s\n", err);
        return -1;
    }
    crypto_box_keypair(f->rpk, f->rsk);
    crypto_sign_keypair(f->kiosk_a.pk, f->kiosk_a.sk);
    crypto_sign_keypair(f->kiosk_b.pk, f->kiosk_b.sk);
    crypto_sign_keypair(f->stranger.pk, f->stranger.sk);
    int64_t now = intake_now_ms();
    svc_register(f, "kiosk-a", "Leicester Royal Infirmary", &f->kiosk_a, now - 60000, 0);
    svc_register(f, "kiosk-b", "<script>alert(1)</script>", &f->kiosk_b, now - 60000, 0);
    *state = f;
    return 0;
}

static int svc_teardown(void **state)
{
    fixture_t *f = *state;
    char cmd[128];
    intake_deinit(&f->in);
    intake_store_close(f->store);
    snprintf(cmd, sizeof cmd, "rm -rf %s", f->dir);
    assert_int_equal(system(cmd), 0);
    free(f);
    return 0;
}

static char *svc_envelope(fixture_t *f, const report_signing_key_t *k, const char *kiosk,
                          const char *id, const char *text)
{
    char json[256], err[256], *env = NULL;
    size_t len = 0;
    snprintf(json, sizeof json, "{\"id\":\"%s\",\"kiosk_id\":\"%s\",\"t\":\"%s\"}", id, kiosk,
             text);
    assert_true(report_envelope_seal(json, strlen(json), f->rpk, k, kiosk, id, &env, &len, err,
                                     sizeof err));
    return env;
}

static int svc_post(fixture_t *f, const char *key, const char *env, char *reason, size_t size)
{
    intake_reply_t r = {0};
    intake_post_report(&f->in, key, env, strlen(env), false, &r);
    int status = r.status;
    if (reason) {
        snprintf(reason, size, "%s", r.body ? r.body : "");
    }
    intake_reply_clear(&r);
    return status;
}

static int64_t svc_count(fixture_t *f)
{
    char err[INTAKE_STORE_ERROR_MAX];
    int64_t n = -1;
    assert_true(intake_store_count_envelopes(f->store, &n, err, sizeof err));
    return n;
}

/* Replaces the first occurrence of from by to in a malloc'd copy. */
static char *svc_replace(const char *s, const char *from, const char *to)
{
    const char *at = strstr(s, from);
    assert_non_null(at);
    size_t n = strlen(s) - strlen(from) + strlen(to);
    char *out = malloc(n + 1);
    snprintf(out, n + 1, "%.*s%s%s", (int)(at - s), s, to, at + strlen(from));
    return out;
}

static void test_report_created_then_same_then_conflict(void **state)
{
    fixture_t *f = *state;
    char *env = svc_envelope(f, &f->kiosk_a, "kiosk-a", SVC_ID_1, "first");
    char *other = svc_envelope(f, &f->kiosk_a, "kiosk-a", SVC_ID_1, "second");
    int64_t before = svc_count(f);
    assert_int_equal(svc_post(f, SVC_ID_1, env, NULL, 0), 201);   /* stored, committed */
    assert_int_equal(svc_post(f, SVC_ID_1, env, NULL, 0), 200);   /* same envelope again */
    assert_int_equal(svc_post(f, SVC_ID_1, other, NULL, 0), 409); /* another, same id */
    assert_int_equal(svc_count(f), before + 1);
    free(env);
    free(other);
}

static void test_report_size_and_malformed(void **state)
{
    fixture_t *f = *state;
    char reason[512];
    intake_reply_t r = {0};
    intake_post_report(&f->in, SVC_ID_2, "", 0, true, &r);
    assert_int_equal(r.status, 413); /* over the limit, body dropped by the HTTP layer */
    intake_reply_clear(&r);
    assert_int_equal(svc_post(f, SVC_ID_2, "{not json", reason, sizeof reason), 400);
    assert_non_null(strstr(reason, "not JSON"));
    assert_non_null(strchr(reason, '\n'));
    assert_ptr_equal(strchr(reason, '\n'), reason + strlen(reason) - 1); /* one line */
    char *env = svc_envelope(f, &f->kiosk_a, "kiosk-a", SVC_ID_2, "x");
    assert_int_equal(svc_post(f, NULL, env, reason, sizeof reason), 400);
    assert_non_null(strstr(reason, "Idempotency-Key"));
    assert_int_equal(svc_post(f, SVC_ID_1, env, reason, sizeof reason), 400); /* key != id */
    char *truncated = strndup(env, strlen(env) / 2);
    assert_int_equal(svc_post(f, SVC_ID_2, truncated, NULL, 0), 400);
    free(truncated);
    free(env);
}

static void test_forgeries_refused_and_nothing_stored(void **state)
{
    fixture_t *f = *state;
    char reason[512];
    const char *id = "55555555-5555-4555-8555-555555555555";
    int64_t before = svc_count(f);
    /* tampered: one ciphertext character changed after signing */
    char *env = svc_envelope(f, &f->kiosk_a, "kiosk-a", id, "tamper me");
    char *ct = strstr(env, "\"ciphertext\":\"") + 14;
    ct[10] = ct[10] == 'A' ? 'B' : 'A';
    assert_int_equal(svc_post(f, id, env, reason, sizeof reason), 403);
    assert_non_null(strstr(reason, "signature"));
    free(env);
    /* unknown kiosk: a valid signature by a key nobody registered */
    env = svc_envelope(f, &f->stranger, "kiosk-z", id, "who am i");
    assert_int_equal(svc_post(f, id, env, reason, sizeof reason), 403);
    assert_non_null(strstr(reason, "unknown kiosk"));
    free(env);
    /* replayed under another kiosk id: kiosk-a's envelope relabelled as kiosk-b */
    env = svc_envelope(f, &f->kiosk_a, "kiosk-a", id, "replay");
    char *relabelled = svc_replace(env, "\"kiosk_id\":\"kiosk-a\"", "\"kiosk_id\":\"kiosk-b\"");
    assert_int_equal(svc_post(f, id, relabelled, reason, sizeof reason), 403);
    assert_non_null(strstr(reason, "signature")); /* the kiosk id is signed */
    free(relabelled);
    /* ... and re-signed by kiosk-a's key but claiming kiosk-b: key not kiosk-b's */
    char *claimed = svc_envelope(f, &f->kiosk_a, "kiosk-b", id, "claim");
    assert_int_equal(svc_post(f, id, claimed, reason, sizeof reason), 403);
    assert_non_null(strstr(reason, "not registered for kiosk 'kiosk-b'"));
    free(claimed);
    free(env);
    /* revoked key */
    report_signing_key_t old;
    crypto_sign_keypair(old.pk, old.sk);
    svc_register(f, "kiosk-r", "LRI", &old, 1, 0);
    char b64[INTAKE_KEY_B64_MAX], err[INTAKE_STORE_ERROR_MAX];
    report_key_to_base64(old.pk, sizeof old.pk, b64, sizeof b64);
    int count = 0;
    assert_true(
        intake_store_revoke(f->store, "kiosk-r", b64, intake_now_ms(), &count, err, sizeof err));
    env = svc_envelope(f, &old, "kiosk-r", id, "revoked");
    assert_int_equal(svc_post(f, id, env, reason, sizeof reason), 403);
    assert_non_null(strstr(reason, "revoked"));
    free(env);
    assert_int_equal(svc_count(f), before); /* none of them stored */
}

static void test_rekeyed_kiosk_keeps_old_key_until_its_date(void **state)
{
    fixture_t *f = *state;
    report_signing_key_t k1, k2, k3;
    crypto_sign_keypair(k1.pk, k1.sk);
    crypto_sign_keypair(k2.pk, k2.sk);
    crypto_sign_keypair(k3.pk, k3.sk);
    int64_t now = intake_now_ms();
    svc_register(f, "kiosk-k", "LRI", &k1, now - 100000, now + 100000); /* old, still valid */
    svc_register(f, "kiosk-k", "LRI", &k2, now - 1000, 0);              /* the new key */
    svc_register(f, "kiosk-k", "LRI", &k3, now - 100000, now - 50000);  /* long expired */
    char *e1 = svc_envelope(f, &k1, "kiosk-k", "66666666-6666-4666-8666-666666666661", "a");
    char *e2 = svc_envelope(f, &k2, "kiosk-k", "66666666-6666-4666-8666-666666666662", "b");
    char *e3 = svc_envelope(f, &k3, "kiosk-k", "66666666-6666-4666-8666-666666666663", "c");
    char reason[512];
    assert_int_equal(svc_post(f, "66666666-6666-4666-8666-666666666661", e1, NULL, 0), 201);
    assert_int_equal(svc_post(f, "66666666-6666-4666-8666-666666666662", e2, NULL, 0), 201);
    assert_int_equal(svc_post(f, "66666666-6666-4666-8666-666666666663", e3, reason, sizeof reason),
                     403);
    assert_non_null(strstr(reason, "validity dates"));
    free(e1);
    free(e2);
    free(e3);
}

static void test_rate_limit_answers_429_with_retry_after(void **state)
{
    fixture_t *f = *state;
    intake_config_t cfg = f->cfg;
    cfg.reports_per_minute = 1;
    cfg.burst = 2;
    intake_t slow;
    char err[256];
    assert_true(intake_init(&slow, &cfg, f->store, err, sizeof err));
    int statuses[3];
    int retry = 0;
    for (int i = 0; i < 3; i++) {
        char id[REPORT_ID_MAX];
        snprintf(id, sizeof id, "77777777-7777-4777-8777-77777777777%d", i);
        char *env = svc_envelope(f, &f->kiosk_b, "kiosk-b", id, "fast");
        intake_reply_t r = {0};
        intake_post_report(&slow, id, env, strlen(env), false, &r);
        statuses[i] = r.status;
        retry = r.retry_after_s;
        intake_reply_clear(&r);
        free(env);
    }
    assert_int_equal(statuses[0], 201);
    assert_int_equal(statuses[1], 201);
    assert_int_equal(statuses[2], 429);     /* burst of 2 spent */
    assert_true(retry >= 1 && retry <= 60); /* one token a minute */
    intake_deinit(&slow);
}

static void test_envelopes_need_the_token_and_page_in_order(void **state)
{
    fixture_t *f = *state;
    intake_reply_t r = {0};
    intake_get_envelopes(&f->in, NULL, NULL, NULL, &r);
    assert_int_equal(r.status, 401);
    assert_non_null(r.www_authenticate);
    intake_reply_clear(&r);
    intake_get_envelopes(&f->in, "Bearer wrong", NULL, NULL, &r);
    assert_int_equal(r.status, 401);
    intake_reply_clear(&r);
    intake_get_envelopes(&f->in, "Bearer " SVC_TOKEN, "x", NULL, &r);
    assert_int_equal(r.status, 400); /* a cursor is a number from a page */
    intake_reply_clear(&r);
    intake_get_envelopes(&f->in, "Bearer " SVC_TOKEN, "0", "1", &r);
    assert_int_equal(r.status, 200);
    cJSON *page = cJSON_Parse(r.body);
    const cJSON *list = cJSON_GetObjectItem(page, "envelopes");
    assert_int_equal(cJSON_GetArraySize(list), 1);
    assert_true(cJSON_IsTrue(cJSON_GetObjectItem(page, "more")));
    const cJSON *first = cJSON_GetArrayItem(list, 0);
    const char *env = cJSON_GetObjectItem(first, "envelope")->valuestring;
    report_opened_t o;
    char err[256];
    /* stored still sealed, and the receiver opens it */
    assert_null(strstr(r.body, "first"));
    assert_int_equal(report_envelope_open(env, strlen(env), f->rpk, f->rsk, &o, err, sizeof err),
                     REPORT_OPEN_OK);
    assert_non_null(strstr(o.json, "\"t\":\"first\""));
    report_opened_clear(&o);
    char next[32];
    snprintf(next, sizeof next, "%s", cJSON_GetObjectItem(page, "next")->valuestring);
    cJSON_Delete(page);
    intake_reply_clear(&r);
    intake_get_envelopes(&f->in, "Bearer " SVC_TOKEN, next, "500", &r);
    assert_int_equal(r.status, 200);
    assert_null(strstr(r.body, SVC_ID_1)); /* the cursor moved past it */
    intake_reply_clear(&r);
}

static char *svc_heartbeat(const report_signing_key_t *k, const char *kiosk, int64_t sent_ms)
{
    heartbeat_status_t s = {.sent_ms = sent_ms,
                            .interval_s = 60,
                            .outbox_depth = 2,
                            .oldest_unsent_s = 30,
                            .disk_free_mb = 9000};
    snprintf(s.version, sizeof s.version, "9.9.9");
    snprintf(s.printer, sizeof s.printer, "ok");
    snprintf(s.last_delivery, sizeof s.last_delivery, "ok");
    char *text = NULL, err[256];
    size_t len = 0;
    assert_true(heartbeat_encode(&s, kiosk, k, &text, &len, err, sizeof err));
    return text;
}

static int svc_beat(fixture_t *f, const char *text)
{
    intake_reply_t r = {0};
    intake_post_heartbeat(&f->in, text, strlen(text), false, &r);
    int status = r.status;
    intake_reply_clear(&r);
    return status;
}

static void test_heartbeat_signed_newer_only(void **state)
{
    fixture_t *f = *state;
    int64_t now = intake_now_ms();
    char *hb = svc_heartbeat(&f->kiosk_a, "kiosk-a", now);
    char *old = svc_heartbeat(&f->kiosk_a, "kiosk-a", now - 1000);
    char *forged = svc_heartbeat(&f->stranger, "kiosk-a", now + 1000);
    char *tampered = svc_replace(hb, "9.9.9", "6.6.6");
    assert_int_equal(svc_beat(f, hb), 204);
    assert_int_equal(svc_beat(f, hb), 409);       /* a replay is not newer */
    assert_int_equal(svc_beat(f, old), 409);      /* nor is an older one */
    assert_int_equal(svc_beat(f, forged), 403);   /* key not registered for kiosk-a */
    assert_int_equal(svc_beat(f, tampered), 403); /* status altered after signing */
    assert_int_equal(svc_beat(f, "{}"), 400);
    free(hb);
    free(old);
    free(forged);
    free(tampered);
}

static void test_fleet_page_login_and_silent_unit(void **state)
{
    fixture_t *f = *state;
    char err[INTAKE_STORE_ERROR_MAX];
    intake_reply_t r = {0};
    intake_get_fleet(&f->in, NULL, NULL, &r);
    assert_int_equal(r.status, 401);
    assert_non_null(strstr(r.www_authenticate, "Basic"));
    intake_reply_clear(&r);
    intake_get_fleet(&f->in, "estates", "wrong horse", &r);
    assert_int_equal(r.status, 401);
    intake_reply_clear(&r);
    /* kiosk-a heard just now (previous test); kiosk-b last heard 10 minutes ago with a 60 s
     * interval: more than 3 heartbeats missed */
    int64_t now = intake_now_ms();
    bool stale = false;
    assert_true(intake_store_put_heartbeat(f->store, "kiosk-b", now - 600000, now - 600000,
                                           "{\"interval_s\":60,\"version\":\"0.1.0\","
                                           "\"outbox_depth\":5,\"printer\":\"error: no paper\"}",
                                           &stale, err, sizeof err));
    intake_get_fleet(&f->in, "estates", "correct horse", &r);
    assert_int_equal(r.status, 200);
    assert_string_equal(r.content_type, "text/html; charset=utf-8");
    const char *html = r.body;
    const char *a = strstr(html, "id=\"unit-kiosk-a\"");
    const char *b = strstr(html, "id=\"unit-kiosk-b\"");
    assert_non_null(a);
    assert_non_null(b);
    /* each row's class says whether it is silent; the flag is text too, not colour only */
    assert_non_null(strstr(html, "<tr class=\"heard\" id=\"unit-kiosk-a\""));
    assert_non_null(strstr(html, "<tr class=\"silent\" id=\"unit-kiosk-b\""));
    const char *b_end = strstr(b, "</tr>");
    const char *flag = strstr(b, "SILENT");
    assert_true(flag && flag < b_end);
    assert_non_null(strstr(html, "printer: error: no paper"));
    assert_non_null(strstr(html, "9.9.9")); /* version from kiosk-a's heartbeat */
    assert_null(strstr(html, "<script>"));  /* a site name cannot inject markup */
    assert_non_null(strstr(html, "&lt;script&gt;"));
    assert_null(strstr(html, "<script")); /* no JavaScript at all */
    assert_non_null(strstr(html, "silent</strong>"));
    intake_reply_clear(&r);
}

static void test_heartbeat_url_follows_the_reports_url(void **state)
{
    kiosk_config_t cfg;
    char url[CONFIG_PATH_MAX];
    config_defaults(&cfg);
    snprintf(cfg.url, sizeof cfg.url, "https://intake.example.nhs.uk/v1/reports");
    assert_true(heartbeat_url_for(&cfg, url, sizeof url));
    assert_string_equal(url, "https://intake.example.nhs.uk/v1/heartbeat");
    snprintf(cfg.url, sizeof cfg.url, "https://elsewhere.example/receive");
    assert_false(heartbeat_url_for(&cfg, url, sizeof url)); /* no guess for other receivers */
    snprintf(cfg.heartbeat_url, sizeof cfg.heartbeat_url, "https://elsewhere.example/hb");
    assert_true(heartbeat_url_for(&cfg, url, sizeof url));
    assert_string_equal(url, "https://elsewhere.example/hb");
    assert_int_equal(cfg.heartbeat_s, 300); /* the documented default */
}

static void test_health(void **state)
{
    fixture_t *f = *state;
    intake_reply_t r = {0};
    intake_get_health(&f->in, &r);
    assert_int_equal(r.status, 200);
    assert_non_null(strstr(r.body, "\"storage\":\"sqlite\""));
    assert_non_null(strstr(r.body, "\"status\":\"ok\""));
    intake_reply_clear(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_report_created_then_same_then_conflict),
        cmocka_unit_test(test_report_size_and_malformed),
        cmocka_unit_test(test_forgeries_refused_and_nothing_stored),
        cmocka_unit_test(test_rekeyed_kiosk_keeps_old_key_until_its_date),
        cmocka_unit_test(test_rate_limit_answers_429_with_retry_after),
        cmocka_unit_test(test_envelopes_need_the_token_and_page_in_order),
        cmocka_unit_test(test_heartbeat_signed_newer_only),
        cmocka_unit_test(test_fleet_page_login_and_silent_unit),
        cmocka_unit_test(test_heartbeat_url_follows_the_reports_url),
        cmocka_unit_test(test_health),
    };
    return cmocka_run_group_tests(tests, svc_setup, svc_teardown);
}
