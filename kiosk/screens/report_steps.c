/* The wizard steps that are choices: start, safety, who, why, what, when, where, health,
 * consent; and the urgent page for someone in danger or hurt. */
#include "screens/screens_internal.h"
#include "screens/wizard.h"
#include "ui/keyboard.h"

#include <stdio.h>
#include <string.h>

#define STEP_ROW_H 110

static const char *const YES_NO[] = {"yes", "no"};


static int body_text(app_t *app, ui_t *ui, const char *key, const char *text, SDL_Rect at,
                     bool muted)
{
    ui_text_opts_t o = ui_body(ui);
    o.color = muted ? ui->theme.colors.text_muted : o.color;
    return ui_text(ui, key, text ? text : app_text(app, key), at, &o) +
           theme_px(&ui->theme, THEME_GAP);
}

/* Words above answers, as tall as their ink rather than their line box: Nastaliq's line
 * box is about twice its letters, and at the largest text in Urdu a page then had no room
 * for the words and the first answer (page 1 of report.where showed "Area" alone, of
 * report.why its hint alone). Returns the height and gap under it. */
static int ink_text(app_t *app, ui_t *ui, const char *key, SDL_Rect at, const ui_text_opts_t *o,
                    int gap)
{
    const char *text = app_text(app, key);
    ui_text_metrics_t m = ui_text_metrics(ui, text, at.w, o);
    int h = m.ink.w > 0 ? m.ink.h : m.height;
    int baseline = at.y + m.baseline - (m.ink.w > 0 ? m.ink.y : 0);
    ui_text_on_baseline(ui, key, text, (SDL_Rect){at.x, at.y, at.w, h}, baseline, o);
    return h + gap;
}

/* A group's heading, nearer its answers than the group above. */
static int heading(app_t *app, ui_t *ui, const char *key, SDL_Rect at)
{
    ui_text_opts_t o = ui_body(ui);
    o.bold = true;
    return ink_text(app, ui, key, at, &o, theme_px(&ui->theme, THEME_GAP / 2));
}

int wizard_start_content(app_t *app, ui_t *ui, SDL_Rect at, int view_h)
{
    (void)view_h;
    const theme_t *t = &ui->theme;
    char body[1024];
    chrome_format(app, "report.start.body", body, sizeof body);
    int h = body_text(app, ui, "report.start.body", body, at, false) + theme_px(t, THEME_GAP);
    const char *label = app_text(app, "report.start.privacy");
    int w = ui_button_width(ui, label, theme_px(t, 400), at.w);
    SDL_Rect link = {ui_start_x(ui, at, w), at.y + h, w,
                     ui_button_height(ui, label, w, theme_px(t, THEME_TARGET_MIN))};
    if (ui_button(ui, "report.start.privacy", label, link, UI_BUTTON_SECONDARY, true)) {
        chrome_go_privacy(app);
    }
    return h + link.h;
}

int wizard_safety_content(app_t *app, ui_t *ui, SDL_Rect at, int view_h)
{
    report_t *r = &app->session.report;
    char code[REPORT_CODE_MAX] = "";
    snprintf(code, sizeof code, "%s",
             r->safety == REPORT_YES ? "yes" : r->safety == REPORT_NO ? "no" : "");
    /* the answers first when the words and the first answer would not share a page (the
     * largest text in long languages): the question's answers on the page it is asked */
    ui_text_opts_t o = ui_body(ui);
    int body_h = ui_text_height(ui, app_text(app, "report.safety.body"), at.w, &o) +
                 theme_px(&ui->theme, THEME_GAP);
    int first = ui_choice_height(ui, app_text(app, "report.safety.yes"), at.w,
                                 theme_px(&ui->theme, WIZARD_CHOICE_COMPACT_H));
    bool answers_first = body_h + first > view_h - ui_cue_height(ui, at.w);
    int h = answers_first ? 0 : body_text(app, ui, "report.safety.body", NULL, at, false);
    wizard_choices_t c = {"report.safety.", "report.safety.", YES_NO, 2, false, NULL, code,
                          view_h - h};
    h += wizard_choice_grid(app, ui, (SDL_Rect){at.x, at.y + h, at.w, 0}, &c);
    if (answers_first) {
        h += theme_px(&ui->theme, THEME_GAP);
        h += body_text(app, ui, "report.safety.body", NULL, (SDL_Rect){at.x, at.y + h, at.w, 0},
                       false);
    }
    r->safety = strcmp(code, "yes") == 0 ? REPORT_YES
                : strcmp(code, "no") == 0 ? REPORT_NO
                                          : REPORT_UNANSWERED;
    return h;
}

