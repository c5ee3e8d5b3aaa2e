/* kiosk-reports open / export / stats: find envelopes, verify, parse strictly, check the
 * kiosk's key, de-duplicate, filter by consent, hand each report to the output. One bad
 * file never stops the rest; each problem is one line on stderr naming the file.
 *
 * Order matters for forgery: nothing about an envelope is believed (pinned, counted as
 * seen, printed) until its signature verifies, it decrypts with our key, its inner ids
 * match, its report parses strictly against the schema and its kiosk key is registered
 * for the report's date. Only such envelopes take part in de-duplication, which is by
 * (kiosk id, report id, content): a forger cannot make a genuine report vanish. */
#include "cli/kiosk_reports.h"

#include "report/report_json.h"
#include "report/report_outbox.h"
#include "report/report_seal.h"

#include <cjson/cJSON.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define KR_ENVELOPE_FILE_MAX (REPORT_ENVELOPE_MAX * 2)
#define KR_SEEN_INITIAL 256
#define KR_DIGEST_BYTES 32
#define KR_DIR_DEPTH_MAX 8
#define KR_SQLITE_MAGIC "SQLite format 3" /* 16 bytes with its NUL, as on disk */
#define KR_UNKNOWN_MAX 64                 /* distinct unknown kiosks listed at the end */

typedef struct kr_seen_entry {
    char report_id[REPORT_ID_MAX]; /* "" = empty slot */
    char kiosk_id[REPORT_KIOSK_ID_MAX];
    unsigned char digest[KR_DIGEST_BYTES]; /* of the re-serialised report */
    char *where;                           /* owned: the first file it came from */
} kr_seen_entry_t;

typedef struct kr_seen {
    kr_seen_entry_t *slots; /* open addressing on report_id; equal ids share a probe run */
    size_t count, capacity;
} kr_seen_t;

typedef struct kr_unknown {
    char kiosk_id[REPORT_KIOSK_ID_MAX];
    char key[REPORT_KEY_BASE64_MAX];
    int envelopes;
} kr_unknown_t;

#define KR_FIELD_PATH_MAX 128
#define KR_FIELDS_WARNED_MAX 32

typedef struct kr_opener {
    const kr_open_options_t *opt;
    unsigned char pk[REPORT_RECEIVER_PK_BYTES];
    unsigned char sk[REPORT_RECEIVER_SK_BYTES];
    kr_known_t known;
    kr_seen_t seen;
    kr_report_fn fn;
    void *user;
    FILE *errout;
    kr_counts_t counts;
    kr_unknown_t unknown[KR_UNKNOWN_MAX];
    int unknown_count;
    bool fatal; /* the output failed: stop */
    char fatal_err[KR_ERROR_MAX];
    char json[REPORT_JSON_MAX]; /* the report being printed, re-serialised; wiped after */
    char warned[KR_FIELDS_WARNED_MAX][KR_FIELD_PATH_MAX]; /* fields already reported */
    int warned_count;
} kr_opener_t;

/* ---- the receiver key ---- */

bool kr_secret_key_load(const char *path, unsigned char pk[REPORT_RECEIVER_PK_BYTES],
                        unsigned char sk[REPORT_RECEIVER_SK_BYTES], char *err, size_t err_size)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        snprintf(err, err_size, "cannot read %s: %s", path, strerror(errno));
        return false;
    }
    if (st.st_mode & (S_IRWXG | S_IRWXO)) {
        snprintf(err, err_size,
                 "%s is open to other users (mode %04o): whoever can read it can read every "
                 "report. Refusing to use it; make it private with: chmod 600 %s",
                 path, (unsigned)(st.st_mode & 07777), path);
        return false;
    }
    return report_receiver_load_secret(path, pk, sk, err, err_size);
}

/* ---- de-duplication ---- */

static size_t kr_hash(const char *s)
{
    size_t h = 1469598103934665603ull;
    for (; *s; s++) {
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    }
    return h;
}

static void kr_seen_place(kr_seen_entry_t *slots, size_t cap, const kr_seen_entry_t *e)
{
    size_t j = kr_hash(e->report_id) % cap;
    while (slots[j].report_id[0]) {
        j = (j + 1) % cap;
    }
    slots[j] = *e;
}

