/* Durability under power loss (issue 17). The outbox runs through a VFS that simulates
 * a power cut at a random write or sync (tests/tools/powercut_vfs.c): writes not yet
 * synced are thrown away (or, every other cut, a random subset of them survives), then
 * the outbox is reopened. Meanwhile reports are submitted through report_service_submit()
 * (an acknowledgement = it returned true, the moment the kiosk shows "saved") and
 * delivered the way the worker does (next due, transport confirms, mark delivered).
 *
 * After every cut: integrity_check ok, and every acknowledged report whose delivery was
 * not confirmed is still queued. At the end every queued envelope opens with the receiver
 * key and no reference was given out twice.
 *
 *   outbox_power_loss WORKDIR CUTS [SEED]     exit 0 = no acknowledged report lost
 *
 * Built twice: as is, and with the outbox compiled with PRAGMA synchronous=OFF
 * (outbox_power_loss_sync_off), which must lose reports — the proof the test can fail. */
#include "powercut_vfs.h"

#include "platform/config.h"
#include "platform/log.h"
#include "report/report.h"
#include "report/report_json.h"
#include "report/report_keys.h"
#include "report/report_outbox.h"
#include "report/report_seal.h"
#include "report/report_service.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define PL_ARM_MAX 400  /* a cut within this many writes/syncs of the power coming on */
#define PL_OPS_MAX 40   /* submits and deliveries per power-on, at most */
#define PL_LEDGER_MAX 200000

typedef struct pl_entry {
    char id[REPORT_ID_MAX];
    char reference[REPORT_REFERENCE_MAX];
    bool confirmed; /* the transport confirmed it: it may leave the outbox */
} pl_entry_t;

typedef struct pl_run {
    kiosk_config_t cfg;
    char outbox_path[CONFIG_PATH_MAX + 32];
    pl_entry_t *ledger;
    size_t acked;
    size_t low; /* entries before this are all confirmed */
    long confirmed, lost, damaged, cuts_in_open, cuts_in_submit, cuts_in_delivery;
    unsigned seed;
} pl_run_t;

static void pl_fill_report(report_t *r, unsigned n)
{
    report_wipe(r);
    snprintf(r->locale, sizeof r->locale, "en");
    r->safety = REPORT_NO;
    snprintf(r->reporter_role, sizeof r->reporter_role, "victim");
    r->motivations[n % REPORT_MOTIVATION_COUNT] = true;
    r->incident_types[n % REPORT_INCIDENT_COUNT] = true;
    /* envelopes of different sizes, some over a page */
    size_t len = 50 + (n * 997u) % 3000u;
    for (size_t i = 0; i < len && i + 1 < sizeof r->details; i++) {
        r->details[i] = (char)('a' + (n + i) % 26);
    }
    r->contact_choice = REPORT_CONTACT_ANONYMOUS;
    r->consent_statistics = true;
}

static pl_entry_t *pl_find(pl_run_t *run, const char *id)
{
    while (run->low < run->acked && run->ledger[run->low].confirmed) {
        run->low++;
    }
    for (size_t i = run->low; i < run->acked; i++) { /* deliveries take the oldest first */
        if (strcmp(run->ledger[i].id, id) == 0) {
            return &run->ledger[i];
        }
    }
    return NULL;
}

