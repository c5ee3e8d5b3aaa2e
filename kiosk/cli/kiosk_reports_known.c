/* known_kiosks: "KIOSK-ID BASE64-KEY" lines; '#' starts a comment. Pinned on first sight;
 * a different key for a known kiosk is rejected until someone runs `trust`. */
#include "cli/kiosk_reports.h"

#include "report/report_files.h"
#include "report/report_ids.h"

#include <ctype.h>
#include <errno.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define KR_KNOWN_FILE_MAX (4 * 1024 * 1024)
#define KR_KNOWN_LINE_MAX 256

bool kr_kiosk_id_valid(const char *kiosk_id)
{
    return report_id_check(kiosk_id, "kiosk id", NULL, 0); /* the kiosk's own rule */
}

void kr_known_path_for_key(const char *key_path, char *out, size_t out_size)
{
    char copy[KR_PATH_MAX];
    snprintf(copy, sizeof copy, "%s", key_path);
    snprintf(out, out_size, "%s/%s", dirname(copy), KR_KNOWN_FILE);
}

static bool kr_known_add(kr_known_t *k, const char *kiosk_id, const unsigned char *pk)
{
    if (k->count == k->capacity) {
        size_t cap = k->capacity ? k->capacity * 2 : 8;
        kr_known_entry_t *grown = realloc(k->entries, cap * sizeof *grown);
        if (!grown) {
            return false;
        }
        k->entries = grown;
        k->capacity = cap;
    }
    kr_known_entry_t *e = &k->entries[k->count++];
    snprintf(e->kiosk_id, sizeof e->kiosk_id, "%s", kiosk_id);
    memcpy(e->pk, pk, sizeof e->pk);
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
    unsigned char pk[REPORT_SIGN_PK_BYTES];
    if (!id) {
        return true; /* blank or comment */
    }
    if (!key || strtok_r(NULL, " \t\r", &save) || !kr_kiosk_id_valid(id) ||
        !report_key_from_base64(key, pk, sizeof pk)) {
        snprintf(err, err_size, "%s:%d: expected 'KIOSK-ID BASE64-KEY'", k->path, line_no);
        return false;
    }
    if (kr_known_find(k, id)) {
        snprintf(err, err_size, "%s:%d: kiosk %s listed twice", k->path, line_no, id);
        return false;
    }
    if (!kr_known_add(k, id, pk)) {
        snprintf(err, err_size, "out of memory");
        return false;
    }
    return true;
}

bool kr_known_load(kr_known_t *k, const char *path, char *err, size_t err_size)
{
    memset(k, 0, sizeof *k);
    snprintf(k->path, sizeof k->path, "%s", path);
    unsigned char *data;
    size_t len;
    if (access(path, F_OK) != 0) {
        return true;
    }
    if (!report_file_read(path, KR_KNOWN_FILE_MAX, &data, &len, err, err_size)) {
        return false;
    }
    bool ok = true;
    int line_no = 0;
    char *save = NULL;
    for (char *line = strtok_r((char *)data, "\n", &save); ok && line;
         line = strtok_r(NULL, "\n", &save)) {
        ok = kr_known_parse_line(k, line, ++line_no, err, err_size);
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

const kr_known_entry_t *kr_known_find(const kr_known_t *k, const char *kiosk_id)
{
    for (size_t i = 0; i < k->count; i++) {
        if (strcmp(k->entries[i].kiosk_id, kiosk_id) == 0) {
            return &k->entries[i];
        }
    }
    return NULL;
}

static bool kr_known_save(const kr_known_t *k, char *err, size_t err_size)
{
    size_t cap = 128 + k->count * KR_KNOWN_LINE_MAX, used = 0;
    char *text = malloc(cap);
    if (!text) {
        snprintf(err, err_size, "out of memory");
        return false;
    }
    used += (size_t)snprintf(text, cap,
                             "# kiosk-reports: pinned kiosk signing keys (KIOSK-ID KEY).\n"
                             "# Change a key only with `kiosk-reports trust`.\n");
    for (size_t i = 0; i < k->count; i++) {
        char b64[REPORT_KEY_BASE64_MAX];
        report_key_to_base64(k->entries[i].pk, sizeof k->entries[i].pk, b64, sizeof b64);
        used += (size_t)snprintf(text + used, cap - used, "%s %s\n", k->entries[i].kiosk_id, b64);
    }
    char dir[KR_PATH_MAX], base[KR_PATH_MAX];
    snprintf(dir, sizeof dir, "%s", k->path);
    snprintf(base, sizeof base, "%s", k->path);
    bool ok = report_file_write_atomic(dirname(dir), basename(base), text, used, 0644, false, NULL,
                                       err, err_size);
    free(text);
    return ok;
}

bool kr_known_set(kr_known_t *k, const char *kiosk_id, const unsigned char *pk, char *err,
                  size_t err_size)
{
    kr_known_entry_t *e = (kr_known_entry_t *)kr_known_find(k, kiosk_id);
    if (e) {
        memcpy(e->pk, pk, sizeof e->pk);
    } else if (!kr_known_add(k, kiosk_id, pk)) {
        snprintf(err, err_size, "out of memory");
        return false;
    }
    return kr_known_save(k, err, err_size);
}

kr_pin_result_t kr_known_check(kr_known_t *k, const char *kiosk_id, const unsigned char *pk,
                               char *err, size_t err_size)
{
    const kr_known_entry_t *e = kr_known_find(k, kiosk_id);
    if (e) {
        return sodium_memcmp(e->pk, pk, sizeof e->pk) == 0 ? KR_PIN_MATCH : KR_PIN_CHANGED;
    }
    if (!kr_known_set(k, kiosk_id, pk, err, err_size)) {
        return KR_PIN_ERROR; /* cannot record the pin: do not accept silently */
    }
    return KR_PIN_NEW;
}
