/* review: every answer with a link back to its step, then Send. done: the reference,
 * shown only after the durable commit. error: a plain message, answers kept. */
#include "platform/log.h"
#include "screens/screens_internal.h"
#include "screens/wizard.h"

#include <stdio.h>
#include <string.h>

#define SUMMARY_MAX (REPORT_DETAILS_MAX + 256) /* details in full, never cut mid-character */
#define REVIEW_EDIT_W 260

static void join(const app_t *app, char *out, size_t size, const char *item)
{
    size_t n = strlen(out);
    snprintf(out + n, size - n, "%s%s", n ? app_text(app, "common.list_separator") : "", item);
}

static void join_key(const app_t *app, char *out, size_t size, const char *prefix,
                     const char *code)
{
    char key[UI_ID_MAX];
    snprintf(key, sizeof key, "%s%s", prefix, code);
    join(app, out, size, app_text(app, key));
}

static void join_flags(const app_t *app, char *out, size_t size, const char *prefix,
                       const char *const *codes, const bool *flags, int n)
{
    for (int i = 0; i < n; i++) {
        if (flags[i]) {
            join_key(app, out, size, prefix, codes[i]);
        }
    }
}

static void contact_summary(const app_t *app, char *out, size_t size)
{
    const report_t *r = &app->session.report;
    if (r->contact_choice != REPORT_CONTACT_NAMED) {
        join(app, out, size, app_text(app, "report.review.anonymous"));
        return;
    }
    const char *parts[] = {r->contact.name, r->contact.phone, r->contact.email,
                           r->contact.safe_times, r->contact.interpreter,
                           r->contact.access_needs};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        if (parts[i][0]) {
            char isolated[REPORT_ACCESS_NEEDS_MAX + 8];
            text_isolate(parts[i], false, isolated, sizeof isolated);
            join(app, out, size, isolated);
        }
    }
}

static void none_if_empty(const app_t *app, char *out, size_t size)
{
    if (!out[0]) {
        snprintf(out, size, "%s", app_text(app, "report.review.none"));
    }
}

void wizard_safety_summary(const app_t *app, char *out, size_t size)
{
    report_answer_t a = app->session.report.safety;
    if (a != REPORT_UNANSWERED) {
        join_key(app, out, size, "report.safety.", a == REPORT_YES ? "yes" : "no");
    }
    none_if_empty(app, out, size);
}

void wizard_who_summary(const app_t *app, char *out, size_t size)
{
    const report_t *r = &app->session.report;
    if (r->assisted_by[0]) { /* the person's role is the next row's */
        join(app, out, size, app_text(app, "report.who.staff_assisted"));
    } else if (r->reporter_role[0]) {
        join_key(app, out, size, "report.who.", r->reporter_role);
    }
    none_if_empty(app, out, size);
}

/* The staff step's row: the person's own role, then the helping staff member's. */
void wizard_assisted_summary(const app_t *app, char *out, size_t size)
{
    const report_t *r = &app->session.report;
    if (r->reporter_role[0]) {
        join_key(app, out, size, "report.who.", r->reporter_role);
    }
    if (r->staff_role[0]) {
        join_key(app, out, size, "staff.role.", r->staff_role);
    }
    none_if_empty(app, out, size);
}

void wizard_why_summary(const app_t *app, char *out, size_t size)
{
    join_flags(app, out, size, "report.why.", REPORT_MOTIVATION_CODES,
               app->session.report.motivations, REPORT_MOTIVATION_COUNT);
    none_if_empty(app, out, size);
}

void wizard_what_summary(const app_t *app, char *out, size_t size)
{
    join_flags(app, out, size, "report.what.", REPORT_INCIDENT_CODES,
               app->session.report.incident_types, REPORT_INCIDENT_COUNT);
    none_if_empty(app, out, size);
}

void wizard_when_summary(const app_t *app, char *out, size_t size)
{
    const report_t *r = &app->session.report;
    if (r->when_period[0]) {
        join_key(app, out, size, "report.when.", r->when_period);
    }
    if (r->when_date_text[0]) {
        char isolated[sizeof r->when_date_text + 8];
        text_isolate(r->when_date_text, true, isolated, sizeof isolated);
        join(app, out, size, isolated);
    }
    none_if_empty(app, out, size);
}

void wizard_where_summary(const app_t *app, char *out, size_t size)
{
    const report_t *r = &app->session.report;
    if (r->where_area[0]) {
        join_key(app, out, size, "area.", r->where_area);
    }
    if (r->where_place[0]) {
        join_key(app, out, size, "report.where.place.", r->where_place);
    }
    none_if_empty(app, out, size);
}

void wizard_details_summary(const app_t *app, char *out, size_t size)
{
    snprintf(out, size, "%s", app->session.report.details);
    none_if_empty(app, out, size);
}

void wizard_health_summary(const app_t *app, char *out, size_t size)
{
    const report_t *r = &app->session.report;
    join_flags(app, out, size, "report.health.", REPORT_HEALTH_CODES, r->health_impacts,
               REPORT_HEALTH_COUNT);
    if (r->health_wants_support == REPORT_YES) {
        join(app, out, size, app_text(app, "report.health.wants_support"));
    }
    none_if_empty(app, out, size);
}

void wizard_contact_summary(const app_t *app, char *out, size_t size)
{
    contact_summary(app, out, size);
    none_if_empty(app, out, size);
}

void wizard_consent_summary(const app_t *app, char *out, size_t size)
{
    const report_t *r = &app->session.report;
    const bool flags[] = {r->consent_police, r->consent_support, r->consent_statistics};
    static const char *const codes[] = {"police", "support", "statistics"};
    join_flags(app, out, size, "report.consent.", codes, flags, 3);
    none_if_empty(app, out, size);
}

