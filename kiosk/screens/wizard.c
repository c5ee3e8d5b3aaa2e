#include "screens/wizard.h"

#include "ui/keyboard.h"

#include <stdio.h>
#include <string.h>

#define WIZARD_NAV_H 130
#define WIZARD_NAV_BUTTON_W 420
#define WIZARD_PROBLEM_BAR 10 /* the error's bar at the reading start (GOV.UK) */

#define ROW(id, step, content, victim, other, summary) \
    {{"report." id, 0, NULL, wizard_step_frame, NULL}, step, content, false, victim, other, summary, NULL}
#define TYPING_ROW(id, step, content, victim, other, summary) \
    {{"report." id, 0, NULL, wizard_step_frame, NULL}, step, content, true, victim, other, summary, NULL}

/* The wizard, in order. Titles differ by role where the question is about "you". */
static const wizard_step_t STEPS[] = {
    ROW("start", NULL, wizard_start_content, "report.start.title", "report.start.title", NULL),
    ROW("safety", "safety", wizard_safety_content, "report.safety.title", "report.safety.title",
        wizard_safety_summary),
    ROW("who", "who", wizard_who_content, "report.who.title", "report.who.title",
        wizard_who_summary),
    /* with a member of staff helping: is the person the victim or a witness, and the staff
     * member's role (asked only then) */
    {{"report.assisted", 0, NULL, wizard_step_frame, NULL}, "assisted", wizard_assisted_content,
     false, "report.assisted.title", "report.assisted.title", wizard_assisted_summary,
     wizard_assisted_asked},
    ROW("why", "why", wizard_why_content, "report.why.title.victim", "report.why.title.other",
        wizard_why_summary),
    ROW("what", "what", wizard_what_content, "report.what.title.victim",
        "report.what.title.other", wizard_what_summary),
    TYPING_ROW("when", "when", wizard_when_content, "report.when.title", "report.when.title",
        wizard_when_summary),
    ROW("where", "where", wizard_where_content, "report.where.title", "report.where.title",
        wizard_where_summary),
    TYPING_ROW("details", "details", wizard_details_content, "report.details.title",
        "report.details.title", wizard_details_summary),
    ROW("health", "health", wizard_health_content, "report.health.title",
        "report.health.title.other", wizard_health_summary),
    TYPING_ROW("contact", "contact", wizard_contact_content, "report.contact.title",
        "report.contact.title", wizard_contact_summary),
    ROW("consent", "consent", wizard_consent_content, "report.consent.title",
        "report.consent.title", wizard_consent_summary),
};
#define STEP_COUNT ((int)(sizeof STEPS / sizeof STEPS[0]))

int wizard_step_count(void)
{
    return STEP_COUNT;
}

const wizard_step_t *wizard_step_at(int i)
{
    return i >= 0 && i < STEP_COUNT ? &STEPS[i] : NULL;
}

static int row_index(const char *screen_id)
{
    for (int i = 0; screen_id && i < STEP_COUNT; i++) {
        if (strcmp(STEPS[i].screen.id, screen_id) == 0) {
            return i;
        }
    }
    return -1;
}

const wizard_step_t *wizard_step_find(const char *screen_id)
{
    return wizard_step_at(row_index(screen_id));
}

bool wizard_step_asked(const app_t *app, const wizard_step_t *row)
{
    return !row->asked || row->asked(app);
}

/* The row asked next after (dir +1) or before (dir -1) index; -1 past either end. */
static int asked_row(const app_t *app, int index, int dir)
{
    for (int i = index + dir; i >= 0 && i < STEP_COUNT; i += dir) {
        if (wizard_step_asked(app, &STEPS[i])) {
            return i;
        }
    }
    return -1;
}

bool wizard_is_victim(const app_t *app)
{
    const char *role = app->session.report.reporter_role;
    return role[0] == '\0' || strcmp(role, "victim") == 0;
}

const char *wizard_title_key(const app_t *app, const wizard_step_t *row)
{
    return wizard_is_victim(app) ? row->title_victim : row->title_other;
}

