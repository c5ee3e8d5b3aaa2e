/* Loads content with runtime_init() (the one loader of languages, catalogs and fonts),
 * so a preview uses exactly what the running kiosk would. */
#include "print/print_cli.h"

#include "app/runtime.h"
#include "platform/log.h"
#include "platform/paths.h"
#include "print/print.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

typedef struct cli_content {
    runtime_t *rt; /* owned */
    services_t services;
    const lang_info_t *lang;
} cli_content_t;

static void cli_content_close(cli_content_t *cc)
{
    if (cc->rt) {
        runtime_deinit(cc->rt);
        free(cc->rt);
    }
    memset(cc, 0, sizeof *cc);
}

static bool cli_content_open(cli_content_t *cc, const kiosk_config_t *cfg, const char *lang)
{
    char err[CONFIG_ERROR_MAX], path[CONFIG_PATH_MAX + 64];
    memset(cc, 0, sizeof *cc);
    cc->rt = calloc(1, sizeof *cc->rt);
    if (!cc->rt || !runtime_init(cc->rt, cfg, err, sizeof err)) {
        fprintf(stderr, "kiosk: %s\n", cc->rt ? err : "out of memory");
        free(cc->rt);
        cc->rt = NULL;
        return false;
    }
    paths_content_file(cfg->source_path, cfg->data_dir, "services.ini", path, sizeof path);
    if (!services_load(&cc->services, path, err, sizeof err)) {
        /* Services read before the bad line still print; say what was wrong. */
        fprintf(stderr, "kiosk: %s\n", err);
    }
    const char *code = lang ? lang : cc->rt->cfg.default_language;
    cc->lang = lang_registry_find(&cc->rt->langs, code);
    if (!cc->lang) {
        fprintf(stderr, "kiosk: language '%s' is not enabled\n", code);
        cli_content_close(cc);
        return false;
    }
    return true;
}

/* The sample slip both entry points print. */
static bool cli_encode(cli_content_t *cc, print_bytes_t *bytes, print_raster_t **raster)
{
    char err[CONFIG_ERROR_MAX];
    print_slip_t slip;
    print_slip_prepare(&slip, &cc->rt->cfg, &cc->services, cc->lang->code, cc->lang->rtl,
                       PRINT_SAMPLE_REFERENCE, 0, time(NULL));
    slip.content.test = true;
    if (!print_slip_encode(&cc->rt->cfg, cc->rt->text, cc->rt->i18n, &slip, bytes, raster, err,
                           sizeof err)) {
        fprintf(stderr, "kiosk: %s\n", err);
        return false;
    }
    return true;
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Polls like a UI frame loop; reports how long the longest poll took. */
static int cli_wait(print_job_t *job, FILE *out)
{
    char reason[PRINT_REASON_MAX];
    uint64_t start = runtime_now_ms(), max_us = 0;
    long polls = 0;
    print_job_state_t st;
    for (;;) {
        struct timespec a, b;
        clock_gettime(CLOCK_MONOTONIC, &a);
        st = print_job_poll(job, reason, sizeof reason);
        clock_gettime(CLOCK_MONOTONIC, &b);
        uint64_t us =
            (uint64_t)(b.tv_sec - a.tv_sec) * 1000000u + (uint64_t)((b.tv_nsec - a.tv_nsec) / 1000);
        max_us = us > max_us ? us : max_us;
        polls++;
        if (st != PRINT_JOB_PRINTING) {
            break;
        }
        sleep_ms(PRINT_CLI_POLL_MS);
    }
    if (st == PRINT_JOB_DONE) {
        fprintf(out, "print-test: done\n");
    } else {
        fprintf(out, "print-test: failed: %s\n", reason);
    }
    fprintf(out, "polls=%ld max_poll_us=%llu elapsed_ms=%llu\n", polls, (unsigned long long)max_us,
            (unsigned long long)(runtime_now_ms() - start));
    return st == PRINT_JOB_DONE ? 0 : 1;
}

int print_cli_test(const kiosk_config_t *cfg, const char *lang, FILE *out)
{
    char err[CONFIG_ERROR_MAX];
    if (!print_enabled(cfg)) {
        fprintf(out, "print-test: failed: no printer configured ([printer] sink = none)\n");
        return 1;
    }
    cli_content_t cc;
    if (!cli_content_open(&cc, cfg, lang)) {
        return 2;
    }
    print_bytes_t bytes = {0};
    int rc = 1;
    if (cli_encode(&cc, &bytes, NULL)) {
        print_sink_t *sink = print_sink_create(cfg->printer_sink, err, sizeof err);
        print_job_options_t o = {.timeout_ms = cfg->printer_timeout_s * 1000};
        print_job_t *job =
            sink ? print_job_start(sink, bytes.data, bytes.len, &o, err, sizeof err) : NULL;
        if (job) {
            rc = cli_wait(job, out);
        } else {
            fprintf(out, "print-test: failed: %s\n", err);
        }
        print_job_destroy(job);
    }
    print_bytes_free(&bytes);
    cli_content_close(&cc);
    return rc;
}

int print_cli_slip_preview(const kiosk_config_t *cfg, const char *lang, const char *out_png)
{
    if (!lang || !out_png) {
        fprintf(stderr, "kiosk: --slip-preview needs --lang L and --out FILE.png\n");
        return 2;
    }
    cli_content_t cc;
    if (!cli_content_open(&cc, cfg, lang)) {
        return 2;
    }
    print_bytes_t bytes = {0};
    print_raster_t *raster = NULL;
    char err[CONFIG_ERROR_MAX];
    int rc = 1;
    if (cli_encode(&cc, &bytes, &raster)) {
        if (print_raster_save_png(raster, out_png, err, sizeof err)) {
            rc = 0;
        } else {
            fprintf(stderr, "kiosk: %s\n", err);
        }
    }
    print_raster_destroy(raster);
    print_bytes_free(&bytes);
    cli_content_close(&cc);
    return rc;
}
