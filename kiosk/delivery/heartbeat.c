/* Heartbeat encoding, verification and the sender thread (heartbeat.h). */
#include "delivery/heartbeat.h"
#include "report/report_ids.h"

#include "platform/log.h"
#include "report/report_outbox.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>
#include <time.h>

#define HEARTBEAT_CONTEXT "kiosk-heartbeat/1"
#define HEARTBEAT_DIGEST_BYTES crypto_generichash_BYTES_MAX
#define HEARTBEAT_REPORTS_SUFFIX "/v1/reports"
#define HEARTBEAT_SUFFIX "/v1/heartbeat"
#define HEARTBEAT_ERROR_MAX 256

static void hb_hash_field(crypto_generichash_state *st, const void *data, size_t len)
{
    unsigned char n[4] = {(unsigned char)(len >> 24), (unsigned char)(len >> 16),
                          (unsigned char)(len >> 8), (unsigned char)len};
    crypto_generichash_update(st, n, sizeof n);
    crypto_generichash_update(st, data, len);
}

static void hb_digest(const char *kiosk_id, const char *status,
                      unsigned char digest[HEARTBEAT_DIGEST_BYTES])
{
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, HEARTBEAT_DIGEST_BYTES);
    hb_hash_field(&st, HEARTBEAT_CONTEXT, strlen(HEARTBEAT_CONTEXT));
    hb_hash_field(&st, kiosk_id, strlen(kiosk_id));
    hb_hash_field(&st, status, strlen(status));
    crypto_generichash_final(&st, digest, HEARTBEAT_DIGEST_BYTES);
}

static char *hb_status_json(const heartbeat_status_t *s)
{
    cJSON *o = cJSON_CreateObject();
    char *text = NULL;
    if (o && cJSON_AddNumberToObject(o, "sent_ms", (double)s->sent_ms) &&
        cJSON_AddNumberToObject(o, "interval_s", s->interval_s) &&
        cJSON_AddStringToObject(o, "version", s->version) &&
        cJSON_AddNumberToObject(o, "uptime_s", (double)s->uptime_s) &&
        cJSON_AddNumberToObject(o, "outbox_depth", (double)s->outbox_depth) &&
        cJSON_AddNumberToObject(o, "oldest_unsent_s", (double)s->oldest_unsent_s) &&
        cJSON_AddStringToObject(o, "last_delivery", s->last_delivery) &&
        cJSON_AddStringToObject(o, "printer", s->printer) &&
        cJSON_AddStringToObject(o, "content", s->content) &&
        cJSON_AddNumberToObject(o, "disk_free_mb", (double)s->disk_free_mb)) {
        text = cJSON_PrintUnformatted(o);
    }
    cJSON_Delete(o);
    return text;
}

bool heartbeat_encode(const heartbeat_status_t *status, const char *kiosk_id,
                      const report_signing_key_t *signer, char **out, size_t *out_len, char *err,
                      size_t err_size)
{
    unsigned char digest[HEARTBEAT_DIGEST_BYTES], sig[crypto_sign_BYTES];
    char pk64[REPORT_KEY_BASE64_MAX], sig64[REPORT_KEY_BASE64_MAX];
    *out = NULL;
    char *body = hb_status_json(status);
    if (!body) {
        snprintf(err, err_size, "out of memory writing a heartbeat");
        return false;
    }
    hb_digest(kiosk_id, body, digest);
    crypto_sign_detached(sig, NULL, digest, sizeof digest, signer->sk);
    report_key_to_base64(signer->pk, sizeof signer->pk, pk64, sizeof pk64);
    report_key_to_base64(sig, sizeof sig, sig64, sizeof sig64);
    cJSON *o = cJSON_CreateObject();
    if (o && cJSON_AddStringToObject(o, "format", HEARTBEAT_FORMAT) &&
        cJSON_AddNumberToObject(o, "version", HEARTBEAT_VERSION) &&
        cJSON_AddStringToObject(o, "kiosk_id", kiosk_id) &&
        cJSON_AddStringToObject(o, "signing_key", pk64) &&
        cJSON_AddStringToObject(o, "status", body) &&
        cJSON_AddStringToObject(o, "signature", sig64)) {
        *out = cJSON_PrintUnformatted(o);
    }
    cJSON_Delete(o);
    free(body);
    if (!*out) {
        snprintf(err, err_size, "out of memory writing a heartbeat");
        return false;
    }
    *out_len = strlen(*out);
    return true;
}

