/* kiosk-intake's own INI config (config/intake.ini is the annotated sample). */
#ifndef KIOSK_INTAKE_INTAKE_CONFIG_H
#define KIOSK_INTAKE_INTAKE_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#define INTAKE_PATH_MAX 1024
#define INTAKE_TARGET_MAX 1536
#define INTAKE_HASH_MAX 192 /* crypto_pwhash_STRBYTES is 128 */
#define INTAKE_CONFIG_ERROR_MAX 1400

typedef struct intake_config {
    /* [server] */
    char listen[64]; /* address to bind; plain HTTP only on a loopback address */
    int port;        /* 0 = any free port (tests; see --port-file) */
    char tls_cert[INTAKE_PATH_MAX];
    char tls_key[INTAKE_PATH_MAX];
    int max_connections;
    int timeout_s; /* idle connection time-out */
    /* [storage] */
    char storage[INTAKE_TARGET_MAX]; /* sqlite:PATH | postgresql:CONNINFO */
    int connections;
    /* [limits] */
    int max_envelope_bytes;
    int reports_per_minute; /* per kiosk, signed POSTs of any kind */
    int burst;
    /* [fleet] */
    char fleet_user[64];
    char fleet_password_hash[INTAKE_HASH_MAX]; /* Argon2id string (crypto_pwhash_str) */
    int heartbeat_s; /* expected interval when a heartbeat does not state its own */
    /* [receiver] */
    char receiver_token_hash[INTAKE_HASH_MAX]; /* hex BLAKE2b-256 of the bearer token */
    char source_path[INTAKE_PATH_MAX];
} intake_config_t;

void intake_config_defaults(intake_config_t *cfg);
/** Reads path over cfg; false with "FILE:LINE: problem" on the first bad line, or a problem
 *  with the whole (TLS half configured, plain HTTP on a public address). */
bool intake_config_load(intake_config_t *cfg, const char *path, char *err, size_t err_size);
bool intake_config_validate(const intake_config_t *cfg, char *err, size_t err_size);
bool intake_config_tls(const intake_config_t *cfg);

#endif