/* Question i of n: only rows that are questions asked in this report count. */
static void question_number(const app_t *app, int index, int *number, int *total)
{
    *number = *total = 0;
    for (int i = 0; i < STEP_COUNT; i++) {
        if (STEPS[i].step && wizard_step_asked(app, &STEPS[i])) {
            ++*total;
            *number += i <= index;
        }
    }
}

static void progress_text(const app_t *app, int index, char *text, size_t size)
{
    int number, total;
    question_number(app, index, &number, &total);
    char step[16], all[16];
    snprintf(step, sizeof step, "%d", number);
    snprintf(all, sizeof all, "%d", total);
    const char *names[] = {"step", "total"};
    const char *values[] = {step, all};
    i18n_format(app_text(app, "report.progress"), names, values, 2, text, size);
}

static void progress(app_t *app, ui_t *ui, SDL_Rect r, int index)
{
    const theme_t *t = &ui->theme;
    char text[128];
    progress_text(app, index, text, sizeof text);
    ui_text_opts_t o = ui_body(ui);
    o.align = TEXT_ALIGN_CENTER;
    o.size = THEME_FONT_SMALL;
    int h = ui_text(ui, "report.progress", text, r, &o);
    int number, total;
    question_number(app, index, &number, &total);
    ui_progress(ui, (SDL_Rect){r.x, r.y + h + theme_px(t, 12), r.w, theme_px(t, 14)}, number,
                total);
}

static void go_next(app_t *app, int index)
{
    const wizard_step_t *row = &STEPS[index];
    if (row->step && strcmp(row->step, "safety") == 0 &&
        app->session.report.safety == REPORT_YES) {
        app_go(app, "report.urgent"); /* in danger or hurt: help first */
    } else if (strcmp(row->screen.id, "report.who") == 0 && app->session.editing &&
               wizard_assisted_asked(app)) {
        app_go(app, "report.assisted"); /* changed to staff help: its question comes next */
    } else if (app->session.editing || asked_row(app, index, 1) < 0) {
        app->session.editing = false;
        app_go(app, "report.review");
    } else {
        app_go(app, STEPS[asked_row(app, index, 1)].screen.id);
    }
}

/* The progress's height at width w: that of the widest count ("10 of 10"), so the footer
 * keeps its height from step to step. */
static int progress_height(app_t *app, ui_t *ui, int w)
{
    char text[128];
    progress_text(app, STEP_COUNT - 1, text, sizeof text);
    ui_text_opts_t small = ui_body(ui);
    small.align = TEXT_ALIGN_CENTER;
    small.size = THEME_FONT_SMALL;
    return ui_text_height(ui, text, w, &small) + theme_px(&ui->theme, 40);
}

/* Draws Back, Next and the progress at the bottom of content; returns whether Next was
 * tapped. Landscape: the progress between the two buttons. Portrait: the progress on its
 * own row above them, the buttons half the width each at the usual height (between them
 * the count wrapped and the buttons grew into squares). */
static bool navigation(app_t *app, ui_t *ui, SDL_Rect *content, int index, bool compact)
{
    const theme_t *t = &ui->theme;
    int gap = theme_px(t, THEME_GAP);
    bool portrait = ui->h > ui->w;
    int bw = portrait ? (content->w - gap) / 2 : theme_px(t, WIZARD_NAV_BUTTON_W);
    int min_h = theme_px(t, compact ? THEME_TARGET_MIN : WIZARD_NAV_H);
    int nav_h = ui_button_height(ui, app_text(app, "common.back"), bw, min_h);
    nav_h = ui_button_height(ui, app_text(app, "common.next"), bw, nav_h);
    bool show_progress = STEPS[index].step && !compact;
    SDL_Rect progress_at = {0, 0, 0, 0};
    SDL_Rect nav;
    if (show_progress && portrait) {
        nav = ui_cut_bottom(content, nav_h);
        progress_at = ui_cut_bottom(content, progress_height(app, ui, content->w) + gap);
    } else {
        int middle_w = content->w - 2 * bw - 4 * gap;
        if (show_progress) { /* the bar grows to hold the progress, text and bar */
            int ph = progress_height(app, ui, middle_w);
            nav_h = ph + 2 * gap > nav_h ? ph + 2 * gap : nav_h;
        }
        nav = ui_cut_bottom(content, nav_h);
    }
    ui_cut_bottom(content, gap);
    if (ui_button(ui, "back", app_text(app, "common.back"), ui_cut_start(ui, &nav, bw),
                  UI_BUTTON_SECONDARY, true)) {
        app->session.editing = false;
        int back = asked_row(app, index, -1);
        app_go(app, back < 0 ? "home" : STEPS[back].screen.id);
    }
    bool next = ui_button(ui, "next", app_text(app, "common.next"), ui_cut_end(ui, &nav, bw),
                          UI_BUTTON_PRIMARY, true);
    if (show_progress) {
        progress(app, ui, portrait ? progress_at : ui_inset(nav, gap), index);
    }
    return next;
}

