/* Sealing and opening envelopes, keys on disk (issue 4). */
#include "report_test_support.h"

#include "report/report_json.h"
#include "report/report_seal.h"

#include <cjson/cJSON.h>
#include <sys/stat.h>

typedef struct seal_fixture {
    report_signing_key_t signer;
    unsigned char pk[REPORT_RECEIVER_PK_BYTES], sk[REPORT_RECEIVER_SK_BYTES];
    char json[REPORT_JSON_MAX];
    size_t json_len;
    char *envelope;
    size_t envelope_len;
} seal_fixture_t;

static int seal_setup(void **state)
{
    seal_fixture_t *f = calloc(1, sizeof *f);
    char err[256];
    report_t r;
    if (!f || sodium_init() < 0) {
        return -1;
    }
    crypto_sign_keypair(f->signer.pk, f->signer.sk);
    crypto_box_keypair(f->pk, f->sk);
    test_report_fill(&r);
    snprintf(r.id, sizeof r.id, "6f1c2d3e-0000-4000-8000-000000000001");
    snprintf(r.kiosk_id, sizeof r.kiosk_id, "unit-kiosk");
    if (!report_json_write(&r, f->json, sizeof f->json, &f->json_len, err, sizeof err) ||
        !report_envelope_seal(f->json, f->json_len, f->pk, &f->signer, r.kiosk_id, r.id,
                              &f->envelope, &f->envelope_len, err, sizeof err)) {
        return -1;
    }
    *state = f;
    return 0;
}

static int seal_teardown(void **state)
{
    seal_fixture_t *f = *state;
    free(f->envelope);
    free(f);
    return 0;
}

static report_open_status_t seal_try_open(seal_fixture_t *f, const char *env, size_t len,
                                          const unsigned char *pk, const unsigned char *sk,
                                          char *err, size_t err_size)
{
    report_opened_t o;
    report_open_status_t st = report_envelope_open(env, len, pk, sk, &o, err, err_size);
    report_opened_clear(&o);
    return st;
}

static void test_seal_open_round_trip(void **state)
{
    seal_fixture_t *f = *state;
    report_opened_t o;
    char err[256] = "";
    CHECK(report_envelope_open(f->envelope, f->envelope_len, f->pk, f->sk, &o, err, sizeof err) ==
              REPORT_OPEN_OK,
          "envelope opens with the right key: %s", err);
    CHECK(o.json_len == f->json_len && memcmp(o.json, f->json, f->json_len) == 0,
          "opened JSON is byte for byte what was sealed");
    CHECK(strcmp(o.kiosk_id, "unit-kiosk") == 0, "kiosk id comes out of the envelope");
    CHECK(memcmp(o.signing_pk, f->signer.pk, sizeof o.signing_pk) == 0,
          "signing key reported for pinning");
    CHECK(strstr(f->envelope, "ਹਰਪ੍ਰੀਤ") == NULL, "no plaintext in the envelope");
    report_opened_clear(&o);
}

/* Flip one base64 character of a named field. */
static char *seal_tampered_copy(const seal_fixture_t *f, const char *field, int offset)
{
    char *copy = strdup(f->envelope);
    char key[64];
    snprintf(key, sizeof key, "\"%s\":\"", field);
    char *p = strstr(copy, key);
    if (p) {
        p += strlen(key) + offset;
        *p = *p == 'A' ? 'B' : 'A';
    }
    return copy;
}

static void test_tampering_detected(void **state)
{
    seal_fixture_t *f = *state;
    static const struct {
        const char *field;
        int offset;
    } cases[] = {{"ciphertext", 10}, {"ciphertext", 400}, {"kiosk_id", 0},
                 {"report_id", 3},   {"signature", 5},    {"signing_key", 2}};
    char err[256];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *bad = seal_tampered_copy(f, cases[i].field, cases[i].offset);
        report_open_status_t st = seal_try_open(f, bad, strlen(bad), f->pk, f->sk, err, sizeof err);
        CHECK(st == REPORT_OPEN_SIGNATURE || st == REPORT_OPEN_MALFORMED,
              "changing %s is detected (status %d: %s)", cases[i].field, st, err);
        free(bad);
    }
}

static void test_wrong_key_rejected(void **state)
{
    seal_fixture_t *f = *state;
    unsigned char pk[REPORT_RECEIVER_PK_BYTES], sk[REPORT_RECEIVER_SK_BYTES];
    char err[256];
    crypto_box_keypair(pk, sk);
    CHECK(seal_try_open(f, f->envelope, f->envelope_len, pk, sk, err, sizeof err) ==
              REPORT_OPEN_DECRYPT,
          "another receiver's key cannot open it");
    CHECK(strstr(err, "wrong") != NULL, "the message says the key may be wrong: %s", err);
}

static void test_truncated_and_unknown_version(void **state)
{
    seal_fixture_t *f = *state;
    char err[256];
    for (size_t cut = 0; cut < f->envelope_len; cut += f->envelope_len / 7 + 1) {
        CHECK(seal_try_open(f, f->envelope, cut, f->pk, f->sk, err, sizeof err) ==
                  REPORT_OPEN_MALFORMED,
              "envelope cut at %zu bytes is reported as truncated", cut);
    }
    char *v2 = strdup(f->envelope);
    char *p = strstr(v2, "\"version\":1");
    CHECK(p != NULL, "envelope has a version field");
    p[strlen("\"version\":")] = '7';
    CHECK(seal_try_open(f, v2, strlen(v2), f->pk, f->sk, err, sizeof err) == REPORT_OPEN_VERSION,
          "unknown version is its own error");
    CHECK(strstr(err, "version 7") != NULL, "message names the version: %s", err);
    free(v2);
}

