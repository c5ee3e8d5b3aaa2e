/* Sealing a report for the receiver and opening it there (DESIGN §7).
 *
 * seal:  JSON -> sodium_pad to a fixed bucket -> crypto_box_seal to the receiver public key
 *        -> Ed25519 signature by the kiosk -> envelope.
 * The envelope is one line of JSON:
 *   {"format":"kiosk-envelope","version":1,"kiosk_id":..,"report_id":..,
 *    "signing_key":B64,"ciphertext":B64,"signature":B64}
 * The signature covers BLAKE2b-512 of ("kiosk-envelope/1", kiosk_id, report_id, ciphertext),
 * each length-prefixed, so none of them can be swapped between envelopes. The kiosk only
 * ever has the receiver's public key: it cannot open what it sealed. */
#ifndef KIOSK_REPORT_REPORT_SEAL_H
#define KIOSK_REPORT_REPORT_SEAL_H

#include "report/report.h"
#include "report/report_keys.h"

#include <stdbool.h>
#include <stddef.h>

#define REPORT_ENVELOPE_FORMAT "kiosk-envelope"
#define REPORT_ENVELOPE_VERSION 1
#define REPORT_ENVELOPE_MAX 32768 /* largest bucket, sealed, base64, plus header */

/** Padding buckets: every sealed report is exactly one of these sizes (plus the box
 *  overhead), so ciphertext length says little about what was written. */
#define REPORT_PAD_BUCKET_COUNT 3
extern const size_t REPORT_PAD_BUCKETS[REPORT_PAD_BUCKET_COUNT];

typedef enum {
    REPORT_OPEN_OK = 0,
    REPORT_OPEN_MALFORMED, /* not an envelope, truncated, bad base64 */
    REPORT_OPEN_VERSION,   /* an envelope version or format this tool does not know */
    REPORT_OPEN_SIGNATURE, /* signature does not verify: tampered */
    REPORT_OPEN_DECRYPT,   /* not sealed to this receiver key, or ciphertext damaged */
    REPORT_OPEN_MISMATCH,  /* inside and outside disagree on kiosk or report id */
} report_open_status_t;

/** What an opened envelope held. json is malloc'd: release with report_opened_clear(). */
typedef struct report_opened {
    char kiosk_id[REPORT_KIOSK_ID_MAX];
    char report_id[REPORT_ID_MAX];
    unsigned char signing_pk[REPORT_SIGN_PK_BYTES];
    char *json;
    size_t json_len;
} report_opened_t;

/** Seals json (len bytes, len < REPORT_JSON_MAX) into a malloc'd, NUL-terminated envelope
 *  (caller frees). The padded plaintext copy is wiped before returning; json itself is the
 *  caller's to wipe. */
bool report_envelope_seal(const char *json, size_t len,
                          const unsigned char receiver_pk[REPORT_RECEIVER_PK_BYTES],
                          const report_signing_key_t *signer, const char *kiosk_id,
                          const char *report_id, char **envelope, size_t *envelope_len, char *err,
                          size_t err_size);

/** Verifies and opens an envelope. On REPORT_OPEN_OK out holds the JSON; otherwise err says
 *  what is wrong in words a receiver can act on. The caller checks signing_pk against its
 *  pinned keys. */
report_open_status_t report_envelope_open(const char *envelope, size_t len,
                                          const unsigned char pk[REPORT_RECEIVER_PK_BYTES],
                                          const unsigned char sk[REPORT_RECEIVER_SK_BYTES],
                                          report_opened_t *out, char *err, size_t err_size);

/** What the intake service knows of an envelope without any private key: the signed ids and
 *  the key that signed them. */
typedef struct report_envelope_header {
    char kiosk_id[REPORT_KIOSK_ID_MAX];
    char report_id[REPORT_ID_MAX];
    unsigned char signing_pk[REPORT_SIGN_PK_BYTES];
} report_envelope_header_t;

/** Parses an envelope and checks its signature against the signing key it carries, without
 *  opening it (the intake has no receiver key). REPORT_OPEN_OK, REPORT_OPEN_MALFORMED,
 *  REPORT_OPEN_VERSION or REPORT_OPEN_SIGNATURE; err says which part is wrong. The caller
 *  still checks that out->signing_pk is registered to out->kiosk_id. */
report_open_status_t report_envelope_verify(const char *envelope, size_t len,
                                            report_envelope_header_t *out, char *err,
                                            size_t err_size);

/** Wipes and frees the JSON in out. */
void report_opened_clear(report_opened_t *out);

#endif
