#include "report/report_seal.h"

#include "report/report_json.h"

#include <cjson/cJSON.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const size_t REPORT_PAD_BUCKETS[REPORT_PAD_BUCKET_COUNT] = {1024, 4096, REPORT_JSON_MAX};

#define SEAL_DIGEST_BYTES crypto_generichash_BYTES_MAX
#define SEAL_CONTEXT "kiosk-envelope/1"

static void seal_hash_field(crypto_generichash_state *st, const void *data, size_t len)
{
    unsigned char n[4] = {(unsigned char)(len >> 24), (unsigned char)(len >> 16),
                          (unsigned char)(len >> 8), (unsigned char)len};
    crypto_generichash_update(st, n, sizeof n);
    crypto_generichash_update(st, data, len);
}

/* What the kiosk signs: every field of the envelope that means something. */
static void seal_digest(const char *kiosk_id, const char *report_id, const unsigned char *ct,
                        size_t ct_len, unsigned char digest[SEAL_DIGEST_BYTES])
{
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, SEAL_DIGEST_BYTES);
    seal_hash_field(&st, SEAL_CONTEXT, strlen(SEAL_CONTEXT));
    seal_hash_field(&st, kiosk_id, strlen(kiosk_id));
    seal_hash_field(&st, report_id, strlen(report_id));
    seal_hash_field(&st, ct, ct_len);
    crypto_generichash_final(&st, digest, SEAL_DIGEST_BYTES);
}

static char *seal_base64(const unsigned char *bin, size_t len)
{
    size_t size = sodium_base64_ENCODED_LEN(len, sodium_base64_VARIANT_ORIGINAL);
    char *out = malloc(size);
    if (out) {
        sodium_bin2base64(out, size, bin, len, sodium_base64_VARIANT_ORIGINAL);
    }
    return out;
}

static size_t seal_bucket_for(size_t len)
{
    for (int i = 0; i < REPORT_PAD_BUCKET_COUNT; i++) {
        if (len + 1 <= REPORT_PAD_BUCKETS[i]) { /* sodium_pad always adds at least 1 byte */
            return REPORT_PAD_BUCKETS[i];
        }
    }
    return 0;
}

/* Pads and seals; the padded plaintext lives only in this stack frame and is wiped. */
static bool seal_box(const char *json, size_t len, const unsigned char *receiver_pk,
                     unsigned char **ct, size_t *ct_len, char *err, size_t err_size)
{
    unsigned char padded[REPORT_JSON_MAX];
    size_t bucket = seal_bucket_for(len), padded_len = 0;
    if (bucket == 0) {
        snprintf(err, err_size, "report JSON too large to seal (%zu bytes)", len);
        return false;
    }
    memcpy(padded, json, len);
    bool ok =
        sodium_pad(&padded_len, padded, len, bucket, sizeof padded) == 0 && padded_len == bucket;
    *ct_len = padded_len + crypto_box_SEALBYTES;
    *ct = ok ? malloc(*ct_len) : NULL;
    ok = *ct && crypto_box_seal(*ct, padded, padded_len, receiver_pk) == 0;
    sodium_memzero(padded, sizeof padded);
    if (!ok) {
        free(*ct);
        *ct = NULL;
        snprintf(err, err_size, "cannot seal the report");
    }
    return ok;
}

static char *seal_envelope_json(const char *kiosk_id, const char *report_id,
                                const unsigned char *signing_pk, const unsigned char *ct,
                                size_t ct_len, const unsigned char *sig)
{
    char *pk64 = seal_base64(signing_pk, REPORT_SIGN_PK_BYTES);
    char *ct64 = seal_base64(ct, ct_len);
    char *sig64 = seal_base64(sig, crypto_sign_BYTES);
    cJSON *o = cJSON_CreateObject();
    char *text = NULL;
    if (pk64 && ct64 && sig64 && o &&
        cJSON_AddStringToObject(o, "format", REPORT_ENVELOPE_FORMAT) &&
        cJSON_AddNumberToObject(o, "version", REPORT_ENVELOPE_VERSION) &&
        cJSON_AddStringToObject(o, "kiosk_id", kiosk_id) &&
        cJSON_AddStringToObject(o, "report_id", report_id) &&
        cJSON_AddStringToObject(o, "signing_key", pk64) &&
        cJSON_AddStringToObject(o, "ciphertext", ct64) &&
        cJSON_AddStringToObject(o, "signature", sig64)) {
        text = cJSON_PrintUnformatted(o);
    }
    cJSON_Delete(o);
    free(pk64);
    free(ct64);
    free(sig64);
    return text;
}

