/* kiosk-reports: keygen, trust, open, export, stats (DESIGN §7, §9). Argument parsing and
 * dispatch only; the work is in the other kiosk_reports_*.c files. */
#include "cli/kiosk_reports.h"

#include "platform/harden.h"

#include <sodium.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

static int kr_usage(FILE *f)
{
    fprintf(
        f,
        "usage:\n"
        "  kiosk-reports keygen --out DIR\n"
        "      make DIR/receiver.pub (goes into the kiosk config) and DIR/receiver.key\n"
        "      (0600, keep secret)\n"
        "  kiosk-reports trust --key DIR/receiver.key [--from DATE] [--until DATE] KIOSK-ID KEY\n"
        "      register a kiosk's signing key (from `kiosk --signing-key --config FILE` on\n"
        "      the unit) in DIR/known_kiosks. A new key for a registered kiosk is valid from\n"
        "      DATE (default today) and ends the old key that day: older reports stay valid.\n"
        "  kiosk-reports open --key FILE [OPTIONS] PATH...\n"
        "      verify, decrypt and de-duplicate envelopes (files, spool directories or a\n"
        "      kiosk outbox.db); print one JSON report per line\n"
        "  kiosk-reports export --key FILE [--format csv|json|xlsx] [--out FILE] [OPTIONS] "
        "PATH...\n"
        "      the same as a spreadsheet (CSV default; xlsx needs --out)\n"
        "  kiosk-reports stats --key FILE [--out FILE.csv] [--chart FILE.png] [OPTIONS] PATH...\n"
        "      counts from reports allowed in statistics; 1-4 shown as <5\n"
        "  kiosk-reports check-hardening\n"
        "      say whether core dumps and ptrace are off for this tool\n"
        "options:\n"
        "  --consent police|support|statistics  only reports the person allowed for that;\n"
        "      statistics exports carry codes and the month only (no text, contact, dates)\n"
        "  --known FILE        known_kiosks elsewhere than next to the receiver key\n"
        "  --pin-first-sight   register unknown kiosks whose envelopes validate (otherwise\n"
        "                      their envelopes are refused and listed)\n"
        "exit: 0 ok, 1 usage, key or output error, 2 some envelopes refused or conflicting\n"
        "      (the rest printed)\n");
    return KR_EXIT_FATAL;
}

typedef struct kr_args {
    const char *out, *key, *known, *from, *until, *consent, *format, *chart;
    bool csv, pin_first_sight;
    char **rest;
    int rest_count;
} kr_args_t;

static const char **kr_option_slot(kr_args_t *a, const char *name)
{
    static const char *const NAMES[] = {"--out",   "--key",     "--known",  "--from",
                                        "--until", "--consent", "--format", "--chart"};
    const char **slots[] = {&a->out,   &a->key,     &a->known,  &a->from,
                            &a->until, &a->consent, &a->format, &a->chart};
    for (size_t i = 0; i < sizeof NAMES / sizeof NAMES[0]; i++) {
        if (strcmp(name, NAMES[i]) == 0) {
            return slots[i];
        }
    }
    return NULL;
}