/* One power-on: open, then submit and deliver at random until the power goes. */
static void pl_power_on(pl_run_t *run, report_t *r)
{
    char err[512], ref[REPORT_REFERENCE_MAX];
    report_service_options_t opts = {.no_delivery = true};
    report_service_t *svc = report_service_create_with(&run->cfg, &opts, err, sizeof err);
    report_outbox_t *out = svc ? report_outbox_open(run->outbox_path, err, sizeof err) : NULL;
    if (!out) {
        run->cuts_in_open += powercut_vfs_dead();
        if (!powercut_vfs_dead()) {
            fprintf(stderr, "open failed with the power on: %s\n", err);
            run->damaged++;
        }
        report_service_destroy(svc);
        return;
    }
    for (int op = 0; op < PL_OPS_MAX && !powercut_vfs_dead(); op++) {
        if (rand_r(&run->seed) % 2 && run->acked < PL_LEDGER_MAX) {
            pl_fill_report(r, (unsigned)run->acked);
            if (report_service_submit(svc, r, ref, sizeof ref, err, sizeof err)) {
                pl_entry_t *e = &run->ledger[run->acked++];
                snprintf(e->id, sizeof e->id, "%s", r->id);
                snprintf(e->reference, sizeof e->reference, "%s", ref);
            } else {
                run->cuts_in_submit += powercut_vfs_dead();
            }
            continue;
        }
        report_outbox_item_t item;
        bool found = false;
        int64_t next = 0;
        if (!report_outbox_next_due(out, INT64_MAX, &item, &found, &next, err, sizeof err) ||
            !found) {
            continue;
        }
        pl_entry_t *e = pl_find(run, item.report_id);
        if (e && !e->confirmed) {
            e->confirmed = true; /* the receiver has it from here on */
            run->confirmed++;
        }
        if (!report_outbox_mark_delivered(out, item.report_id, err, sizeof err)) {
            run->cuts_in_delivery += powercut_vfs_dead();
        }
        report_outbox_item_clear(&item);
    }
    powercut_vfs_arm(0); /* if still on, the power goes at the next write (close) */
    report_outbox_close(out);
    report_service_destroy(svc);
}

typedef struct pl_ids {
    char (*ids)[REPORT_ID_MAX];
    size_t count, cap;
} pl_ids_t;

static bool pl_collect(void *user, const report_outbox_item_t *item)
{
    pl_ids_t *v = user;
    if (v->count == v->cap) {
        size_t cap = v->cap ? v->cap * 2 : 256;
        char(*ids)[REPORT_ID_MAX] = realloc(v->ids, cap * REPORT_ID_MAX);
        if (!ids) {
            return false;
        }
        v->ids = ids;
        v->cap = cap;
    }
    snprintf(v->ids[v->count++], REPORT_ID_MAX, "%s", item->report_id);
    return true;
}

static int pl_compare(const void *a, const void *b)
{
    return strcmp(a, b);
}

/* After a cut: the outbox opens, is intact, and holds every acknowledged report whose
 * delivery was not confirmed. */
static void pl_verify(pl_run_t *run, int cut)
{
    char err[512];
    pl_ids_t v = {0};
    report_outbox_t *o = report_outbox_open(run->outbox_path, err, sizeof err);
    if (!o || !report_outbox_check(o, err, sizeof err) ||
        !report_outbox_each(o, pl_collect, &v, err, sizeof err)) {
        fprintf(stderr, "cut %d: outbox damaged: %s\n", cut, err);
        run->damaged++;
    }
    report_outbox_close(o);
    if (v.count) {
        qsort(v.ids, v.count, sizeof *v.ids, pl_compare);
    }
    for (size_t i = 0; i < run->acked; i++) {
        pl_entry_t *e = &run->ledger[i];
        bool queued = v.count && bsearch(e->id, v.ids, v.count, sizeof *v.ids, pl_compare);
        if (!e->confirmed && !queued) {
            if (run->lost < 5) {
                fprintf(stderr, "cut %d: acknowledged report %s (reference %s) is gone\n", cut,
                        e->id, e->reference);
            }
            e->confirmed = true; /* counted once */
            run->lost++;
        }
    }
    free(v.ids);
}

typedef struct pl_open {
    unsigned char pk[REPORT_RECEIVER_PK_BYTES], sk[REPORT_RECEIVER_SK_BYTES];
    long opened, bad;
} pl_open_t;

static bool pl_open_visit(void *user, const report_outbox_item_t *item)
{
    pl_open_t *p = user;
    report_opened_t o;
    char err[256];
    if (report_envelope_open((const char *)item->envelope, item->envelope_len, p->pk, p->sk, &o,
                             err, sizeof err) == REPORT_OPEN_OK) {
        p->opened++;
    } else {
        fprintf(stderr, "envelope %s does not open: %s\n", item->report_id, err);
        p->bad++;
    }
    report_opened_clear(&o);
    return true;
}