static const char *hb_string(const cJSON *o, const char *key)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(it) ? it->valuestring : NULL;
}

static bool hb_number(const cJSON *o, const char *key, int64_t *out)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, key);
    if (!cJSON_IsNumber(it)) {
        return false;
    }
    *out = (int64_t)it->valuedouble;
    return true;
}

static void hb_copy(const cJSON *o, const char *key, char *out, size_t size)
{
    const char *v = hb_string(o, key);
    snprintf(out, size, "%s", v ? v : "");
}

/* The status fields the intake relies on; the rest is shown as sent. */
static bool hb_parse_status(const char *json, heartbeat_status_t *s)
{
    cJSON *o = cJSON_Parse(json);
    int64_t interval = 0;
    bool ok = cJSON_IsObject(o) && hb_number(o, "sent_ms", &s->sent_ms) &&
              hb_number(o, "interval_s", &interval) && interval > 0 && interval <= 86400;
    if (ok) {
        s->interval_s = (int)interval;
        if (!hb_number(o, "uptime_s", &s->uptime_s)) {
            s->uptime_s = -1;
        }
        if (!hb_number(o, "outbox_depth", &s->outbox_depth)) {
            s->outbox_depth = -1;
        }
        if (!hb_number(o, "oldest_unsent_s", &s->oldest_unsent_s)) {
            s->oldest_unsent_s = -1;
        }
        if (!hb_number(o, "disk_free_mb", &s->disk_free_mb)) {
            s->disk_free_mb = -1;
        }
        hb_copy(o, "version", s->version, sizeof s->version);
        hb_copy(o, "last_delivery", s->last_delivery, sizeof s->last_delivery);
        hb_copy(o, "printer", s->printer, sizeof s->printer);
        hb_copy(o, "content", s->content, sizeof s->content);
    }
    cJSON_Delete(o);
    return ok;
}

heartbeat_verify_t heartbeat_verify(const char *text, size_t len, heartbeat_signed_t *out,
                                    char *err, size_t err_size)
{
    memset(out, 0, sizeof *out);
    cJSON *o = cJSON_ParseWithLength(text, len);
    const char *format = hb_string(o, "format"), *kiosk = hb_string(o, "kiosk_id");
    const char *pk64 = hb_string(o, "signing_key"), *status = hb_string(o, "status");
    const char *sig64 = hb_string(o, "signature");
    const cJSON *version = cJSON_GetObjectItemCaseSensitive(o, "version");
    unsigned char sig[crypto_sign_BYTES], digest[HEARTBEAT_DIGEST_BYTES];
    heartbeat_verify_t result = HEARTBEAT_MALFORMED;
    if (!format || strcmp(format, HEARTBEAT_FORMAT) != 0 || !cJSON_IsNumber(version) ||
        version->valuedouble != HEARTBEAT_VERSION) {
        snprintf(err, err_size, "not a kiosk-heartbeat version %d", HEARTBEAT_VERSION);
    } else if (!kiosk || !status || !pk64 || !sig64 || strlen(kiosk) >= sizeof out->kiosk_id ||
               !report_key_from_base64(pk64, out->signing_pk, sizeof out->signing_pk) ||
               !report_key_from_base64(sig64, sig, sizeof sig)) {
        snprintf(err, err_size, "heartbeat is missing a field or has bad base64");
    } else {
        hb_digest(kiosk, status, digest);
        if (crypto_sign_verify_detached(sig, digest, sizeof digest, out->signing_pk) != 0) {
            snprintf(err, err_size, "heartbeat signature does not verify");
            result = HEARTBEAT_SIGNATURE;
        } else if (!hb_parse_status(status, &out->status)) {
            snprintf(err, err_size, "heartbeat status needs sent_ms and interval_s");
        } else if ((out->status_json = strdup(status)) == NULL) {
            snprintf(err, err_size, "out of memory");
        } else {
            snprintf(out->kiosk_id, sizeof out->kiosk_id, "%s", kiosk);
            result = HEARTBEAT_OK;
        }
    }
    cJSON_Delete(o);
    return result;
}

