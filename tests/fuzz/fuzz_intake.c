/* libFuzzer: kiosk-intake's request handling (kiosk/intake/intake.c, the logic behind the
 * HTTP server) on a real SQLite store in TMPDIR, with the kiosk of the seed envelope
 * registered so that signed requests reach the store. The first byte picks the request;
 * the rest is split at newlines into its parts:
 *   0  POST /v1/reports     Idempotency-Key \n body
 *   1  POST /v1/heartbeat   body
 *   2  GET /v1/envelopes    after \n limit \n Authorization
 *   3  GET /fleet           user \n password          (no password hash: refused fast)
 *   4  GET /v1/health
 * Every reply must have a status, and an error reply a one-line reason. */
#include "fuzz_util.h"

#include "intake/intake.h"

#include <sodium.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* the seed envelope's kiosk and signing key (tests/fuzz/corpus/fuzz_intake/report1) */
#define FUZZ_KIOSK_ID "dev-kiosk-1"
#define FUZZ_KIOSK_KEY "wy3WxobEx7KPiUg0ah+kR1NckkgKbTxrhAtvGN89mhg="
/* BLAKE2b-256 of the bearer token "fuzz-token" is computed at start */
#define FUZZ_TOKEN "fuzz-token"

static intake_config_t g_cfg;
static intake_store_t *g_store;
static intake_t g_intake;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char err[512];
    intake_config_defaults(&g_cfg);
    snprintf(g_cfg.storage, sizeof g_cfg.storage, "sqlite:%s", fuzz_scratch_path(".db"));
    remove(fuzz_scratch_path(".db"));
    g_cfg.reports_per_minute = 1000000; /* the rate limit is not what is fuzzed */
    g_cfg.burst = 1000000;
    unsigned char hash[32];
    if (sodium_init() < 0 ||
        crypto_generichash(hash, sizeof hash, (const unsigned char *)FUZZ_TOKEN,
                           strlen(FUZZ_TOKEN), NULL, 0) != 0) {
        abort();
    }
    sodium_bin2hex(g_cfg.receiver_token_hash, sizeof g_cfg.receiver_token_hash, hash, sizeof hash);
    g_store = intake_store_open(g_cfg.storage, 1, err, sizeof err);
    intake_key_row_t key = {.kiosk_id = FUZZ_KIOSK_ID, .site = "fuzz",
                            .public_key = FUZZ_KIOSK_KEY};
    if (!g_store || !intake_store_add_key(g_store, &key, err, sizeof err) ||
        !intake_init(&g_intake, &g_cfg, g_store, err, sizeof err)) {
        fprintf(stderr, "fuzz_intake: %s\n", err);
        abort();
    }
    return 0;
}

/* The next newline-separated part of *text (NUL-terminated in place), or NULL. */
static char *next_part(char **text)
{
    if (!*text) {
        return NULL;
    }
    char *part = *text, *nl = strchr(part, '\n');
    if (nl) {
        *nl = '\0';
        *text = nl + 1;
    } else {
        *text = NULL;
    }
    return part;
}

static void check_reply(const intake_reply_t *r)
{
    if (r->status < 200 || r->status > 599) {
        abort(); /* every request gets an HTTP status */
    }
    if (r->status >= 400 && r->body && memchr(r->body, '\n', r->body_len) &&
        memchr(r->body, '\n', r->body_len) != r->body + r->body_len - 1) {
        abort(); /* an error's reason is one line */
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1) {
        return 0;
    }
    size_t n = size - 1;
    char *copy = malloc(n + 1);
    if (!copy) {
        return 0;
    }
    memcpy(copy, data + 1, n);
    copy[n] = '\0';
    char *rest = copy;
    intake_reply_t reply = {0};
    bool too_large = n > (size_t)g_cfg.max_envelope_bytes;
    switch (data[0] % 5) {
    case 0: {
        char *key = next_part(&rest);
        const char *body = rest ? rest : "";
        intake_post_report(&g_intake, key, body, strlen(body), too_large, &reply);
        break;
    }
    case 1:
        intake_post_heartbeat(&g_intake, copy, strlen(copy), too_large, &reply);
        break;
    case 2: {
        char *after = next_part(&rest), *limit = next_part(&rest), *auth = next_part(&rest);
        intake_get_envelopes(&g_intake, auth, after, limit, &reply);
        break;
    }
    case 3: {
        char *user = next_part(&rest), *password = next_part(&rest);
        intake_get_fleet(&g_intake, user, password, &reply);
        break;
    }
    default:
        intake_get_health(&g_intake, &reply);
        break;
    }
    check_reply(&reply);
    intake_reply_clear(&reply);
    free(copy);
    return 0;
}
