/* Whether this kiosk can take reports now, and getting back to it by itself.
 *
 * A broken or missing receiver key, a read-only state directory or a full disk must not
 * stop the kiosk (under systemd that is a restart loop with a blank screen): it runs in a
 * reduced mode — Learn, Support and the QR codes work, the home screen says reporting is
 * not available here today, the admin screen and the log say why — and tries again every
 * REPORTING_RETRY_MS, so reporting comes back when the fault is cleared. */
#include "app/reporting.h"

#include "app/config_check.h"
#include "platform/log.h"
#include "report/report_service.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/statvfs.h>

/* Fewer free bytes than this in the state directory: no new report could be stored
 * (an envelope with its outbox pages is a few KiB; this leaves room for a full queue). */
#define REPORTING_MIN_FREE_BYTES (4ull << 20)

/* The configuration as the file says now: a fixed key file brings reporting back. */
static bool reporting_config(const runtime_t *rt, kiosk_config_t *cfg, char *why, size_t n)
{
    if (!rt->cfg.source_path[0]) {
        *cfg = rt->cfg;
        return true;
    }
    config_check_t *check = calloc(1, sizeof *check);
    if (!check) {
        snprintf(why, n, "out of memory reading the configuration");
        return false;
    }
    config_defaults(cfg);
    config_check_load(cfg, rt->cfg.source_path, check);
    bool ok = check->reports_ok;
    if (!ok) {
        snprintf(why, n, "%s", check->problems.count ? check->problems.items[0].text
                                                     : "the configuration has a problem");
    }
    free(check);
    return ok;
}

static bool reporting_disk(const kiosk_config_t *cfg, char *why, size_t n)
{
    /* the state directory, or the nearest directory above it that exists yet (the kiosk
     * makes the rest on the same file system) */
    char dir[CONFIG_PATH_MAX];
    snprintf(dir, sizeof dir, "%s", cfg->state_dir);
    struct statvfs vfs;
    while (statvfs(dir, &vfs) != 0) {
        char *slash = strrchr(dir, '/');
        if (!slash || slash == dir) {
            return true; /* nothing to ask: creating the outbox says what is wrong */
        }
        *slash = '\0';
    }
    unsigned long long free_bytes = (unsigned long long)vfs.f_bavail * vfs.f_frsize;
    if (free_bytes < REPORTING_MIN_FREE_BYTES) {
        snprintf(why, n, "the disk holding %.300s is full (%llu KiB free)", cfg->state_dir,
                 free_bytes >> 10);
        return false;
    }
    return true;
}

static bool reporting_try(runtime_t *rt, bool config_checked, char *why, size_t n)
{
    kiosk_config_t cfg = rt->cfg;
    if ((!config_checked && !reporting_config(rt, &cfg, why, n)) || !reporting_disk(&cfg, why, n)) {
        return false;
    }
    char err[REPORT_SERVICE_ERROR_MAX];
    rt->reports = report_service_create(&cfg, err, sizeof err);
    if (!rt->reports) {
        snprintf(why, n, "cannot open the outbox: %s", err);
        return false;
    }
    rt->app.reports = rt->reports;
    return true;
}

bool runtime_reporting_start(runtime_t *rt, bool config_checked)
{
    app_t *app = &rt->app;
    char why[APP_FAULT_MAX] = "";
    if (rt->reports || reporting_try(rt, config_checked, why, sizeof why)) {
        if (app->reporting_fault[0]) {
            log_info("reporting is available again");
            app->dirty = true;
        }
        app->reporting_fault[0] = '\0';
        app->reports_retry_ms = 0;
        return true;
    }
    if (strcmp(why, app->reporting_fault) != 0) { /* said once per fault, not every retry */
        log_error("reporting is not available: %s (trying again every %d s)", why,
                  REPORTING_RETRY_MS / 1000);
        snprintf(app->reporting_fault, sizeof app->reporting_fault, "%s", why);
        app->dirty = true;
    }
    app->reports_retry_ms = app->now_ms + REPORTING_RETRY_MS;
    return false;
}

void runtime_reporting_poll(runtime_t *rt)
{
    if (rt->app.reports_retry_ms && rt->app.now_ms >= rt->app.reports_retry_ms) {
        runtime_reporting_start(rt, false); /* the file may have been fixed: read it again */
    }
}