/* The error at the question (GOV.UK error message): a bar at the reading start and the
 * message in the error colour. Returns the height used. */
static int problem_message(app_t *app, ui_t *ui, SDL_Rect at)
{
    const session_t *s = &app->session;
    const theme_t *t = &ui->theme;
    char key[UI_ID_MAX];
    snprintf(key, sizeof key, "report.problem.%s", s->problem_field);
    const char *text = app_text(app, key);
    if (strcmp(text, key) == 0) {
        text = app_text(app, "report.problem.other");
    }
    int bar_w = theme_px(t, WIZARD_PROBLEM_BAR);
    SDL_Rect row = at;
    SDL_Rect bar = ui_cut_start(ui, &row, bar_w);
    ui_cut_start(ui, &row, theme_px(t, THEME_GAP / 2));
    ui_text_opts_t o = ui_body(ui);
    o.bold = true;
    o.color = t->high_contrast ? t->colors.text : t->colors.danger;
    int h = ui_text(ui, "report.problem", text, row, &o);
    bar.h = h;
    ui_fill(ui, bar, t->colors.danger);
    return h + theme_px(t, THEME_GAP);
}

bool wizard_show_problem(app_t *app, ui_t *ui, const report_problem_t *problem)
{
    session_t *s = &app->session;
    char screen[UI_ID_MAX], scroll_id[UI_ID_MAX + 8];
    snprintf(screen, sizeof screen, "report.%s", problem->step);
    if (!wizard_step_find(screen)) {
        return false;
    }
    snprintf(s->problem_step, sizeof s->problem_step, "%s", problem->step);
    snprintf(s->problem_field, sizeof s->problem_field, "%s", problem->field);
    s->problem_seq++;
    snprintf(scroll_id, sizeof scroll_id, "%s.list", screen);
    ui_scroll_to_top(ui, scroll_id); /* the error sits at the top of the question */
    if (strcmp(app->screen->id, screen) != 0) {
        s->editing = true; /* from the review: Next returns there */
        app_go(app, screen);
    }
    app->dirty = true;
    return true;
}

/* Next: the answer is checked by the model's rule; a missing or wrong answer keeps the
 * person here with the error at the question (spoken when read-aloud is on). */
static void try_next(app_t *app, ui_t *ui, int index)
{
    session_t *s = &app->session;
    report_problem_t problem;
    ui_focus_clear(ui); /* closes the keyboard: what was typed has been applied */
    if (report_validate_step(&s->report, STEPS[index].step, &problem)) {
        s->problem_field[0] = '\0';
        go_next(app, index);
        return;
    }
    wizard_show_problem(app, ui, &problem);
}

/* An error belongs to its step and goes once the answer is right. */
static void forget_fixed_problem(app_t *app, const wizard_step_t *row)
{
    session_t *s = &app->session;
    if (s->problem_field[0] &&
        (!row->step || strcmp(s->problem_step, row->step) != 0 ||
         report_validate_step(&s->report, row->step, NULL))) {
        s->problem_field[0] = '\0';
        app->dirty = true;
    }
}