bool heartbeat_url_for(const kiosk_config_t *cfg, char *out, size_t out_size)
{
    if (cfg->heartbeat_url[0]) {
        snprintf(out, out_size, "%s", cfg->heartbeat_url);
        return true;
    }
    size_t n = strlen(cfg->url), suffix = strlen(HEARTBEAT_REPORTS_SUFFIX);
    if (n < suffix || strcmp(cfg->url + n - suffix, HEARTBEAT_REPORTS_SUFFIX) != 0 ||
        n - suffix + strlen(HEARTBEAT_SUFFIX) >= out_size) {
        return false;
    }
    snprintf(out, out_size, "%.*s%s", (int)(n - suffix), cfg->url, HEARTBEAT_SUFFIX);
    return true;
}

/* ---- sender ---- */

struct heartbeat_sender {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    atomic_bool stopping;
    kiosk_config_t cfg;
    char outbox_path[CONFIG_PATH_MAX + 32];
    report_signing_key_t signer;
    delivery_transport_t *transport;
    heartbeat_probe_fn probe;
    void *probe_user;
    int64_t started_ms;
    int64_t sent;
    bool kicked; /* a state changed: send now rather than at the next interval */
    /* when the sender first saw the current depth > 0: the oldest unsent report is at least
     * this old (the outbox keeps no creation times, and must not: it holds no plaintext) */
    int64_t backlog_since_ms;
};

static int64_t hb_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void hb_fill(heartbeat_sender_t *h, heartbeat_status_t *s)
{
    char err[HEARTBEAT_ERROR_MAX];
    int64_t now = hb_now_ms();
    memset(s, 0, sizeof *s);
    s->sent_ms = now;
    s->interval_s = h->cfg.heartbeat_s;
    snprintf(s->version, sizeof s->version, "%s", KIOSK_VERSION);
    s->uptime_s = (now - h->started_ms) / 1000;
    s->outbox_depth = -1;
    s->oldest_unsent_s = -1;
    report_outbox_t *o = report_outbox_open(h->outbox_path, err, sizeof err);
    report_outbox_counts_t c;
    if (o && report_outbox_counts(o, &c, err, sizeof err)) {
        s->outbox_depth = c.queued;
        if (c.queued == 0) {
            h->backlog_since_ms = 0;
        } else if (h->backlog_since_ms == 0) {
            h->backlog_since_ms = now;
        }
        if (c.queued > 0) {
            s->oldest_unsent_s = (now - h->backlog_since_ms) / 1000;
        }
        snprintf(s->last_delivery, sizeof s->last_delivery, "%s",
                 c.delivered_total > 0 ? "ok" : "never");
    } else {
        /* a short state, not the whole message (the admin screen has that) */
        snprintf(s->last_delivery, sizeof s->last_delivery, "outbox unreadable");
    }
    report_outbox_close(o);
    struct statvfs vfs;
    s->disk_free_mb = statvfs(h->cfg.state_dir, &vfs) == 0
                          ? (int64_t)((unsigned long long)vfs.f_bavail * vfs.f_frsize >> 20)
                          : -1;
    snprintf(s->printer, sizeof s->printer, "%s",
             strcmp(h->cfg.printer_sink, "none") == 0 ? "none" : "configured");
    snprintf(s->content, sizeof s->content, "%s",
             h->cfg.show_unreviewed_translations ? "drafts shown" : "reviewed only");
    if (h->probe) {
        h->probe(h->probe_user, s);
    }
}

