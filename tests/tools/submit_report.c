/* Test driver until the wizard exists: reads one report JSON on stdin, submits it through
 * the same report_service path the UI uses, prints "saved REFERENCE REPORT-ID" per submit,
 * then (unless --no-delivery) waits, with a bound, for delivery.
 *
 *   submit_report [--config FILE] [--count N] [--wait-ms MS] [--no-delivery] < report.json
 *
 * Exit: 0 ok, 1 usage/config/invalid report, 2 submit failed, 3 not delivered in time. */
#include "platform/config.h"
#include "platform/log.h"
#include "report/report.h"
#include "report/report_json.h"
#include "report/report_service.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DRIVER_INPUT_MAX (REPORT_JSON_MAX * 2)

typedef struct driver_args {
    const char *config;
    int count;
    int wait_ms;
    bool no_delivery;
} driver_args_t;

static bool driver_parse(int argc, char **argv, driver_args_t *a)
{
    *a = (driver_args_t){.count = 1, .wait_ms = 60000};
    for (int i = 1; i < argc; i++) {
        bool has_value = i + 1 < argc;
        if (strcmp(argv[i], "--config") == 0 && has_value) {
            a->config = argv[++i];
        } else if (strcmp(argv[i], "--count") == 0 && has_value) {
            a->count = atoi(argv[++i]);
        } else if (strcmp(argv[i], "--wait-ms") == 0 && has_value) {
            a->wait_ms = atoi(argv[++i]);
        } else if (strcmp(argv[i], "--no-delivery") == 0) {
            a->no_delivery = true;
        } else {
            return false;
        }
    }
    return a->count > 0;
}

static bool driver_read_report(report_t *r)
{
    static char input[DRIVER_INPUT_MAX];
    char err[REPORT_ERROR_MAX];
    size_t len = fread(input, 1, sizeof input - 1, stdin);
    input[len] = '\0';
    report_problem_t problem;
    if (!report_json_read(input, len, r, err, sizeof err)) {
        fprintf(stderr, "submit_report: %s\n", err);
        return false;
    }
    if (!report_validate(r, &problem)) {
        fprintf(stderr, "submit_report: invalid report at step %s (%s): %s\n", problem.step,
                problem.field, problem.message);
        return false;
    }
    return true;
}

int main(int argc, char **argv)
{
    driver_args_t a;
    kiosk_config_t cfg;
    char err[CONFIG_ERROR_MAX];
    static report_t input, r;
    if (!driver_parse(argc, argv, &a)) {
        fprintf(stderr, "usage: submit_report [--config FILE] [--count N] [--wait-ms MS] "
                        "[--no-delivery] < report.json\n");
        return 1;
    }
    log_init("submit_report", true, LOG_LEVEL_WARN);
    config_defaults(&cfg);
    if (a.config && !config_load(&cfg, a.config, err, sizeof err)) {
        fprintf(stderr, "submit_report: %s\n", err);
        return 1;
    }
    if (!driver_read_report(&input)) {
        return 1;
    }
    report_service_options_t opts = {.no_delivery = a.no_delivery};
    report_service_t *svc = report_service_create_with(&cfg, &opts, err, sizeof err);
    if (!svc) {
        fprintf(stderr, "submit_report: %s\n", err);
        return 1;
    }
    int rc = 0;
    for (int i = 0; i < a.count && rc == 0; i++) {
        char ref[REPORT_REFERENCE_MAX];
        r = input;
        if (report_service_submit(svc, &r, ref, sizeof ref, err, sizeof err)) {
            printf("saved %s %s\n", ref, r.id);
            fflush(stdout);
        } else {
            fprintf(stderr, "submit_report: %s\n", err);
            rc = 2;
        }
        report_wipe(&r);
    }
    if (rc == 0 && !a.no_delivery && !report_service_wait_delivered(svc, a.wait_ms)) {
        report_service_status_t st;
        report_service_get_status(svc, &st);
        fprintf(stderr, "submit_report: %lld still queued after %d ms (last error: %s)\n",
                (long long)st.queued, a.wait_ms, st.last_error);
        rc = 3;
    }
    report_service_destroy(svc);
    report_wipe(&input);
    return rc;
}