static long pl_duplicate_references(pl_run_t *run)
{
    char (*refs)[REPORT_REFERENCE_MAX] = calloc(run->acked + 1, REPORT_REFERENCE_MAX);
    long dup = 0;
    for (size_t i = 0; refs && i < run->acked; i++) {
        snprintf(refs[i], REPORT_REFERENCE_MAX, "%s", run->ledger[i].reference);
    }
    qsort(refs, run->acked, REPORT_REFERENCE_MAX, pl_compare);
    for (size_t i = 1; refs && i < run->acked; i++) {
        dup += strcmp(refs[i - 1], refs[i]) == 0;
    }
    free(refs);
    return dup;
}

int main(int argc, char **argv)
{
    if (argc < 3) {
        fprintf(stderr, "usage: outbox_power_loss WORKDIR CUTS [SEED]\n");
        return 2;
    }
    static pl_run_t run;
    int cuts = atoi(argv[2]);
    run.seed = argc > 3 ? (unsigned)strtoul(argv[3], NULL, 10) : (unsigned)time(NULL);
    char err[512], key_dir[CONFIG_PATH_MAX - 64], key_path[CONFIG_PATH_MAX + 32];
    log_init("outbox_power_loss", true, (log_level_t)(LOG_LEVEL_ERROR + 1)); /* cuts fail commits: expected */
    snprintf(key_dir, sizeof key_dir, "%s/receiver", argv[1]);
    snprintf(key_path, sizeof key_path, "%s/receiver.key", key_dir);
    if (sodium_init() < 0 || !report_receiver_keygen(key_dir, err, sizeof err)) {
        fprintf(stderr, "keygen: %s\n", err);
        return 2;
    }
    config_defaults(&run.cfg);
    snprintf(run.cfg.state_dir, sizeof run.cfg.state_dir, "%s/state", argv[1]);
    snprintf(run.cfg.receiver_public_key, sizeof run.cfg.receiver_public_key, "%s/receiver.pub",
             key_dir);
    report_service_outbox_path(&run.cfg, run.outbox_path, sizeof run.outbox_path);
    run.ledger = calloc(PL_LEDGER_MAX, sizeof *run.ledger);
    if (!run.ledger || !powercut_vfs_install(run.seed)) {
        fprintf(stderr, "set-up failed\n");
        return 2;
    }
    printf("power loss: seed %u, %d cuts\n", run.seed, cuts);
    static report_t r;
    for (int cut = 0; cut < cuts; cut++) {
        powercut_vfs_arm(1 + (long)(rand_r(&run.seed) % PL_ARM_MAX));
        pl_power_on(&run, &r);
        if (!powercut_vfs_restore(cut % 2 == 1)) {
            fprintf(stderr, "cut %d: could not put the files back\n", cut);
            return 2;
        }
        pl_verify(&run, cut);
        powercut_vfs_restore(false); /* what the check wrote was synced; start clean */
    }
    pl_open_t op = {0};
    report_outbox_t *o = report_outbox_open(run.outbox_path, err, sizeof err);
    if (!o || !report_receiver_load_secret(key_path, op.pk, op.sk, err, sizeof err) ||
        !report_outbox_each(o, pl_open_visit, &op, err, sizeof err)) {
        fprintf(stderr, "final check: %s\n", err);
        op.bad++;
    }
    report_outbox_close(o);
    long dup = pl_duplicate_references(&run);
    printf("power loss: %d cuts (%ld while opening, %ld in a submit, %ld in a delivery), "
           "%ld writes/syncs; %zu reports acknowledged, %ld deliveries confirmed, %ld still "
           "queued (opened: %ld, unreadable: %ld); lost: %ld, damaged outbox: %ld, duplicate "
           "references: %ld\n",
           cuts, run.cuts_in_open, run.cuts_in_submit, run.cuts_in_delivery,
           powercut_vfs_mutations(), run.acked, run.confirmed, op.opened + op.bad, op.opened,
           op.bad, run.lost, run.damaged, dup);
    free(run.ledger);
    return run.lost || run.damaged || op.bad || dup || run.acked == 0 ? 1 : 0;
}