static bool kr_seen_grow(kr_seen_t *seen)
{
    size_t cap = seen->capacity ? seen->capacity * 2 : KR_SEEN_INITIAL;
    kr_seen_entry_t *slots = calloc(cap, sizeof *slots);
    if (!slots) {
        return false;
    }
    for (size_t i = 0; i < seen->capacity; i++) {
        if (seen->slots[i].report_id[0]) {
            kr_seen_place(slots, cap, &seen->slots[i]);
        }
    }
    free(seen->slots);
    seen->slots = slots;
    seen->capacity = cap;
    return true;
}

static void kr_seen_free(kr_seen_t *seen)
{
    for (size_t i = 0; i < seen->capacity; i++) {
        free(seen->slots[i].where);
    }
    free(seen->slots);
}

typedef enum { KR_SEEN_NEW, KR_SEEN_SAME, KR_SEEN_CONFLICT } kr_seen_result_t;

/* Looks e up among verified reports; *other gets a conflicting earlier one. */
static kr_seen_result_t kr_seen_lookup(const kr_seen_t *seen, const kr_seen_entry_t *e,
                                       const kr_seen_entry_t **other)
{
    kr_seen_result_t result = KR_SEEN_NEW;
    *other = NULL;
    if (!seen->capacity) {
        return result;
    }
    for (size_t j = kr_hash(e->report_id) % seen->capacity; seen->slots[j].report_id[0];
         j = (j + 1) % seen->capacity) {
        const kr_seen_entry_t *s = &seen->slots[j];
        if (strcmp(s->report_id, e->report_id) != 0) {
            continue;
        }
        if (strcmp(s->kiosk_id, e->kiosk_id) == 0 &&
            sodium_memcmp(s->digest, e->digest, KR_DIGEST_BYTES) == 0) {
            return KR_SEEN_SAME;
        }
        result = KR_SEEN_CONFLICT;
        *other = s;
    }
    return result;
}

static bool kr_seen_add(kr_seen_t *seen, kr_seen_entry_t *e)
{
    if ((seen->count + 1) * 2 > seen->capacity && !kr_seen_grow(seen)) {
        return false;
    }
    kr_seen_place(seen->slots, seen->capacity, e);
    seen->count++;
    return true;
}

/* ---- one envelope ---- */

static void kr_reject(kr_opener_t *op, const char *where, const char *why)
{
    fprintf(op->errout, "kiosk-reports: %s: rejected: %s\n", where, why);
    op->counts.rejected++;
}

static void kr_note_unknown(kr_opener_t *op, const char *kiosk_id, const char *key)
{
    for (int i = 0; i < op->unknown_count; i++) {
        if (strcmp(op->unknown[i].kiosk_id, kiosk_id) == 0 &&
            strcmp(op->unknown[i].key, key) == 0) {
            op->unknown[i].envelopes++;
            return;
        }
    }
    if (op->unknown_count < KR_UNKNOWN_MAX) {
        kr_unknown_t *u = &op->unknown[op->unknown_count++];
        snprintf(u->kiosk_id, sizeof u->kiosk_id, "%s", kiosk_id);
        snprintf(u->key, sizeof u->key, "%s", key);
        u->envelopes = 1;
    }
}

static bool kr_pin_first_sight(kr_opener_t *op, const char *where, const report_opened_t *o,
                               const char *b64)
{
    char err[KR_ERROR_MAX];
    int closed = 0;
    if (!kr_known_add_key(&op->known, o->kiosk_id, o->signing_pk, "", "", &closed, err,
                          sizeof err)) {
        kr_reject(op, where, err); /* cannot record the pin: do not accept silently */
        return false;
    }
    fprintf(op->errout,
            "kiosk-reports: %s: registered kiosk %s with key %s on first sight "
            "(--pin-first-sight) in %s\n",
            where, o->kiosk_id, b64, op->known.path);
    return true;
}

