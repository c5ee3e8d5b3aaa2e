/* kiosk-reports pull --from URL|DIR --into DIR: sealed envelopes from a kiosk-intake
 * (GET /v1/envelopes with the receiver's token, docs/intake-api.md) or from a spool
 * directory, into a local store of envelope files that `kiosk-reports open DIR` reads
 * offline. Nothing is decrypted here. The store remembers what was pulled: the intake's
 * cursor in DIR/.pull-cursor, and a spool's files by name. */
#include "cli/kiosk_reports.h"

#include "platform/paths.h"
#include "report/report_files.h"
#include "report/report_seal.h"

#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <dirent.h>
#include <errno.h>
#include <inttypes.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define PULL_CURSOR_FILE ".pull-cursor"
#define PULL_CURSOR_MAX 32
#define PULL_TOKEN_MAX 256
#define PULL_PAGE_MAX (64 * 1024 * 1024) /* a page of 500 envelopes is far smaller */
#define PULL_ENVELOPE_MAX (REPORT_ENVELOPE_MAX * 2)
#define PULL_URL_MAX 2048

typedef struct pull_args {
    const char *from, *into, *token_file, *ca_file;
} pull_args_t;

typedef struct pull_counts {
    int stored, already, rejected;
} pull_counts_t;

static int pull_usage(void)
{
    fprintf(stderr, "usage: kiosk-reports pull --from URL|SPOOL-DIR --into DIR "
                    "[--token-file FILE] [--ca-file PEM]\n"
                    "  URL: the intake, e.g. https://intake.example.nhs.uk (needs the receiver\n"
                    "  token, from --token-file or $KIOSK_INTAKE_TOKEN)\n");
    return 1;
}

/* Keeps one envelope as DIR/<report id>.json. Same bytes already there: counted as
 * already pulled; different bytes under that id: kept beside it and reported loudly, so
 * `open` sees both and never silently drops one. */
static void pull_keep(const char *into, const char *env, size_t len, pull_counts_t *c)
{
    char err[KR_ERROR_MAX], name[REPORT_ID_MAX + 16], path[KR_PATH_MAX];
    report_envelope_header_t h;
    if (report_envelope_verify(env, len, &h, err, sizeof err) != REPORT_OPEN_OK ||
        strspn(h.report_id, "0123456789abcdef-") != strlen(h.report_id) || !h.report_id[0]) {
        fprintf(stderr, "kiosk-reports: pull: rejected an envelope: %s\n",
                err[0] ? err : "bad report id");
        c->rejected++;
        return;
    }
    for (int n = 0; n < 100; n++) {
        if (n == 0) {
            snprintf(name, sizeof name, "%s.json", h.report_id);
        } else {
            snprintf(name, sizeof name, "%s.%d.json", h.report_id, n);
        }
        snprintf(path, sizeof path, "%s/%s", into, name);
        unsigned char *old = NULL;
        size_t old_len = 0;
        if (report_file_read(path, PULL_ENVELOPE_MAX, &old, &old_len, err, sizeof err)) {
            bool same = old_len == len && memcmp(old, env, len) == 0;
            free(old);
            if (same) {
                c->already++;
                return;
            }
            if (n == 0) {
                fprintf(stderr,
                        "kiosk-reports: pull: WARNING: a different envelope claims "
                        "report id %s; both are kept for `open` to judge\n",
                        h.report_id);
            }
            continue;
        }
        bool existed = false;
        if (report_file_write_atomic(into, name, env, len, 0600, true, &existed, err, sizeof err)) {
            c->stored++;
        } else {
            fprintf(stderr, "kiosk-reports: pull: %s\n", err);
            c->rejected++;
        }
        return;
    }
    c->rejected++;
}

/* ---- from a spool directory ---- */

