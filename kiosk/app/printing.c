/* Printing from the screens: the slip is rendered on the UI thread (the text engine is
 * not thread-safe), then sent by the print job's own thread; the UI only polls. */
#include "app/runtime.h"

#include "delivery/heartbeat.h"
#include "platform/log.h"
#include "print/print.h"

#include <sodium.h>
#include <time.h>

static void print_start(runtime_t *rt)
{
    app_t *app = &rt->app;
    const session_t *s = &app->session;
    char err[256] = "";
    print_slip_t slip;
    runtime_print_forget(rt);
    print_slip_prepare(&slip, &rt->cfg, &rt->content.services, app_lang(app), app_rtl(app),
                       s->reference, session_motivation_bits(s), time(NULL));
    rt->print_job = print_slip_start(&rt->cfg, rt->text, rt->i18n, &slip, err, sizeof err);
    app->print_state = rt->print_job ? APP_PRINT_PRINTING : APP_PRINT_FAILED;
    /* read aloud once it is printed (read_aloud.c); no words: only the status is said */
    char why[256];
    if (rt->print_job && !slip_words(rt->text, rt->i18n, &slip.content, rt->cfg.printer_width_dots,
                                     rt->print_words, sizeof rt->print_words, why, sizeof why)) {
        log_warn("printing: the slip's words for read-aloud: %s", why);
        rt->print_words[0] = '\0';
    }
    if (!rt->print_job) {
        log_warn("printing: %s", err); /* printer faults only; a slip holds nothing personal */
        char state[HEARTBEAT_STATE_MAX];
        snprintf(state, sizeof state, "failed: %.80s", err);
        report_service_note_printer(rt->reports, state);
    }
}

void runtime_print_update(runtime_t *rt)
{
    app_t *app = &rt->app;
    if (app->print_requested) {
        app->print_requested = false;
        print_start(rt);
    }
    if (!rt->print_job || app->print_state != APP_PRINT_PRINTING) {
        return;
    }
    char reason[256] = "";
    print_job_state_t st = print_job_poll(rt->print_job, reason, sizeof reason);
    if (st == PRINT_JOB_DONE) {
        app->print_state = APP_PRINT_DONE;
        report_service_note_printer(rt->reports, "ok");
    } else if (st == PRINT_JOB_FAILED) {
        log_warn("printing failed: %s", reason);
        app->print_state = APP_PRINT_FAILED;
        char state[HEARTBEAT_STATE_MAX];
        snprintf(state, sizeof state, "failed: %.80s", reason); /* a printer fault, nothing printed */
        report_service_note_printer(rt->reports, state);
    }
}

void runtime_print_forget(runtime_t *rt)
{
    print_job_destroy(rt->print_job);
    rt->print_job = NULL;
    sodium_memzero(rt->print_words, sizeof rt->print_words); /* the reference */
}