/* The envelope verified and decrypted; is its signer the kiosk it claims to be? */
static bool kr_check_key(kr_opener_t *op, const char *where, const report_opened_t *o,
                         const report_t *r)
{
    char b64[REPORT_KEY_BASE64_MAX], why[KR_PATH_MAX + KR_ERROR_MAX];
    const kr_known_entry_t *e = NULL;
    if (!kr_kiosk_id_valid(o->kiosk_id)) {
        kr_reject(op, where, "kiosk id has spaces or control characters");
        return false;
    }
    report_key_to_base64(o->signing_pk, sizeof o->signing_pk, b64, sizeof b64);
    switch (kr_known_check(&op->known, o->kiosk_id, o->signing_pk, r->created_at, &e)) {
    case KR_PIN_MATCH:
        return true;
    case KR_PIN_UNKNOWN:
        if (op->opt->pin_first_sight) {
            return kr_pin_first_sight(op, where, o, b64);
        }
        kr_note_unknown(op, o->kiosk_id, b64);
        snprintf(why, sizeof why, "kiosk %s is not registered in %s (see the list below)",
                 o->kiosk_id, op->known.path);
        kr_reject(op, where, why);
        return false;
    case KR_PIN_OUTSIDE:
        snprintf(why, sizeof why,
                 "signed with kiosk %s's key %s, registered for reports from %s until %s, but "
                 "this report is dated %.10s",
                 o->kiosk_id, b64, e->from[0] ? e->from : "any date",
                 e->until[0] ? e->until : "now", r->created_at);
        kr_reject(op, where, why);
        return false;
    case KR_PIN_CHANGED:
        break;
    }
    fprintf(op->errout,
            "kiosk-reports: %s: REJECTED: *** SIGNING KEY CHANGED for kiosk %s ***\n"
            "kiosk-reports:   registered in %s; this envelope was signed by %s.\n"
            "kiosk-reports:   Someone may be impersonating the kiosk. If the unit was really\n"
            "kiosk-reports:   re-keyed, check `kiosk --signing-key --config FILE` on it, then\n"
            "kiosk-reports:   kiosk-reports trust --key %s %s KEY\n",
            where, o->kiosk_id, op->known.path, b64, op->opt->key_path, o->kiosk_id);
    op->counts.rejected++;
    return false;
}

/* 8-4-4-4-12 hex digits: the id is printed in messages and exports, so nothing else. */
static bool kr_uuid_shape(const char *id)
{
    if (strlen(id) != REPORT_ID_MAX - 1) {
        return false;
    }
    for (int i = 0; id[i]; i++) {
        bool dash = i == 8 || i == 13 || i == 18 || i == 23;
        unsigned char c = (unsigned char)id[i];
        bool hex = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        if (dash ? c != '-' : !hex) {
            return false;
        }
    }
    return true;
}

/* What the receiver needs of the metadata: ids that name one report, a UTC timestamp
 * (key validity and months are read from it). report_json_read checked the rest. */
static bool kr_report_metadata_ok(const report_t *r, const char **why)
{
    const char *t = r->created_at;
    bool time_ok = strlen(t) == 20 && t[10] == 'T' && t[19] == 'Z';
    char day[KR_DATE_MAX];
    snprintf(day, sizeof day, "%.10s", t);
    if (!kr_uuid_shape(r->id)) {
        *why = "report id is not a UUID";
    } else if (!time_ok || !kr_date_valid(day)) {
        *why = "created_at is not a UTC time YYYY-MM-DDTHH:MM:SSZ";
    } else if (!r->reference[0]) {
        *why = "report has no reference";
    } else {
        return true;
    }
    return false;
}

static bool kr_consent_allows(kr_consent_t consent, const report_t *r)
{
    switch (consent) {
    case KR_CONSENT_POLICE:
        return r->consent_police;
    case KR_CONSENT_SUPPORT:
        return r->consent_support;
    case KR_CONSENT_STATISTICS:
        return r->consent_statistics;
    case KR_CONSENT_ANY:
        break;
    }
    return true;
}

/* ---- fields this tool does not know ---- */

static const cJSON *kr_json_child(const cJSON *obj, const char *name)
{
    return cJSON_IsObject(obj) ? cJSON_GetObjectItemCaseSensitive(obj, name) : NULL;
}

