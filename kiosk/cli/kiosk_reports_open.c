/* kiosk-reports open / export: verify, pin, decrypt, de-duplicate, print. One bad file
 * never stops the rest; each problem is one line on stderr naming the file. */
#include "cli/kiosk_reports.h"

#include "report/report_files.h"
#include "report/report_json.h"
#include "report/report_outbox.h"
#include "report/report_seal.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define KR_ENVELOPE_FILE_MAX (REPORT_ENVELOPE_MAX * 2)
#define KR_SEEN_INITIAL 256

typedef struct kr_seen {
    char (*ids)[REPORT_ID_MAX]; /* open-addressing hash set; "" = empty slot */
    size_t count, capacity;
} kr_seen_t;

typedef struct kr_opener {
    unsigned char pk[REPORT_RECEIVER_PK_BYTES];
    unsigned char sk[REPORT_RECEIVER_SK_BYTES];
    kr_known_t known;
    kr_seen_t seen;
    kr_output_t output;
    FILE *out, *errout;
    int opened, duplicates, rejected;
} kr_opener_t;

/* ---- de-duplication by report id ---- */

static size_t kr_hash(const char *s)
{
    size_t h = 1469598103934665603ull;
    for (; *s; s++) {
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    }
    return h;
}

static bool kr_seen_grow(kr_seen_t *seen)
{
    size_t cap = seen->capacity ? seen->capacity * 2 : KR_SEEN_INITIAL;
    char(*ids)[REPORT_ID_MAX] = calloc(cap, sizeof *ids);
    if (!ids) {
        return false;
    }
    for (size_t i = 0; i < seen->capacity; i++) {
        if (seen->ids[i][0]) {
            size_t j = kr_hash(seen->ids[i]) % cap;
            while (ids[j][0]) {
                j = (j + 1) % cap;
            }
            memcpy(ids[j], seen->ids[i], REPORT_ID_MAX);
        }
    }
    free(seen->ids);
    seen->ids = ids;
    seen->capacity = cap;
    return true;
}

/* True when id was new (and is now recorded). */
static bool kr_seen_add(kr_seen_t *seen, const char *id)
{
    if ((seen->count + 1) * 2 > seen->capacity && !kr_seen_grow(seen)) {
        return true; /* out of memory: print rather than lose a report */
    }
    size_t j = kr_hash(id) % seen->capacity;
    while (seen->ids[j][0]) {
        if (strcmp(seen->ids[j], id) == 0) {
            return false;
        }
        j = (j + 1) % seen->capacity;
    }
    snprintf(seen->ids[j], REPORT_ID_MAX, "%s", id);
    seen->count++;
    return true;
}

/* ---- CSV ---- */

static const char *const KR_CSV_HEADER =
    "id,reference,created_at,site_id,kiosk_id,locale,safety,reporter_role,motivations,"
    "incident_types,when_period,where_area,where_place,details,health_impacts,"
    "health_wants_support,contact,name,phone,email,safe_times,leave_message,interpreter,"
    "access_needs,consent_police,consent_support,consent_statistics";

/* Quoted, with a leading ' before = + - @ so a spreadsheet never runs typed text as a
 * formula. */
static void kr_csv_field(FILE *out, const char *text, bool last)
{
    fputc('"', out);
    if (strchr("=+-@\t\r", text[0]) && text[0]) {
        fputc('\'', out);
    }
    for (const char *p = text; *p; p++) {
        if (*p == '"') {
            fputc('"', out);
        }
        fputc(*p, out);
    }
    fputs(last ? "\"\n" : "\",", out);
}

static void kr_csv_flags(FILE *out, const bool *flags, const char *const *codes, int count)
{
    char buf[512] = "";
    for (int i = 0; i < count; i++) {
        if (flags[i]) {
            if (buf[0]) {
                strcat(buf, ";");
            }
            strcat(buf, codes[i]);
        }
    }
    kr_csv_field(out, buf, false);
}

static const char *kr_answer(report_answer_t a)
{
    return a == REPORT_YES ? "true" : a == REPORT_NO ? "false" : "";
}

