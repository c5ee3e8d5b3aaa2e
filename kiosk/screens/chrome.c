#include "screens/chrome.h"

#include "print/print.h"
#include "screens/access_panel.h"
#include "screens/speech_controls.h"
#include "ui/qr_widget.h"

#include <stdio.h>

#define CHROME_BAR_H 120
#define CHROME_BUTTON_W 300
#define CHROME_COLUMN_MAX 1500
#define CHROME_SCROLL_BAR_ROOM 24

SDL_Rect chrome_column(const ui_t *ui, SDL_Rect r)
{
    int max = theme_px(&ui->theme, CHROME_COLUMN_MAX);
    if (r.w > max) {
        r.x += (r.w - max) / 2;
        r.w = max;
    }
    return r;
}

/* The top bar's buttons are as wide as their labels need, between these. */
static int bar_button_width(const app_t *app, ui_t *ui, const char *key, SDL_Rect all)
{
    return ui_button_width(ui, app_text(app, key), theme_px(&ui->theme, CHROME_BUTTON_W),
                           all.w * 2 / 5);
}

static SDL_Rect screen_area(const ui_t *ui)
{
    return ui_inset((SDL_Rect){0, 0, ui->w, ui->h}, theme_px(&ui->theme, THEME_MARGIN / 2));
}

/* The bar grows with the text size (Nastaliq at the largest size is tall), to hold the
 * longest of its labels, so it is the same on every screen. */
static int bar_height(const app_t *app, ui_t *ui, SDL_Rect all)
{
    static const char *const LABELS[] = {"common.quick_exit", "common.back", "home.privacy"};
    int h = theme_px(&ui->theme, CHROME_BAR_H);
    for (size_t i = 0; i < sizeof LABELS / sizeof LABELS[0]; i++) {
        h = ui_button_height(ui, app_text(app, LABELS[i]),
                             bar_button_width(app, ui, LABELS[i], all), h);
    }
    return h;
}

SDL_Rect chrome_quick_exit(app_t *app, ui_t *ui)
{
    SDL_Rect all = screen_area(ui);
    int w = bar_button_width(app, ui, "common.quick_exit", all);
    /* always the top right corner, in every language: staff say "the red button, top
     * right", so it is not mirrored for right-to-left scripts */
    SDL_Rect r = {all.x + all.w - w, all.y, w, bar_height(app, ui, all)};
    if (ui_button(ui, "quick_exit", app_text(app, "common.quick_exit"), r, UI_BUTTON_DANGER,
                  true)) {
        app_quick_exit(app);
    }
    return r;
}

/* The button at the top left of the bar (Back, or on home the privacy page); true when
 * tapped. */
static bool chrome_bar_button(app_t *app, ui_t *ui, const char *id, const char *label_key)
{
    SDL_Rect all = screen_area(ui);
    /* top left, away from Quick exit, in every direction */
    SDL_Rect r = {all.x, all.y, bar_button_width(app, ui, label_key, all), bar_height(app, ui, all)};
    return ui_button(ui, id, app_text(app, label_key), r, UI_BUTTON_SECONDARY, true);
}

SDL_Rect chrome_frame(app_t *app, ui_t *ui, const char *title_key, const char *back_to)
{
    bool back = false;
    SDL_Rect content = chrome_frame_start(app, ui, title_key, back_to ? "back" : NULL,
                                          "common.back", &back);
    if (back) {
        app_go(app, back_to);
    }
    return content;
}

SDL_Rect chrome_frame_start(app_t *app, ui_t *ui, const char *title_key, const char *start_id,
                            const char *start_key, bool *start_tapped)
{
    const theme_t *t = &ui->theme;
    ui->more_label = app_text(app, "common.more_below");
    ui->previous_label = app_text(app, "common.previous_page");
    SDL_Rect all = screen_area(ui);
    SDL_Rect exit = chrome_quick_exit(app, ui);
    int start_w = start_id ? bar_button_width(app, ui, start_key, all) : 0;
    ui_cut_top(&all, access_control(app, ui, exit, start_w)); /* the bar: Accessibility too */
    ui_cut_top(&all, speech_controls(app, ui, chrome_column(ui, all))); /* read-aloud on */
    *start_tapped = start_id && chrome_bar_button(app, ui, start_id, start_key);
    /* while someone types, the keyboard needs the room: no title, less space */
    bool compact = ui->focus[0] != '\0';
    ui_cut_top(&all, theme_px(t, compact ? THEME_GAP / 2 : THEME_GAP));
    SDL_Rect content = chrome_column(ui, all);
    /* while typing, the field's own label says what to type: the title gives its room to
     * the field above the keyboard */
    if (title_key && !compact) {
        ui_text_opts_t o = ui_title(ui);
        int h = ui_text(ui, "title", app_text(app, title_key), content, &o);
        ui_cut_top(&content, h + theme_px(t, THEME_GAP * 2));
    }
    return content;
}

