/* kiosk-reports: keygen, open, export, trust (DESIGN §7, §9). */
#include "cli/kiosk_reports.h"

#include <sodium.h>
#include <string.h>

static int kr_usage(FILE *f)
{
    fprintf(f, "usage:\n"
               "  kiosk-reports keygen --out DIR\n"
               "      make DIR/receiver.pub (goes into the kiosk config) and DIR/receiver.key "
               "(0600, keep secret)\n"
               "  kiosk-reports open --key FILE [--known FILE] PATH...\n"
               "      verify, decrypt and de-duplicate envelopes (files, spool directories or a\n"
               "      kiosk outbox.db); print one JSON report per line\n"
               "  kiosk-reports export --csv --key FILE [--known FILE] PATH...\n"
               "      the same as CSV\n"
               "  kiosk-reports trust [--key FILE | --known FILE] KIOSK-ID KEY\n"
               "      pin (or re-pin) a kiosk's signing key (from `kiosk --signing-key`)\n"
               "known_kiosks lives next to the receiver key unless --known is given; kiosks are\n"
               "pinned on first sight and a changed key is rejected.\n"
               "exit: 0 ok, 1 usage or key error, 2 some envelopes rejected (the rest printed)\n");
    return 1;
}

typedef struct kr_args {
    const char *out, *key, *known;
    bool csv;
    char **rest;
    int rest_count;
} kr_args_t;

static bool kr_parse(int argc, char **argv, kr_args_t *a)
{
    memset(a, 0, sizeof *a);
    a->rest = argv;
    for (int i = 0; i < argc; i++) {
        const char **slot = strcmp(argv[i], "--out") == 0     ? &a->out
                            : strcmp(argv[i], "--key") == 0   ? &a->key
                            : strcmp(argv[i], "--known") == 0 ? &a->known
                                                              : NULL;
        if (slot) {
            if (i + 1 >= argc) {
                fprintf(stderr, "kiosk-reports: %s needs a value\n", argv[i]);
                return false;
            }
            *slot = argv[++i];
        } else if (strcmp(argv[i], "--csv") == 0) {
            a->csv = true;
        } else if (strncmp(argv[i], "--", 2) == 0) {
            fprintf(stderr, "kiosk-reports: unknown option %s\n", argv[i]);
            return false;
        } else {
            a->rest[a->rest_count++] = argv[i];
        }
    }
    return true;
}

static int kr_keygen(const kr_args_t *a)
{
    char err[KR_ERROR_MAX];
    if (!a->out || a->rest_count) {
        return kr_usage(stderr);
    }
    if (!report_receiver_keygen(a->out, err, sizeof err)) {
        fprintf(stderr, "kiosk-reports: %s\n", err);
        return 1;
    }
    printf("wrote %s/receiver.pub (for [report] receiver_public_key) and %s/receiver.key "
           "(secret: only the receiver keeps it)\n",
           a->out, a->out);
    return 0;
}

static int kr_trust(const kr_args_t *a)
{
    char err[KR_ERROR_MAX], path[KR_PATH_MAX];
    unsigned char pk[REPORT_SIGN_PK_BYTES];
    if (a->rest_count != 2) {
        return kr_usage(stderr);
    }
    const char *id = a->rest[0], *key = a->rest[1];
    if (!kr_kiosk_id_valid(id) || !report_key_from_base64(key, pk, sizeof pk)) {
        fprintf(stderr, "kiosk-reports: trust needs a kiosk id without spaces and a base64 "
                        "Ed25519 public key\n");
        return 1;
    }
    if (a->known) {
        snprintf(path, sizeof path, "%s", a->known);
    } else {
        kr_known_path_for_key(a->key ? a->key : "receiver.key", path, sizeof path);
    }
    kr_known_t known;
    if (!kr_known_load(&known, path, err, sizeof err)) {
        fprintf(stderr, "kiosk-reports: %s\n", err);
        return 1;
    }
    const kr_known_entry_t *old = kr_known_find(&known, id);
    bool replaced = old && sodium_memcmp(old->pk, pk, sizeof pk) != 0;
    bool ok = kr_known_set(&known, id, pk, err, sizeof err);
    kr_known_deinit(&known);
    if (!ok) {
        fprintf(stderr, "kiosk-reports: %s\n", err);
        return 1;
    }
    printf("%s kiosk %s in %s\n", replaced ? "re-pinned (key REPLACED)" : "pinned", id, path);
    return 0;
}

int main(int argc, char **argv)
{
    kr_args_t a;
    if (argc < 2 || sodium_init() < 0) {
        return kr_usage(stderr);
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
        kr_usage(stdout);
        return 0;
    }
    if (strcmp(cmd, "pull") == 0) {
        return kr_pull_main(argc - 2, argv + 2);
    }
    if (!kr_parse(argc - 2, argv + 2, &a)) {
        return kr_usage(stderr);
    }
    if (strcmp(cmd, "keygen") == 0) {
        return kr_keygen(&a);
    }
    if (strcmp(cmd, "trust") == 0) {
        return kr_trust(&a);
    }
    if ((strcmp(cmd, "open") == 0 || strcmp(cmd, "export") == 0) && a.key && a.rest_count) {
        kr_output_t output = a.csv ? KR_OUTPUT_CSV : KR_OUTPUT_JSON;
        if (strcmp(cmd, "export") == 0 && !a.csv) {
            fprintf(stderr, "kiosk-reports: export needs --csv\n");
            return 1;
        }
        return kr_open_paths(a.key, a.known, output, a.rest, a.rest_count, stdout, stderr);
    }
    return kr_usage(stderr);
}
