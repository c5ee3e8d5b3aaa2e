/* Durability under SIGKILL (issue 4): a child submits reports in a loop and writes each
 * reference to a pipe only after report_service_submit() returned (= "saved" shown to the
 * person). The parent kills it with SIGKILL at random moments, ROUNDS times. Afterwards
 * every reference the child announced must be in the outbox and open with the receiver
 * key, references must be unique, and PRAGMA integrity_check must say ok.
 *
 *   report_kill_test WORKDIR [ROUNDS]      exit 0 = every check passed */
#include "platform/config.h"
#include "platform/log.h"
#include "report/report.h"
#include "report/report_json.h"
#include "report/report_keys.h"
#include "report/report_outbox.h"
#include "report/report_seal.h"
#include "report/report_service.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define KILL_ROUNDS_DEFAULT 200
#define KILL_MAX_DELAY_US 15000 /* after start-up: a few commits (more under ASan) */
#define KILL_STARTUP_EVERY 4    /* every 4th round kills during start-up instead */
#define KILL_READY "READY\n"
#define KILL_REFS_MAX 100000
#define KILL_LINE_MAX 64

typedef struct kill_refs {
    char (*items)[REPORT_REFERENCE_MAX];
    size_t count;
} kill_refs_t;

static void kill_fill_report(report_t *r)
{
    report_wipe(r);
    snprintf(r->locale, sizeof r->locale, "gu");
    r->safety = REPORT_NO;
    snprintf(r->reporter_role, sizeof r->reporter_role, "witness");
    r->motivations[1] = true;
    r->incident_types[0] = true;
    snprintf(r->details, sizeof r->details, "ટેસ્ટ — kill test");
    r->contact_choice = REPORT_CONTACT_ANONYMOUS;
    r->consent_statistics = true;
}

/* The child: submit forever; announce each reference only after the commit returned. */
static void kill_child(const kiosk_config_t *cfg, int fd)
{
    char err[REPORT_SERVICE_ERROR_MAX], ref[REPORT_REFERENCE_MAX], line[KILL_LINE_MAX];
    report_service_options_t opts = {.no_delivery = true};
    report_service_t *svc = report_service_create_with(cfg, &opts, err, sizeof err);
    if (!svc) {
        dprintf(fd, "ERROR %s\n", err);
        _exit(1);
    }
    if (write(fd, KILL_READY, strlen(KILL_READY)) != (ssize_t)strlen(KILL_READY)) {
        _exit(1);
    }
    report_t r;
    for (;;) {
        kill_fill_report(&r);
        if (!report_service_submit(svc, &r, ref, sizeof ref, err, sizeof err)) {
            dprintf(fd, "ERROR %s\n", err);
            _exit(1);
        }
        int n = snprintf(line, sizeof line, "%s\n", ref);
        if (write(fd, line, (size_t)n) != n) {
            _exit(1);
        }
    }
}

/* Reads whatever the dead child wrote; keeps complete lines only. */
static bool kill_collect(int fd, kill_refs_t *refs)
{
    char buf[65536];
    size_t used = 0;
    ssize_t n;
    while ((n = read(fd, buf + used, sizeof buf - 1 - used)) > 0 || (n < 0 && errno == EINTR)) {
        used += n > 0 ? (size_t)n : 0;
        if (used == sizeof buf - 1) {
            break;
        }
    }
    buf[used] = '\0';
    char *save = NULL;
    for (char *line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
        if (line + strlen(line) == buf + used) {
            break; /* last line without newline: cut by the kill, never announced */
        }
        if (strcmp(line, "READY") == 0) {
            continue;
        }
        if (strncmp(line, "ERROR", 5) == 0) {
            fprintf(stderr, "child failed: %s\n", line);
            return false;
        }
        if (refs->count < KILL_REFS_MAX) {
            snprintf(refs->items[refs->count++], REPORT_REFERENCE_MAX, "%s", line);
        }
    }
    return true;
}

static bool kill_one_round(const kiosk_config_t *cfg, int round, kill_refs_t *refs)
{
    int p[2];
    if (pipe(p) != 0) {
        return false;
    }
    pid_t pid = fork();
    if (pid == 0) {
        close(p[0]);
        kill_child(cfg, p[1]);
    }
    close(p[1]);
    if (pid < 0) {
        close(p[0]);
        return false;
    }
    /* Some rounds kill during start-up (key creation, migration) at a random moment; the
     * others wait for the child to be ready (start-up is slow under sanitizers), then kill
     * at a random moment among its commits. */
    if (round % KILL_STARTUP_EVERY == 0) {
        usleep((useconds_t)(rand() % KILL_MAX_DELAY_US));
    } else {
        char ready[sizeof KILL_READY];
        ssize_t got = read(p[0], ready, strlen(KILL_READY));
        if (got != (ssize_t)strlen(KILL_READY) || memcmp(ready, KILL_READY, (size_t)got) != 0) {
            fprintf(stderr, "child did not start\n");
        }
        usleep((useconds_t)(rand() % KILL_MAX_DELAY_US));
    }
    kill(pid, SIGKILL);
    int status = 0;
    waitpid(pid, &status, 0);
    bool ok = kill_collect(p[0], refs);
    close(p[0]);
    return ok && WIFSIGNALED(status);
}