void wizard_step_frame(app_t *app, ui_t *ui)
{
    int index = row_index(app->screen->id);
    const wizard_step_t *row = &STEPS[index];
    forget_fixed_problem(app, row);
    /* the question above its answers; when it is tall it scrolls with them */
    const char *title_scrolls = NULL;
    SDL_Rect area = chrome_frame_scrolling(app, ui, wizard_title_key(app, row), NULL,
                                           &title_scrolls);
    /* while typing, the footer keeps Back and Next (Next with the keyboard open counts,
     * issue 10) but drops the progress, so the field and three lines of it stay above the
     * keyboard even at 1280x720 */
    bool typing = row->typing && ui->focus[0];
    bool next = navigation(app, ui, &area, index, typing);
    if (typing) {
        wizard_keyboard(app, ui, &area);
    }
    /* one view for the error, the words and every answer: when they do not all fit (the
     * largest text), the whole step scrolls, so each answer can still be reached */
    char scroll_id[UI_ID_MAX];
    snprintf(scroll_id, sizeof scroll_id, "%s.list", row->screen.id);
    ui->more_label = app_text(app, "common.more_options"); /* answers come in pages */
    SDL_Rect at = chrome_scroll_begin(ui, scroll_id, area);
    int h = chrome_scrolled_title(ui, title_scrolls, at);
    if (app->session.problem_field[0]) {
        h += problem_message(app, ui, (SDL_Rect){at.x, at.y + h, at.w, 0});
    }
    h += row->content(app, ui, (SDL_Rect){at.x, at.y + h, at.w, 0}, area.h - h);
    ui_scroll_end(ui, h);
    if (row->typing && typing) {
        wizard_follow_focus(app, ui);
    } else if (row->typing && ui->focus[0]) {
        app->dirty = true; /* focused this frame: draw again with the keyboard, then follow */
    }
    if (next) {
        try_next(app, ui, index);
    } else {
        forget_fixed_problem(app, row); /* typed this frame: draw again without it */
    }
}

static void choose(const wizard_choices_t *c, int i)
{
    if (c->multi) {
        report_toggle(c->selected, c->codes, c->count, i);
    } else {
        snprintf(c->single, REPORT_CODE_MAX, "%s", c->codes[i]);
    }
}

/* The answers of one group (exclusive or not) as laid out: which, in how many columns and
 * rows, and the height each grid row's longest label needs. */
typedef struct choice_group {
    int index[REPORT_MOTIVATION_COUNT + REPORT_INCIDENT_COUNT + 32];
    int label_h[REPORT_MOTIVATION_COUNT + REPORT_INCIDENT_COUNT + 32]; /* by grid row */
    int n, cols, rows;
} choice_group_t;

static int choice_gap(const ui_t *ui)
{
    return theme_px(&ui->theme, THEME_GAP * 2 / 3);
}

static void group_measure(app_t *app, ui_t *ui, int w, const wizard_choices_t *c, bool exclusive,
                          int max_cols, choice_group_t *g)
{
    const theme_t *t = &ui->theme;
    g->n = 0;
    for (int i = 0; i < c->count && g->n < (int)(sizeof g->index / sizeof g->index[0]); i++) {
        if ((c->multi && report_code_exclusive(c->codes[i])) == exclusive) {
            g->index[g->n++] = i;
        }
    }
    g->cols = w > theme_px(t, 1200) && g->n > 4 && max_cols > 1 ? 2 : 1;
    g->rows = (g->n + g->cols - 1) / g->cols;
    int cell_w = (w - choice_gap(ui) * (g->cols - 1)) / g->cols;
    char key[UI_ID_MAX];
    for (int k = 0; k < g->n; k++) {
        snprintf(key, sizeof key, "%s%s", c->key_prefix, c->codes[g->index[k]]);
        int row = k / g->cols, h = ui_choice_height(ui, app_text(app, key), cell_w, 0);
        g->label_h[row] = k % g->cols == 0 || h > g->label_h[row] ? h : g->label_h[row];
    }
}

static int tallest_row(const choice_group_t *g)
{
    int h = 0;
    for (int r = 0; r < g->rows; r++) {
        h = g->label_h[r] > h ? g->label_h[r] : h;
    }
    return h;
}

/* A grid row: at least base high, as its longest label needs, and grow more. */
static int row_height(const choice_group_t *g, int row, int base, int grow)
{
    return (g->label_h[row] > base ? g->label_h[row] : base) + grow;
}