int chrome_scroll_width(const ui_t *ui, int w)
{
    return w - theme_px(&ui->theme, CHROME_SCROLL_BAR_ROOM);
}

SDL_Rect chrome_scroll_begin(ui_t *ui, const char *scroll_id, SDL_Rect area)
{
    SDL_Rect at = ui_scroll_begin(ui, scroll_id, area);
    int bar = area.w - chrome_scroll_width(ui, area.w);
    at.w -= bar;
    at.x += ui->rtl ? bar : 0;
    return at;
}

SDL_Rect chrome_grid_begin(ui_t *ui, const char *scroll_id, SDL_Rect area, int rows, int row_h,
                           int gap)
{
    SDL_Rect at = chrome_scroll_begin(ui, scroll_id, area);
    at.h = rows * row_h + (rows - 1) * gap;
    return at;
}

int chrome_row_height(ui_t *ui, const char *const *labels, int n, int cols, int width, int gap,
                      int min_h)
{
    width = chrome_scroll_width(ui, width); /* as chrome_grid_begin() leaves */
    int cell_w = (width - gap * (cols - 1)) / cols;
    for (int i = 0; i < n; i++) {
        min_h = ui_button_height(ui, labels[i], cell_w, min_h);
    }
    return min_h;
}

static ui_qr_opts_t qr_opts(const app_t *app)
{
    return (ui_qr_opts_t){app->cfg->screen_diagonal_in, app->cfg->qr_allowed_hosts, 1};
}

int chrome_qr(app_t *app, ui_t *ui, const char *id, const char *url, const char *caption,
              SDL_Rect r)
{
    return chrome_qr_scaled(app, ui, id, url, caption, r, 1);
}

int chrome_qr_scaled(app_t *app, ui_t *ui, const char *id, const char *url,
                     const char *caption, SDL_Rect r, int scale)
{
    ui_qr_opts_t o = qr_opts(app);
    o.scale = scale;
    return url && url[0] ? ui_qr(ui, id, url, caption, r, &o) : 0;
}

int chrome_qr_side(app_t *app, ui_t *ui, const char *url)
{
    ui_qr_opts_t o = qr_opts(app);
    return url && url[0] ? ui_qr_side(ui, url, &o) : 0;
}

int chrome_qr_height(app_t *app, ui_t *ui, const char *url, const char *caption, int w)
{
    ui_qr_opts_t o = qr_opts(app);
    return url && url[0] ? ui_qr_height(ui, url, caption, w, &o) : 0;
}

int chrome_qr_width(app_t *app, ui_t *ui, const char *url)
{
    ui_qr_opts_t o = qr_opts(app);
    return url && url[0] ? ui_qr_width(ui, url, &o) : 0;
}

bool chrome_print_button(app_t *app, ui_t *ui, const char *id, const char *label_key,
                         SDL_Rect r)
{
    if (!print_enabled(app->cfg)) {
        return false;
    }
    bool busy = app->print_state == APP_PRINT_PRINTING;
    if (ui_button(ui, id, app_text(app, label_key), r, UI_BUTTON_SECONDARY, !busy)) {
        app->print_requested = true;
    }
    return true;
}

int chrome_print_status(app_t *app, ui_t *ui, SDL_Rect r)
{
    static const char *const STATUS_KEYS[] = {NULL, "print.printing", "print.done",
                                              "print.failed"};
    const char *status = STATUS_KEYS[app->print_state];
    if (!status) {
        return 0;
    }
    const theme_t *t = &ui->theme;
    ui_text_opts_t o = ui_body(ui);
    o.bold = app->print_state == APP_PRINT_FAILED;
    o.color = app->print_state == APP_PRINT_FAILED && !t->high_contrast ? t->colors.danger
                                                                         : t->colors.text;
    return ui_text(ui, "print.status", app_text(app, status), r, &o) + theme_px(t, THEME_GAP);
}

const char *chrome_receiver(const app_t *app)
{
    const char *name = app->cfg->receiver_name;
    return name[0] ? name : app_text(app, "config.receiver_unset");
}

const char *chrome_operator(const app_t *app)
{
    const char *name = app->cfg->operator_name;
    return name[0] ? name : app_text(app, "config.operator_unset");
}