bool report_envelope_seal(const char *json, size_t len,
                          const unsigned char receiver_pk[REPORT_RECEIVER_PK_BYTES],
                          const report_signing_key_t *signer, const char *kiosk_id,
                          const char *report_id, char **envelope, size_t *envelope_len, char *err,
                          size_t err_size)
{
    unsigned char *ct = NULL, digest[SEAL_DIGEST_BYTES], sig[crypto_sign_BYTES];
    size_t ct_len = 0;
    *envelope = NULL;
    if (!seal_box(json, len, receiver_pk, &ct, &ct_len, err, err_size)) {
        return false;
    }
    seal_digest(kiosk_id, report_id, ct, ct_len, digest);
    crypto_sign_detached(sig, NULL, digest, sizeof digest, signer->sk);
    char *text = seal_envelope_json(kiosk_id, report_id, signer->pk, ct, ct_len, sig);
    free(ct);
    if (!text) {
        snprintf(err, err_size, "out of memory writing the envelope");
        return false;
    }
    /* cJSON allocates with malloc by default, so the caller may free() it */
    *envelope = text;
    *envelope_len = strlen(text);
    return true;
}

/* ---- opening ---- */

typedef struct seal_fields {
    const char *kiosk_id, *report_id, *signing_key, *ciphertext, *signature;
} seal_fields_t;

static const char *seal_get_string(const cJSON *o, const char *key)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(o, key);
    return cJSON_IsString(it) ? it->valuestring : NULL;
}

static report_open_status_t seal_parse_header(const cJSON *o, seal_fields_t *f, char *err,
                                              size_t err_size)
{
    const char *format = seal_get_string(o, "format");
    const cJSON *version = cJSON_GetObjectItemCaseSensitive(o, "version");
    if (!format || strcmp(format, REPORT_ENVELOPE_FORMAT) != 0 || !cJSON_IsNumber(version)) {
        snprintf(err, err_size, "not a kiosk envelope (no format/version)");
        return REPORT_OPEN_MALFORMED;
    }
    if (version->valuedouble != REPORT_ENVELOPE_VERSION) {
        snprintf(err, err_size, "unknown envelope version %g (this tool reads version %d)",
                 version->valuedouble, REPORT_ENVELOPE_VERSION);
        return REPORT_OPEN_VERSION;
    }
    f->kiosk_id = seal_get_string(o, "kiosk_id");
    f->report_id = seal_get_string(o, "report_id");
    f->signing_key = seal_get_string(o, "signing_key");
    f->ciphertext = seal_get_string(o, "ciphertext");
    f->signature = seal_get_string(o, "signature");
    if (!f->kiosk_id || !f->report_id || !f->signing_key || !f->ciphertext || !f->signature ||
        strlen(f->kiosk_id) >= REPORT_KIOSK_ID_MAX || strlen(f->report_id) >= REPORT_ID_MAX) {
        snprintf(err, err_size, "envelope is missing a field or has an oversized id");
        return REPORT_OPEN_MALFORMED;
    }
    return REPORT_OPEN_OK;
}

static bool seal_decode(const char *b64, unsigned char *bin, size_t max, size_t *len)
{
    return sodium_base642bin(bin, max, b64, strlen(b64), NULL, len, NULL,
                             sodium_base64_VARIANT_ORIGINAL) == 0;
}

/* Opens ct into out->json; checks the ids inside match the signed ones outside. */
static report_open_status_t seal_unbox(const unsigned char *ct, size_t ct_len,
                                       const unsigned char *pk, const unsigned char *sk,
                                       report_opened_t *out, char *err, size_t err_size)
{
    unsigned char padded[REPORT_JSON_MAX];
    size_t plain_len = ct_len - crypto_box_SEALBYTES, unpadded = 0;
    if (ct_len < crypto_box_SEALBYTES || plain_len > sizeof padded ||
        crypto_box_seal_open(padded, ct, ct_len, pk, sk) != 0) {
        snprintf(err, err_size,
                 "cannot decrypt: sealed to a different receiver key "
                 "(wrong --key?) or the ciphertext is damaged");
        return REPORT_OPEN_DECRYPT;
    }
    report_open_status_t status = REPORT_OPEN_OK;
    if (sodium_unpad(&unpadded, padded, plain_len, plain_len) != 0) {
        snprintf(err, err_size, "decrypted report has bad padding");
        status = REPORT_OPEN_MALFORMED;
    } else if ((out->json = malloc(unpadded + 1)) == NULL) {
        snprintf(err, err_size, "out of memory");
        status = REPORT_OPEN_MALFORMED;
    } else {
        memcpy(out->json, padded, unpadded);
        out->json[unpadded] = '\0';
        out->json_len = unpadded;
    }
    sodium_memzero(padded, sizeof padded);
    return status;
}