static void kr_csv_row(FILE *out, const report_t *r)
{
    const report_contact_t *c = &r->contact;
    bool named = r->contact_choice == REPORT_CONTACT_NAMED;
    const char *head[] = {r->id,
                          r->reference,
                          r->created_at,
                          r->site_id,
                          r->kiosk_id,
                          r->locale,
                          r->safety == REPORT_YES ? "yes" : "no",
                          r->reporter_role};
    for (size_t i = 0; i < sizeof head / sizeof head[0]; i++) {
        kr_csv_field(out, head[i], false);
    }
    kr_csv_flags(out, r->motivations, REPORT_MOTIVATION_CODES, REPORT_MOTIVATION_COUNT);
    kr_csv_flags(out, r->incident_types, REPORT_INCIDENT_CODES, REPORT_INCIDENT_COUNT);
    const char *mid[] = {r->when_period, r->where_area, r->where_place, r->details};
    for (size_t i = 0; i < sizeof mid / sizeof mid[0]; i++) {
        kr_csv_field(out, mid[i], false);
    }
    kr_csv_flags(out, r->health_impacts, REPORT_HEALTH_CODES, REPORT_HEALTH_COUNT);
    const char *tail[] = {kr_answer(r->health_wants_support),
                          named ? "named" : "anonymous",
                          named ? c->name : "",
                          named ? c->phone : "",
                          named ? c->email : "",
                          named ? c->safe_times : "",
                          named ? kr_answer(c->leave_message) : "",
                          named ? c->interpreter : "",
                          named ? c->access_needs : "",
                          r->consent_police ? "true" : "false",
                          r->consent_support ? "true" : "false"};
    for (size_t i = 0; i < sizeof tail / sizeof tail[0]; i++) {
        kr_csv_field(out, tail[i], false);
    }
    kr_csv_field(out, r->consent_statistics ? "true" : "false", true);
}

/* ---- one envelope ---- */

static void kr_reject(kr_opener_t *op, const char *where, const char *why)
{
    fprintf(op->errout, "kiosk-reports: %s: rejected: %s\n", where, why);
    op->rejected++;
}

static bool kr_check_pin(kr_opener_t *op, const char *where, const report_opened_t *o)
{
    char err[KR_ERROR_MAX] = "", b64[REPORT_KEY_BASE64_MAX];
    if (!kr_kiosk_id_valid(o->kiosk_id)) {
        kr_reject(op, where, "kiosk id has spaces or control characters");
        return false;
    }
    report_key_to_base64(o->signing_pk, sizeof o->signing_pk, b64, sizeof b64);
    switch (kr_known_check(&op->known, o->kiosk_id, o->signing_pk, err, sizeof err)) {
    case KR_PIN_MATCH:
        return true;
    case KR_PIN_NEW:
        fprintf(op->errout, "kiosk-reports: pinned kiosk %s to key %s (first sight) in %s\n",
                o->kiosk_id, b64, op->known.path);
        return true;
    case KR_PIN_ERROR:
        kr_reject(op, where, err);
        return false;
    case KR_PIN_CHANGED:
        break;
    }
    fprintf(op->errout,
            "kiosk-reports: %s: REJECTED: *** SIGNING KEY CHANGED for kiosk %s ***\n"
            "kiosk-reports:   pinned in %s; this envelope was signed by %s.\n"
            "kiosk-reports:   Someone may be impersonating the kiosk. If the unit was really\n"
            "kiosk-reports:   re-keyed, check `kiosk --signing-key` on it, then run\n"
            "kiosk-reports:   kiosk-reports trust %s KEY\n",
            where, o->kiosk_id, op->known.path, b64, o->kiosk_id);
    op->rejected++;
    return false;
}

static void kr_print(kr_opener_t *op, const char *where, const report_opened_t *o)
{
    if (op->output == KR_OUTPUT_JSON) {
        fwrite(o->json, 1, o->json_len, op->out);
        fputc('\n', op->out);
        return;
    }
    report_t *r = malloc(sizeof *r);
    char err[KR_ERROR_MAX];
    if (r && report_json_read(o->json, o->json_len, r, err, sizeof err)) {
        kr_csv_row(op->out, r);
    } else {
        kr_reject(op, where, r ? err : "out of memory");
    }
    if (r) {
        report_wipe(r);
    }
    free(r);
}

static void kr_open_envelope(kr_opener_t *op, const char *where, const char *text, size_t len)
{
    report_opened_t o;
    char err[KR_ERROR_MAX];
    if (report_envelope_open(text, len, op->pk, op->sk, &o, err, sizeof err) != REPORT_OPEN_OK) {
        kr_reject(op, where, err);
        return;
    }
    if (kr_check_pin(op, where, &o)) {
        if (kr_seen_add(&op->seen, o.report_id)) {
            kr_print(op, where, &o);
            op->opened++;
        } else {
            op->duplicates++;
        }
    }
    report_opened_clear(&o);
}

/* ---- paths ---- */

