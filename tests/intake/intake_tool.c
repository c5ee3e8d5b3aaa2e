/* Test driver for kiosk-intake: makes kiosk keys, envelopes and heartbeats as a kiosk
 * would, runs the load-and-fault client, and verifies what the intake stored.
 *
 *   intake_tool signer DIR                       make DIR/signing.key; print its public key
 *   intake_tool envelope --receiver PUB --signer DIR --kiosk ID [--report-id ID] < report.json
 *   intake_tool heartbeat --signer DIR --kiosk ID --sent-ms MS [--interval S] [--depth N]
 *   intake_tool load --receiver PUB --signers DIR --kiosks N --reports M --url U [--url U2]
 *                    --acked FILE < report.json   (kiosk i signs with DIR/k<i>/signing.key)
 *   intake_tool verify --url U --token T --key RECEIVER.key --acked FILE
 *
 * Exit 0 on success; the load prints throughput and latency percentiles. */
#include "delivery/heartbeat.h"
#include "report/report_ids.h"
#include "report/report.h"
#include "report/report_json.h"
#include "report/report_keys.h"
#include "report/report_seal.h"

#include <arpa/inet.h>
#include <cjson/cJSON.h>
#include <curl/curl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define TOOL_URLS_MAX 2
#define TOOL_INPUT_MAX (REPORT_JSON_MAX * 2)
#define TOOL_KIOSKS_MAX 200
#define TOOL_ERR_MAX 512
#define TOOL_DEADLINE_MS 90000 /* a report not acknowledged by then fails the run */

typedef struct tool_args {
    const char *receiver, *signer, *signers, *kiosk, *report_id, *acked, *token, *key;
    const char *urls[TOOL_URLS_MAX];
    int url_count, kiosks, reports, interval, depth;
    long long sent_ms;
} tool_args_t;

static int64_t tool_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static bool tool_parse(int argc, char **argv, tool_args_t *a)
{
    memset(a, 0, sizeof *a);
    a->interval = 300;
    for (int i = 0; i < argc; i++) {
        if (i + 1 >= argc) {
            return false;
        }
        const char *k = argv[i], *v = argv[++i];
        if (strcmp(k, "--receiver") == 0)
            a->receiver = v;
        else if (strcmp(k, "--signer") == 0)
            a->signer = v;
        else if (strcmp(k, "--signers") == 0)
            a->signers = v;
        else if (strcmp(k, "--kiosk") == 0)
            a->kiosk = v;
        else if (strcmp(k, "--report-id") == 0)
            a->report_id = v;
        else if (strcmp(k, "--acked") == 0)
            a->acked = v;
        else if (strcmp(k, "--token") == 0)
            a->token = v;
        else if (strcmp(k, "--key") == 0)
            a->key = v;
        else if (strcmp(k, "--kiosks") == 0)
            a->kiosks = atoi(v);
        else if (strcmp(k, "--reports") == 0)
            a->reports = atoi(v);
        else if (strcmp(k, "--interval") == 0)
            a->interval = atoi(v);
        else if (strcmp(k, "--depth") == 0)
            a->depth = atoi(v);
        else if (strcmp(k, "--sent-ms") == 0)
            a->sent_ms = atoll(v);
        else if (strcmp(k, "--url") == 0 && a->url_count < TOOL_URLS_MAX)
            a->urls[a->url_count++] = v;
        else
            return false;
    }
    return true;
}

static bool tool_read_template(report_t *r)
{
    static char input[TOOL_INPUT_MAX];
    char err[REPORT_ERROR_MAX];
    size_t len = fread(input, 1, sizeof input - 1, stdin);
    input[len] = '\0';
    if (!report_json_read(input, len, r, err, sizeof err)) {
        fprintf(stderr, "intake_tool: report template: %s\n", err);
        return false;
    }
    return true;
}

