/* Compiled catalogs (catalog_internal.h): a catalog in byte form, kept under the hash of
 * the PO file it was read from. File layout (native byte order, the machine's own cache):
 *   "KIOSKCAT", u32 format version, u32 CLDR categories mask, ICU version (16 bytes),
 *   the PO file's BLAKE2b hash, a BLAKE2b hash of the fields before it and the payload,
 *   u64 payload length, payload (catalog_encode()).
 * The mask (bit k: CLDR_CATEGORIES[k] is used for whole numbers) saves sampling ICU's rules
 * 1000 times a language at each start-up; it holds for the ICU version that computed it. A
 * file that is short, of another format or ICU version, of another PO file, or whose
 * payload does not hash to what it says is not used (the PO file is parsed again and the
 * entry replaced). */
#include "i18n/catalog_internal.h"
#include "platform/fd_io.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unicode/uversion.h>
#include <unistd.h>

#define CACHE_MAGIC "KIOSKCAT"
#define CACHE_MAGIC_BYTES 8
#define CACHE_VERSION 2u
#define CACHE_ICU_BYTES 16
#define CACHE_AT_VERSION CACHE_MAGIC_BYTES
#define CACHE_AT_MASK (CACHE_AT_VERSION + 4)
#define CACHE_AT_ICU (CACHE_AT_MASK + 4)
#define CACHE_AT_PO_HASH (CACHE_AT_ICU + CACHE_ICU_BYTES)
#define CACHE_AT_PAYLOAD_HASH (CACHE_AT_PO_HASH + CATALOG_HASH_BYTES)
#define CACHE_AT_LENGTH (CACHE_AT_PAYLOAD_HASH + CATALOG_HASH_BYTES)
#define CACHE_HEADER_BYTES (CACHE_AT_LENGTH + 8)
#define CACHE_FILE_MAX (64u * 1024u * 1024u) /* far above any catalog */
#define CACHE_PATH_MAX 1024

/* Reads path whole (at most CACHE_FILE_MAX bytes) into a malloc'd buffer; NULL with errno. */
static char *read_whole(const char *path, size_t *len)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return NULL;
    }
    char *buf = fd_read_all(fd, CACHE_FILE_MAX, len);
    int saved = errno;
    close(fd);
    errno = saved;
    return buf;
}

bool catalog_cache_hash_file(const char *po_path, unsigned char hash[CATALOG_HASH_BYTES])
{
    size_t len = 0;
    char *buf = read_whole(po_path, &len);
    if (!buf) {
        return false;
    }
    if (sodium_init() < 0) { /* BLAKE2b needs no randomness; this picks its fast code */
        free(buf);
        errno = ENOSYS;
        return false;
    }
    crypto_generichash(hash, CATALOG_HASH_BYTES, (const unsigned char *)buf, len, NULL, 0);
    free(buf);
    return true;
}

/* dir/lang.catalog; false when lang is not a plain language code (it names a file). */
static bool cache_path(const char *dir, const char *lang, const char *suffix, char *out,
                       size_t size)
{
    if (!dir || !dir[0] || !lang[0]) {
        return false;
    }
    for (const char *c = lang; *c; c++) {
        bool plain = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
                     (*c >= '0' && *c <= '9') || *c == '_' || *c == '-';
        if (!plain) {
            return false;
        }
    }
    return snprintf(out, size, "%s/%s.catalog%s", dir, lang, suffix) < (int)size;
}

