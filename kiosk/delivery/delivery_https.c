/* HTTPS transport: libcurl POST of the envelope. TLS verification is never turned off;
 * a private CA and a client certificate can be configured. */
#include "delivery/delivery_transport.h"

#include <curl/curl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define HTTPS_HEADER_MAX 128
#define HTTPS_CONNECT_TIMEOUT_MAX_S 10

typedef struct https_state {
    char url[CONFIG_PATH_MAX];
    char ca_file[CONFIG_PATH_MAX];
    char client_cert[CONFIG_PATH_MAX];
    char client_key[CONFIG_PATH_MAX];
    long timeout_s;
} https_state_t;

/* The answer body is not needed; without this libcurl would print it to stdout. */
static size_t https_discard(char *ptr, size_t size, size_t nmemb, void *user)
{
    return size * nmemb;
}

/* Lets delivery_stop() end a slow transfer instead of waiting for its time-out. */
static int https_progress(void *user, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal,
                          curl_off_t ulnow)
{
    const atomic_bool *cancel = user;
    return cancel && atomic_load(cancel) ? 1 : 0;
}

static bool https_setup(CURL *c, const https_state_t *s, const delivery_transport_t *t,
                        struct curl_slist *headers, const unsigned char *envelope, size_t len)
{
    long connect_s =
        s->timeout_s < HTTPS_CONNECT_TIMEOUT_MAX_S ? s->timeout_s : HTTPS_CONNECT_TIMEOUT_MAX_S;
    bool ok = curl_easy_setopt(c, CURLOPT_URL, s->url) == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https") == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L) == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L) == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L) == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L) == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, connect_s) == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_TIMEOUT, s->timeout_s) == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers) == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_POSTFIELDS, (const char *)envelope) == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len) == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, https_discard) == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L) == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, https_progress) == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_XFERINFODATA, (void *)t->cancel) == CURLE_OK;
    if (ok && s->ca_file[0]) {
        ok = curl_easy_setopt(c, CURLOPT_CAINFO, s->ca_file) == CURLE_OK;
    }
    if (ok && s->client_cert[0]) {
        ok = curl_easy_setopt(c, CURLOPT_SSLCERT, s->client_cert) == CURLE_OK &&
             curl_easy_setopt(c, CURLOPT_SSLKEY,
                              s->client_key[0] ? s->client_key : s->client_cert) == CURLE_OK;
    }
    return ok;
}

static bool https_send(delivery_transport_t *t, const char *report_id,
                       const unsigned char *envelope, size_t len, char *err, size_t err_size)
{
    const https_state_t *s = t->state;
    char idem[HTTPS_HEADER_MAX], curl_err[CURL_ERROR_SIZE] = "";
    if (!delivery_report_id_valid(report_id)) {
        snprintf(err, err_size, "https: malformed report id");
        return false;
    }
    t->rejected = false;
    snprintf(idem, sizeof idem, "Idempotency-Key: %s", report_id);
    struct curl_slist *headers = curl_slist_append(NULL, "Content-Type: application/json");
    struct curl_slist *more = headers ? curl_slist_append(headers, idem) : NULL;
    CURL *c = more ? curl_easy_init() : NULL;
    bool ok = false;
    if (!c || !https_setup(c, s, t, more, envelope, len) ||
        curl_easy_setopt(c, CURLOPT_ERRORBUFFER, curl_err) != CURLE_OK) {
        snprintf(err, err_size, "https: cannot set up the request");
    } else {
        CURLcode rc = curl_easy_perform(c);
        long status = 0;
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
        ok = rc == CURLE_OK && status >= 200 && status < 300;
        if (rc != CURLE_OK) {
            snprintf(err, err_size, "https: %s%s%s", curl_easy_strerror(rc),
                     curl_err[0] ? ": " : "", curl_err);
        } else if (!ok) {
            t->rejected = delivery_http_status_permanent(status);
            snprintf(err, err_size, "https: server answered HTTP %ld%s", status,
                     t->rejected ? " (refused for good)" : "");
        }
    }
    curl_easy_cleanup(c);
    curl_slist_free_all(headers);
    return ok;
}

bool delivery_http_status_permanent(long status)
{
    return status >= 400 && status < 500 && status != 408 && status != 429;
}

static void https_destroy(delivery_transport_t *t)
{
    free(t->state);
    free(t);
    curl_global_cleanup();
}

delivery_transport_t *delivery_https_create(const kiosk_config_t *cfg, char *err, size_t err_size)
{
    if (strncmp(cfg->url, "https://", 8) != 0) {
        snprintf(err, err_size, "[delivery] url must start with https://");
        return NULL;
    }
    /* reference-counted by libcurl; paired with curl_global_cleanup() in destroy */
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        snprintf(err, err_size, "cannot initialise libcurl");
        return NULL;
    }
    delivery_transport_t *t = calloc(1, sizeof *t);
    https_state_t *s = calloc(1, sizeof *s);
    if (!t || !s) {
        free(t);
        free(s);
        curl_global_cleanup();
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    snprintf(s->url, sizeof s->url, "%s", cfg->url);
    config_data_path(cfg, cfg->ca_file, s->ca_file, sizeof s->ca_file);
    config_data_path(cfg, cfg->client_cert, s->client_cert, sizeof s->client_cert);
    config_data_path(cfg, cfg->client_key, s->client_key, sizeof s->client_key);
    if (!cfg->ca_file[0]) {
        s->ca_file[0] = '\0';
    }
    if (!cfg->client_cert[0]) {
        s->client_cert[0] = '\0';
    }
    if (!cfg->client_key[0]) {
        s->client_key[0] = '\0';
    }
    s->timeout_s = cfg->timeout_s;
    t->name = "https";
    t->send = https_send;
    t->destroy = https_destroy;
    t->state = s;
    return t;
}