/* A sealed, signed envelope of template r as kiosk_id would send it. */
static char *tool_envelope(const report_t *tmpl, const unsigned char *receiver_pk,
                           const report_signing_key_t *signer, const char *kiosk_id,
                           const char *report_id, int n)
{
    static char json[REPORT_JSON_MAX];
    char err[TOOL_ERR_MAX];
    report_t r = *tmpl;
    snprintf(r.id, sizeof r.id, "%s", report_id);
    snprintf(r.kiosk_id, sizeof r.kiosk_id, "%s", kiosk_id);
    snprintf(r.site_id, sizeof r.site_id, "test-site");
    snprintf(r.reference, sizeof r.reference, "T%07d", n);
    snprintf(r.created_at, sizeof r.created_at, "2026-01-02T03:04:05Z");
    size_t len = 0;
    char local[REPORT_JSON_MAX];
    if (!report_json_write(&r, local, sizeof local, &len, err, sizeof err)) {
        fprintf(stderr, "intake_tool: %s\n", err);
        return NULL;
    }
    (void)json;
    char *env = NULL;
    size_t env_len = 0;
    if (!report_envelope_seal(local, len, receiver_pk, signer, kiosk_id, report_id, &env, &env_len,
                              err, sizeof err)) {
        fprintf(stderr, "intake_tool: %s\n", err);
    }
    sodium_memzero(local, sizeof local);
    return env;
}

static int tool_signer(int argc, char **argv)
{
    report_signing_key_t k;
    char err[TOOL_ERR_MAX], b64[REPORT_KEY_BASE64_MAX];
    if (argc != 1 || !report_signing_key_load_or_create(argv[0], &k, err, sizeof err)) {
        fprintf(stderr, "intake_tool signer: %s\n", argc == 1 ? err : "needs DIR");
        return 1;
    }
    report_key_to_base64(k.pk, sizeof k.pk, b64, sizeof b64);
    printf("%s\n", b64);
    return 0;
}

static bool tool_load_keys(const tool_args_t *a, const char *signer_dir, unsigned char *rpk,
                           report_signing_key_t *k)
{
    char err[TOOL_ERR_MAX];
    if ((a->receiver &&
         !report_key_read_file(a->receiver, rpk, REPORT_RECEIVER_PK_BYTES, err, sizeof err)) ||
        !report_signing_key_load_or_create(signer_dir, k, err, sizeof err)) {
        fprintf(stderr, "intake_tool: %s\n", err);
        return false;
    }
    return true;
}

static int tool_one_envelope(const tool_args_t *a)
{
    unsigned char rpk[REPORT_RECEIVER_PK_BYTES];
    report_signing_key_t k;
    report_t tmpl;
    char id[REPORT_ID_MAX];
    if (!a->receiver || !a->signer || !a->kiosk || !tool_load_keys(a, a->signer, rpk, &k) ||
        !tool_read_template(&tmpl)) {
        return 1;
    }
    if (a->report_id) {
        snprintf(id, sizeof id, "%s", a->report_id);
    } else {
        report_make_uuid(id);
    }
    char *env = tool_envelope(&tmpl, rpk, &k, a->kiosk, id, 1);
    if (!env) {
        return 1;
    }
    printf("%s\n", env);
    free(env);
    return 0;
}

static int tool_heartbeat(const tool_args_t *a)
{
    report_signing_key_t k;
    char err[TOOL_ERR_MAX];
    if (!a->signer || !a->kiosk || !tool_load_keys(a, a->signer, NULL, &k)) {
        return 1;
    }
    heartbeat_status_t s = {.sent_ms = a->sent_ms,
                            .interval_s = a->interval,
                            .uptime_s = 3600,
                            .outbox_depth = a->depth,
                            .oldest_unsent_s = a->depth ? 4000 : -1,
                            .disk_free_mb = 20000};
    snprintf(s.version, sizeof s.version, "%s", KIOSK_VERSION);
    snprintf(s.last_delivery, sizeof s.last_delivery, "ok");
    snprintf(s.printer, sizeof s.printer, "ok");
    snprintf(s.content, sizeof s.content, "reviewed only");
    char *text = NULL;
    size_t len = 0;
    if (!heartbeat_encode(&s, a->kiosk, &k, &text, &len, err, sizeof err)) {
        fprintf(stderr, "intake_tool: %s\n", err);
        return 1;
    }
    printf("%s\n", text);
    free(text);
    return 0;
}

/* ---- load ---- */

typedef struct load_shared {
    const tool_args_t *a;
    report_t tmpl;
    unsigned char rpk[REPORT_RECEIVER_PK_BYTES];
    pthread_mutex_t lock;
    FILE *acked;
    int64_t *latencies; /* ms of each first acknowledgement */
    int latency_count;
    int created, same, retries, dropped, duplicates_sent, failures;
} load_shared_t;

typedef struct load_kiosk {
    load_shared_t *sh;
    int index;
    report_signing_key_t key;
    char kiosk_id[REPORT_KIOSK_ID_MAX];
} load_kiosk_t;