static int review_row(app_t *app, ui_t *ui, const wizard_step_t *step, SDL_Rect at)
{
    const theme_t *t = &ui->theme;
    char id[UI_ID_MAX], text[SUMMARY_MAX];
    SDL_Rect row = at;
    SDL_Rect edit = ui_cut_end(ui, &row, theme_px(t, REVIEW_EDIT_W));
    ui_cut_end(ui, &row, theme_px(t, THEME_GAP));
    ui_text_opts_t title = ui_body(ui);
    title.bold = true;
    title.size = THEME_FONT_SMALL;
    title.color = t->colors.text_muted;
    snprintf(id, sizeof id, "report.review.title.%s", step->step);
    int h = ui_text(ui, id, app_text(app, wizard_title_key(app, step)), row, &title);
    text[0] = '\0';
    step->summary(app, text, sizeof text);
    ui_text_opts_t body = ui_body(ui);
    body.max_lines = 4;
    snprintf(id, sizeof id, "report.review.%s", step->step);
    h += ui_text(ui, id, text, (SDL_Rect){row.x, row.y + h, row.w, 0}, &body);
    int min_h = ui_button_height(ui, app_text(app, "report.review.edit"), edit.w,
                                 theme_px(t, THEME_TARGET_MIN));
    edit.h = min_h;
    snprintf(id, sizeof id, "report.review.edit.%s", step->step);
    if (ui_button(ui, id, app_text(app, "report.review.edit"), edit, UI_BUTTON_SECONDARY, true)) {
        app->session.editing = true;
        app_go(app, step->screen.id);
    }
    h = h > min_h ? h : min_h;
    ui_fill(ui, (SDL_Rect){at.x, at.y + h + theme_px(t, 12), at.w, theme_px(t, 2) ? theme_px(t, 2) : 1},
            t->colors.disabled);
    return h + theme_px(t, 28);
}

static void submit(app_t *app)
{
    session_t *s = &app->session;
    char err[256] = "", ref[REPORT_REFERENCE_MAX] = "";
    snprintf(s->report.locale, sizeof s->report.locale, "%s", s->lang);
    bool ok = app->reports && report_service_submit(app->reports, &s->report, ref, sizeof ref,
                                                    err, sizeof err);
    if (ok) {
        snprintf(s->reference, sizeof s->reference, "%s", ref);
        s->submit_error[0] = '\0';
        app_go(app, "report.done");
    } else {
        /* err names codes and system errors only, never the person's answers */
        log_error("report not saved: %s", app->reports ? err : "no outbox open");
        snprintf(s->submit_error, sizeof s->submit_error, "%s", app->reports ? err : "no outbox");
        app_go(app, "report.error");
    }
}

/* Send with an answer missing (never reached through Next, which checks each step)
 * opens that step with the error at its question, as the step's own Next would. */
static void send_or_show_problem(app_t *app, ui_t *ui)
{
    report_problem_t problem;
    if (report_validate(&app->session.report, &problem)) {
        submit(app);
    } else if (!wizard_show_problem(app, ui, &problem)) {
        log_error("report not valid: %s", problem.message); /* codes only, no answers */
    }
}

static void review_frame(app_t *app, ui_t *ui)
{
    const char *title = NULL;
    SDL_Rect area = chrome_frame_scrolling(app, ui, "report.review.title", "report.consent", &title);
    int send_w = theme_px(&ui->theme, 560) < area.w ? theme_px(&ui->theme, 560) : area.w;
    const char *send_label = app_text(app, "report.review.submit");
    SDL_Rect nav = ui_cut_bottom(&area, ui_button_height(ui, send_label, send_w,
                                                         theme_px(&ui->theme, 130)));
    ui_cut_bottom(&area, theme_px(&ui->theme, THEME_GAP));
    SDL_Rect at = chrome_scroll_begin(ui, "report.review.list", area);
    int y = at.y + chrome_scrolled_title(ui, title, at);
    for (int i = 0; i < wizard_step_count(); i++) {
        const wizard_step_t *step = wizard_step_at(i);
        if (step->summary && wizard_step_asked(app, step)) {
            y += review_row(app, ui, step, (SDL_Rect){at.x, y, at.w, 0});
        }
    }
    ui_scroll_end(ui, y - at.y);
    SDL_Rect send = ui_cut_end(ui, &nav, send_w);
    if (ui_button(ui, "report.review.submit", send_label, send, UI_BUTTON_PRIMARY, true)) {
        send_or_show_problem(app, ui);
    }
}

static void error_frame(app_t *app, ui_t *ui)
{
    const theme_t *t = &ui->theme;
    SDL_Rect area = chrome_frame(app, ui, "report.error.title", "report.review");
    SDL_Rect at = chrome_scroll_begin(ui, "report.error.scroll", area);
    ui_text_opts_t body = ui_body(ui);
    int y = at.y + ui_text(ui, "report.error.body", app_text(app, "report.error.body"), at, &body) +
            theme_px(t, THEME_GAP * 2);
    int retry_w = at.w < theme_px(t, 560) ? at.w : theme_px(t, 560);
    const char *label = app_text(app, "report.error.retry");
    SDL_Rect retry = {ui_start_x(ui, at, retry_w), y, retry_w,
                      ui_button_height(ui, label, retry_w, theme_px(t, 130))};
    if (ui_button(ui, "report.error.retry", label, retry, UI_BUTTON_PRIMARY, true)) {
        submit(app);
    }
    ui_scroll_end(ui, retry.y + retry.h - at.y);
}

const screen_def_t SCREEN_REPORT_REVIEW[] = {
    {"report.review", 0, NULL, review_frame, NULL},
    {"report.error", 0, NULL, error_frame, NULL},
};