static int pull_from_dir(const pull_args_t *a, pull_counts_t *c)
{
    DIR *d = opendir(a->from);
    if (!d) {
        fprintf(stderr, "kiosk-reports: pull: cannot open %s: %s\n", a->from, strerror(errno));
        return 1;
    }
    struct dirent *e;
    char path[KR_PATH_MAX], err[KR_ERROR_MAX];
    while ((e = readdir(d)) != NULL) {
        size_t n = strlen(e->d_name);
        if (n < 6 || strcmp(e->d_name + n - 5, ".json") != 0 || e->d_name[0] == '.') {
            continue;
        }
        snprintf(path, sizeof path, "%s/%s", a->from, e->d_name);
        struct stat st;
        unsigned char *data = NULL;
        size_t len = 0;
        if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
            continue; /* never block on a FIFO or follow a link out of the spool */
        }
        if (!report_file_read(path, PULL_ENVELOPE_MAX, &data, &len, err, sizeof err)) {
            fprintf(stderr, "kiosk-reports: pull: %s\n", err);
            c->rejected++;
            continue;
        }
        pull_keep(a->into, (const char *)data, len, c);
        free(data);
    }
    closedir(d);
    return 0;
}

/* ---- from an intake ---- */

typedef struct pull_buf {
    char *data;
    size_t len;
} pull_buf_t;

static size_t pull_collect(char *p, size_t s, size_t n, void *u)
{
    pull_buf_t *b = u;
    if (b->len + s * n > PULL_PAGE_MAX) {
        return 0;
    }
    char *grown = realloc(b->data, b->len + s * n + 1);
    if (!grown) {
        return 0;
    }
    b->data = grown;
    memcpy(b->data + b->len, p, s * n);
    b->len += s * n;
    b->data[b->len] = '\0';
    return s * n;
}

static bool pull_read_token(const pull_args_t *a, char *token, size_t size)
{
    char err[KR_ERROR_MAX];
    if (!a->token_file) {
        const char *env = getenv("KIOSK_INTAKE_TOKEN");
        if (!env || !env[0] || strlen(env) >= size) {
            fprintf(stderr, "kiosk-reports: pull: give the receiver token with --token-file "
                            "or KIOSK_INTAKE_TOKEN\n");
            return false;
        }
        snprintf(token, size, "%s", env);
        return true;
    }
    unsigned char *data = NULL;
    size_t len = 0;
    if (!report_file_read(a->token_file, PULL_TOKEN_MAX, &data, &len, err, sizeof err)) {
        fprintf(stderr, "kiosk-reports: pull: %s\n", err);
        return false;
    }
    snprintf(token, size, "%s", (const char *)data);
    token[strcspn(token, "\r\n")] = '\0';
    sodium_memzero(data, len);
    free(data);
    return token[0] != '\0';
}

static void pull_read_cursor(const char *into, char *cursor, size_t size)
{
    char path[KR_PATH_MAX], err[KR_ERROR_MAX];
    unsigned char *data = NULL;
    size_t len = 0;
    snprintf(path, sizeof path, "%s/%s", into, PULL_CURSOR_FILE);
    snprintf(cursor, size, "0");
    if (report_file_read(path, PULL_CURSOR_MAX, &data, &len, err, sizeof err)) {
        snprintf(cursor, size, "%s", (const char *)data);
        cursor[strspn(cursor, "0123456789")] = '\0';
        if (!cursor[0]) {
            snprintf(cursor, size, "0");
        }
        free(data);
    }
}

/* One page: keeps its envelopes, then records the cursor (after the files are durable). */
static int pull_page(CURL *c, const pull_args_t *a, const char *auth, char *cursor,
                     size_t cursor_size, bool *more, pull_counts_t *counts)
{
    char url[PULL_URL_MAX], err[KR_ERROR_MAX];
    const char *base = a->from;
    size_t n = strlen(base);
    while (n && base[n - 1] == '/') {
        n--;
    }
    snprintf(url, sizeof url, "%.*s/v1/envelopes?after=%s&limit=500", (int)n, base, cursor);
    pull_buf_t b = {0};
    struct curl_slist *h = curl_slist_append(NULL, auth);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, pull_collect);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "https,http");
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 60L);
    if (a->ca_file) {
        curl_easy_setopt(c, CURLOPT_CAINFO, a->ca_file);
    }
    CURLcode rc = curl_easy_perform(c);
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    curl_slist_free_all(h);
    if (rc != CURLE_OK || status != 200) {
        if (rc != CURLE_OK) {
            fprintf(stderr, "kiosk-reports: pull: %s: %s\n", url, curl_easy_strerror(rc));
        } else {
            fprintf(stderr, "kiosk-reports: pull: %s answered HTTP %ld: %s", url, status,
                    b.data ? b.data : "\n");
        }
        free(b.data);
        return 1;
    }
    cJSON *page = cJSON_Parse(b.data);
    free(b.data);
    const cJSON *list = cJSON_GetObjectItemCaseSensitive(page, "envelopes"), *item;
    const cJSON *next = cJSON_GetObjectItemCaseSensitive(page, "next");
    if (!cJSON_IsArray(list) || !cJSON_IsString(next)) {
        fprintf(stderr, "kiosk-reports: pull: %s: not an envelope page\n", url);
        cJSON_Delete(page);
        return 1;
    }
    cJSON_ArrayForEach(item, list)
    {
        const cJSON *env = cJSON_GetObjectItemCaseSensitive(item, "envelope");
        if (cJSON_IsString(env)) {
            pull_keep(a->into, env->valuestring, strlen(env->valuestring), counts);
        } else {
            counts->rejected++;
        }
    }
    *more = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(page, "more"));
    snprintf(cursor, cursor_size, "%s", next->valuestring);
    cJSON_Delete(page);
    if (!report_file_write_atomic(a->into, PULL_CURSOR_FILE, cursor, strlen(cursor), 0600, false,
                                  NULL, err, sizeof err)) {
        fprintf(stderr, "kiosk-reports: pull: %s\n", err);
        return 1;
    }
    return 0;
}