static void kr_warn_field(kr_opener_t *op, const char *where, const char *path)
{
    for (int i = 0; i < op->warned_count; i++) {
        if (strcmp(op->warned[i], path) == 0) {
            return;
        }
    }
    if (op->warned_count < KR_FIELDS_WARNED_MAX) {
        snprintf(op->warned[op->warned_count++], KR_FIELD_PATH_MAX, "%s", path);
    }
    fprintf(op->errout,
            "kiosk-reports: %s: WARNING: field %s is not known to this kiosk-reports and is "
            "left out of every output (a newer kiosk? upgrade kiosk-reports)\n",
            where, path);
}

/* Every field of the report as sealed that its re-serialisation lacks. */
static void kr_compare_fields(kr_opener_t *op, const char *where, const cJSON *sealed,
                              const cJSON *printed, const char *prefix)
{
    const cJSON *it;
    cJSON_ArrayForEach(it, sealed)
    {
        char path[KR_FIELD_PATH_MAX];
        snprintf(path, sizeof path, "%s%s%s", prefix, prefix[0] ? "." : "", it->string);
        const cJSON *mine = kr_json_child(printed, it->string);
        bool empty = cJSON_IsNull(it) || (cJSON_IsString(it) && !it->valuestring[0]);
        if (!mine && !empty) {
            kr_warn_field(op, where, path);
        } else if (mine && cJSON_IsObject(it)) {
            kr_compare_fields(op, where, it, mine, path);
        }
    }
}

static void kr_check_fields(kr_opener_t *op, const char *where, const char *sealed_json,
                            size_t sealed_len, const char *printed_json, size_t printed_len)
{
    const char *why = "";
    cJSON *sealed = report_json_parse_strict(sealed_json, sealed_len, &why);
    cJSON *printed = report_json_parse_strict(printed_json, printed_len, &why);
    if (sealed && printed) {
        kr_compare_fields(op, where, sealed, printed, "");
    }
    report_json_delete_wiped(sealed);
    report_json_delete_wiped(printed);
}

/* A verified report: de-duplicate, filter, print. */
static void kr_accept(kr_opener_t *op, const char *where, const report_t *r,
                      const report_opened_t *o)
{
    char *json = op->json, err[KR_ERROR_MAX];
    size_t len = 0;
    if (!report_json_write(r, json, sizeof op->json, &len, err, sizeof err)) {
        kr_reject(op, where, err);
        return;
    }
    kr_check_fields(op, where, o->json, o->json_len, json, len);
    kr_seen_entry_t e = {0};
    const kr_seen_entry_t *other = NULL;
    snprintf(e.report_id, sizeof e.report_id, "%s", r->id);
    snprintf(e.kiosk_id, sizeof e.kiosk_id, "%s", r->kiosk_id);
    crypto_generichash(e.digest, sizeof e.digest, (const unsigned char *)json, len, NULL, 0);
    kr_seen_result_t seen = kr_seen_lookup(&op->seen, &e, &other);
    if (seen == KR_SEEN_SAME) {
        op->counts.duplicates++;
    } else {
        if (seen == KR_SEEN_CONFLICT) {
            fprintf(op->errout,
                    "kiosk-reports: %s: *** CONFLICT: report id %s (kiosk %s) was also claimed "
                    "by a different envelope in %s (kiosk %s); both are printed: find out "
                    "which is genuine ***\n",
                    where, r->id, r->kiosk_id, other->where, other->kiosk_id);
            op->counts.conflicts++;
        }
        e.where = strdup(where);
        if (!e.where || !kr_seen_add(&op->seen, &e)) {
            free(e.where); /* out of memory: printing twice beats losing a report */
        }
        if (!kr_consent_allows(op->opt->consent, r)) {
            op->counts.filtered++;
        } else if (op->fn(op->user, r, json, len, err, sizeof err)) {
            op->counts.printed++;
        } else {
            op->fatal = true;
            snprintf(op->fatal_err, sizeof op->fatal_err, "%s", err);
        }
    }
    sodium_memzero(json, len);
}