static void urgent_frame(app_t *app, ui_t *ui)
{
    const theme_t *t = &ui->theme;
    SDL_Rect area = chrome_frame(app, ui, "report.urgent.title", "report.safety");
    SDL_Rect at = chrome_scroll_begin(ui, "report.urgent.scroll", area);
    ui_text_opts_t body = ui_body(ui);
    body.size = THEME_FONT_BODY * 1.15;
    int y = at.y + ui_text(ui, "report.urgent.body", app_text(app, "report.urgent.body"), at,
                           &body) +
            theme_px(t, THEME_GAP * 2);
    int gap = theme_px(t, THEME_GAP);
    bool stacked = ui->h > ui->w; /* portrait: one above the other, full width */
    int cell_w = stacked ? at.w : (at.w - gap) / 2;
    int h = ui_button_height(ui, app_text(app, "report.urgent.continue"), cell_w,
                             theme_px(t, STEP_ROW_H * 1.2));
    h = ui_button_height(ui, app_text(app, "report.urgent.home"), cell_w, h);
    SDL_Rect row = {at.x, y, at.w, stacked ? 2 * h + gap : h};
    int cols = stacked ? 1 : 2, rows = stacked ? 2 : 1;
    if (ui_button(ui, "report.urgent.continue", app_text(app, "report.urgent.continue"),
                  ui_grid_cell(ui, row, cols, rows, 0, gap), UI_BUTTON_PRIMARY, true)) {
        app_go(app, "report.who");
    }
    if (ui_button(ui, "report.urgent.home", app_text(app, "report.urgent.home"),
                  ui_grid_cell(ui, row, cols, rows, 1, gap), UI_BUTTON_SECONDARY, true)) {
        app_go(app, "home");
    }
    ui_scroll_end(ui, row.y + row.h - at.y);
}

/* The who step's answers: the three roles, and a member of staff helping the person (its
 * own question, victim or witness and the staff role, comes next: report.assisted). */
static const char *const WHO_CODES[] = {"victim", "witness", "third_party", "staff_assisted"};
#define WHO_COUNT ((int)(sizeof WHO_CODES / sizeof WHO_CODES[0]))

int wizard_who_content(app_t *app, ui_t *ui, SDL_Rect at, int view_h)
{
    report_t *r = &app->session.report;
    char code[REPORT_CODE_MAX];
    snprintf(code, sizeof code, "%s", r->assisted_by[0] ? "staff_assisted" : r->reporter_role);
    wizard_choices_t c = {"report.who.", "report.who.", WHO_CODES, WHO_COUNT, false, NULL, code,
                          view_h};
    int h = wizard_choice_grid(app, ui, at, &c);
    if (strcmp(code, "staff_assisted") == 0) {
        snprintf(r->assisted_by, sizeof r->assisted_by, "staff");
        if (strcmp(r->reporter_role, "third_party") == 0) {
            r->reporter_role[0] = '\0'; /* with staff the person is there: asked again */
        }
    } else if (code[0]) {
        memset(r->assisted_by, 0, sizeof r->assisted_by); /* alone after all */
        memset(r->staff_role, 0, sizeof r->staff_role);
        snprintf(r->reporter_role, sizeof r->reporter_role, "%s", code);
    }
    return h;
}

bool wizard_assisted_asked(const app_t *app)
{
    return app->session.report.assisted_by[0] != '\0';
}

/* With a member of staff: the person's own role, asked of them (victim or witness), then
 * the staff member's role, asked of the staff (never their name). */
static const char *const PERSON_ROLES[] = {"victim", "witness"};

int wizard_assisted_content(app_t *app, ui_t *ui, SDL_Rect at, int view_h)
{
    (void)view_h;
    report_t *r = &app->session.report;
    int y0 = at.y;
    wizard_choices_t who = {"report.assisted.", "report.who.", PERSON_ROLES, 2, false, NULL,
                            r->reporter_role, 0};
    at.y += wizard_choice_grid(app, ui, at, &who) + theme_px(&ui->theme, THEME_GAP * 2);
    at.y += heading(app, ui, "staff.role.title", at);
    at.y += body_text(app, ui, "staff.role.hint", NULL, at, true);
    wizard_choices_t role = {"report.staff_role.", "staff.role.", REPORT_STAFF_ROLE_CODES,
                             REPORT_STAFF_ROLE_COUNT, false, NULL, r->staff_role, 0};
    at.y += wizard_choice_grid(app, ui, at, &role);
    return at.y - y0;
}

static int multi_step(app_t *app, ui_t *ui, SDL_Rect at, int view_h, const char *step,
                      const char *const *codes, int count, bool *selected)
{
    char prefix[UI_ID_MAX], hint[UI_ID_MAX];
    snprintf(prefix, sizeof prefix, "report.%s.", step);
    snprintf(hint, sizeof hint, "report.%s.hint", step);
    ui_text_opts_t o = ui_body(ui);
    o.color = ui->theme.colors.text_muted;
    int h = ink_text(app, ui, hint, at, &o, theme_px(&ui->theme, THEME_GAP));
    wizard_choices_t c = {prefix, prefix, codes, count, true, selected, NULL, view_h - h};
    return h + wizard_choice_grid(app, ui, (SDL_Rect){at.x, at.y + h, at.w, 0}, &c);
}

int wizard_why_content(app_t *app, ui_t *ui, SDL_Rect at, int view_h)
{
    return multi_step(app, ui, at, view_h, "why", REPORT_MOTIVATION_CODES, REPORT_MOTIVATION_COUNT,
                      app->session.report.motivations);
}