static size_t load_discard(char *p, size_t s, size_t n, void *u)
{
    return s * n;
}

/* POSTs env; returns the HTTP status, or 0 when the connection failed. */
static long load_post(CURL *c, const char *url, const char *id, const char *env)
{
    char idem[96];
    snprintf(idem, sizeof idem, "Idempotency-Key: %s", id);
    struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json");
    h = curl_slist_append(h, idem);
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, env);
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE, (long)strlen(env));
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, load_discard);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 10L);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 3L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    long status = 0;
    if (curl_easy_perform(c) == CURLE_OK) {
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    }
    curl_slist_free_all(h);
    return status;
}

/* Sends headers and half the body, then hangs up: the intake must store nothing. */
static void load_drop(const char *url, const char *id, const char *env)
{
    int port = 0;
    if (sscanf(url, "http://127.0.0.1:%d/", &port) != 1) {
        return;
    }
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in sa = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
    sa.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (fd >= 0 && connect(fd, (struct sockaddr *)&sa, sizeof sa) == 0) {
        char head[256];
        size_t len = strlen(env);
        int n = snprintf(head, sizeof head,
                         "POST /v1/reports HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: "
                         "application/json\r\nIdempotency-Key: %s\r\nContent-Length: %zu\r\n\r\n",
                         id, len);
        ssize_t w1 = write(fd, head, (size_t)n);
        ssize_t w2 = write(fd, env, len / 2);
        (void)w1;
        (void)w2;
    }
    if (fd >= 0) {
        close(fd);
    }
}

static void *load_kiosk_main(void *arg)
{
    load_kiosk_t *k = arg;
    load_shared_t *sh = k->sh;
    const tool_args_t *a = sh->a;
    CURL *c = curl_easy_init();
    for (int r = 0; r < a->reports && c; r++) {
        char id[REPORT_ID_MAX];
        report_make_uuid(id);
        char *env = tool_envelope(&sh->tmpl, sh->rpk, &k->key, k->kiosk_id, id, r);
        if (!env) {
            break;
        }
        int which = (k->index + r) % a->url_count;
        uint32_t dice = randombytes_uniform(100);
        int dropped = 0, retries = 0;
        if (dice < 10) {
            load_drop(a->urls[which], id, env);
            dropped = 1;
        }
        int64_t start = tool_now_ms(), sent_at = start;
        long status = 0;
        while (tool_now_ms() - start < TOOL_DEADLINE_MS) {
            sent_at = tool_now_ms();
            status = load_post(c, a->urls[which], id, env);
            if (status == 201 || status == 200) {
                break;
            }
            retries++;
            which = (which + 1) % a->url_count; /* as a load balancer would */
            usleep(20000 + randombytes_uniform(80000));
        }
        int64_t latency = tool_now_ms() - sent_at;
        bool acked = status == 201 || status == 200;
        long again = 0;
        if (acked && dice >= 90) { /* a kiosk that never saw the answer sends it again */
            int64_t dup_start = tool_now_ms();
            int target = (which + 1) % a->url_count;
            while (tool_now_ms() - dup_start < TOOL_DEADLINE_MS) {
                again = load_post(c, a->urls[target], id, env);
                if (again != 0 && again < 500) {
                    break; /* an answer; connection failures and 5xx are retried */
                }
                target = (target + 1) % a->url_count;
                usleep(20000 + randombytes_uniform(80000));
            }
        }
        pthread_mutex_lock(&sh->lock);
        if (acked) {
            fprintf(sh->acked, "%s %s\n", k->kiosk_id, id);
            fflush(sh->acked);
            sh->latencies[sh->latency_count++] = latency;
            sh->created += status == 201;
            sh->same += status == 200;
        } else {
            sh->failures++;
            fprintf(stderr, "intake_tool: %s report %s never acknowledged (last HTTP %ld)\n",
                    k->kiosk_id, id, status);
        }
        if (dice >= 90 && acked) {
            sh->duplicates_sent++;
            if (again != 200) {
                sh->failures++;
                fprintf(stderr, "intake_tool: duplicate send of %s answered %ld, not 200\n", id,
                        again);
            }
        }
        sh->retries += retries;
        sh->dropped += dropped;
        pthread_mutex_unlock(&sh->lock);
        free(env);
    }
    curl_easy_cleanup(c);
    return NULL;
}

