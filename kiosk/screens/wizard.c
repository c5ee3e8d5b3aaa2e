#include "screens/wizard.h"

#include "ui/keyboard.h"

#include <stdio.h>
#include <string.h>

#define WIZARD_NAV_H 130
#define WIZARD_NAV_BUTTON_W 420
#define WIZARD_CHOICE_H 92

static const char *const STEPS[WIZARD_STEP_COUNT + 1] = {
    "report.safety", "report.who",    "report.why",     "report.what",    "report.when",
    "report.where",  "report.details", "report.health", "report.contact", "report.consent",
    "report.review"};

const char *wizard_step_of(const char *screen_id)
{
    return strncmp(screen_id, "report.", 7) == 0 ? screen_id + 7 : NULL;
}

int wizard_step_index(const char *step)
{
    for (int i = 0; step && i <= WIZARD_STEP_COUNT; i++) {
        if (strcmp(STEPS[i] + 7, step) == 0) {
            return i;
        }
    }
    return -1;
}

const char *wizard_step_screen(int i)
{
    return i >= 0 && i <= WIZARD_STEP_COUNT ? STEPS[i] : "home";
}

bool wizard_is_victim(const app_t *app)
{
    const char *role = app->session.report.reporter_role;
    return role[0] == '\0' || strcmp(role, "victim") == 0;
}

static int current_index(const app_t *app)
{
    return wizard_step_index(wizard_step_of(app->screen->id));
}

void wizard_next(app_t *app)
{
    int i = current_index(app);
    if (i == 0 && app->session.report.safety == REPORT_YES) {
        app_go(app, "report.urgent"); /* in danger or hurt: help first */
    } else if (app->session.editing) {
        app->session.editing = false;
        app_go(app, "report.review");
    } else {
        app_go(app, wizard_step_screen(i + 1));
    }
}

static void progress_text(const app_t *app, int i, char *text, size_t size)
{
    char step[16], total[16];
    snprintf(step, sizeof step, "%d", i + 1);
    snprintf(total, sizeof total, "%d", WIZARD_STEP_COUNT);
    const char *names[] = {"step", "total"};
    const char *values[] = {step, total};
    i18n_format(app_text(app, "report.progress"), names, values, 2, text, size);
}

static void progress(app_t *app, ui_t *ui, SDL_Rect r, int i)
{
    const theme_t *t = &ui->theme;
    char text[128];
    progress_text(app, i, text, sizeof text);
    ui_text_opts_t o = ui_body(ui);
    o.align = TEXT_ALIGN_CENTER;
    o.size = THEME_FONT_SMALL;
    int h = ui_text(ui, "report.progress", text, r, &o);
    /* a bar filling from the reading start */
    SDL_Rect bar = {r.x, r.y + h + theme_px(t, 12), r.w, theme_px(t, 14)};
    ui_fill(ui, bar, t->colors.disabled);
    SDL_Rect done = bar;
    done.w = bar.w * (i + 1) / WIZARD_STEP_COUNT;
    if (ui->rtl) {
        done.x = bar.x + bar.w - done.w;
    }
    ui_fill(ui, done, t->colors.primary);
}

