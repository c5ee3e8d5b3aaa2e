#include "intake/intake_config.h"

#include "platform/ini_file.h"

#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#define INTAKE_DEFAULT_PORT 8443
#define INTAKE_PORT_MAX 65535

void intake_config_defaults(intake_config_t *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    snprintf(cfg->listen, sizeof cfg->listen, "127.0.0.1");
    cfg->port = INTAKE_DEFAULT_PORT;
    cfg->max_connections = 256;
    cfg->timeout_s = 30;
    snprintf(cfg->storage, sizeof cfg->storage, "sqlite:/var/lib/kiosk-intake/intake.db");
    cfg->connections = 4;
    cfg->max_envelope_bytes = 65536;
    cfg->reports_per_minute = 60;
    cfg->burst = 20;
    snprintf(cfg->fleet_user, sizeof cfg->fleet_user, "estates");
    cfg->heartbeat_s = 300;
}

#define KEY_IS(s, k) (strcmp(section, (s)) == 0 && strcmp(key, (k)) == 0)

static bool intake_config_item(void *user, const char *section, const char *key, const char *value,
                               char *problem, size_t size)
{
    intake_config_t *c = user;
    if (KEY_IS("server", "listen")) {
        return ini_copy_string(value, c->listen, sizeof c->listen, problem, size);
    }
    if (KEY_IS("server", "port")) {
        return ini_parse_int(value, 0, INTAKE_PORT_MAX, &c->port, problem, size);
    }
    if (KEY_IS("server", "tls_cert")) {
        return ini_copy_string(value, c->tls_cert, sizeof c->tls_cert, problem, size);
    }
    if (KEY_IS("server", "tls_key")) {
        return ini_copy_string(value, c->tls_key, sizeof c->tls_key, problem, size);
    }
    if (KEY_IS("server", "max_connections")) {
        return ini_parse_int(value, 1, 10000, &c->max_connections, problem, size);
    }
    if (KEY_IS("server", "timeout_s")) {
        return ini_parse_int(value, 1, 3600, &c->timeout_s, problem, size);
    }
    if (KEY_IS("storage", "target")) {
        return ini_copy_string(value, c->storage, sizeof c->storage, problem, size);
    }
    if (KEY_IS("storage", "connections")) {
        return ini_parse_int(value, 1, 32, &c->connections, problem, size);
    }
    if (KEY_IS("limits", "max_envelope_bytes")) {
        return ini_parse_int(value, 1024, 16 * 1024 * 1024, &c->max_envelope_bytes, problem, size);
    }
    if (KEY_IS("limits", "reports_per_minute")) {
        return ini_parse_int(value, 1, 1000000, &c->reports_per_minute, problem, size);
    }
    if (KEY_IS("limits", "burst")) {
        return ini_parse_int(value, 1, 1000000, &c->burst, problem, size);
    }
    if (KEY_IS("fleet", "user")) {
        return ini_copy_string(value, c->fleet_user, sizeof c->fleet_user, problem, size);
    }
    if (KEY_IS("fleet", "password_hash")) {
        if (value[0] && strncmp(value, "$argon2id$", 10) != 0) {
            snprintf(problem, size,
                     "password_hash must be an Argon2id string "
                     "(make one with `kiosk-intake hash-password`)");
            return false;
        }
        return ini_copy_string(value, c->fleet_password_hash, sizeof c->fleet_password_hash,
                               problem, size);
    }
    if (KEY_IS("fleet", "heartbeat_s")) {
        return ini_parse_int(value, 10, 86400, &c->heartbeat_s, problem, size);
    }
    if (KEY_IS("receiver", "token_hash")) {
        if (value[0] && strlen(value) != 64) {
            snprintf(problem, size,
                     "token_hash must be 64 hex digits "
                     "(make one with `kiosk-intake make-token`)");
            return false;
        }
        return ini_copy_string(value, c->receiver_token_hash, sizeof c->receiver_token_hash,
                               problem, size);
    }
    snprintf(problem, size, "unknown key '%s' in [%s]", key, section);
    return false;
}

bool intake_config_tls(const intake_config_t *cfg)
{
    return cfg->tls_cert[0] != '\0';
}

static bool intake_listen_is_loopback(const char *addr)
{
    struct in_addr v4;
    struct in6_addr v6;
    if (inet_pton(AF_INET, addr, &v4) == 1) {
        return (ntohl(v4.s_addr) >> 24) == 127;
    }
    return inet_pton(AF_INET6, addr, &v6) == 1 && IN6_IS_ADDR_LOOPBACK(&v6);
}

bool intake_config_validate(const intake_config_t *cfg, char *err, size_t err_size)
{
    const char *where = cfg->source_path[0] ? cfg->source_path : "intake config";
    struct in_addr v4;
    struct in6_addr v6;
    if (inet_pton(AF_INET, cfg->listen, &v4) != 1 && inet_pton(AF_INET6, cfg->listen, &v6) != 1) {
        snprintf(err, err_size, "%s: [server] listen '%s' is not an IP address", where,
                 cfg->listen);
        return false;
    }
    if (!cfg->tls_cert[0] != !cfg->tls_key[0]) {
        snprintf(err, err_size, "%s: [server] tls_cert and tls_key go together", where);
        return false;
    }
    if (!intake_config_tls(cfg) && !intake_listen_is_loopback(cfg->listen)) {
        snprintf(err, err_size,
                 "%s: [server] plain HTTP only on a loopback address (behind a reverse "
                 "proxy); set tls_cert and tls_key to listen on %s",
                 where, cfg->listen);
        return false;
    }
    return true;
}

bool intake_config_load(intake_config_t *cfg, const char *path, char *err, size_t err_size)
{
    snprintf(cfg->source_path, sizeof cfg->source_path, "%s", path);
    return ini_file_parse(path, intake_config_item, cfg, err, err_size) &&
           intake_config_validate(cfg, err, err_size);
}
