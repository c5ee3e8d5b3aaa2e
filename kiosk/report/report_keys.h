/* Keys: the receiver's box key pair (only the receiver holds the secret half) and each
 * kiosk's Ed25519 signing key. On disk every key is one line of standard base64. */
#ifndef KIOSK_REPORT_REPORT_KEYS_H
#define KIOSK_REPORT_REPORT_KEYS_H

#include "platform/config.h"

#include <sodium.h>
#include <stdbool.h>
#include <stddef.h>

#define REPORT_RECEIVER_PK_BYTES crypto_box_PUBLICKEYBYTES
#define REPORT_RECEIVER_SK_BYTES crypto_box_SECRETKEYBYTES
#define REPORT_SIGN_PK_BYTES crypto_sign_PUBLICKEYBYTES
#define REPORT_SIGN_SK_BYTES crypto_sign_SECRETKEYBYTES
#define REPORT_KEY_BASE64_MAX 128 /* a 64-byte key is 88 characters */
#define REPORT_SIGNING_KEY_FILE "signing.key"
/* config/sample-receiver/receiver.pub, compiled in (CMakeLists.txt) so that it is
 * recognised wherever it turns up; the file itself is never installed. */
#define REPORT_SAMPLE_RECEIVER_PUB KIOSK_SAMPLE_RECEIVER_PUB

/** A kiosk's signing key pair. Wipe with sodium_memzero when done. */
typedef struct report_signing_key {
    unsigned char pk[REPORT_SIGN_PK_BYTES];
    unsigned char sk[REPORT_SIGN_SK_BYTES];
} report_signing_key_t;

/** Standard base64 of bin into out (NUL-terminated). */
void report_key_to_base64(const unsigned char *bin, size_t len, char *out, size_t out_size);

/** Decodes standard base64 text (surrounding whitespace ignored) that must be exactly len
 *  bytes long. */
bool report_key_from_base64(const char *text, unsigned char *bin, size_t len);

/** Reads a one-line base64 key file holding exactly len bytes. */
bool report_key_read_file(const char *path, unsigned char *bin, size_t len, char *err,
                          size_t err_size);

/** Makes a receiver key pair: DIR/receiver.pub (0644) and DIR/receiver.key (0600). Refuses
 *  to overwrite an existing receiver.key (it may be the only key to years of reports). */
bool report_receiver_keygen(const char *dir, char *err, size_t err_size);

/** Loads a receiver secret key file; also gives its public half. */
bool report_receiver_load_secret(const char *path, unsigned char pk[REPORT_RECEIVER_PK_BYTES],
                                 unsigned char sk[REPORT_RECEIVER_SK_BYTES], char *err,
                                 size_t err_size);

/** The receiver public key from [report] receiver_public_key: base64 text, or an absolute
 *  path to a key file. Refuses the development sample key unless [report]
 *  allow_sample_key is true: never a fallback. */
bool report_receiver_public_key(const kiosk_config_t *cfg,
                                unsigned char pk[REPORT_RECEIVER_PK_BYTES], char *err,
                                size_t err_size);

/** True when pk is the development sample key (config/sample-receiver/). */
bool report_receiver_key_is_sample(const unsigned char pk[REPORT_RECEIVER_PK_BYTES]);

/** Loads STATE_DIR/signing.key, creating it (0600, atomically) on first use. */
bool report_signing_key_load_or_create(const char *state_dir, report_signing_key_t *key, char *err,
                                       size_t err_size);

#endif
