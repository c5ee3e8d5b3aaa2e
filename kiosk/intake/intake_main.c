/* kiosk-intake: the fleet's intake service and its registry commands (docs/intake-api.md). */
#include "intake/intake.h"
#include "intake/intake_http.h"

#include "platform/harden.h"
#include "platform/log.h"
#include "report/report_keys.h"

#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define MAIN_PASSWORD_MAX 256
#define MAIN_TOKEN_BYTES 32
#define MAIN_DATE_MAX 32

typedef struct main_args {
    const char *config, *port_file, *site, *from, *until;
    const char *rest[4];
    int rest_count;
} main_args_t;

static int main_usage(FILE *f)
{
    fprintf(f, "usage:\n"
               "  kiosk-intake serve --config FILE [--port-file FILE]\n"
               "      run the service (TLS or plain HTTP on loopback, as the config says)\n"
               "  kiosk-intake register --config FILE KIOSK-ID KEY [--site S] [--from DATE]"
               " [--until DATE]\n"
               "      register a kiosk's signing key (from `kiosk --signing-key` on the unit);\n"
               "      a kiosk may hold several keys; DATE is YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ\n"
               "  kiosk-intake revoke --config FILE KIOSK-ID [KEY]\n"
               "      refuse that key (or every key of the kiosk) from now on\n"
               "  kiosk-intake list --config FILE\n"
               "      every registered key: kiosk, site, key, from, until, state\n"
               "  kiosk-intake migrate --config FILE      bring the database schema up to date\n"
               "  kiosk-intake check-config FILE          validate the config; non-zero on error\n"
               "  kiosk-intake hash-password              read a password on stdin, print the\n"
               "      Argon2id string for [fleet] password_hash\n"
               "  kiosk-intake make-token                 print a new receiver token and the\n"
               "      [receiver] token_hash for it\n");
    return 1;
}

static bool main_parse(int argc, char **argv, main_args_t *a)
{
    memset(a, 0, sizeof *a);
    for (int i = 0; i < argc; i++) {
        const char **slot = strcmp(argv[i], "--config") == 0      ? &a->config
                            : strcmp(argv[i], "--port-file") == 0 ? &a->port_file
                            : strcmp(argv[i], "--site") == 0      ? &a->site
                            : strcmp(argv[i], "--from") == 0      ? &a->from
                            : strcmp(argv[i], "--until") == 0     ? &a->until
                                                                  : NULL;
        if (slot) {
            if (i + 1 >= argc) {
                fprintf(stderr, "kiosk-intake: %s needs a value\n", argv[i]);
                return false;
            }
            *slot = argv[++i];
        } else if (strncmp(argv[i], "--", 2) == 0) {
            fprintf(stderr, "kiosk-intake: unknown option %s\n", argv[i]);
            return false;
        } else if (a->rest_count < 4) {
            a->rest[a->rest_count++] = argv[i];
        } else {
            fprintf(stderr, "kiosk-intake: too many arguments\n");
            return false;
        }
    }
    return true;
}

static bool main_load_config(const main_args_t *a, intake_config_t *cfg)
{
    char err[INTAKE_CONFIG_ERROR_MAX];
    intake_config_defaults(cfg);
    if (!a->config) {
        fprintf(stderr, "kiosk-intake: --config FILE is needed\n");
        return false;
    }
    if (!intake_config_load(cfg, a->config, err, sizeof err)) {
        fprintf(stderr, "kiosk-intake: %s\n", err);
        return false;
    }
    return true;
}

static intake_store_t *main_open_store(const intake_config_t *cfg, int pool)
{
    char err[INTAKE_STORE_ERROR_MAX];
    intake_store_t *s = intake_store_open(cfg->storage, pool, err, sizeof err);
    if (!s) {
        fprintf(stderr, "kiosk-intake: %s\n", err);
    }
    return s;
}

/* YYYY-MM-DD (midnight UTC) or YYYY-MM-DDTHH:MM:SSZ into milliseconds. */
static bool main_parse_date(const char *text, int64_t *ms)
{
    struct tm tm = {0};
    char tail = 0;
    int n = sscanf(text, "%4d-%2d-%2dT%2d:%2d:%2dZ%c", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
                   &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &tail);
    bool ok = (n == 3 && strlen(text) == 10) || (n == 6 && text[strlen(text) - 1] == 'Z');
    if (!ok || tm.tm_mon < 1 || tm.tm_mon > 12 || tm.tm_mday < 1 || tm.tm_mday > 31 ||
        tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60) {
        return false;
    }
    tm.tm_year -= 1900;
    tm.tm_mon -= 1;
    *ms = (int64_t)timegm(&tm) * 1000;
    return true;
}