/* The token must never cross a network in clear: plain http only to this machine (an
 * intake behind a local reverse proxy, or a test). */
static bool pull_url_allowed(const char *url)
{
    static const char *const LOCAL[] = {"http://127.0.0.1:", "http://127.0.0.1/",
                                        "http://localhost:", "http://localhost/", "http://[::1]"};
    if (strncmp(url, "https://", 8) == 0) {
        return true;
    }
    for (size_t i = 0; i < sizeof LOCAL / sizeof LOCAL[0]; i++) {
        if (strncmp(url, LOCAL[i], strlen(LOCAL[i])) == 0) {
            return true;
        }
    }
    return false;
}

static int pull_from_url(const pull_args_t *a, pull_counts_t *counts)
{
    char token[PULL_TOKEN_MAX], auth[PULL_TOKEN_MAX + 32], cursor[PULL_CURSOR_MAX];
    if (!pull_url_allowed(a->from)) {
        fprintf(stderr,
                "kiosk-reports: pull: %s: use https:// (plain http only to this "
                "machine, so the token never crosses a network in clear)\n",
                a->from);
        return 1;
    }
    if (!pull_read_token(a, token, sizeof token)) {
        return 1;
    }
    snprintf(auth, sizeof auth, "Authorization: Bearer %s", token);
    sodium_memzero(token, sizeof token);
    pull_read_cursor(a->into, cursor, sizeof cursor);
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        return 1;
    }
    CURL *c = curl_easy_init();
    int rc = c ? 0 : 1;
    bool more = true;
    while (rc == 0 && more) {
        rc = pull_page(c, a, auth, cursor, sizeof cursor, &more, counts);
    }
    sodium_memzero(auth, sizeof auth);
    curl_easy_cleanup(c);
    curl_global_cleanup();
    return rc;
}

int kr_pull_main(int argc, char **argv)
{
    pull_args_t a = {0};
    char err[KR_ERROR_MAX];
    for (int i = 0; i < argc; i++) {
        const char **slot = strcmp(argv[i], "--from") == 0         ? &a.from
                            : strcmp(argv[i], "--into") == 0       ? &a.into
                            : strcmp(argv[i], "--token-file") == 0 ? &a.token_file
                            : strcmp(argv[i], "--ca-file") == 0    ? &a.ca_file
                                                                   : NULL;
        if (!slot || i + 1 >= argc) {
            return pull_usage();
        }
        *slot = argv[++i];
    }
    if (!a.from || !a.into) {
        return pull_usage();
    }
    if (!paths_mkdirs(a.into, 0700, err, sizeof err)) {
        fprintf(stderr, "kiosk-reports: pull: %s\n", err);
        return 1;
    }
    pull_counts_t counts = {0};
    bool url = strncmp(a.from, "https://", 8) == 0 || strncmp(a.from, "http://", 7) == 0;
    int rc = url ? pull_from_url(&a, &counts) : pull_from_dir(&a, &counts);
    printf("pulled %d new envelope%s into %s (%d already there, %d rejected)\n", counts.stored,
           counts.stored == 1 ? "" : "s", a.into, counts.already, counts.rejected);
    return rc ? rc : counts.rejected ? 2 : 0;
}