int wizard_what_content(app_t *app, ui_t *ui, SDL_Rect at, int view_h)
{
    return multi_step(app, ui, at, view_h, "what", REPORT_INCIDENT_CODES, REPORT_INCIDENT_COUNT,
                      app->session.report.incident_types);
}

int wizard_when_content(app_t *app, ui_t *ui, SDL_Rect at, int view_h)
{
    report_t *r = &app->session.report;
    ui_field_apply(ui, "report.when.date", r->when_date_text, sizeof r->when_date_text, 10);
    char iso[REPORT_DATE_MAX] = "";
    bool date_ok = report_date_from_uk(r->when_date_text, iso, sizeof iso);
    snprintf(r->when_date, sizeof r->when_date, "%s", date_ok ? iso : "");
    ui_field_opts_t o = {.label = app_text(app, "report.when.date"), .max_graphemes = 10,
                         .lines = 1};
    SDL_Rect field = {at.x, 0, at.w / 2 > theme_px(&ui->theme, 600) ? at.w / 2 : at.w, 0};
    int below = theme_px(&ui->theme, THEME_GAP * 2) + ui_field_height(ui, field.w, &o);
    wizard_choices_t c = {"report.when.", "report.when.", REPORT_WHEN_CODES, REPORT_WHEN_COUNT,
                          false, NULL, r->when_period, view_h - below};
    int h = wizard_choice_grid(app, ui, at, &c) + theme_px(&ui->theme, THEME_GAP * 2);
    field.y = at.y + h;
    if (ui->rtl) {
        field.x = at.x + at.w - field.w;
    }
    return h + ui_field(ui, "report.when.date", r->when_date_text, sizeof r->when_date_text,
                        field, &o);
}

/* Two groups, each under its heading and given the view less its heading as room: a group
 * whose labels wrap into rows taller than half of that (Nastaliq at the largest text) goes
 * one answer a row, and no row is then taller than a page. */
int wizard_where_content(app_t *app, ui_t *ui, SDL_Rect at, int view_h)
{
    report_t *r = &app->session.report;
    const area_list_t *areas = &app->content->areas;
    const char *codes[AREAS_MAX];
    for (int i = 0; i < areas->count; i++) {
        codes[i] = areas->codes[i];
    }
    int y0 = at.y, h = heading(app, ui, "report.where.area", at);
    at.y += h;
    wizard_choices_t a = {"report.where.area.", "area.", codes, areas->count, false, NULL,
                          r->where_area, view_h - h};
    at.y += wizard_choice_grid(app, ui, at, &a) + theme_px(&ui->theme, THEME_GAP * 2);
    h = heading(app, ui, "report.where.place", at);
    at.y += h;
    wizard_choices_t p = {"report.where.place.", "report.where.place.", REPORT_PLACE_CODES,
                          REPORT_PLACE_COUNT, false, NULL, r->where_place, view_h - h};
    at.y += wizard_choice_grid(app, ui, at, &p);
    return at.y - y0;
}

int wizard_health_content(app_t *app, ui_t *ui, SDL_Rect at, int view_h)
{
    report_t *r = &app->session.report;
    int below = theme_px(&ui->theme, THEME_GAP * 2) +
                wizard_yes_no_height(app, ui, "report.health.wants_support", at.w);
    wizard_choices_t c = {"report.health.", "report.health.", REPORT_HEALTH_CODES,
                          REPORT_HEALTH_COUNT, true, r->health_impacts, NULL, view_h - below};
    int h = wizard_choice_grid(app, ui, at, &c) + theme_px(&ui->theme, THEME_GAP * 2);
    return h + wizard_yes_no(app, ui, "report.health.wants_support", "report.health.wants_support",
                             (SDL_Rect){at.x, at.y + h, at.w, 0}, &r->health_wants_support);
}

int wizard_consent_content(app_t *app, ui_t *ui, SDL_Rect at, int view_h)
{
    report_t *r = &app->session.report;
    char body[512];
    chrome_format(app, "report.consent.body", body, sizeof body);
    int h = body_text(app, ui, "report.consent.body", body, at, false);
    if (r->assisted_by[0]) { /* the person decides, not the member of staff beside them */
        h += body_text(app, ui, "report.consent.assisted", NULL, (SDL_Rect){at.x, at.y + h, at.w, 0},
                       false);
        h += body_text(app, ui, "staff.consent", NULL, (SDL_Rect){at.x, at.y + h, at.w, 0}, true);
    }
    /* three independent permissions: checkboxes, none excludes another */
    static const char *const CODES[] = {"police", "support", "statistics"};
    bool flags[] = {r->consent_police, r->consent_support, r->consent_statistics};
    wizard_choices_t c = {"report.consent.", "report.consent.", CODES, 3, true, flags, NULL,
                          view_h - h};
    h += wizard_choice_grid(app, ui, (SDL_Rect){at.x, at.y + h, at.w, 0}, &c);
    r->consent_police = flags[0];
    r->consent_support = flags[1];
    r->consent_statistics = flags[2];
    return h;
}

const screen_def_t SCREEN_REPORT_URGENT = {"report.urgent", 0, NULL, urgent_frame, NULL};
