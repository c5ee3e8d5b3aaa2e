/* known_kiosks: one line per signing key, '#' starts a comment:
 *
 *     KIOSK-ID BASE64-KEY [from=YYYY-MM-DD] [until=YYYY-MM-DD]
 *
 * A kiosk may have several keys (re-keyed units); each is valid for reports created from
 * its `from` to its `until` day, both inclusive, either end open when absent. Keys are
 * only ever added by `kiosk-reports trust` or by `open --pin-first-sight` after an
 * envelope fully validated: never silently. */
#include "cli/kiosk_reports.h"

#include "report/report_files.h"
#include "report/report_ids.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define KR_KNOWN_FILE_MAX (4 * 1024 * 1024)
#define KR_KNOWN_LINE_MAX 256
#define KR_KNOWN_INITIAL 8

bool kr_kiosk_id_valid(const char *kiosk_id)
{
    return report_id_check(kiosk_id, "kiosk id", NULL, 0); /* the kiosk's own rule */
}

/* Not report_date_valid(): that one refuses dates after today, and an `until` may be. */
bool kr_date_valid(const char *date)
{
    static const int DAYS[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, m, d, used = 0;
    for (int i = 0; i < 10 && date[i]; i++) {
        if (i != 4 && i != 7 && (date[i] < '0' || date[i] > '9')) {
            return false;
        }
    }
    if (strlen(date) != 10 || date[4] != '-' || date[7] != '-' ||
        sscanf(date, "%4d-%2d-%2d%n", &y, &m, &d, &used) != 3 || used != 10 || y < 1900 || m < 1 ||
        m > 12 || d < 1 || d > DAYS[m - 1]) {
        return false;
    }
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(m == 2 && d == 29 && !leap);
}

void kr_known_path_for_key(const char *key_path, char *out, size_t out_size)
{
    char copy[KR_PATH_MAX];
    snprintf(copy, sizeof copy, "%s", key_path);
    snprintf(out, out_size, "%s/%s", dirname(copy), KR_KNOWN_FILE);
}

static kr_known_entry_t *kr_known_append(kr_known_t *k)
{
    if (k->count == k->capacity) {
        size_t cap = k->capacity ? k->capacity * 2 : KR_KNOWN_INITIAL;
        kr_known_entry_t *grown = realloc(k->entries, cap * sizeof *grown);
        if (!grown) {
            return NULL;
        }
        k->entries = grown;
        k->capacity = cap;
    }
    kr_known_entry_t *e = &k->entries[k->count++];
    memset(e, 0, sizeof *e);
    return e;
}

static kr_known_entry_t *kr_known_find_key(const kr_known_t *k, const char *kiosk_id,
                                           const unsigned char *pk)
{
    for (size_t i = 0; i < k->count; i++) {
        if (strcmp(k->entries[i].kiosk_id, kiosk_id) == 0 &&
            sodium_memcmp(k->entries[i].pk, pk, REPORT_SIGN_PK_BYTES) == 0) {
            return &k->entries[i];
        }
    }
    return NULL;
}

/* "from=DATE" or "until=DATE" into e; false for anything else. */
static bool kr_known_parse_date_word(const char *word, kr_known_entry_t *e)
{
    char *dst = strncmp(word, "from=", 5) == 0    ? e->from
                : strncmp(word, "until=", 6) == 0 ? e->until
                                                  : NULL;
    const char *value = dst ? strchr(word, '=') + 1 : NULL;
    if (!dst || dst[0] || !kr_date_valid(value)) {
        return false;
    }
    memcpy(dst, value, KR_DATE_MAX);
    return true;
}

static bool kr_known_parse_line(kr_known_t *k, char *line, int line_no, char *err, size_t err_size)
{
    char *hash = strchr(line, '#');
    if (hash) {
        *hash = '\0';
    }
    char *save = NULL;
    char *id = strtok_r(line, " \t\r", &save);
    char *key = id ? strtok_r(NULL, " \t\r", &save) : NULL;
    if (!id) {
        return true; /* blank or comment */
    }
    kr_known_entry_t e = {0};
    bool ok = key && kr_kiosk_id_valid(id) && report_key_from_base64(key, e.pk, sizeof e.pk);
    for (char *w = strtok_r(NULL, " \t\r", &save); ok && w; w = strtok_r(NULL, " \t\r", &save)) {
        ok = kr_known_parse_date_word(w, &e);
    }
    if (!ok) {
        snprintf(err, err_size,
                 "%s:%d: expected 'KIOSK-ID BASE64-KEY [from=YYYY-MM-DD] [until=YYYY-MM-DD]'",
                 k->path, line_no);
        return false;
    }
    if (e.from[0] && e.until[0] && strcmp(e.from, e.until) > 0) {
        snprintf(err, err_size, "%s:%d: from=%s is after until=%s", k->path, line_no, e.from,
                 e.until);
        return false;
    }
    if (kr_known_find_key(k, id, e.pk)) {
        snprintf(err, err_size, "%s:%d: kiosk %s lists the same key twice", k->path, line_no, id);
        return false;
    }
    kr_known_entry_t *slot = kr_known_append(k);
    if (!slot) {
        snprintf(err, err_size, "out of memory");
        return false;
    }
    snprintf(e.kiosk_id, sizeof e.kiosk_id, "%s", id);
    *slot = e;
    return true;
}

/* Whoever may write known_kiosks decides which kiosks are believed. */
static bool kr_known_check_mode(const char *path, char *err, size_t err_size)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        snprintf(err, err_size, "cannot read %s: %s", path, strerror(errno));
        return false;
    }
    if (st.st_mode & (S_IWGRP | S_IWOTH)) {
        snprintf(err, err_size,
                 "%s may be changed by other users (mode %04o), so its keys prove nothing; "
                 "run: chmod go-w %s",
                 path, (unsigned)(st.st_mode & 07777), path);
        return false;
    }
    return true;
}