static void hb_send_one(heartbeat_sender_t *h)
{
    heartbeat_status_t s;
    char err[HEARTBEAT_ERROR_MAX] = "", id[REPORT_ID_MAX];
    char *text = NULL;
    size_t len = 0;
    hb_fill(h, &s);
    if (!heartbeat_encode(&s, h->cfg.kiosk_id, &h->signer, &text, &len, err, sizeof err)) {
        log_warn("heartbeat: %s", err);
        return;
    }
    report_make_uuid(id);
    bool ok =
        h->transport->send(h->transport, id, (const unsigned char *)text, len, err, sizeof err);
    free(text);
    pthread_mutex_lock(&h->lock);
    if (ok) {
        h->sent++;
    } else {
        log_warn("heartbeat: %s", err);
    }
    pthread_cond_broadcast(&h->cond);
    pthread_mutex_unlock(&h->lock);
}

static void *hb_main(void *arg)
{
    heartbeat_sender_t *h = arg;
    while (!atomic_load(&h->stopping)) {
        hb_send_one(h);
        struct timespec until;
        clock_gettime(CLOCK_REALTIME, &until);
        until.tv_sec += h->cfg.heartbeat_s;
        pthread_mutex_lock(&h->lock);
        while (!atomic_load(&h->stopping) && !h->kicked) {
            if (pthread_cond_timedwait(&h->cond, &h->lock, &until) == ETIMEDOUT) {
                break;
            }
        }
        h->kicked = false;
        pthread_mutex_unlock(&h->lock);
    }
    return NULL;
}

heartbeat_sender_t *heartbeat_sender_start(const kiosk_config_t *cfg, const char *outbox_path,
                                           const report_signing_key_t *signer,
                                           delivery_transport_t *transport,
                                           heartbeat_probe_fn probe, void *probe_user, char *err,
                                           size_t err_size)
{
    heartbeat_sender_t *h = transport ? calloc(1, sizeof *h) : NULL;
    if (!h) {
        delivery_transport_destroy(transport);
        snprintf(err, err_size, "%s", transport ? "out of memory" : "no transport");
        return NULL;
    }
    h->cfg = *cfg;
    snprintf(h->outbox_path, sizeof h->outbox_path, "%s", outbox_path);
    h->signer = *signer;
    h->transport = transport;
    h->probe = probe;
    h->probe_user = probe_user;
    h->started_ms = hb_now_ms();
    atomic_init(&h->stopping, false);
    transport->cancel = &h->stopping;
    pthread_mutex_init(&h->lock, NULL);
    pthread_cond_init(&h->cond, NULL);
    if (pthread_create(&h->thread, NULL, hb_main, h) != 0) {
        snprintf(err, err_size, "cannot start the heartbeat thread");
        pthread_cond_destroy(&h->cond);
        pthread_mutex_destroy(&h->lock);
        delivery_transport_destroy(transport);
        sodium_memzero(&h->signer, sizeof h->signer);
        free(h);
        return NULL;
    }
    return h;
}

void heartbeat_sender_request_stop(heartbeat_sender_t *h)
{
    if (!h) {
        return;
    }
    pthread_mutex_lock(&h->lock);
    atomic_store(&h->stopping, true); /* a transfer in progress aborts at its next tick */
    pthread_cond_broadcast(&h->cond);
    pthread_mutex_unlock(&h->lock);
}

void heartbeat_sender_stop(heartbeat_sender_t *h)
{
    if (!h) {
        return;
    }
    heartbeat_sender_request_stop(h);
    pthread_join(h->thread, NULL);
    delivery_transport_destroy(h->transport);
    pthread_cond_destroy(&h->cond);
    pthread_mutex_destroy(&h->lock);
    sodium_memzero(&h->signer, sizeof h->signer);
    free(h);
}

void heartbeat_sender_kick(heartbeat_sender_t *h)
{
    if (!h) {
        return;
    }
    pthread_mutex_lock(&h->lock);
    h->kicked = true;
    pthread_cond_broadcast(&h->cond);
    pthread_mutex_unlock(&h->lock);
}

int64_t heartbeat_sender_sent(heartbeat_sender_t *h)
{
    pthread_mutex_lock(&h->lock);
    int64_t n = h->sent;
    pthread_mutex_unlock(&h->lock);
    return n;
}
