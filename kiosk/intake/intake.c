/* POST /v1/reports, GET /v1/envelopes, GET /v1/health and the registry check. */
#include "intake/intake.h"

#include "delivery/delivery_transport.h"
#include "report/report_keys.h"
#include "report/report_seal.h"

#include <cjson/cJSON.h>
#include <sodium.h>
#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define INTAKE_CURSOR_TEXT_MAX 24
#define INTAKE_TOKEN_HASH_BYTES 32

int64_t intake_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

bool intake_init(intake_t *in, const intake_config_t *cfg, intake_store_t *store, char *err,
                 size_t err_size)
{
    memset(in, 0, sizeof *in);
    in->cfg = cfg;
    in->store = store;
    in->started_ms = intake_now_ms();
    in->rate = intake_rate_create(cfg->reports_per_minute, cfg->burst);
    if (!in->rate) {
        snprintf(err, err_size, "out of memory");
        return false;
    }
    return true;
}

void intake_deinit(intake_t *in)
{
    intake_rate_destroy(in->rate);
    in->rate = NULL;
}

void intake_reply_clear(intake_reply_t *r)
{
    free(r->body);
    memset(r, 0, sizeof *r);
}

void intake_reply_error(intake_reply_t *reply, int status, const char *fmt, ...)
{
    char line[INTAKE_REASON_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    line[strcspn(line, "\r\n")] = '\0'; /* one line, whatever a library said */
    free(reply->body);
    reply->status = status;
    reply->content_type = "text/plain; charset=utf-8";
    size_t n = strlen(line);
    reply->body = malloc(n + 2);
    if (reply->body) {
        memcpy(reply->body, line, n);
        reply->body[n] = '\n';
        reply->body[n + 1] = '\0';
        reply->body_len = n + 1;
    } else {
        reply->body_len = 0;
    }
}

static void intake_reply_json(intake_reply_t *reply, int status, cJSON *o)
{
    char *text = o ? cJSON_PrintUnformatted(o) : NULL;
    cJSON_Delete(o);
    if (!text) {
        intake_reply_error(reply, 500, "out of memory");
        return;
    }
    free(reply->body);
    reply->status = status;
    reply->content_type = "application/json";
    reply->body = text;
    reply->body_len = strlen(text);
}

/* ---- the registry check ---- */

typedef struct key_search {
    const char *want; /* base64 of the presented key */
    int64_t now_ms;
    int rows;
    const intake_key_row_t *found;
    intake_key_row_t match;
} key_search_t;

static bool intake_key_visit(void *user, const intake_key_row_t *row)
{
    key_search_t *ks = user;
    ks->rows++;
    if (strcmp(row->public_key, ks->want) == 0) {
        ks->match = *row;
        ks->found = &ks->match;
        return false;
    }
    return true;
}

int intake_check_key(intake_t *in, const char *kiosk_id, const unsigned char *pk, int64_t now_ms,
                     char *reason, size_t reason_size)
{
    char b64[INTAKE_KEY_B64_MAX], err[INTAKE_STORE_ERROR_MAX];
    report_key_to_base64(pk, REPORT_SIGN_PK_BYTES, b64, sizeof b64);
    key_search_t ks = {.want = b64, .now_ms = now_ms};
    if (!intake_store_list_keys(in->store, kiosk_id, intake_key_visit, &ks, err, sizeof err)) {
        snprintf(reason, reason_size, "storage unavailable");
        return 503;
    }
    if (ks.rows == 0) {
        snprintf(reason, reason_size, "unknown kiosk '%s': register it with kiosk-intake register",
                 kiosk_id);
        return 403;
    }
    if (!ks.found) {
        snprintf(reason, reason_size, "signing key is not registered for kiosk '%s'", kiosk_id);
        return 403;
    }
    if (ks.found->revoked_ms) {
        snprintf(reason, reason_size, "signing key of kiosk '%s' was revoked", kiosk_id);
        return 403;
    }
    if (now_ms < ks.found->valid_from_ms ||
        (ks.found->valid_until_ms && now_ms > ks.found->valid_until_ms)) {
        snprintf(reason, reason_size, "signing key of kiosk '%s' is outside its validity dates",
                 kiosk_id);
        return 403;
    }
    return 0;
}

/* ---- POST /v1/reports ---- */

static bool intake_body_is_text(const char *body, size_t len)
{
    return memchr(body, '\0', len) == NULL;
}

void intake_post_report(intake_t *in, const char *idempotency_key, const char *body, size_t len,
                        bool too_large, intake_reply_t *reply)
{
    char reason[INTAKE_REASON_MAX], err[INTAKE_STORE_ERROR_MAX];
    report_envelope_header_t h;
    if (too_large) {
        intake_reply_error(reply, 413, "envelope larger than %d bytes",
                           in->cfg->max_envelope_bytes);
        return;
    }
    if (!intake_body_is_text(body, len)) {
        intake_reply_error(reply, 400, "envelope contains a NUL byte");
        return;
    }
    report_open_status_t st = report_envelope_verify(body, len, &h, reason, sizeof reason);
    if (st == REPORT_OPEN_MALFORMED || st == REPORT_OPEN_VERSION) {
        intake_reply_error(reply, 400, "%s", reason);
        return;
    }
    if (!delivery_report_id_valid(h.report_id) || !intake_kiosk_id_valid(h.kiosk_id)) {
        intake_reply_error(reply, 400,
                           "report id must be a lowercase UUID and kiosk id "
                           "[A-Za-z0-9._-]{1,63}");
        return;
    }
    if (!idempotency_key || strcmp(idempotency_key, h.report_id) != 0) {
        intake_reply_error(reply, 400, "Idempotency-Key header must be the envelope's report id");
        return;
    }
    if (st == REPORT_OPEN_SIGNATURE) {
        intake_reply_error(reply, 403, "%s", reason);
        return;
    }
    int64_t now = intake_now_ms();
    int status = intake_check_key(in, h.kiosk_id, h.signing_pk, now, reason, sizeof reason);
    if (status) {
        intake_reply_error(reply, status, "%s", reason);
        return;
    }
    int retry = 0;
    if (!intake_rate_take(in->rate, h.kiosk_id, now, &retry)) {
        intake_reply_error(reply, 429, "kiosk '%s' is sending too fast", h.kiosk_id);
        reply->retry_after_s = retry;
        return;
    }
    intake_put_result_t put = intake_store_put_envelope(in->store, h.kiosk_id, h.report_id, body,
                                                        len, now, err, sizeof err);
    if (put == INTAKE_PUT_ERROR) {
        intake_reply_error(reply, 503, "storage unavailable; try again");
        reply->retry_after_s = 1;
        return;
    }
    if (put == INTAKE_PUT_CONFLICT) {
        intake_reply_error(reply, 409, "another envelope is already stored under report id %s",
                           h.report_id);
        return;
    }
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "status", put == INTAKE_PUT_CREATED ? "stored" : "already stored");
    cJSON_AddStringToObject(o, "report_id", h.report_id);
    intake_reply_json(reply, put == INTAKE_PUT_CREATED ? 201 : 200, o);
}