static void kr_open_envelope(kr_opener_t *op, const char *where, const char *text, size_t len)
{
    report_opened_t o;
    char err[KR_ERROR_MAX], why[KR_ERROR_MAX + 64];
    const char *bad = NULL;
    op->counts.envelopes++;
    if (report_envelope_open(text, len, op->pk, op->sk, &o, err, sizeof err) != REPORT_OPEN_OK) {
        kr_reject(op, where, err);
        return;
    }
    report_t *r = malloc(sizeof *r);
    if (!r) {
        kr_reject(op, where, "out of memory");
    } else if (!report_json_read(o.json, o.json_len, r, err, sizeof err)) {
        snprintf(why, sizeof why, "not a valid %s report: %s", REPORT_SCHEMA, err);
        kr_reject(op, where, why);
    } else if (!kr_report_metadata_ok(r, &bad)) {
        snprintf(why, sizeof why, "not a valid %s report: %s", REPORT_SCHEMA, bad);
        kr_reject(op, where, why);
    } else if (kr_check_key(op, where, &o, r)) {
        kr_accept(op, where, r, &o);
    }
    if (r) {
        report_wipe(r);
    }
    free(r);
    report_opened_clear(&o);
}

/* ---- paths ---- */

static void kr_open_path(kr_opener_t *op, const char *path, int depth);

static bool kr_outbox_visit(void *user, const report_outbox_item_t *item)
{
    kr_opener_t *op = user;
    char where[KR_PATH_MAX];
    snprintf(where, sizeof where, "outbox:%s", item->report_id);
    kr_open_envelope(op, where, (const char *)item->envelope, item->envelope_len);
    return !op->fatal;
}

static void kr_open_outbox(kr_opener_t *op, const char *path)
{
    char err[KR_ERROR_MAX];
    report_outbox_t *o = report_outbox_open(path, err, sizeof err);
    if (!o || !report_outbox_each(o, kr_outbox_visit, op, err, sizeof err)) {
        op->counts.envelopes++;
        kr_reject(op, path, err);
    }
    report_outbox_close(o);
}

static int kr_name_compare(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every entry not starting with '.' (in-progress spool files do), sorted. */
static void kr_open_dir(kr_opener_t *op, const char *path, int depth)
{
    DIR *dir = opendir(path);
    if (!dir) {
        op->counts.envelopes++;
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
        if (!op->fatal) {
            kr_open_path(op, full, depth + 1);
        }
        free(names[i]);
    }
    free(names);
}

/* Reads a regular file already open as fd, at most max bytes. */
static bool kr_read_fd(int fd, size_t size, size_t max, unsigned char **data)
{
    if (size > max || (*data = malloc(size + 1)) == NULL) {
        return false;
    }
    size_t got = 0;
    while (got < size) {
        ssize_t n = pread(fd, *data + got, size - got, (off_t)got);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break;
        }
        got += (size_t)n;
    }
    (*data)[got] = '\0';
    if (got != size) {
        free(*data);
        *data = NULL;
    }
    return *data != NULL;
}

/* Regular files only, opened without blocking: a FIFO or device in a spool directory is
 * refused at fstat instead of hanging the open. */
static void kr_open_path(kr_opener_t *op, const char *path, int depth)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    struct stat st;
    char why[KR_ERROR_MAX];
    if (fd < 0 || fstat(fd, &st) != 0) {
        snprintf(why, sizeof why, "cannot open: %s", strerror(errno));
        if (fd >= 0) {
            close(fd);
        }
        op->counts.envelopes++;
        kr_reject(op, path, why);
        return;
    }
    if (S_ISDIR(st.st_mode)) {
        close(fd);
        if (depth >= KR_DIR_DEPTH_MAX) {
            op->counts.envelopes++;
            kr_reject(op, path, "directories nested too deep (a symlink loop?)");
        } else {
            kr_open_dir(op, path, depth);
        }
        return;
    }
    char head[sizeof KR_SQLITE_MAGIC] = "";
    bool regular = S_ISREG(st.st_mode);
    bool sqlite = regular && pread(fd, head, sizeof head, 0) == (ssize_t)sizeof head &&
                  memcmp(head, KR_SQLITE_MAGIC, sizeof head) == 0;
    unsigned char *data = NULL;
    bool read_ok =
        regular && !sqlite && kr_read_fd(fd, (size_t)st.st_size, KR_ENVELOPE_FILE_MAX, &data);
    close(fd);
    if (sqlite) {
        kr_open_outbox(op, path); /* a kiosk outbox: recovering a broken unit's queue */
        return;
    }
    if (!read_ok) {
        op->counts.envelopes++;
        kr_reject(op, path,
                  !regular ? "not a regular file (a FIFO, device or socket?): not read"
                           : "cannot read it, or larger than any envelope");
        return;
    }
    kr_open_envelope(op, path, (const char *)data, (size_t)st.st_size);
    free(data);
}