static void kr_open_file(kr_opener_t *op, const char *path);

static bool kr_outbox_visit(void *user, const report_outbox_item_t *item)
{
    kr_opener_t *op = user;
    char where[KR_PATH_MAX];
    snprintf(where, sizeof where, "outbox:%s", item->report_id);
    kr_open_envelope(op, where, (const char *)item->envelope, item->envelope_len);
    return true;
}

static void kr_open_outbox(kr_opener_t *op, const char *path)
{
    char err[KR_ERROR_MAX];
    report_outbox_t *o = report_outbox_open(path, err, sizeof err);
    if (!o || !report_outbox_each(o, kr_outbox_visit, op, err, sizeof err)) {
        kr_reject(op, path, err);
    }
    report_outbox_close(o);
}

static int kr_name_compare(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every regular file not starting with '.' (in-progress spool files do), sorted. */
static void kr_open_dir(kr_opener_t *op, const char *path)
{
    DIR *dir = opendir(path);
    if (!dir) {
        kr_reject(op, path, "cannot open directory");
        return;
    }
    char **names = NULL;
    size_t count = 0, cap = 0;
    struct dirent *de;
    while ((de = readdir(dir)) != NULL) {
        if (de->d_name[0] == '.') {
            continue;
        }
        if (count == cap) {
            cap = cap ? cap * 2 : 64;
            char **grown = realloc(names, cap * sizeof *names);
            if (!grown) {
                break;
            }
            names = grown;
        }
        names[count] = strdup(de->d_name);
        if (names[count]) {
            count++;
        }
    }
    closedir(dir);
    if (count) {
        qsort(names, count, sizeof *names, kr_name_compare);
    }
    for (size_t i = 0; i < count; i++) {
        char full[KR_PATH_MAX];
        snprintf(full, sizeof full, "%s/%s", path, names[i]);
        kr_open_file(op, full);
        free(names[i]);
    }
    free(names);
}

/* A kiosk outbox (for recovering a broken unit's queue) rather than an envelope file. */
static bool kr_is_sqlite(const char *path)
{
    static const char MAGIC[] = "SQLite format 3";
    char head[sizeof MAGIC];
    FILE *f = fopen(path, "rb");
    bool yes = f && fread(head, 1, sizeof head, f) == sizeof head &&
               memcmp(head, MAGIC, sizeof MAGIC) == 0;
    if (f) {
        fclose(f);
    }
    return yes;
}

static void kr_open_file(kr_opener_t *op, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        kr_reject(op, path, "no such file or directory");
        return;
    }
    if (S_ISDIR(st.st_mode)) {
        kr_open_dir(op, path);
        return;
    }
    if (kr_is_sqlite(path)) {
        kr_open_outbox(op, path);
        return;
    }
    unsigned char *data;
    size_t len;
    char err[KR_ERROR_MAX];
    if (!report_file_read(path, KR_ENVELOPE_FILE_MAX, &data, &len, err, sizeof err)) {
        kr_reject(op, path, err);
        return;
    }
    kr_open_envelope(op, path, (const char *)data, len);
    free(data);
}

int kr_open_paths(const char *key_path, const char *known_path, kr_output_t output,
                  char *const *paths, int path_count, FILE *out, FILE *errout)
{
    kr_opener_t op = {.output = output, .out = out, .errout = errout};
    char err[KR_ERROR_MAX], known[KR_PATH_MAX];
    if (!report_receiver_load_secret(key_path, op.pk, op.sk, err, sizeof err)) {
        fprintf(errout, "kiosk-reports: %s\n", err);
        return 1;
    }
    if (known_path) {
        snprintf(known, sizeof known, "%s", known_path);
    } else {
        kr_known_path_for_key(key_path, known, sizeof known);
    }
    if (!kr_known_load(&op.known, known, err, sizeof err)) {
        fprintf(errout, "kiosk-reports: %s\n", err);
        sodium_memzero(op.sk, sizeof op.sk);
        return 1;
    }
    if (output == KR_OUTPUT_CSV) {
        fprintf(out, "%s\n", KR_CSV_HEADER);
    }
    for (int i = 0; i < path_count; i++) {
        kr_open_file(&op, paths[i]);
    }
    fflush(out);
    fprintf(errout, "kiosk-reports: %d opened, %d duplicates removed, %d rejected\n", op.opened,
            op.duplicates, op.rejected);
    sodium_memzero(op.sk, sizeof op.sk);
    kr_known_deinit(&op.known);
    free(op.seen.ids);
    return op.rejected ? 2 : 0;
}