bool intake_kiosk_id_valid(const char *id)
{
    size_t n = strlen(id);
    if (n == 0 || n >= REPORT_KIOSK_ID_MAX) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        char c = id[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == '-')) {
            return false;
        }
    }
    return true;
}

/* ---- GET /v1/envelopes ---- */

static bool intake_token_ok(const intake_t *in, const char *authorization)
{
    static const char BEARER[] = "Bearer ";
    unsigned char want[INTAKE_TOKEN_HASH_BYTES], got[INTAKE_TOKEN_HASH_BYTES];
    size_t want_len = 0;
    if (!authorization || strncmp(authorization, BEARER, sizeof BEARER - 1) != 0 ||
        sodium_hex2bin(want, sizeof want, in->cfg->receiver_token_hash,
                       strlen(in->cfg->receiver_token_hash), NULL, &want_len, NULL) != 0 ||
        want_len != sizeof want) {
        return false;
    }
    const char *token = authorization + sizeof BEARER - 1;
    crypto_generichash(got, sizeof got, (const unsigned char *)token, strlen(token), NULL, 0);
    return sodium_memcmp(want, got, sizeof want) == 0;
}

static bool intake_parse_int64(const char *text, int64_t min, int64_t max, int64_t *out)
{
    char *end = NULL;
    errno = 0;
    long long v = strtoll(text, &end, 10);
    if (errno || end == text || *end != '\0' || v < min || v > max) {
        return false;
    }
    *out = v;
    return true;
}