static int group_height(const ui_t *ui, const choice_group_t *g, int base, int grow)
{
    int h = 0;
    for (int r = 0; r < g->rows; r++) {
        h += row_height(g, r, base, grow) + (r ? choice_gap(ui) : 0);
    }
    return h;
}

static int group_draw(app_t *app, ui_t *ui, SDL_Rect at, const wizard_choices_t *c,
                      const choice_group_t *g, int base, int grow)
{
    int gap = choice_gap(ui), cell_w = (at.w - gap * (g->cols - 1)) / g->cols, y = at.y;
    char id[UI_ID_MAX], key[UI_ID_MAX];
    for (int k = 0; k < g->n; k++) {
        int i = g->index[k], row = k / g->cols, col = k % g->cols;
        col = ui->rtl ? g->cols - 1 - col : col;
        SDL_Rect cell = {at.x + col * (cell_w + gap), y, cell_w, row_height(g, row, base, grow)};
        snprintf(id, sizeof id, "%s%s", c->id_prefix, c->codes[i]);
        snprintf(key, sizeof key, "%s%s", c->key_prefix, c->codes[i]);
        bool on = c->multi ? c->selected[i] : strcmp(c->single, c->codes[i]) == 0;
        if (ui_choice(ui, id, app_text(app, key), cell, on, c->multi)) {
            choose(c, i);
        }
        if (k % g->cols == g->cols - 1 || k == g->n - 1) {
            y += cell.h + gap;
        }
    }
    return g->n ? y - gap - at.y : 0;
}

/* The groups' height with fixed (the "or" divider) between them, at base and grow. */
static int stack_height(const ui_t *ui, const choice_group_t *g, int n, int fixed, int base,
                        int grow)
{
    int h = fixed;
    for (int i = 0; i < n; i++) {
        h += group_height(ui, &g[i], base, grow);
    }
    return h;
}

/* Each row is WIZARD_CHOICE_H high, or what its longest label needs. Given the room the
 * page has for them, rows that would not all fit start lower, as low as
 * WIZARD_CHOICE_COMPACT_H (every answer on one page rather than a page turned for the
 * last, or at least fewer pages), and rows with room to spare grow by up to half of
 * WIZARD_CHOICE_H (a portrait page used down to its footer, not a band left empty). */
static void rows_fit(const ui_t *ui, const wizard_choices_t *c, const choice_group_t *g, int n,
                     int fixed, int *base, int *grow)
{
    const theme_t *t = &ui->theme;
    int rows = 0;
    for (int i = 0; i < n; i++) {
        rows += g[i].rows;
    }
    *base = theme_px(t, WIZARD_CHOICE_H);
    *grow = 0;
    int total = stack_height(ui, g, n, fixed, *base, 0);
    if (c->room <= 0 || rows == 0) {
        return;
    }
    if (total > c->room) {
        /* the tallest base between compact and natural at which they all fit, else
         * compact (pages then, but fewer) */
        int compact = theme_px(t, WIZARD_CHOICE_COMPACT_H);
        int step = theme_px(t, 2) > 1 ? theme_px(t, 2) : 1;
        while (*base - step > compact &&
               stack_height(ui, g, n, fixed, *base - step, 0) > c->room) {
            *base -= step;
        }
        *base = *base - step > compact ? *base - step : compact;
        return;
    }
    int spare = (c->room - total) / rows, most = theme_px(t, WIZARD_CHOICE_H / 2);
    *grow = spare < most ? spare : most;
}