/* The header's fields for c (made from a PO file with hash) and its payload. */
static void header_fill(unsigned char header[CACHE_HEADER_BYTES], const i18n_catalog_t *c,
                        const unsigned char hash[CATALOG_HASH_BYTES], const char *payload,
                        size_t len)
{
    uint32_t version = CACHE_VERSION, mask = 0;
    uint64_t payload_len = len;
    for (int k = 0; k < I18N_FORMS_MAX; k++) {
        mask |= c->category_form[k] >= 0 ? 1u << k : 0u;
    }
    memset(header, 0, CACHE_HEADER_BYTES);
    memcpy(header, CACHE_MAGIC, CACHE_MAGIC_BYTES);
    memcpy(header + CACHE_AT_VERSION, &version, sizeof version);
    memcpy(header + CACHE_AT_MASK, &mask, sizeof mask);
    snprintf((char *)header + CACHE_AT_ICU, CACHE_ICU_BYTES, "%s", U_ICU_VERSION);
    memcpy(header + CACHE_AT_PO_HASH, hash, CATALOG_HASH_BYTES);
    memcpy(header + CACHE_AT_LENGTH, &payload_len, sizeof payload_len);
    /* over the fields before it (the mask too) and the payload: any damage shows */
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, CATALOG_HASH_BYTES);
    crypto_generichash_update(&st, header, CACHE_AT_PAYLOAD_HASH);
    crypto_generichash_update(&st, (const unsigned char *)payload, len);
    crypto_generichash_final(&st, header + CACHE_AT_PAYLOAD_HASH, CATALOG_HASH_BYTES);
}

bool catalog_cache_load(const char *dir, const char *lang,
                        const unsigned char hash[CATALOG_HASH_BYTES], i18n_catalog_t *fresh)
{
    char path[CACHE_PATH_MAX];
    size_t len = 0;
    char *buf = cache_path(dir, lang, "", path, sizeof path) ? read_whole(path, &len) : NULL;
    if (!buf) {
        return false;
    }
    const unsigned char *p = (const unsigned char *)buf;
    uint64_t payload_len = 0;
    bool ok = len >= CACHE_HEADER_BYTES;
    if (ok) {
        /* what this kiosk would write for a payload of the same bytes */
        memcpy(&payload_len, p + CACHE_AT_LENGTH, sizeof payload_len);
        ok = payload_len == len - CACHE_HEADER_BYTES;
    }
    unsigned char want[CACHE_HEADER_BYTES];
    uint32_t mask = 0;
    if (ok) {
        memcpy(&mask, p + CACHE_AT_MASK, sizeof mask);
        i18n_catalog_t probe = {0};
        for (int k = 0; k < I18N_FORMS_MAX; k++) {
            probe.category_form[k] = (mask >> k) & 1u ? 0 : -1;
        }
        header_fill(want, &probe, hash, buf + CACHE_HEADER_BYTES, (size_t)payload_len);
        ok = memcmp(want, p, CACHE_HEADER_BYTES) == 0;
    }
    ok = ok && catalog_decode(fresh, buf + CACHE_HEADER_BYTES, (size_t)payload_len);
    if (ok) {
        for (int k = 0; k < I18N_FORMS_MAX; k++) {
            fresh->category_form[k] = (mask >> k) & 1u ? 0 : -1; /* numbered by the setup */
        }
        fresh->compiled = true;
    }
    free(buf);
    return ok;
}

bool catalog_cache_store(const char *dir, const char *lang,
                         const unsigned char hash[CATALOG_HASH_BYTES], const i18n_catalog_t *c)
{
    char path[CACHE_PATH_MAX], tmp[CACHE_PATH_MAX + 32], suffix[32];
    snprintf(suffix, sizeof suffix, ".%ld.tmp", (long)getpid());
    char *payload = NULL;
    size_t len = 0;
    if (!cache_path(dir, lang, "", path, sizeof path) ||
        !cache_path(dir, lang, suffix, tmp, sizeof tmp) || !catalog_encode(c, &payload, &len)) {
        return false;
    }
    unsigned char header[CACHE_HEADER_BYTES];
    header_fill(header, c, hash, payload, len);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    bool ok = fd >= 0 && fd_write_all(fd, header, sizeof header) &&
              fd_write_all(fd, payload, len);
    ok = (fd >= 0 && close(fd) == 0) && ok;
    ok = ok && rename(tmp, path) == 0;
    if (!ok && fd >= 0) {
        unlink(tmp);
    }
    free(payload);
    return ok;
}
