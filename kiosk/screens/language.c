/* language: a grid of endonyms, each written in its own script (never flags), with the
 * language's English name small under it for staff helping someone.
 *
 * The endonyms look the same size from button to button: each is drawn at the size that
 * gives its letters (the median glyph ink above the baseline, text_layout_body_height())
 * the median height of all of them (Nastaliq and Naskh draw small for their nominal size),
 * and every name sits on the same baseline in its button. */
#include "screens/chrome.h"
#include "screens/screens_internal.h"

#include <stdio.h>

/* An endonym's size may go from 0.75 to 1.5 times the button size to match the others:
 * enough for every script shipped, never so much that a long name crowds its button. */
#define LANGUAGE_SCALE_MIN 0.75
#define LANGUAGE_SCALE_MAX 1.5
#define LANGUAGE_NAME_GAP 4 /* units between the endonym and the English name */
#define LANGUAGE_PAD 12

static ui_text_opts_t endonym_opts(double size)
{
    return (ui_text_opts_t){.size = size, .bold = true, .align = TEXT_ALIGN_CENTER};
}

static ui_text_opts_t english_opts(const ui_t *ui)
{
    ui_text_opts_t o = ui_body(ui);
    o.size = THEME_FONT_SMALL;
    o.align = TEXT_ALIGN_CENTER;
    return o;
}

static ui_text_metrics_t endonym_metrics(ui_t *ui, const lang_info_t *l, double size, int w)
{
    const char *saved = ui->lang;
    ui->lang = l->code; /* each name is shaped in its own language */
    ui_text_opts_t o = endonym_opts(size);
    ui_text_metrics_t m = ui_text_metrics(ui, l->endonym, w, &o);
    ui->lang = saved;
    return m;
}

void language_endonym_sizes(app_t *app, ui_t *ui, int w, double *sizes)
{
    int n = app->langs->count, body[LANG_MAX], sorted[LANG_MAX];
    for (int i = 0; i < n; i++) {
        body[i] = endonym_metrics(ui, &app->langs->langs[i], THEME_FONT_BUTTON, w).body;
        int k = i;
        for (; k > 0 && sorted[k - 1] > body[i]; k--) { /* kept sorted */
            sorted[k] = sorted[k - 1];
        }
        sorted[k] = body[i];
    }
    int target = n > 0 ? sorted[n / 2] : 0; /* one odd name cannot set the size for all */
    for (int i = 0; i < n; i++) {
        double scale = body[i] > 0 ? (double)target / body[i] : 1.0;
        scale = scale < LANGUAGE_SCALE_MIN   ? LANGUAGE_SCALE_MIN
                : scale > LANGUAGE_SCALE_MAX ? LANGUAGE_SCALE_MAX
                                             : scale;
        sizes[i] = THEME_FONT_BUTTON * scale;
    }
}

/* Where the words go in every button: the endonyms' common baseline and the English
 * names' top, from the button's top, and the height a button needs. */
typedef struct language_plan {
    double sizes[LANG_MAX];
    int baseline, english_y, row_h;
} language_plan_t;

static language_plan_t language_plan(app_t *app, ui_t *ui, int cell_w)
{
    const theme_t *t = &ui->theme;
    language_plan_t p;
    int pad = theme_px(t, LANGUAGE_PAD), w = cell_w - 2 * pad;
    int n = app->langs->count, above = 0, below = 0, english_h = 0;
    language_endonym_sizes(app, ui, w, p.sizes);
    for (int i = 0; i < n; i++) {
        const lang_info_t *l = &app->langs->langs[i];
        ui_text_metrics_t m = endonym_metrics(ui, l, p.sizes[i], w);
        int up = m.baseline - m.ink.y, down = m.ink.y + m.ink.h - m.baseline;
        above = up > above ? up : above;
        below = down > below ? down : below;
        const char *saved = ui->lang;
        ui->lang = "en";
        ui_text_opts_t e = english_opts(ui);
        int h = ui_text_height(ui, l->english_name, w, &e);
        english_h = h > english_h ? h : english_h;
        ui->lang = saved;
    }
    int words = above + below + theme_px(t, LANGUAGE_NAME_GAP) + english_h;
    int min_h = theme_px(t, THEME_TARGET_MIN * 1.4);
    p.row_h = words + 2 * pad > min_h ? words + 2 * pad : min_h;
    int top = (p.row_h - words) / 2; /* the words centred in the button */
    p.baseline = top + above;
    p.english_y = p.baseline + below + theme_px(t, LANGUAGE_NAME_GAP);
    return p;
}

static void language_button(app_t *app, ui_t *ui, int i, const language_plan_t *p,
                            SDL_Rect cell)
{
    const theme_t *t = &ui->theme;
    const lang_info_t *l = &app->langs->langs[i];
    char id[UI_ID_MAX];
    snprintf(id, sizeof id, "language.%s", l->code);
    SDL_Color fg;
    bool tapped = ui_button_face(ui, id, l->endonym, cell, UI_BUTTON_SECONDARY, true, &fg);
    SDL_Rect inner = ui_inset(cell, theme_px(t, LANGUAGE_PAD));
    const char *saved = ui->lang;
    ui->lang = l->code;
    ui_text_opts_t o = endonym_opts(p->sizes[i]);
    o.color = fg;
    snprintf(id, sizeof id, "language.%s.name", l->code);
    /* the name's room: the button's inside above the English name */
    SDL_Rect room = {inner.x, inner.y, inner.w, cell.y + p->english_y - inner.y};
    ui_text_on_baseline(ui, id, l->endonym, room, cell.y + p->baseline, &o);
    ui->lang = "en"; /* for staff helping someone: always English */
    ui_text_opts_t e = english_opts(ui);
    e.color = fg;
    snprintf(id, sizeof id, "language.%s.english", l->code);
    ui_text(ui, id, l->english_name, (SDL_Rect){inner.x, cell.y + p->english_y, inner.w, 0}, &e);
    ui->lang = saved;
    if (tapped) {
        snprintf(app->session.lang, sizeof app->session.lang, "%s", l->code);
        app_go(app, "home");
    }
}

static void language_frame(app_t *app, ui_t *ui)
{
    const theme_t *t = &ui->theme;
    SDL_Rect content = chrome_frame(app, ui, "language.title", NULL);
    int n = app->langs->count;
    bool portrait = ui->h > ui->w;
    int cols = portrait ? 2 : 4;
    int rows = (n + cols - 1) / cols;
    int gap = theme_px(t, THEME_GAP);
    SDL_Rect grid = chrome_scroll_begin(ui, "language.grid", content);
    language_plan_t p = language_plan(app, ui, (grid.w - gap * (cols - 1)) / cols);
    grid.h = rows * p.row_h + (rows - 1) * gap; /* as chrome_grid_begin() sets it */
    for (int i = 0; i < n; i++) {
        language_button(app, ui, i, &p, ui_grid_cell(ui, grid, cols, rows, i, gap));
    }
    ui_scroll_end(ui, grid.h);
}

const screen_def_t SCREEN_LANGUAGE = {"language", 0, NULL, language_frame, NULL};