static void kr_print_unknown(const kr_opener_t *op)
{
    if (!op->unknown_count) {
        return;
    }
    fprintf(op->errout,
            "kiosk-reports: *** envelopes from kiosks that are not registered were REFUSED ***\n"
            "kiosk-reports:   If a unit is genuine, check its key on the unit with\n"
            "kiosk-reports:   `kiosk --signing-key --config /etc/kiosk/kiosk.ini`, then run:\n");
    for (int i = 0; i < op->unknown_count; i++) {
        const kr_unknown_t *u = &op->unknown[i];
        fprintf(op->errout,
                "kiosk-reports:   kiosk-reports trust --key %s %s %s   # %d envelope%s\n",
                op->opt->key_path, u->kiosk_id, u->key, u->envelopes, u->envelopes == 1 ? "" : "s");
    }
}

static void kr_print_summary(const kr_opener_t *op)
{
    static const char *const CONSENT[] = {"", "police", "support", "statistics"};
    const kr_counts_t *c = &op->counts;
    fprintf(op->errout, "kiosk-reports: %d envelope%s: %d printed, %d duplicates removed, ",
            c->envelopes, c->envelopes == 1 ? "" : "s", c->printed, c->duplicates);
    if (op->opt->consent != KR_CONSENT_ANY) {
        fprintf(op->errout, "%d without %s consent left out, ", c->filtered,
                CONSENT[op->opt->consent]);
    }
    fprintf(op->errout, "%d rejected", c->rejected);
    if (c->conflicts) {
        fprintf(op->errout, "; %d CONFLICTING report ids (printed, see above)", c->conflicts);
    }
    fputc('\n', op->errout);
}

int kr_open_paths(const kr_open_options_t *opt, char *const *paths, int path_count, kr_report_fn fn,
                  void *user, FILE *errout, kr_counts_t *counts)
{
    kr_opener_t *op = calloc(1, sizeof *op);
    char err[KR_ERROR_MAX], known[KR_PATH_MAX];
    if (!op) {
        fprintf(errout, "kiosk-reports: out of memory\n");
        return KR_EXIT_FATAL;
    }
    *op = (kr_opener_t){.opt = opt, .fn = fn, .user = user, .errout = errout};
    if (opt->known_path) {
        snprintf(known, sizeof known, "%s", opt->known_path);
    } else {
        kr_known_path_for_key(opt->key_path, known, sizeof known);
    }
    int rc = KR_EXIT_FATAL;
    if (!kr_secret_key_load(opt->key_path, op->pk, op->sk, err, sizeof err) ||
        !kr_known_load(&op->known, known, err, sizeof err)) {
        fprintf(errout, "kiosk-reports: %s\n", err);
        goto done;
    }
    for (int i = 0; i < path_count && !op->fatal; i++) {
        kr_open_path(op, paths[i], 0);
    }
    if (op->fatal) {
        fprintf(errout, "kiosk-reports: cannot write the output: %s\n", op->fatal_err);
        goto done;
    }
    kr_print_summary(op);
    kr_print_unknown(op);
    rc = op->counts.rejected || op->counts.conflicts ? KR_EXIT_PROBLEMS : KR_EXIT_OK;
done:
    if (counts) {
        *counts = op->counts;
    }
    sodium_memzero(op->sk, sizeof op->sk);
    kr_known_deinit(&op->known);
    kr_seen_free(&op->seen);
    free(op);
    return rc;
}
