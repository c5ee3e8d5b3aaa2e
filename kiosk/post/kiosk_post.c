/* kiosk-post: one HTTPS POST of one envelope, run by the kiosk's https transport
 * (delivery/delivery_https.c) as a child process, so that libcurl and its TLS stack (about
 * 5 MiB of shared libraries mapped into every process that links it) live only as long as
 * a delivery, never in the kiosk that shows the screens. TLS verification is never turned
 * off; a private CA and a client certificate can be given.
 *
 *   kiosk-post URL TIMEOUT_S CA_FILE CLIENT_CERT CLIENT_KEY IDEMPOTENCY_KEY < envelope
 *
 * Empty arguments mean none. Prints one line and exits 0: "ok" (a 2xx answer), "http N"
 * (another status), or "error MESSAGE" (no answer: libcurl's reason, never the envelope).
 * Exits 2 for wrong arguments. Installed in libexec: not a command for people. */
#include "platform/fd_io.h"

#include <curl/curl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define POST_HEADER_MAX 128
#define POST_CONNECT_TIMEOUT_MAX_S 10
#define POST_ENVELOPE_MAX (16u * 1024u * 1024u) /* far above any report */

typedef struct post_args {
    const char *url, *ca_file, *client_cert, *client_key, *report_id;
    long timeout_s;
} post_args_t;

/* The answer body is not needed; without this libcurl would print it to stdout. */
static size_t post_discard(char *ptr, size_t size, size_t nmemb, void *user)
{
    return size * nmemb;
}

static bool post_setup(CURL *c, const post_args_t *a, struct curl_slist *headers,
                       const char *envelope, size_t len, char *curl_err)
{
    long connect_s =
        a->timeout_s < POST_CONNECT_TIMEOUT_MAX_S ? a->timeout_s : POST_CONNECT_TIMEOUT_MAX_S;
    bool ok = curl_easy_setopt(c, CURLOPT_URL, a->url) == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https") == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 0L) == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L) == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L) == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L) == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, connect_s) == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_TIMEOUT, a->timeout_s) == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers) == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_POSTFIELDS, envelope) == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, (curl_off_t)len) == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, post_discard) == CURLE_OK &&
              curl_easy_setopt(c, CURLOPT_ERRORBUFFER, curl_err) == CURLE_OK;
    if (ok && a->ca_file[0]) {
        ok = curl_easy_setopt(c, CURLOPT_CAINFO, a->ca_file) == CURLE_OK;
    }
    if (ok && a->client_cert[0]) {
        ok = curl_easy_setopt(c, CURLOPT_SSLCERT, a->client_cert) == CURLE_OK &&
             curl_easy_setopt(c, CURLOPT_SSLKEY,
                              a->client_key[0] ? a->client_key : a->client_cert) == CURLE_OK;
    }
    return ok;
}

/* One POST; prints its one-line result. */
static void post_once(const post_args_t *a, const char *envelope, size_t len)
{
    char idem[POST_HEADER_MAX], curl_err[CURL_ERROR_SIZE] = "";
    snprintf(idem, sizeof idem, "Idempotency-Key: %s", a->report_id);
    struct curl_slist *headers = curl_slist_append(NULL, "Content-Type: application/json");
    struct curl_slist *more = headers ? curl_slist_append(headers, idem) : NULL;
    CURL *c = more ? curl_easy_init() : NULL;
    if (!c || !post_setup(c, a, more, envelope, len, curl_err)) {
        printf("error cannot set up the request\n");
    } else {
        CURLcode rc = curl_easy_perform(c);
        long status = 0;
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
        if (rc != CURLE_OK) {
            /* one line: libcurl's messages have no newline, but make sure */
            curl_err[strcspn(curl_err, "\r\n")] = '\0';
            printf("error %s%s%s\n", curl_easy_strerror(rc), curl_err[0] ? ": " : "", curl_err);
        } else if (status >= 200 && status < 300) {
            printf("ok\n");
        } else {
            printf("http %ld\n", status);
        }
    }
    curl_easy_cleanup(c);
    curl_slist_free_all(headers);
}

int main(int argc, char **argv)
{
    char *end = NULL;
    if (argc != 7) {
        fprintf(stderr, "usage: kiosk-post URL TIMEOUT_S CA_FILE CLIENT_CERT CLIENT_KEY "
                        "IDEMPOTENCY_KEY < envelope   (run by the kiosk)\n");
        return 2;
    }
    post_args_t a = {.url = argv[1], .ca_file = argv[3], .client_cert = argv[4],
                     .client_key = argv[5], .report_id = argv[6],
                     .timeout_s = strtol(argv[2], &end, 10)};
    if (!end || *end || a.timeout_s <= 0 || strncmp(a.url, "https://", 8) != 0 ||
        strpbrk(a.report_id, "\r\n")) {
        fprintf(stderr, "kiosk-post: bad arguments\n");
        return 2;
    }
    size_t len = 0;
    char *envelope = fd_read_all(STDIN_FILENO, POST_ENVELOPE_MAX, &len);
    if (!envelope) {
        printf("error cannot read the envelope\n");
        return 0;
    }
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        printf("error cannot initialise libcurl\n");
    } else {
        post_once(&a, envelope, len);
        curl_global_cleanup();
    }
    free(envelope);
    return fflush(stdout) == 0 ? 0 : 1;
}