bool chrome_format(const app_t *app, const char *key, char *out, size_t size)
{
    const char *names[] = {"receiver", "operator", "phone"};
    char receiver[160], op[160], phone[64];
    /* names from config are isolated, so a Latin name reads right in an Urdu sentence */
    text_isolate(chrome_receiver(app), false, receiver, sizeof receiver);
    text_isolate(chrome_operator(app), false, op, sizeof op);
    text_isolate(app->cfg->receiver_phone, true, phone, sizeof phone);
    const char *values[] = {receiver, op, phone};
    return i18n_format(app_text(app, key), names, values, 3, out, size);
}

void chrome_go_privacy(app_t *app)
{
    snprintf(app->session.privacy_back, sizeof app->session.privacy_back, "%s",
             app->screen->id);
    app_go(app, "privacy");
}

#define CHROME_TITLE_SHARE 5 /* a title taller than 1/5 of the room scrolls with the content */
#define CHROME_TITLE_MIN_SIZE (THEME_FONT_BODY * 1.25) /* ...once this small (still bold and
                                                        * larger than the words under it) */
#define CHROME_TITLE_STEP 0.9

SDL_Rect chrome_frame_scrolling(app_t *app, ui_t *ui, const char *title_key, const char *back_to,
                                const char **scrolled)
{
    SDL_Rect area = chrome_frame(app, ui, NULL, back_to);
    *scrolled = NULL;
    if (!title_key || ui->focus[0]) {
        return area; /* typing: the field's label says what to type */
    }
    const char *title = app_text(app, title_key);
    ui_text_opts_t o = ui_title(ui);
    int h = ui_text_height(ui, title, area.w, &o);
    /* smaller first: at the largest text in landscape a two-line question scrolled with
     * its answers and took the first page alone, "More options" under it */
    while (h > area.h / CHROME_TITLE_SHARE && o.size > CHROME_TITLE_MIN_SIZE) {
        o.size = o.size * CHROME_TITLE_STEP > CHROME_TITLE_MIN_SIZE ? o.size * CHROME_TITLE_STEP
                                                                    : CHROME_TITLE_MIN_SIZE;
        h = ui_text_height(ui, title, area.w, &o);
    }
    if (h > area.h / CHROME_TITLE_SHARE) {
        *scrolled = title;
        return area;
    }
    ui_text(ui, "title", title, area, &o);
    ui_cut_top(&area, h + theme_px(&ui->theme, THEME_GAP)); /* its line spacing adds the rest */
    return area;
}

int chrome_scrolled_title(ui_t *ui, const char *title, SDL_Rect at)
{
    if (!title) {
        return 0;
    }
    /* as small as chrome_frame_scrolling() tried: at full size a three-line question in
     * Tamil at the largest text took the first page alone, the answers on the next */
    ui_text_opts_t o = ui_title(ui);
    o.size = CHROME_TITLE_MIN_SIZE;
    return ui_text(ui, "title", title, at, &o) + theme_px(&ui->theme, THEME_GAP);
}

void chrome_page_index(app_t *app, ui_t *ui, SDL_Rect content, const chrome_index_t *x)
{
    int gap = theme_px(&ui->theme, THEME_GAP);
    int n = x->count < CHROME_INDEX_MAX ? x->count : CHROME_INDEX_MAX;
    int rows = (n + x->cols - 1) / x->cols;
    const char *labels[CHROME_INDEX_MAX];
    for (int i = 0; i < n; i++) {
        char key[UI_ID_MAX];
        snprintf(key, sizeof key, "%s.%s.title", x->section, x->names[i]);
        labels[i] = app_text(app, key);
    }
    int row_h = chrome_row_height(ui, labels, n, x->cols, content.w, gap,
                                  theme_px(&ui->theme, THEME_TARGET_MIN * 1.2));
    SDL_Rect grid = chrome_grid_begin(ui, x->scroll_id, content, rows, row_h, gap);
    for (int i = 0; i < n; i++) {
        char id[UI_ID_MAX], to[UI_ID_MAX];
        snprintf(id, sizeof id, "%s.%s.%s", x->section, x->kind, x->names[i]);
        snprintf(to, sizeof to, "%s.%s", x->section, x->names[i]);
        if (ui_button(ui, id, labels[i], ui_grid_cell(ui, grid, x->cols, rows, i, gap),
                      UI_BUTTON_SECONDARY, true)) {
            app_go(app, to);
        }
    }
    ui_scroll_end(ui, grid.h);
}

int chrome_page_number(const char *screen_id, const chrome_index_t *x)
{
    size_t skip = strlen(x->section) + 1; /* "<section>." */
    for (int i = 0; i < x->count && strlen(screen_id) > skip; i++) {
        if (strcmp(screen_id + skip, x->names[i]) == 0) {
            return i;
        }
    }
    return 0;
}