SDL_Rect wizard_frame(app_t *app, ui_t *ui, const char *title_key, bool next_ok,
                      const char *why_key)
{
    const theme_t *t = &ui->theme;
    int i = current_index(app);
    SDL_Rect content = chrome_frame(app, ui, title_key, NULL);
    int bw = theme_px(t, WIZARD_NAV_BUTTON_W);
    int gap = theme_px(t, THEME_GAP);
    int nav_h = ui_button_height(ui, app_text(app, "common.back"), bw, theme_px(t, WIZARD_NAV_H));
    nav_h = ui_button_height(ui, app_text(app, "common.next"), bw, nav_h);
    /* why Next is disabled, between Back and Next: the bar grows to hold all of it */
    ui_text_opts_t why = ui_body(ui);
    why.align = TEXT_ALIGN_CENTER;
    why.size = THEME_FONT_SMALL;
    int why_w = content.w - 2 * bw - 4 * gap;
    int why_h = !next_ok && why_key ? ui_text_height(ui, app_text(app, why_key), why_w, &why) : 0;
    nav_h = why_h + 2 * gap > nav_h ? why_h + 2 * gap : nav_h;
    if (why_h == 0 && i >= 0 && i < WIZARD_STEP_COUNT) { /* or the progress, text and bar */
        char text[128];
        progress_text(app, i, text, sizeof text);
        int ph = ui_text_height(ui, text, why_w, &why) + theme_px(t, 40);
        nav_h = ph + 2 * gap > nav_h ? ph + 2 * gap : nav_h;
    }
    SDL_Rect nav = ui_cut_bottom(&content, nav_h);
    ui_cut_bottom(&content, theme_px(t, THEME_GAP));
    if (ui_button(ui, "back", app_text(app, "common.back"), ui_cut_start(ui, &nav, bw),
                  UI_BUTTON_SECONDARY, true)) {
        app->session.editing = false;
        app_go(app, i <= 0 ? "home" : wizard_step_screen(i - 1));
    }
    SDL_Rect next = ui_cut_end(ui, &nav, bw);
    if (ui_button(ui, "next", app_text(app, "common.next"), next, UI_BUTTON_PRIMARY, next_ok)) {
        wizard_next(app);
    }
    SDL_Rect middle = ui_inset(nav, gap);
    if (why_h > 0) {
        middle.y = nav.y + (nav.h - why_h) / 2;
        ui_text(ui, "report.required", app_text(app, why_key), middle, &why);
    } else if (i >= 0 && i < WIZARD_STEP_COUNT) {
        progress(app, ui, middle, i);
    }
    return content;
}

bool wizard_any(const bool *flags, int n)
{
    for (int i = 0; i < n; i++) {
        if (flags[i]) {
            return true;
        }
    }
    return false;
}

static void choose(const wizard_choices_t *c, int i)
{
    if (c->multi) {
        c->selected[i] = !c->selected[i];
    } else {
        snprintf(c->single, REPORT_CODE_MAX, "%s", c->codes[i]);
    }
}

int wizard_choice_grid(app_t *app, ui_t *ui, SDL_Rect at, const wizard_choices_t *c)
{
    const theme_t *t = &ui->theme;
    int gap = theme_px(t, THEME_GAP * 2 / 3);
    bool two_cols = at.w > theme_px(t, 1200) && c->count > 4;
    int cols = two_cols ? 2 : 1;
    int rows = (c->count + cols - 1) / cols;
    int cell_w = (at.w - gap * (cols - 1)) / cols;
    /* one row height for all: the tallest label decides (longer languages, larger text) */
    int row_h = theme_px(t, WIZARD_CHOICE_H);
    for (int i = 0; i < c->count; i++) {
        char key[UI_ID_MAX];
        snprintf(key, sizeof key, "%s%s", c->key_prefix, c->codes[i]);
        row_h = ui_choice_height(ui, app_text(app, key), cell_w, row_h);
    }
    int content_h = rows * row_h + (rows - 1) * gap;
    SDL_Rect grid = {at.x, at.y, at.w, content_h};
    for (int i = 0; i < c->count; i++) {
        char id[UI_ID_MAX], key[UI_ID_MAX];
        snprintf(id, sizeof id, "%s%s", c->id_prefix, c->codes[i]);
        snprintf(key, sizeof key, "%s%s", c->key_prefix, c->codes[i]);
        bool on = c->multi ? c->selected[i] : strcmp(c->single, c->codes[i]) == 0;
        if (ui_choice(ui, id, app_text(app, key), ui_grid_cell(ui, grid, cols, rows, i, gap), on,
                      c->multi)) {
            choose(c, i);
        }
    }
    return content_h;
}

int wizard_choice_list(app_t *app, ui_t *ui, const char *scroll_id, SDL_Rect area,
                       const wizard_choices_t *c)
{
    SDL_Rect origin = chrome_scroll_begin(ui, scroll_id, area);
    int h = wizard_choice_grid(app, ui, origin, c);
    ui_scroll_end(ui, h);
    return h < area.h ? h : area.h;
}

int wizard_yes_no(app_t *app, ui_t *ui, const char *id, const char *key, SDL_Rect at,
                  report_answer_t *answer)
{
    const char *label = app_text(app, key);
    at.h = ui_choice_height(ui, label, at.w, theme_px(&ui->theme, WIZARD_CHOICE_H));
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
    if (!ui->focus[0] || !ui->focus_new) {
        return;
    }
    ui->focus_new = false;
    if (ui_scroll_to_widget(ui, ui->focus, theme_px(&ui->theme, 70))) {
        app->dirty = true; /* the keyboard opened over it: bring the field (and label) up */
    }
}