typedef struct kill_verify {
    unsigned char pk[REPORT_RECEIVER_PK_BYTES], sk[REPORT_RECEIVER_SK_BYTES];
    kill_refs_t found;
    int bad;
} kill_verify_t;

static bool kill_verify_visit(void *user, const report_outbox_item_t *item)
{
    kill_verify_t *v = user;
    report_opened_t o;
    static report_t r;
    char err[256];
    if (report_envelope_open((const char *)item->envelope, item->envelope_len, v->pk, v->sk, &o,
                             err, sizeof err) != REPORT_OPEN_OK ||
        !report_json_read(o.json, o.json_len, &r, err, sizeof err)) {
        fprintf(stderr, "envelope %s does not open: %s\n", item->report_id, err);
        v->bad++;
    } else if (v->found.count < KILL_REFS_MAX) {
        snprintf(v->found.items[v->found.count++], REPORT_REFERENCE_MAX, "%s", r.reference);
    }
    report_opened_clear(&o);
    return true;
}

static int kill_compare(const void *a, const void *b)
{
    return strcmp(a, b);
}

static bool kill_contains(const kill_refs_t *sorted, const char *ref)
{
    return bsearch(ref, sorted->items, sorted->count, sizeof *sorted->items, kill_compare) != NULL;
}

static int kill_verify(const kiosk_config_t *cfg, const char *key_path, const kill_refs_t *saved)
{
    char err[512], path[CONFIG_PATH_MAX + 32];
    kill_verify_t v = {.found.items = calloc(KILL_REFS_MAX, REPORT_REFERENCE_MAX)};
    report_service_outbox_path(cfg, path, sizeof path);
    report_outbox_t *o = report_outbox_open(path, err, sizeof err);
    if (!v.found.items || !o ||
        !report_receiver_load_secret(key_path, v.pk, v.sk, err, sizeof err) ||
        !report_outbox_check(o, err, sizeof err) ||
        !report_outbox_each(o, kill_verify_visit, &v, err, sizeof err)) {
        fprintf(stderr, "FAIL: %s\n", err);
        return 1;
    }
    report_outbox_close(o);
    qsort(v.found.items, v.found.count, sizeof *v.found.items, kill_compare);
    int missing = 0, duplicates = 0;
    for (size_t i = 1; i < v.found.count; i++) {
        duplicates += strcmp(v.found.items[i - 1], v.found.items[i]) == 0;
    }
    for (size_t i = 0; i < saved->count; i++) {
        if (!kill_contains(&v.found, saved->items[i])) {
            fprintf(stderr, "FAIL: reference %s was announced as saved but is not in the outbox\n",
                    saved->items[i]);
            missing++;
        }
    }
    printf("kill test: %zu announced, %zu in outbox, %d missing, %d unreadable, "
           "%d duplicate references, integrity ok\n",
           saved->count, v.found.count, missing, v.bad, duplicates);
    free(v.found.items);
    return (missing || v.bad || duplicates || saved->count == 0) ? 1 : 0;
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: report_kill_test WORKDIR [ROUNDS]\n");
        return 2;
    }
    int rounds = argc > 2 ? atoi(argv[2]) : KILL_ROUNDS_DEFAULT;
    char err[512], key_dir[CONFIG_PATH_MAX - 64], key_path[CONFIG_PATH_MAX + 32];
    log_init("report_kill_test", true, LOG_LEVEL_ERROR);
    snprintf(key_dir, sizeof key_dir, "%s/receiver", argv[1]);
    snprintf(key_path, sizeof key_path, "%s/receiver.key", key_dir);
    if (sodium_init() < 0 || !report_receiver_keygen(key_dir, err, sizeof err)) {
        fprintf(stderr, "keygen: %s\n", err);
        return 2;
    }
    kiosk_config_t cfg;
    config_defaults(&cfg);
    snprintf(cfg.state_dir, sizeof cfg.state_dir, "%s/state", argv[1]);
    snprintf(cfg.receiver_public_key, sizeof cfg.receiver_public_key, "%s/receiver.pub", key_dir);
    kill_refs_t saved = {.items = calloc(KILL_REFS_MAX, REPORT_REFERENCE_MAX)};
    srand((unsigned)time(NULL) ^ (unsigned)getpid());
    for (int i = 0; i < rounds; i++) {
        if (!kill_one_round(&cfg, i, &saved)) {
            fprintf(stderr, "FAIL: round %d\n", i);
            return 1;
        }
    }
    int rc = kill_verify(&cfg, key_path, &saved);
    free(saved.items);
    return rc;
}