static bool kr_parse(int argc, char **argv, kr_args_t *a)
{
    memset(a, 0, sizeof *a);
    a->rest = argv;
    for (int i = 0; i < argc; i++) {
        const char **slot = kr_option_slot(a, argv[i]);
        if (slot) {
            if (i + 1 >= argc) {
                fprintf(stderr, "kiosk-reports: %s needs a value\n", argv[i]);
                return false;
            }
            *slot = argv[++i];
        } else if (strcmp(argv[i], "--csv") == 0) {
            a->csv = true;
        } else if (strcmp(argv[i], "--pin-first-sight") == 0) {
            a->pin_first_sight = true;
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
        return KR_EXIT_FATAL;
    }
    printf("wrote %s/receiver.pub (for [report] receiver_public_key) and %s/receiver.key "
           "(secret: only the receiver keeps it)\n",
           a->out, a->out);
    return KR_EXIT_OK;
}

/* ---- trust ---- */

static void kr_today(char out[KR_DATE_MAX])
{
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(out, KR_DATE_MAX, "%Y-%m-%d", &tm);
}

static bool kr_kiosk_registered(const kr_known_t *k, const char *id)
{
    for (size_t i = 0; i < k->count; i++) {
        if (strcmp(k->entries[i].kiosk_id, id) == 0) {
            return true;
        }
    }
    return false;
}

/* known_kiosks lives next to the receiver key, where open reads it: trust without
 * --key or --known is refused rather than writing ./known_kiosks, which open never reads. */
static bool kr_trust_path(const kr_args_t *a, char *path, size_t size)
{
    struct stat st;
    if (a->known) {
        snprintf(path, size, "%s", a->known);
        return true;
    }
    if (!a->key) {
        fprintf(stderr, "kiosk-reports: trust needs --key DIR/receiver.key (known_kiosks is "
                        "kept next to the receiver key, where open looks for it)\n");
        return false;
    }
    if (stat(a->key, &st) != 0 || !S_ISREG(st.st_mode)) {
        fprintf(stderr, "kiosk-reports: no receiver key at %s\n", a->key);
        return false;
    }
    kr_known_path_for_key(a->key, path, size);
    return true;
}

static int kr_trust(const kr_args_t *a)
{
    char err[KR_ERROR_MAX], path[KR_PATH_MAX], from[KR_DATE_MAX] = "";
    unsigned char pk[REPORT_SIGN_PK_BYTES];
    if (a->rest_count != 2) {
        return kr_usage(stderr);
    }
    const char *id = a->rest[0], *key = a->rest[1], *until = a->until ? a->until : "";
    if (!kr_kiosk_id_valid(id) || !report_key_from_base64(key, pk, sizeof pk)) {
        fprintf(stderr, "kiosk-reports: trust needs a kiosk id without spaces and a base64 "
                        "Ed25519 public key\n");
        return KR_EXIT_FATAL;
    }
    if ((a->from && !kr_date_valid(a->from)) || (until[0] && !kr_date_valid(until))) {
        fprintf(stderr, "kiosk-reports: --from and --until take a date YYYY-MM-DD\n");
        return KR_EXIT_FATAL;
    }
    kr_known_t known;
    if (!kr_trust_path(a, path, sizeof path)) {
        return KR_EXIT_FATAL;
    }
    if (!kr_known_load(&known, path, err, sizeof err)) {
        fprintf(stderr, "kiosk-reports: %s\n", err);
        return KR_EXIT_FATAL;
    }
    bool rekey = kr_kiosk_registered(&known, id) &&
                 kr_known_check(&known, id, pk, "", NULL) == KR_PIN_CHANGED;
    if (a->from) {
        snprintf(from, sizeof from, "%s", a->from);
    } else if (rekey) {
        kr_today(from); /* a re-keyed unit signs with the new key from today */
    }
    int closed = 0;
    bool ok = kr_known_add_key(&known, id, pk, from, until, &closed, err, sizeof err);
    kr_known_deinit(&known);
    if (!ok) {
        fprintf(stderr, "kiosk-reports: %s\n", err);
        return KR_EXIT_FATAL;
    }
    printf("registered kiosk %s key %s (reports from %s until %s) in %s\n", id, key,
           from[0] ? from : "any date", until[0] ? until : "further notice", path);
    if (closed) {
        printf("kiosk %s's previous key now ends on %s: reports it signed up to then stay "
               "valid\n",
               id, from);
    }
    return KR_EXIT_OK;
}

/* ---- open, export, stats ---- */

static bool kr_parse_consent(const char *text, kr_consent_t *out)
{
    static const char *const NAMES[] = {"police", "support", "statistics"};
    static const kr_consent_t VALUES[] = {KR_CONSENT_POLICE, KR_CONSENT_SUPPORT,
                                          KR_CONSENT_STATISTICS};
    *out = KR_CONSENT_ANY;
    for (int i = 0; text && i < 3; i++) {
        if (strcmp(text, NAMES[i]) == 0) {
            *out = VALUES[i];
            return true;
        }
    }
    return text == NULL;
}

static bool kr_parse_format(const char *cmd, const kr_args_t *a, kr_format_t *out)
{
    *out = strcmp(cmd, "open") == 0 ? KR_FORMAT_JSON : KR_FORMAT_CSV;
    if (a->csv) {
        *out = KR_FORMAT_CSV;
    }
    if (!a->format) {
        return true;
    }
    static const char *const NAMES[] = {"json", "csv", "xlsx"};
    for (int i = 0; i < 3; i++) {
        if (strcmp(a->format, NAMES[i]) == 0) {
            *out = (kr_format_t)i;
            return true;
        }
    }
    return false;
}

/* Exports hold personal data: every file they make (CSV, xlsx and its staging files, the
 * chart) is private to the receiver from the first byte; main() sets umask(077) for open,
 * export and stats. */
static FILE *kr_open_out(const char *path)
{
    if (!path) {
        return stdout;
    }
    FILE *f = fopen(path, "wb");
    if (!f) {
        fprintf(stderr, "kiosk-reports: cannot write %s\n", path);
    }
    return f;
}

static int kr_export_run(const char *cmd, const kr_args_t *a, const kr_open_options_t *opt)
{
    kr_format_t format;
    char err[KR_ERROR_MAX];
    if (!kr_parse_format(cmd, a, &format)) {
        fprintf(stderr, "kiosk-reports: --format takes json, csv or xlsx\n");
        return KR_EXIT_FATAL;
    }
    FILE *out = format == KR_FORMAT_XLSX ? NULL : kr_open_out(a->out);
    if (format != KR_FORMAT_XLSX && !out) {
        return KR_EXIT_FATAL;
    }
    kr_export_t *e = kr_export_create(format, opt->consent, out, a->out, err, sizeof err);
    int rc = KR_EXIT_FATAL;
    if (!e) {
        fprintf(stderr, "kiosk-reports: %s\n", err);
    } else {
        rc = kr_open_paths(opt, a->rest, a->rest_count, kr_export_report, e, stderr, NULL);
        if (!kr_export_finish(e, err, sizeof err)) {
            fprintf(stderr, "kiosk-reports: %s\n", err);
            rc = KR_EXIT_FATAL;
        }
    }
    kr_export_destroy(e);
    if (out && out != stdout && fclose(out) != 0) {
        rc = KR_EXIT_FATAL;
    }
    return rc;
}

static int kr_stats_run(const kr_args_t *a, const kr_open_options_t *opt)
{
    char err[KR_ERROR_MAX];
    kr_stats_t *s = kr_stats_create();
    FILE *out = kr_open_out(a->out);
    int rc = KR_EXIT_FATAL;
    if (s && out) {
        rc = kr_open_paths(opt, a->rest, a->rest_count, kr_stats_add, s, stderr, NULL);
        if (rc != KR_EXIT_FATAL &&
            (!kr_stats_write_csv(s, out, err, sizeof err) ||
             (a->chart && !kr_stats_write_chart(s, a->chart, err, sizeof err)))) {
            fprintf(stderr, "kiosk-reports: %s\n", err);
            rc = KR_EXIT_FATAL;
        }
    }
    if (out && out != stdout && fclose(out) != 0) {
        rc = KR_EXIT_FATAL;
    }
    kr_stats_destroy(s);
    return rc;
}

static int kr_reports(const char *cmd, const kr_args_t *a)
{
    kr_open_options_t opt = {
        .key_path = a->key, .known_path = a->known, .pin_first_sight = a->pin_first_sight};
    if (!a->key || !a->rest_count) {
        return kr_usage(stderr);
    }
    if (!kr_parse_consent(a->consent, &opt.consent)) {
        fprintf(stderr, "kiosk-reports: --consent takes police, support or statistics\n");
        return KR_EXIT_FATAL;
    }
    if (strcmp(cmd, "stats") == 0) {
        opt.consent = KR_CONSENT_STATISTICS; /* counts only from those who allowed it */
        return kr_stats_run(a, &opt);
    }
    return kr_export_run(cmd, a, &opt);
}

/* What harden_process() achieved, read back from the kernel. */
static int kr_check_hardening(bool hardened)
{
    struct rlimit core;
    bool no_core = getrlimit(RLIMIT_CORE, &core) == 0 && core.rlim_cur == 0 && core.rlim_max == 0;
    int dumpable = prctl(PR_GET_DUMPABLE, 0, 0, 0, 0);
    printf("core dumps: %s\nptrace and /proc/PID/mem by other processes: %s\n",
           no_core ? "off" : "ON", dumpable == 0 ? "off (not dumpable)" : "ON (dumpable)");
    return hardened && no_core && dumpable == 0 ? KR_EXIT_OK : KR_EXIT_PROBLEMS;
}

int main(int argc, char **argv)
{
    kr_args_t a;
    /* before any key or plaintext is in memory: no core file, no ptrace by other users */
    bool hardened = harden_process();
    if (argc < 2 || sodium_init() < 0) {
        return kr_usage(stderr);
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "help") == 0) {
        kr_usage(stdout);
        return KR_EXIT_OK;
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
    if (strcmp(cmd, "check-hardening") == 0) {
        return kr_check_hardening(hardened);
    }
    /* `pull` (kiosk_reports_pull.c) is dispatched here */
    if (strcmp(cmd, "open") == 0 || strcmp(cmd, "export") == 0 || strcmp(cmd, "stats") == 0) {
        umask(077);
        return kr_reports(cmd, &a);
    }
    return kr_usage(stderr);
}