bool kr_known_load(kr_known_t *k, const char *path, char *err, size_t err_size)
{
    memset(k, 0, sizeof *k);
    snprintf(k->path, sizeof k->path, "%s", path);
    if (access(path, F_OK) != 0 && errno == ENOENT) {
        return true;
    }
    unsigned char *data;
    size_t len;
    if (!kr_known_check_mode(path, err, err_size) ||
        !report_file_read(path, KR_KNOWN_FILE_MAX, &data, &len, err, err_size)) {
        return false;
    }
    bool ok = true;
    int line_no = 0;
    char *line = (char *)data;
    while (ok && line && *line) {
        char *next = strchr(line, '\n');
        if (next) {
            *next++ = '\0';
        }
        ok = kr_known_parse_line(k, line, ++line_no, err, err_size);
        line = next;
    }
    free(data);
    if (!ok) {
        kr_known_deinit(k);
    }
    return ok;
}

void kr_known_deinit(kr_known_t *k)
{
    free(k->entries);
    k->entries = NULL;
    k->count = k->capacity = 0;
}

kr_pin_result_t kr_known_check(const kr_known_t *k, const char *kiosk_id, const unsigned char *pk,
                               const char *date, const kr_known_entry_t **entry)
{
    const kr_known_entry_t *e = kr_known_find_key(k, kiosk_id, pk);
    if (entry) {
        *entry = e;
    }
    if (!e) {
        for (size_t i = 0; i < k->count; i++) {
            if (strcmp(k->entries[i].kiosk_id, kiosk_id) == 0) {
                return KR_PIN_CHANGED;
            }
        }
        return KR_PIN_UNKNOWN;
    }
    char day[KR_DATE_MAX];
    snprintf(day, sizeof day, "%.10s", date);
    bool after_from = !e->from[0] || strcmp(day, e->from) >= 0;
    bool before_until = !e->until[0] || strcmp(day, e->until) <= 0;
    return kr_date_valid(day) && after_from && before_until ? KR_PIN_MATCH : KR_PIN_OUTSIDE;
}

static bool kr_known_save(const kr_known_t *k, char *err, size_t err_size)
{
    size_t cap = 256 + k->count * KR_KNOWN_LINE_MAX, used = 0;
    char *text = malloc(cap);
    if (!text) {
        snprintf(err, err_size, "out of memory");
        return false;
    }
    used += (size_t)snprintf(text, cap,
                             "# kiosk-reports: registered kiosk signing keys, one a line:\n"
                             "# KIOSK-ID KEY [from=YYYY-MM-DD] [until=YYYY-MM-DD] (inclusive)\n"
                             "# Add keys with `kiosk-reports trust`.\n");
    for (size_t i = 0; i < k->count; i++) {
        const kr_known_entry_t *e = &k->entries[i];
        char b64[REPORT_KEY_BASE64_MAX];
        report_key_to_base64(e->pk, sizeof e->pk, b64, sizeof b64);
        used += (size_t)snprintf(text + used, cap - used, "%s %s%s%s%s%s\n", e->kiosk_id, b64,
                                 e->from[0] ? " from=" : "", e->from, e->until[0] ? " until=" : "",
                                 e->until);
    }
    char dir[KR_PATH_MAX], base[KR_PATH_MAX];
    snprintf(dir, sizeof dir, "%s", k->path);
    snprintf(base, sizeof base, "%s", k->path);
    bool ok = report_file_write_atomic(dirname(dir), basename(base), text, used, 0644, false, NULL,
                                       err, err_size);
    free(text);
    return ok;
}

bool kr_known_add_key(kr_known_t *k, const char *kiosk_id, const unsigned char *pk,
                      const char *from, const char *until, int *closed, char *err, size_t err_size)
{
    *closed = 0;
    kr_known_entry_t *e = kr_known_find_key(k, kiosk_id, pk);
    bool is_new = e == NULL;
    if (is_new && (e = kr_known_append(k)) == NULL) {
        snprintf(err, err_size, "out of memory");
        return false;
    }
    snprintf(e->kiosk_id, sizeof e->kiosk_id, "%s", kiosk_id);
    memcpy(e->pk, pk, sizeof e->pk);
    snprintf(e->from, sizeof e->from, "%s", from);
    snprintf(e->until, sizeof e->until, "%s", until);
    for (size_t i = 0; is_new && !until[0] && i < k->count; i++) {
        kr_known_entry_t *old = &k->entries[i];
        if (old != e && strcmp(old->kiosk_id, kiosk_id) == 0 && !old->until[0]) {
            /* the day of the change belongs to both keys: the unit may have sealed with
             * the old one that morning */
            snprintf(old->until, sizeof old->until, "%s", from);
            (*closed)++;
        }
    }
    return kr_known_save(k, err, err_size);
}