static void main_format_date(int64_t ms, char *out, size_t size)
{
    if (ms == 0) {
        snprintf(out, size, "-");
        return;
    }
    time_t t = (time_t)(ms / 1000);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(out, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

static int main_register(const main_args_t *a)
{
    intake_config_t cfg;
    unsigned char pk[REPORT_SIGN_PK_BYTES];
    char err[INTAKE_STORE_ERROR_MAX];
    if (a->rest_count != 2) {
        return main_usage(stderr);
    }
    const char *id = a->rest[0], *key = a->rest[1];
    intake_key_row_t row = {.registered_ms = intake_now_ms()};
    row.valid_from_ms = row.registered_ms;
    if (!intake_kiosk_id_valid(id) || !report_key_from_base64(key, pk, sizeof pk)) {
        fprintf(stderr, "kiosk-intake: register needs a kiosk id ([A-Za-z0-9._-], up to 63) and "
                        "a base64 Ed25519 public key (`kiosk --signing-key` on the unit)\n");
        return 1;
    }
    if ((a->from && !main_parse_date(a->from, &row.valid_from_ms)) ||
        (a->until && !main_parse_date(a->until, &row.valid_until_ms))) {
        fprintf(stderr, "kiosk-intake: dates are YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ (UTC)\n");
        return 1;
    }
    if (row.valid_until_ms && row.valid_until_ms <= row.valid_from_ms) {
        fprintf(stderr, "kiosk-intake: --until must be after --from\n");
        return 1;
    }
    if (a->site && strlen(a->site) >= sizeof row.site) {
        fprintf(stderr, "kiosk-intake: --site is longer than %d characters\n", INTAKE_SITE_MAX - 1);
        return 1;
    }
    snprintf(row.kiosk_id, sizeof row.kiosk_id, "%s", id);
    snprintf(row.site, sizeof row.site, "%s", a->site ? a->site : "");
    report_key_to_base64(pk, sizeof pk, row.public_key, sizeof row.public_key);
    if (!main_load_config(a, &cfg)) {
        return 1;
    }
    intake_store_t *s = main_open_store(&cfg, 1);
    /* the check only reads the registry; any time will do to learn whether it is revoked */
    bool ok = s && intake_check_key(&(intake_t){.store = s}, id, pk, row.valid_from_ms, err,
                                    sizeof err) != 503;
    if (ok && strstr(err, "was revoked")) {
        fprintf(stderr,
                "kiosk-intake: this key of %s was revoked; a revoked key is never "
                "registered again (make a new key on the unit)\n",
                id);
        intake_store_close(s);
        return 1;
    }
    ok = ok && intake_store_add_key(s, &row, err, sizeof err);
    if (!ok && s) {
        fprintf(stderr, "kiosk-intake: %s\n", err);
    }
    intake_store_close(s);
    if (ok) {
        char from[MAIN_DATE_MAX], until[MAIN_DATE_MAX];
        main_format_date(row.valid_from_ms, from, sizeof from);
        main_format_date(row.valid_until_ms, until, sizeof until);
        printf("registered kiosk %s key %s valid from %s until %s\n", id, row.public_key, from,
               row.valid_until_ms ? until : "open-ended");
    }
    return ok ? 0 : 1;
}

static int main_revoke(const main_args_t *a)
{
    intake_config_t cfg;
    unsigned char pk[REPORT_SIGN_PK_BYTES];
    char err[INTAKE_STORE_ERROR_MAX], b64[INTAKE_KEY_B64_MAX];
    if (a->rest_count < 1 || a->rest_count > 2) {
        return main_usage(stderr);
    }
    if (a->rest_count == 2) {
        if (!report_key_from_base64(a->rest[1], pk, sizeof pk)) {
            fprintf(stderr, "kiosk-intake: KEY is not a base64 Ed25519 public key\n");
            return 1;
        }
        report_key_to_base64(pk, sizeof pk, b64, sizeof b64);
    }
    if (!main_load_config(a, &cfg)) {
        return 1;
    }
    intake_store_t *s = main_open_store(&cfg, 1);
    int count = 0;
    bool ok = s && intake_store_revoke(s, a->rest[0], a->rest_count == 2 ? b64 : NULL,
                                       intake_now_ms(), &count, err, sizeof err);
    if (!ok && s) {
        fprintf(stderr, "kiosk-intake: %s\n", err);
    }
    intake_store_close(s);
    if (ok && count == 0) {
        fprintf(stderr, "kiosk-intake: kiosk %s has no such key that is not already revoked\n",
                a->rest[0]);
        return 1;
    }
    if (ok) {
        printf("revoked %d key%s of kiosk %s\n", count, count == 1 ? "" : "s", a->rest[0]);
    }
    return ok ? 0 : 1;
}

static bool main_list_visit(void *user, const intake_key_row_t *k)
{
    char from[MAIN_DATE_MAX], until[MAIN_DATE_MAX], revoked[MAIN_DATE_MAX];
    main_format_date(k->valid_from_ms, from, sizeof from);
    main_format_date(k->valid_until_ms, until, sizeof until);
    main_format_date(k->revoked_ms, revoked, sizeof revoked);
    int64_t now = *(const int64_t *)user;
    const char *state = k->revoked_ms                                  ? "revoked"
                        : now < k->valid_from_ms                       ? "not yet valid"
                        : k->valid_until_ms && now > k->valid_until_ms ? "expired"
                                                                       : "valid";
    printf("%s\t%s\t%s\t%s\t%s\t%s%s%s\n", k->kiosk_id, k->site[0] ? k->site : "-", k->public_key,
           from, until, state, k->revoked_ms ? " " : "", k->revoked_ms ? revoked : "");
    return true;
}

static int main_list(const main_args_t *a)
{
    intake_config_t cfg;
    char err[INTAKE_STORE_ERROR_MAX];
    if (a->rest_count != 0 || !main_load_config(a, &cfg)) {
        return a->rest_count ? main_usage(stderr) : 1;
    }
    intake_store_t *s = main_open_store(&cfg, 1);
    int64_t now = intake_now_ms();
    printf("kiosk\tsite\tkey\tfrom\tuntil\tstate\n");
    bool ok = s && intake_store_list_keys(s, NULL, main_list_visit, &now, err, sizeof err);
    if (!ok && s) {
        fprintf(stderr, "kiosk-intake: %s\n", err);
    }
    intake_store_close(s);
    return ok ? 0 : 1;
}

static int main_migrate(const main_args_t *a)
{
    intake_config_t cfg;
    char err[INTAKE_STORE_ERROR_MAX];
    int version = 0;
    if (!main_load_config(a, &cfg)) {
        return 1;
    }
    intake_store_t *s = main_open_store(&cfg, 1);
    bool ok = s && intake_store_schema_version(s, &version, err, sizeof err);
    if (ok) {
        printf("%s schema at version %d\n", intake_store_backend(s), version);
    } else if (s) {
        fprintf(stderr, "kiosk-intake: %s\n", err);
    }
    intake_store_close(s);
    return ok ? 0 : 1;
}

static int main_hash_password(void)
{
    char password[MAIN_PASSWORD_MAX], hash[crypto_pwhash_STRBYTES];
    if (!fgets(password, sizeof password, stdin)) {
        fprintf(stderr, "kiosk-intake: give the password on stdin\n");
        return 1;
    }
    password[strcspn(password, "\r\n")] = '\0';
    bool ok = strlen(password) >= 8 && crypto_pwhash_str(hash, password, strlen(password),
                                                         crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                                         crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0;
    sodium_memzero(password, sizeof password);
    if (!ok) {
        fprintf(stderr, "kiosk-intake: the password must be at least 8 characters\n");
        return 1;
    }
    printf("%s\n", hash);
    return 0;
}

static int main_make_token(void)
{
    unsigned char token[MAIN_TOKEN_BYTES], digest[INTAKE_DIGEST_BYTES];
    char
        text[sodium_base64_ENCODED_LEN(MAIN_TOKEN_BYTES, sodium_base64_VARIANT_URLSAFE_NO_PADDING)];
    char hex[INTAKE_DIGEST_BYTES * 2 + 1];
    randombytes_buf(token, sizeof token);
    sodium_bin2base64(text, sizeof text, token, sizeof token,
                      sodium_base64_VARIANT_URLSAFE_NO_PADDING);
    crypto_generichash(digest, sizeof digest, (const unsigned char *)text, strlen(text), NULL, 0);
    sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
    printf("token = %s\ntoken_hash = %s\n", text, hex);
    sodium_memzero(token, sizeof token);
    sodium_memzero(text, sizeof text);
    return 0;
}

static bool main_write_port(const char *path, int port)
{
    char tmp[INTAKE_PATH_MAX + 8];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    bool ok = f && fprintf(f, "%d\n", port) > 0;
    ok = f && fclose(f) == 0 && ok && rename(tmp, path) == 0;
    return ok;
}

static int main_serve(const main_args_t *a)
{
    intake_config_t cfg;
    char err[INTAKE_CONFIG_ERROR_MAX];
    if (a->rest_count || !main_load_config(a, &cfg)) {
        return a->rest_count ? main_usage(stderr) : 1;
    }
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    /* every thread started from here on inherits the mask; only sigwait sees these */
    pthread_sigmask(SIG_BLOCK, &stop, NULL);
    signal(SIGPIPE, SIG_IGN);
    intake_store_t *store = main_open_store(&cfg, cfg.connections);
    intake_t in;
    intake_server_t *server = NULL;
    if (!store || !intake_init(&in, &cfg, store, err, sizeof err)) {
        intake_store_close(store);
        return 1;
    }
    server = intake_server_start(&in, err, sizeof err);
    if (!server) {
        fprintf(stderr, "kiosk-intake: %s\n", err);
        intake_deinit(&in);
        intake_store_close(store);
        return 1;
    }
    log_info("kiosk-intake %s listening on %s port %d (%s), storage %s", KIOSK_VERSION, cfg.listen,
             intake_server_port(server), intake_config_tls(&cfg) ? "TLS" : "plain HTTP",
             intake_store_backend(store));
    if (a->port_file && !main_write_port(a->port_file, intake_server_port(server))) {
        fprintf(stderr, "kiosk-intake: cannot write %s: %s\n", a->port_file, strerror(errno));
    }
    int sig = 0;
    sigwait(&stop, &sig);
    log_info("kiosk-intake stopping (signal %d)", sig);
    intake_server_stop(server);
    intake_deinit(&in);
    intake_store_close(store);
    return 0;
}

int main(int argc, char **argv)
{
    main_args_t a;
    if (argc < 2 || sodium_init() < 0) {
        return main_usage(stderr);
    }
    harden_process();
    log_init("kiosk-intake", true, LOG_LEVEL_INFO);
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
        main_usage(stdout);
        return 0;
    }
    if (strcmp(cmd, "--version") == 0) {
        printf("kiosk-intake %s\n", KIOSK_VERSION);
        return 0;
    }
    if (!main_parse(argc - 2, argv + 2, &a)) {
        return main_usage(stderr);
    }
    if (strcmp(cmd, "serve") == 0) {
        return main_serve(&a);
    }
    if (strcmp(cmd, "register") == 0) {
        return main_register(&a);
    }
    if (strcmp(cmd, "revoke") == 0) {
        return main_revoke(&a);
    }
    if (strcmp(cmd, "list") == 0) {
        return main_list(&a);
    }
    if (strcmp(cmd, "migrate") == 0) {
        return main_migrate(&a);
    }
    if (strcmp(cmd, "check-config") == 0 && a.rest_count == 1) {
        intake_config_t cfg;
        char err[INTAKE_CONFIG_ERROR_MAX];
        intake_config_defaults(&cfg);
        if (!intake_config_load(&cfg, a.rest[0], err, sizeof err)) {
            fprintf(stderr, "kiosk-intake: %s\n", err);
            return 1;
        }
        printf("%s: ok\n", a.rest[0]);
        return 0;
    }
    if (strcmp(cmd, "hash-password") == 0) {
        return main_hash_password();
    }
    if (strcmp(cmd, "make-token") == 0) {
        return main_make_token();
    }
    return main_usage(stderr);
}