int wizard_choice_grid(app_t *app, ui_t *ui, SDL_Rect at, const wizard_choices_t *c)
{
    const theme_t *t = &ui->theme;
    choice_group_t g[2]; /* the answers, then the exclusive ones ("Not sure") */
    group_measure(app, ui, at.w, c, false, 2, &g[0]);
    if (g[0].cols > 1 && c->room > 0 && tallest_row(&g[0]) > c->room / 2) {
        /* two columns whose labels wrap into rows taller than half the page (Nastaliq at
         * the largest text): one column of shorter rows shows more answers a page */
        group_measure(app, ui, at.w, c, false, 1, &g[0]);
    }
    group_measure(app, ui, at.w, c, true, 2, &g[1]);
    /* the "or" divider shows only above exclusive answers */
    ui_text_opts_t or_opts = ui_body(ui);
    or_opts.bold = true;
    const char *or_text = app_text(app, "common.or");
    int divider = g[1].n ? theme_px(t, THEME_GAP) + ui_text_height(ui, or_text, at.w, &or_opts) +
                               theme_px(t, THEME_GAP / 2)
                         : 0;
    int base, grow;
    rows_fit(ui, c, g, 2, divider, &base, &grow);
    int y = at.y;
    at.y += group_draw(app, ui, at, c, &g[0], base, grow);
    if (g[1].n) {
        char or_id[UI_ID_MAX];
        snprintf(or_id, sizeof or_id, "%sor", c->id_prefix);
        ui_text(ui, or_id, or_text, (SDL_Rect){at.x, at.y + theme_px(t, THEME_GAP), at.w, 0},
                &or_opts);
        at.y += divider;
        at.y += group_draw(app, ui, at, c, &g[1], base, grow);
    }
    return at.y - y;
}

int wizard_yes_no_height(app_t *app, ui_t *ui, const char *key, int w)
{
    return ui_choice_height(ui, app_text(app, key), w, theme_px(&ui->theme, WIZARD_CHOICE_H));
}

int wizard_yes_no(app_t *app, ui_t *ui, const char *id, const char *key, SDL_Rect at,
                  report_answer_t *answer)
{
    const char *label = app_text(app, key);
    at.h = wizard_yes_no_height(app, ui, key, at.w);
    if (ui_choice(ui, id, label, at, *answer == REPORT_YES, true)) {
        *answer = *answer == REPORT_YES ? REPORT_NO : REPORT_YES;
    }
    return at.h;
}

/* The keyboard for the focused field: phone and email fields get their own layouts. */
bool wizard_keyboard(app_t *app, ui_t *ui, SDL_Rect *area)
{
    if (!ui->focus[0]) {
        return false;
    }
    const keyboard_set_t *set = &app->content->keyboards;
    const lang_info_t *lang = lang_registry_find(app->langs, app_lang(app));
    const char *native = lang ? lang->keyboard : "latin";
    if (strcmp(ui->focus, "report.contact.phone") == 0) {
        native = "phone";
    } else if (strcmp(ui->focus, "report.contact.email") == 0) {
        native = "email";
    } else if (strcmp(ui->focus, "report.when.date") == 0) {
        native = "date";
    } else if (strcmp(ui->focus, "admin.pin.field") == 0) {
        native = "phone";
    }
    ui_keyboard_layouts_t k = {
        .native = keyboard_set_find(set, native),
        .latin = keyboard_set_find(set, "latin"),
        .digits = keyboard_set_find(set, "digits"),
        .native_label = app_text(app, "keyboard.native"),
        .latin_label = app_text(app, "keyboard.letters"),
        .digits_label = app_text(app, "keyboard.digits"),
        .space_label = app_text(app, "keyboard.space"),
        .shift_label = app_text(app, "keyboard.shift"),
        .backspace_label = app_text(app, "keyboard.backspace"),
        .done_label = app_text(app, "keyboard.done"),
        .enter_label = app_text(app, "keyboard.enter"),
    };
    /* the keyboard for the active mode decides the height (keys keep a touchable size) */
    const keyboard_layout_t *tallest = k.native && k.latin && k.latin->rows > k.native->rows
                                           ? k.latin
                                           : k.native;
    ui_keyboard(ui, &k, ui_cut_bottom(area, ui_keyboard_height(ui, tallest)));
    ui_cut_bottom(area, theme_px(&ui->theme, THEME_GAP));
    return true;
}

void wizard_follow_focus(app_t *app, ui_t *ui)
{
    if (!ui->focus[0]) {
        return;
    }
    /* the field just focused: the keyboard opened over it */
    if (!ui->focus_new) {
        return; /* once: then the person may scroll to another field */
    }
    ui->focus_new = false;
    if (ui_scroll_to_widget(ui, ui->focus, theme_px(&ui->theme, 70))) {
        app->dirty = true; /* the keyboard opened over it: bring the field (and label) up */
    }
}