static int load_cmp(const void *x, const void *y)
{
    int64_t a = *(const int64_t *)x, b = *(const int64_t *)y;
    return a < b ? -1 : a > b;
}

static int tool_load(const tool_args_t *a)
{
    static load_kiosk_t kiosks[TOOL_KIOSKS_MAX];
    static pthread_t threads[TOOL_KIOSKS_MAX];
    static load_shared_t sh;
    char dir[2048];
    if (!a->receiver || !a->signers || !a->acked || a->url_count == 0 || a->kiosks < 1 ||
        a->kiosks > TOOL_KIOSKS_MAX || a->reports < 1) {
        fprintf(stderr, "intake_tool load: missing or bad arguments\n");
        return 1;
    }
    sh.a = a;
    if (!tool_read_template(&sh.tmpl) || !tool_load_keys(a, a->signers, sh.rpk, &kiosks[0].key)) {
        return 1;
    }
    sh.acked = fopen(a->acked, "w");
    sh.latencies = calloc((size_t)a->kiosks * (size_t)a->reports, sizeof *sh.latencies);
    if (!sh.acked || !sh.latencies) {
        fprintf(stderr, "intake_tool: cannot write %s\n", a->acked);
        return 1;
    }
    pthread_mutex_init(&sh.lock, NULL);
    for (int i = 0; i < a->kiosks; i++) {
        kiosks[i].sh = &sh;
        kiosks[i].index = i;
        snprintf(kiosks[i].kiosk_id, sizeof kiosks[i].kiosk_id, "load-%02d", i);
        snprintf(dir, sizeof dir, "%s/k%d", a->signers, i);
        if (!tool_load_keys(a, dir, sh.rpk, &kiosks[i].key)) {
            return 1;
        }
    }
    int64_t start = tool_now_ms();
    for (int i = 0; i < a->kiosks; i++) {
        pthread_create(&threads[i], NULL, load_kiosk_main, &kiosks[i]);
    }
    for (int i = 0; i < a->kiosks; i++) {
        pthread_join(threads[i], NULL);
    }
    double seconds = (double)(tool_now_ms() - start) / 1000.0;
    fclose(sh.acked);
    qsort(sh.latencies, (size_t)sh.latency_count, sizeof *sh.latencies, load_cmp);
    int64_t p50 = sh.latency_count ? sh.latencies[sh.latency_count / 2] : -1;
    int64_t p99 = sh.latency_count ? sh.latencies[(sh.latency_count * 99) / 100 >= sh.latency_count
                                                      ? sh.latency_count - 1
                                                      : (sh.latency_count * 99) / 100]
                                   : -1;
    printf("load: %d kiosks x %d reports to %d instance(s): %d acknowledged (%d created, %d "
           "already stored) in %.2f s = %.1f reports/s; latency p50 %lld ms, p99 %lld ms; "
           "%d retries, %d dropped connections, %d duplicate sends, %d failures\n",
           a->kiosks, a->reports, a->url_count, sh.latency_count, sh.created, sh.same, seconds,
           sh.latency_count / seconds, (long long)p50, (long long)p99, sh.retries, sh.dropped,
           sh.duplicates_sent, sh.failures);
    free(sh.latencies);
    return sh.failures == 0 && sh.latency_count == a->kiosks * a->reports ? 0 : 1;
}

/* ---- verify ---- */

typedef struct verify_buf {
    char *data;
    size_t len;
} verify_buf_t;

