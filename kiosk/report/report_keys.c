#include "report/report_keys.h"

#include "platform/paths.h"
#include "report/report_files.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define REPORT_KEY_FILE_MAX 4096

void report_key_to_base64(const unsigned char *bin, size_t len, char *out, size_t out_size)
{
    if (out_size < sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL)) {
        out[0] = '\0';
        return;
    }
    sodium_bin2base64(out, out_size, bin, len, sodium_base64_VARIANT_ORIGINAL);
}

bool report_key_from_base64(const char *text, unsigned char *bin, size_t len)
{
    size_t got = 0;
    const char *end = NULL;
    while (*text == ' ' || *text == '\t' || *text == '\n' || *text == '\r') {
        text++;
    }
    size_t n = strlen(text);
    while (n > 0 && strchr(" \t\r\n", text[n - 1])) {
        n--;
    }
    if (sodium_base642bin(bin, len, text, n, NULL, &got, &end, sodium_base64_VARIANT_ORIGINAL) !=
        0) {
        return false;
    }
    return got == len && end == text + n;
}

bool report_key_read_file(const char *path, unsigned char *bin, size_t len, char *err,
                          size_t err_size)
{
    unsigned char *data;
    size_t n;
    if (!report_file_read(path, REPORT_KEY_FILE_MAX, &data, &n, err, err_size)) {
        return false;
    }
    bool ok = report_key_from_base64((const char *)data, bin, len);
    sodium_memzero(data, n);
    free(data);
    if (!ok) {
        snprintf(err, err_size, "%s does not hold a %zu-byte base64 key", path, len);
    }
    return ok;
}

static bool report_key_write_file(const char *dir, const char *name, const unsigned char *bin,
                                  size_t len, mode_t mode, bool exclusive, bool *existed, char *err,
                                  size_t err_size)
{
    char line[REPORT_KEY_BASE64_MAX + 2];
    report_key_to_base64(bin, len, line, sizeof line - 1);
    strcat(line, "\n");
    bool ok = report_file_write_atomic(dir, name, line, strlen(line), mode, exclusive, existed, err,
                                       err_size);
    sodium_memzero(line, sizeof line);
    return ok;
}

bool report_receiver_keygen(const char *dir, char *err, size_t err_size)
{
    unsigned char pk[REPORT_RECEIVER_PK_BYTES], sk[REPORT_RECEIVER_SK_BYTES];
    bool existed = false;
    if (!paths_mkdirs(dir, 0700, err, err_size)) {
        return false;
    }
    crypto_box_keypair(pk, sk);
    /* secret first and exclusive: never replace a receiver's only key */
    bool ok = report_key_write_file(dir, "receiver.key", sk, sizeof sk, 0600, true, &existed, err,
                                    err_size);
    sodium_memzero(sk, sizeof sk);
    if (!ok && existed) {
        snprintf(err, err_size, "%s/receiver.key exists already; not overwriting it", dir);
    }
    return ok && report_key_write_file(dir, "receiver.pub", pk, sizeof pk, 0644, false, NULL, err,
                                       err_size);
}

bool report_receiver_load_secret(const char *path, unsigned char pk[REPORT_RECEIVER_PK_BYTES],
                                 unsigned char sk[REPORT_RECEIVER_SK_BYTES], char *err,
                                 size_t err_size)
{
    if (!report_key_read_file(path, sk, REPORT_RECEIVER_SK_BYTES, err, err_size)) {
        return false;
    }
    crypto_scalarmult_base(pk, sk);
    return true;
}

bool report_receiver_public_key(const kiosk_config_t *cfg,
                                unsigned char pk[REPORT_RECEIVER_PK_BYTES], char *err,
                                size_t err_size)
{
    const char *value = cfg->receiver_public_key;
    if (value[0] == '\0') {
        snprintf(err, err_size, "[report] receiver_public_key is not set: give the receiver's "
                                "receiver.pub (kiosk-reports keygen) or its base64 text");
        return false;
    }
    if (!report_key_from_base64(value, pk, REPORT_RECEIVER_PK_BYTES)) {
        if (value[0] != '/') {
            snprintf(err, err_size, "[report] receiver_public_key is neither a %d-byte base64 "
                                    "key nor an absolute path to a key file",
                     REPORT_RECEIVER_PK_BYTES);
            return false;
        }
        char why[CONFIG_ERROR_MAX];
        if (!report_key_read_file(value, pk, REPORT_RECEIVER_PK_BYTES, why, sizeof why)) {
            snprintf(err, err_size, "[report] receiver_public_key: %s", why);
            return false;
        }
    }
    if (report_receiver_key_is_sample(pk) && !cfg->allow_sample_key) {
        snprintf(err, err_size, "[report] receiver_public_key is the published development "
                                "sample key, whose secret half anyone can read: reports would "
                                "not be private (allow_sample_key = true is for tests only)");
        return false;
    }
    return true;
}

bool report_receiver_key_is_sample(const unsigned char pk[REPORT_RECEIVER_PK_BYTES])
{
    unsigned char sample[REPORT_RECEIVER_PK_BYTES];
    return report_key_from_base64(REPORT_SAMPLE_RECEIVER_PUB, sample, sizeof sample) &&
           sodium_memcmp(sample, pk, sizeof sample) == 0;
}

bool report_signing_key_load_or_create(const char *state_dir, report_signing_key_t *key, char *err,
                                       size_t err_size)
{
    char path[CONFIG_PATH_MAX + 32];
    snprintf(path, sizeof path, "%s/%s", state_dir, REPORT_SIGNING_KEY_FILE);
    if (!paths_mkdirs(state_dir, 0700, err, err_size)) {
        return false;
    }
    if (access(path, F_OK) != 0) {
        bool existed = false;
        crypto_sign_keypair(key->pk, key->sk);
        bool ok = report_key_write_file(state_dir, REPORT_SIGNING_KEY_FILE, key->sk, sizeof key->sk,
                                        0600, true, &existed, err, err_size);
        sodium_memzero(key, sizeof *key);
        /* another process may have made it first: fall through and read theirs */
        if (!ok && !existed) {
            return false;
        }
    }
    if (!report_key_read_file(path, key->sk, sizeof key->sk, err, err_size)) {
        return false;
    }
    crypto_sign_ed25519_sk_to_pk(key->pk, key->sk);
    return true;
}