static report_open_status_t seal_check_inner_ids(report_opened_t *out, char *err, size_t err_size)
{
    const char *why = "";
    cJSON *inner = report_json_parse_strict(out->json, out->json_len, &why);
    if (!inner) {
        snprintf(err, err_size, "report inside is not strict JSON: %s", why);
        return REPORT_OPEN_MALFORMED;
    }
    const char *id = seal_get_string(inner, "id");
    const char *kiosk = seal_get_string(inner, "kiosk_id");
    bool ok = id && kiosk && strcmp(id, out->report_id) == 0 && strcmp(kiosk, out->kiosk_id) == 0;
    cJSON_Delete(inner);
    if (!ok) {
        snprintf(err, err_size, "report inside does not match the envelope's kiosk/report id");
        return REPORT_OPEN_MISMATCH;
    }
    return REPORT_OPEN_OK;
}

static report_open_status_t seal_open_fields(const seal_fields_t *f, const unsigned char *pk,
                                             const unsigned char *sk, report_opened_t *out,
                                             char *err, size_t err_size)
{
    unsigned char sig[crypto_sign_BYTES], digest[SEAL_DIGEST_BYTES];
    size_t ct_max = strlen(f->ciphertext), ct_len = 0, sig_len = 0, pk_len = 0;
    unsigned char *ct = malloc(ct_max + 1);
    if (!ct || !seal_decode(f->ciphertext, ct, ct_max, &ct_len) ||
        !seal_decode(f->signature, sig, sizeof sig, &sig_len) || sig_len != sizeof sig ||
        !seal_decode(f->signing_key, out->signing_pk, sizeof out->signing_pk, &pk_len) ||
        pk_len != sizeof out->signing_pk) {
        free(ct);
        snprintf(err, err_size, "envelope is truncated or has bad base64");
        return REPORT_OPEN_MALFORMED;
    }
    snprintf(out->kiosk_id, sizeof out->kiosk_id, "%s", f->kiosk_id);
    snprintf(out->report_id, sizeof out->report_id, "%s", f->report_id);
    seal_digest(f->kiosk_id, f->report_id, ct, ct_len, digest);
    report_open_status_t status = REPORT_OPEN_OK;
    if (crypto_sign_verify_detached(sig, digest, sizeof digest, out->signing_pk) != 0) {
        snprintf(err, err_size, "signature does not verify: the envelope was altered");
        status = REPORT_OPEN_SIGNATURE;
    } else {
        status = seal_unbox(ct, ct_len, pk, sk, out, err, err_size);
    }
    free(ct);
    if (status == REPORT_OPEN_OK) {
        status = seal_check_inner_ids(out, err, err_size);
    }
    return status;
}

report_open_status_t report_envelope_open(const char *envelope, size_t len,
                                          const unsigned char pk[REPORT_RECEIVER_PK_BYTES],
                                          const unsigned char sk[REPORT_RECEIVER_SK_BYTES],
                                          report_opened_t *out, char *err, size_t err_size)
{
    memset(out, 0, sizeof *out);
    const char *why = "not a JSON object";
    cJSON *o = report_json_parse_strict(envelope, len, &why);
    if (!o || !cJSON_IsObject(o)) {
        cJSON_Delete(o);
        snprintf(err, err_size, "not a kiosk envelope: %s", why);
        return REPORT_OPEN_MALFORMED;
    }
    seal_fields_t f;
    report_open_status_t status = seal_parse_header(o, &f, err, err_size);
    if (status == REPORT_OPEN_OK) {
        status = seal_open_fields(&f, pk, sk, out, err, err_size);
    }
    cJSON_Delete(o);
    if (status != REPORT_OPEN_OK) {
        report_opened_clear(out);
    }
    return status;
}

void report_opened_clear(report_opened_t *out)
{
    if (out->json) {
        sodium_memzero(out->json, out->json_len);
        free(out->json);
    }
    out->json = NULL;
    out->json_len = 0;
}