static void test_padding_hides_length(void **state)
{
    seal_fixture_t *f = *state;
    char *a = NULL, *b = NULL, err[256];
    size_t a_len = 0, b_len = 0;
    const char *short_json = "{\"id\":\"x\"}";
    CHECK(report_envelope_seal(short_json, strlen(short_json), f->pk, &f->signer, "k", "x", &a,
                               &a_len, err, sizeof err),
          "seal short");
    CHECK(report_envelope_seal(f->json, 900, f->pk, &f->signer, "k", "x", &b, &b_len, err,
                               sizeof err),
          "seal 900 bytes");
    CHECK(a_len == b_len, "10 and 900 bytes of plaintext give the same envelope size (%zu, %zu)",
          a_len, b_len);
    free(a);
    free(b);
}

static void test_keys_on_disk(void **state)
{
    char dir[256], err[256], path[512];
    report_signing_key_t k1, k2;
    struct stat st;
    test_tempdir(dir, sizeof dir);
    CHECK(report_signing_key_load_or_create(dir, &k1, err, sizeof err), "create: %s", err);
    CHECK(report_signing_key_load_or_create(dir, &k2, err, sizeof err), "load: %s", err);
    CHECK(memcmp(&k1, &k2, sizeof k1) == 0, "second start loads the same signing key");
    snprintf(path, sizeof path, "%s/%s", dir, REPORT_SIGNING_KEY_FILE);
    CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600, "signing key file is 0600");

    CHECK(report_receiver_keygen(dir, err, sizeof err), "receiver keygen: %s", err);
    snprintf(path, sizeof path, "%s/receiver.key", dir);
    CHECK(stat(path, &st) == 0 && (st.st_mode & 0777) == 0600, "receiver.key is 0600");
    CHECK(!report_receiver_keygen(dir, err, sizeof err), "keygen refuses to overwrite a key");
    CHECK(strstr(err, "exists") != NULL, "and says why: %s", err);

    /* config: receiver key as a path or inline base64 gives the same key */
    kiosk_config_t cfg;
    unsigned char from_path[32], from_b64[32], pk[32], sk[32];
    config_defaults(&cfg);
    snprintf(cfg.receiver_public_key, sizeof cfg.receiver_public_key, "%s/receiver.pub", dir);
    CHECK(report_receiver_public_key(&cfg, from_path, err, sizeof err), "pub by path: %s", err);
    CHECK(report_receiver_load_secret(path, pk, sk, err, sizeof err), "load secret: %s", err);
    CHECK(memcmp(pk, from_path, 32) == 0, "receiver.pub is the public half of receiver.key");
    report_key_to_base64(pk, 32, cfg.receiver_public_key, sizeof cfg.receiver_public_key);
    CHECK(report_receiver_public_key(&cfg, from_b64, err, sizeof err), "pub inline: %s", err);
    CHECK(memcmp(from_b64, from_path, 32) == 0, "inline base64 key equals the file's");
    CHECK(!report_receiver_key_is_sample(pk), "a fresh key is not the sample key");
    test_rmrf(dir);
}

static void test_sample_key_recognised(void **state)
{
    kiosk_config_t cfg;
    unsigned char pk[32];
    char err[512];
    config_defaults(&cfg);
    CHECK(!report_receiver_public_key(&cfg, pk, err, sizeof err) &&
              strstr(err, "receiver_public_key is not set"),
          "no receiver key by default (never the sample): %s", err);
    const char *src = getenv("KIOSK_SOURCE_DIR");
    snprintf(cfg.receiver_public_key, sizeof cfg.receiver_public_key,
             "%s/config/sample-receiver/receiver.pub", src ? src : KIOSK_SOURCE_DIR);
    CHECK(!report_receiver_public_key(&cfg, pk, err, sizeof err) && strstr(err, "sample key"),
          "the sample key file is refused: %s", err);
    cfg.allow_sample_key = true;
    CHECK(report_receiver_public_key(&cfg, pk, err, sizeof err),
          "allow_sample_key = true accepts it: %s", err);
    CHECK(report_receiver_key_is_sample(pk), "the sample file's key is the compiled-in one");
    cfg.allow_sample_key = false;
    snprintf(cfg.receiver_public_key, sizeof cfg.receiver_public_key, "%s",
             REPORT_SAMPLE_RECEIVER_PUB);
    CHECK(!report_receiver_public_key(&cfg, pk, err, sizeof err) && strstr(err, "sample key"),
          "the sample key as inline base64 is refused too: %s", err);
    snprintf(cfg.receiver_public_key, sizeof cfg.receiver_public_key, "config/receiver.pub");
    CHECK(!report_receiver_public_key(&cfg, pk, err, sizeof err) && strstr(err, "absolute path"),
          "a relative key path is refused: %s", err);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_seal_open_round_trip, seal_setup, seal_teardown),
        cmocka_unit_test_setup_teardown(test_tampering_detected, seal_setup, seal_teardown),
        cmocka_unit_test_setup_teardown(test_wrong_key_rejected, seal_setup, seal_teardown),
        cmocka_unit_test_setup_teardown(test_truncated_and_unknown_version, seal_setup,
                                        seal_teardown),
        cmocka_unit_test_setup_teardown(test_padding_hides_length, seal_setup, seal_teardown),
        cmocka_unit_test(test_keys_on_disk),
        cmocka_unit_test(test_sample_key_recognised),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