static size_t verify_collect(char *p, size_t s, size_t n, void *u)
{
    verify_buf_t *b = u;
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

typedef struct verify_seen {
    char kiosk[REPORT_KIOSK_ID_MAX];
    char id[REPORT_ID_MAX];
    int stored;
} verify_seen_t;

static int tool_verify(const tool_args_t *a)
{
    unsigned char pk[REPORT_RECEIVER_PK_BYTES], sk[REPORT_RECEIVER_SK_BYTES];
    char err[TOOL_ERR_MAX], auth[256], url[2048], next[32] = "0";
    if (!a->key || !a->token || !a->acked || a->url_count != 1 ||
        !report_receiver_load_secret(a->key, pk, sk, err, sizeof err)) {
        fprintf(stderr, "intake_tool verify: %s\n", a->key ? err : "missing arguments");
        return 1;
    }
    FILE *f = fopen(a->acked, "r");
    verify_seen_t *seen = calloc(TOOL_KIOSKS_MAX * 1000, sizeof *seen);
    int count = 0, stored_total = 0, problems = 0;
    while (f && seen && count < TOOL_KIOSKS_MAX * 1000 &&
           fscanf(f, "%63s %36s", seen[count].kiosk, seen[count].id) == 2) {
        count++;
    }
    if (f) {
        fclose(f);
    }
    snprintf(auth, sizeof auth, "Authorization: Bearer %s", a->token);
    CURL *c = curl_easy_init();
    bool more = true;
    while (more && c) {
        verify_buf_t b = {0};
        struct curl_slist *h = curl_slist_append(NULL, auth);
        snprintf(url, sizeof url, "%s/v1/envelopes?after=%s&limit=500", a->urls[0], next);
        curl_easy_setopt(c, CURLOPT_URL, url);
        curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
        curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, verify_collect);
        curl_easy_setopt(c, CURLOPT_WRITEDATA, &b);
        long status = 0;
        CURLcode rc = curl_easy_perform(c);
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
        curl_slist_free_all(h);
        cJSON *page = rc == CURLE_OK && status == 200 ? cJSON_Parse(b.data) : NULL;
        free(b.data);
        const cJSON *list = cJSON_GetObjectItemCaseSensitive(page, "envelopes"), *item;
        if (!cJSON_IsArray(list)) {
            fprintf(stderr, "intake_tool verify: GET %s failed (HTTP %ld)\n", url, status);
            cJSON_Delete(page);
            problems++;
            break;
        }
        cJSON_ArrayForEach(item, list)
        {
            const cJSON *env = cJSON_GetObjectItemCaseSensitive(item, "envelope");
            report_opened_t o;
            if (!cJSON_IsString(env) ||
                report_envelope_open(env->valuestring, strlen(env->valuestring), pk, sk, &o, err,
                                     sizeof err) != REPORT_OPEN_OK) {
                fprintf(stderr, "intake_tool verify: stored envelope does not open: %s\n", err);
                problems++;
                continue;
            }
            stored_total++;
            int match = -1;
            for (int i = 0; i < count && match < 0; i++) {
                if (strcmp(seen[i].id, o.report_id) == 0 &&
                    strcmp(seen[i].kiosk, o.kiosk_id) == 0) {
                    match = i;
                }
            }
            if (match < 0) {
                fprintf(stderr, "intake_tool verify: stored %s was never acknowledged\n",
                        o.report_id);
                problems++;
            } else {
                seen[match].stored++;
            }
            report_opened_clear(&o);
        }
        const cJSON *nx = cJSON_GetObjectItemCaseSensitive(page, "next");
        more = cJSON_IsTrue(cJSON_GetObjectItemCaseSensitive(page, "more"));
        if (cJSON_IsString(nx)) {
            snprintf(next, sizeof next, "%s", nx->valuestring);
        }
        cJSON_Delete(page);
    }
    int missing = 0, doubled = 0;
    for (int i = 0; i < count; i++) {
        /* an id may be listed twice in acked only if acknowledged twice: never here */
        missing += seen[i].stored == 0;
        doubled += seen[i].stored > 1;
    }
    sodium_memzero(sk, sizeof sk);
    curl_easy_cleanup(c);
    free(seen);
    printf("verify: %d acknowledged, %d stored and opened, %d missing, %d stored twice, %d "
           "other problems\n",
           count, stored_total, missing, doubled, problems);
    return count > 0 && missing == 0 && doubled == 0 && problems == 0 && stored_total == count ? 0
                                                                                               : 1;
}

int main(int argc, char **argv)
{
    tool_args_t a;
    if (argc < 2 || sodium_init() < 0 || curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) {
        fprintf(stderr, "usage: see the top of tests/intake/intake_tool.c\n");
        return 1;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "signer") == 0) {
        return tool_signer(argc - 2, argv + 2);
    }
    if (!tool_parse(argc - 2, argv + 2, &a)) {
        fprintf(stderr, "intake_tool: bad arguments\n");
        return 1;
    }
    int rc = strcmp(cmd, "envelope") == 0    ? tool_one_envelope(&a)
             : strcmp(cmd, "heartbeat") == 0 ? tool_heartbeat(&a)
             : strcmp(cmd, "load") == 0      ? tool_load(&a)
             : strcmp(cmd, "verify") == 0    ? tool_verify(&a)
                                             : 1;
    curl_global_cleanup();
    return rc;
}