static void intake_format_time(int64_t ms, char *out, size_t size)
{
    time_t t = (time_t)(ms / 1000);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

typedef struct page_builder {
    cJSON *list;
    int64_t last;
    int count;
    bool ok;
} page_builder_t;

static bool intake_page_visit(void *user, const intake_envelope_row_t *row)
{
    page_builder_t *p = user;
    char cursor[INTAKE_CURSOR_TEXT_MAX], when[32];
    snprintf(cursor, sizeof cursor, "%" PRId64, row->seq);
    intake_format_time(row->received_ms, when, sizeof when);
    cJSON *item = cJSON_CreateObject();
    char *env = malloc(row->envelope_len + 1);
    if (!item || !env) {
        cJSON_Delete(item);
        free(env);
        p->ok = false;
        return false;
    }
    memcpy(env, row->envelope, row->envelope_len);
    env[row->envelope_len] = '\0';
    bool ok = cJSON_AddStringToObject(item, "cursor", cursor) &&
              cJSON_AddStringToObject(item, "kiosk_id", row->kiosk_id) &&
              cJSON_AddStringToObject(item, "report_id", row->report_id) &&
              cJSON_AddStringToObject(item, "received_at", when) &&
              cJSON_AddStringToObject(item, "envelope", env);
    free(env);
    if (!ok || !cJSON_AddItemToArray(p->list, item)) {
        cJSON_Delete(item);
        p->ok = false;
        return false;
    }
    p->last = row->seq;
    p->count++;
    return true;
}

void intake_get_envelopes(intake_t *in, const char *authorization, const char *after,
                          const char *limit, intake_reply_t *reply)
{
    char err[INTAKE_STORE_ERROR_MAX], next[INTAKE_CURSOR_TEXT_MAX];
    if (!in->cfg->receiver_token_hash[0]) {
        intake_reply_error(reply, 403, "pulling is off: no [receiver] token_hash configured");
        return;
    }
    if (!intake_token_ok(in, authorization)) {
        intake_reply_error(reply, 401, "a valid receiver token is needed (Authorization: Bearer)");
        reply->www_authenticate = "Bearer realm=\"kiosk-intake\"";
        return;
    }
    int64_t cursor = 0, max = INTAKE_PULL_LIMIT_DEFAULT;
    if ((after && !intake_parse_int64(after, 0, INT64_MAX, &cursor)) ||
        (limit && !intake_parse_int64(limit, 1, INTAKE_PULL_LIMIT_MAX, &max))) {
        intake_reply_error(reply, 400,
                           "after must be a cursor from a previous page and limit "
                           "1..%d",
                           INTAKE_PULL_LIMIT_MAX);
        return;
    }
    cJSON *o = cJSON_CreateObject();
    page_builder_t p = {.list = cJSON_AddArrayToObject(o, "envelopes"), .last = cursor, .ok = true};
    if (!p.list ||
        !intake_store_list_envelopes(in->store, cursor, (int)max, intake_page_visit, &p, err,
                                     sizeof err) ||
        !p.ok) {
        cJSON_Delete(o);
        intake_reply_error(reply, 503, "storage unavailable; try again");
        return;
    }
    snprintf(next, sizeof next, "%" PRId64, p.last);
    cJSON_AddStringToObject(o, "next", next);
    cJSON_AddBoolToObject(o, "more", p.count == max);
    intake_reply_json(reply, 200, o);
}

/* ---- GET /v1/health ---- */

void intake_get_health(intake_t *in, intake_reply_t *reply)
{
    char err[INTAKE_STORE_ERROR_MAX];
    int64_t count = 0;
    int version = 0;
    bool ok = intake_store_schema_version(in->store, &version, err, sizeof err) &&
              intake_store_count_envelopes(in->store, &count, err, sizeof err);
    cJSON *o = cJSON_CreateObject();
    cJSON_AddStringToObject(o, "status", ok ? "ok" : "storage unavailable");
    cJSON_AddStringToObject(o, "version", KIOSK_VERSION);
    cJSON_AddStringToObject(o, "storage", intake_store_backend(in->store));
    cJSON_AddNumberToObject(o, "schema", version);
    cJSON_AddNumberToObject(o, "envelopes", (double)count);
    cJSON_AddNumberToObject(o, "uptime_s", (double)((intake_now_ms() - in->started_ms) / 1000));
    intake_reply_json(reply, ok ? 200 : 503, o);
}
