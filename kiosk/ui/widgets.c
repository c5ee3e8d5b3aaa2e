#include "ui/widgets.h"

#include "ui/gloss.h"
#include "ui/icons.h"
#include "ui/disc.h"
#include "ui/paint.h"

#include <math.h>

#include <stdio.h>
#include <string.h>

/* Padding inside buttons and choices, in units: sides, and top and bottom. */
#define UI_PAD_X 20
#define UI_PAD_Y 6
#define UI_MARK 44
#define UI_MARK_GAP 20


void ui_fill(ui_t *ui, SDL_Rect r, SDL_Color c)
{
    ui_record_box(ui, r);
    paint_fill_rects(ui->paint, &r, 1, c);
}

void ui_frame(ui_t *ui, SDL_Rect r, int t, SDL_Color c)
{
    ui_record_box(ui, r);
    SDL_Rect sides[4] = {{r.x, r.y, r.w, t},
                         {r.x, r.y + r.h - t, r.w, t},
                         {r.x, r.y, t, r.h},
                         {r.x + r.w - t, r.y, t, r.h}};
    paint_fill_rects(ui->paint, sides, 4, c);
}

/* A glyph's bitmap may reach a pixel past the box its outline was measured in (antialiasing
 * at a hinted edge): the background goes this much further round the ink. */
#define UI_INK_MARGIN 4

void ui_draw_layout(ui_t *ui, const text_layout_t *l, int x, int y, int box_w, SDL_Color c)
{
    SDL_Rect ink;
    if (!text_layout_ink(l, x, y, box_w, &ink)) {
        return; /* no ink: nothing drawn */
    }
    uint64_t key = text_layout_key(l);
    uint32_t what[6] = {(uint32_t)key, (uint32_t)(key >> 32), (uint32_t)x, (uint32_t)y,
                        (uint32_t)box_w, paint_rgba(c)};
    paint_draws(ui->paint, ui_inset(ink, -UI_INK_MARGIN), what, sizeof what);
    if (!ui->dry) { /* laid out already: a dry drawing writes no pixel */
        text_draw(ui->text, l, x, y, box_w, c);
    }
}

static const text_layout_t *layout(ui_t *ui, const char *text, int w, const ui_text_opts_t *o)
{
    text_style_t style = {
        .px = theme_font_px(&ui->theme, o->size),
        .bold = o->bold,
        .align = o->align,
        .max_lines = o->max_lines,
    };
    const text_layout_t *l = text_layout(ui->text, text, ui->lang, &style, w);
    /* "Start" means the screen's reading start: an English name (a left-to-right
     * paragraph) on an Urdu screen still lines up on the right with the rest. */
    if (l && style.align != TEXT_ALIGN_CENTER && text_layout_is_rtl(l) != ui->rtl) {
        style.align = style.align == TEXT_ALIGN_START ? TEXT_ALIGN_END : TEXT_ALIGN_START;
        l = text_layout(ui->text, text, ui->lang, &style, w);
    }
    return l;
}

int ui_text_height(ui_t *ui, const char *text, int w, const ui_text_opts_t *o)
{
    int gloss = o->gloss ? gloss_height(ui, gloss_of(ui, text), w, o) : 0;
    return text_layout_height(layout(ui, text, w, o)) + gloss;
}

int ui_text(ui_t *ui, const char *id, const char *text, SDL_Rect r, const ui_text_opts_t *o)
{
    const text_layout_t *l = layout(ui, text, r.w, o);
    int h = text_layout_height(l);
    ui_record_label(ui, id, (SDL_Rect){r.x, r.y, r.w, h}, text);
    ui_record_ink(ui, l, r.x, r.y, r.w, (SDL_Rect){r.x, r.y, r.w, h});
    ui_record_lines(ui, text_layout_line_count(l));
    ui_draw_layout(ui, l, r.x, r.y, r.w, o->color);
    const char *en = o->gloss ? gloss_of(ui, text) : NULL;
    if (en) { /* side by side: the English under it, a label of its own ("title.en") */
        char en_id[UI_ID_MAX];
        snprintf(en_id, sizeof en_id, "%s%s", id, id[0] ? ".en" : "");
        SDL_Rect below = {r.x, r.y + h, r.w, gloss_height(ui, en, r.w, o)};
        ui_record_label(ui, en_id, below, en);
        h += gloss_draw(ui, en, below, below, o);
    }
    return h;
}

/* Counts a label that does not fit its box (cut by the ellipsis, or taller than the box),
 * so tests and the content check can find words that need a shorter translation. */
static void check_fit(ui_t *ui, const char *text, SDL_Rect r, const ui_text_opts_t *o)
{
    ui_text_opts_t all = *o;
    all.max_lines = 0;
    const text_layout_t *l = layout(ui, text, r.w, &all);
    if (l && (text_layout_height(l) > r.h || text_layout_width(l) > r.w ||
              (o->max_lines > 0 && text_layout_line_count(l) > o->max_lines))) {
        ui->overflows++;
        snprintf(ui->overflow_text, sizeof ui->overflow_text, "%s (%dx%d in %dx%d)", text,
                 text_layout_width(l), text_layout_height(l), r.w, r.h);
    }
}

double ui_text_size_to_fit(ui_t *ui, const char *text, int w, const ui_text_opts_t *o,
                           double min_size)
{
    ui_text_opts_t one = *o;
    while (one.size * 0.9 >= min_size && ui_text_width(ui, text, &one) > w) {
        one.size *= 0.9;
    }
    return one.size;
}

int ui_text_one_line(ui_t *ui, const char *id, const char *text, SDL_Rect r,
                     const ui_text_opts_t *o, double min_size)
{
    ui_text_opts_t one = *o;
    one.max_lines = 1;
    one.size = ui_text_size_to_fit(ui, text, r.w, o, min_size);
    r.h = ui_text_height(ui, text, r.w, &one);
    check_fit(ui, text, r, &one); /* even the smallest size is too wide: counted */
    return ui_text(ui, id, text, r, &one);
}

/* The label (and its English under it, when side by side: gloss may be NULL) centred
 * as one block in r. */
static void draw_centered(ui_t *ui, const char *text, const char *gloss, SDL_Rect r,
                          const ui_text_opts_t *o)
{
    int gh = gloss_height(ui, gloss, r.w, o);
    check_fit(ui, text, (SDL_Rect){r.x, r.y, r.w, r.h - gh}, o);
    const text_layout_t *l = layout(ui, text, r.w, o);
    int y = r.y + (r.h - text_layout_height(l) - gh) / 2;
    ui_record_ink(ui, l, r.x, y, r.w, r); /* the label of the control recorded last */
    ui_draw_layout(ui, l, r.x, y, r.w, o->color);
    gloss_draw(ui, gloss, (SDL_Rect){r.x, y + text_layout_height(l), r.w, gh}, r, o);
}

bool ui_button_face(ui_t *ui, const char *id, const char *label, SDL_Rect r,
                    ui_button_style_t style, bool enabled, SDL_Color *fg_out)
{
    const theme_colors_t *c = &ui->theme.colors;
    bool tapped = ui_record(ui, id, r, enabled, label);
    bool pressed = ui_is_pressed(ui, id);
    SDL_Color fill = c->surface, fg = c->primary, edge = c->primary;
    if (!enabled) {
        fill = c->disabled;
        fg = c->disabled_text;
        edge = c->disabled_text;
    } else if (style == UI_BUTTON_PRIMARY) {
        fill = c->primary;
        fg = c->primary_text;
    } else if (style == UI_BUTTON_DANGER) {
        fill = c->danger;
        fg = c->danger_text;
        /* on black, a white edge makes the red button stand out as a button */
        edge = ui->theme.high_contrast ? c->border : c->danger;
    }
    if (pressed) {
        fill = c->pressed;
        fg = ui->theme.high_contrast ? c->background : c->primary_text;
    }
    ui_fill(ui, r, fill);
    ui_frame(ui, r, theme_px(&ui->theme, 4) > 2 ? theme_px(&ui->theme, 4) : 2, edge);
    *fg_out = fg;
    return tapped;
}

bool ui_button(ui_t *ui, const char *id, const char *label, SDL_Rect r, ui_button_style_t style,
               bool enabled)
{
    SDL_Color fg;
    bool tapped = ui_button_face(ui, id, label, r, style, enabled, &fg);
    ui_text_opts_t o = {.size = THEME_FONT_BUTTON, .bold = true, .align = TEXT_ALIGN_CENTER,
                        .max_lines = 0, .color = fg}; /* sized by ui_button_height() */
    SDL_Rect inner = ui_inset(r, theme_px(&ui->theme, 16));
    inner.y = r.y + theme_px(&ui->theme, UI_PAD_Y);
    inner.h = r.h - 2 * theme_px(&ui->theme, UI_PAD_Y);
    inner = icons_place(ui, id, inner, label, fg, true); /* a pictogram, where it has room */
    draw_centered(ui, label, NULL, inner, &o);
    return tapped;
}

void ui_text_on_baseline(ui_t *ui, const char *id, const char *text, SDL_Rect box, int baseline,
                         const ui_text_opts_t *o)
{
    const text_layout_t *l = layout(ui, text, box.w, o);
    int y = baseline - text_layout_baseline(l);
    ui_record_label(ui, id, box, text);
    ui_record_ink(ui, l, box.x, y, box.w, box); /* its ink must stay in box */
    ui_record_lines(ui, text_layout_line_count(l));
    ui_draw_layout(ui, l, box.x, y, box.w, o->color);
}

ui_text_metrics_t ui_text_metrics(ui_t *ui, const char *text, int w, const ui_text_opts_t *o)
{
    const text_layout_t *l = layout(ui, text, w, o);
    ui_text_metrics_t m = {.height = text_layout_height(l),
                           .baseline = text_layout_baseline(l),
                           .body = text_layout_body_height(l)};
    text_layout_ink(l, 0, 0, w, &m.ink);
    return m;
}

/* Height of label in both weights (a choice turns bold when selected; in some scripts the
 * bold face is the wider one, in others, such as Nastaliq, the regular). */
static int label_height(ui_t *ui, const char *label, int w)
{
    ui_text_opts_t o = {.size = THEME_FONT_BUTTON, .bold = true};
    int bold = text_layout_height(layout(ui, label, w, &o));
    o.bold = false;
    int regular = text_layout_height(layout(ui, label, w, &o));
    return bold > regular ? bold : regular;
}

int ui_button_ink_height(ui_t *ui, const char *label, int w)
{
    ui_text_opts_t o = {.size = THEME_FONT_BUTTON, .bold = true, .align = TEXT_ALIGN_CENTER};
    int pad = theme_px(&ui->theme, 16);
    const text_layout_t *l = layout(ui, label, w - 2 * pad, &o);
    int lh = text_layout_height(l);
    SDL_Rect ink;
    if (!text_layout_ink(l, 0, 0, w - 2 * pad, &ink)) {
        return lh + 2 * theme_px(&ui->theme, UI_PAD_Y);
    }
    /* the lines are centred in the inside by their height: the ink must stay in it */
    int above = lh - 2 * ink.y, below = 2 * (ink.y + ink.h) - lh;
    int need = above > below ? above : below;
    return need + 2 * theme_px(&ui->theme, UI_PAD_Y);
}

int ui_button_height(ui_t *ui, const char *label, int w, int min_h)
{
    int pad = theme_px(&ui->theme, 16);
    int h = label_height(ui, label, w - 2 * pad) + 2 * theme_px(&ui->theme, UI_PAD_Y);
    return h > min_h ? h : min_h;
}

int ui_button_width(ui_t *ui, const char *label, int min_w, int max_w)
{
    ui_text_opts_t o = {.size = THEME_FONT_BUTTON, .bold = true};
    int w = text_layout_width(layout(ui, label, 0, &o)) + 2 * theme_px(&ui->theme, 16) +
            theme_px(&ui->theme, 8);
    w = w > min_w ? w : min_w;
    return w < max_w ? w : max_w;
}

int ui_text_width(ui_t *ui, const char *text, const ui_text_opts_t *o)
{
    return text_layout_width(layout(ui, text, 0, o));
}

/* The tick box or radio mark grows with the text size, as its label does: a small square
 * beside large words is hard to see and to aim at. */
static int mark_px(const ui_t *ui, double units)
{
    return theme_font_px(&ui->theme, units);
}

int ui_choice_height(ui_t *ui, const char *label, int w, int min_h)
{
    int text_w = w - theme_px(&ui->theme, 2 * UI_PAD_X + UI_MARK_GAP) - mark_px(ui, UI_MARK);
    ui_text_opts_t o = {.size = THEME_FONT_BUTTON, .align = TEXT_ALIGN_START};
    int h = label_height(ui, label, text_w) + gloss_height(ui, gloss_of(ui, label), text_w, &o) +
            2 * theme_px(&ui->theme, UI_PAD_Y);
    return h > min_h ? h : min_h;
}

bool ui_choice(ui_t *ui, const char *id, const char *label, SDL_Rect r, bool selected,
               bool multi)
{
    const theme_colors_t *c = &ui->theme.colors;
    bool tapped = ui_record(ui, id, r, true, label);
    ui_record_selected(ui, selected);
    bool pressed = ui_is_pressed(ui, id);
    int edge = theme_px(&ui->theme, selected ? 6 : 3);
    ui_fill(ui, r, pressed ? c->disabled : c->surface);
    ui_frame(ui, r, edge > 1 ? edge : 1, selected ? c->primary : c->border);
    SDL_Rect inner = ui_inset(r, theme_px(&ui->theme, UI_PAD_X));
    inner.y = r.y + theme_px(&ui->theme, UI_PAD_Y); /* labels may use nearly the full height */
    inner.h = r.h - 2 * theme_px(&ui->theme, UI_PAD_Y);
    int box = mark_px(ui, UI_MARK), line = mark_px(ui, 4) > 1 ? mark_px(ui, 4) : 1;
    SDL_Rect mark = ui_cut_start(ui, &inner, box);
    mark.y += (mark.h - box) / 2;
    mark.h = box;
    if (multi) { /* several answers: a square checkbox (GOV.UK checkboxes) */
        ui_frame(ui, mark, line, c->text);
        if (selected) {
            ui_fill(ui, ui_inset(mark, mark_px(ui, 10)), c->primary);
        }
    } else { /* one answer: a round radio mark */
        int cx = mark.x + mark.w / 2, cy = mark.y + mark.h / 2;
        ui_disc(ui, cx, cy, box / 2, c->text);
        ui_disc(ui, cx, cy, box / 2 - line, pressed ? c->disabled : c->surface);
        if (selected) {
            ui_disc(ui, cx, cy, box / 2 - mark_px(ui, 12), c->primary);
        }
    }
    ui_cut_start(ui, &inner, theme_px(&ui->theme, UI_MARK_GAP));
    /* no line limit: choice rows are sized to their labels (ui_choice_height) */
    ui_text_opts_t o = {.size = THEME_FONT_BUTTON, .bold = selected,
                        .align = TEXT_ALIGN_START, .max_lines = 0, .color = c->text};
    inner = icons_place(ui, id, inner, label, c->text, false); /* a pictogram, if room */
    draw_centered(ui, label, gloss_of(ui, label), inner, &o); /* side by side: and English */
    return tapped;
}

void ui_progress(ui_t *ui, SDL_Rect r, int done, int total)
{
    const theme_colors_t *c = &ui->theme.colors;
    int edge = theme_px(&ui->theme, 2) > 1 ? theme_px(&ui->theme, 2) : 1;
    /* an outlined track, so the part still to come is seen in both themes */
    ui_fill(ui, r, c->surface);
    ui_frame(ui, r, edge, c->track);
    SDL_Rect part = r;
    part.w = total > 0 ? r.w * (done < total ? done : total) / total : 0;
    if (ui->rtl) { /* it fills from the reading start */
        part.x = r.x + r.w - part.w;
    }
    if (part.w > 0) {
        ui_fill(ui, part, c->primary);
    }
}

void ui_disc(ui_t *ui, int cx, int cy, int radius, SDL_Color c)
{
    disc_draw(ui->discs, ui->paint, cx, cy, radius, c); /* noted when dry, not drawn */
}

SDL_Rect ui_cut_top(SDL_Rect *r, int h)
{
    h = h < r->h ? h : r->h;
    SDL_Rect out = {r->x, r->y, r->w, h};
    r->y += h;
    r->h -= h;
    return out;
}

SDL_Rect ui_cut_bottom(SDL_Rect *r, int h)
{
    h = h < r->h ? h : r->h;
    r->h -= h;
    return (SDL_Rect){r->x, r->y + r->h, r->w, h};
}

static SDL_Rect cut_left(SDL_Rect *r, int w)
{
    w = w < r->w ? w : r->w;
    SDL_Rect out = {r->x, r->y, w, r->h};
    r->x += w;
    r->w -= w;
    return out;
}

static SDL_Rect cut_right(SDL_Rect *r, int w)
{
    w = w < r->w ? w : r->w;
    r->w -= w;
    return (SDL_Rect){r->x + r->w, r->y, w, r->h};
}

SDL_Rect ui_cut_start(const ui_t *ui, SDL_Rect *r, int w)
{
    return ui->rtl ? cut_right(r, w) : cut_left(r, w);
}

int ui_start_x(const ui_t *ui, SDL_Rect r, int w)
{
    return ui->rtl ? r.x + r.w - w : r.x;
}

SDL_Rect ui_cut_end(const ui_t *ui, SDL_Rect *r, int w)
{
    return ui->rtl ? cut_left(r, w) : cut_right(r, w);
}

SDL_Rect ui_inset(SDL_Rect r, int d)
{
    return (SDL_Rect){r.x + d, r.y + d, r.w - 2 * d > 0 ? r.w - 2 * d : 0,
                      r.h - 2 * d > 0 ? r.h - 2 * d : 0};
}

SDL_Rect ui_grid_cell(const ui_t *ui, SDL_Rect r, int cols, int rows, int i, int gap)
{
    int cw = (r.w - gap * (cols - 1)) / cols;
    int ch = (r.h - gap * (rows - 1)) / rows;
    int col = i % cols, row = i / cols;
    if (ui->rtl) {
        col = cols - 1 - col;
    }
    return (SDL_Rect){r.x + col * (cw + gap), r.y + row * (ch + gap), cw, ch};
}

ui_text_opts_t ui_body(const ui_t *ui)
{
    return (ui_text_opts_t){.size = THEME_FONT_BODY, .align = TEXT_ALIGN_START,
                            .color = ui->theme.colors.text};
}

ui_text_opts_t ui_title(const ui_t *ui)
{
    return (ui_text_opts_t){.size = THEME_FONT_TITLE, .bold = true, .align = TEXT_ALIGN_START,
                            .color = ui->theme.colors.text, .gloss = true};
}

/* Cues in the view's own strips (ui_scroll_begin() left them free): large secondary
 * buttons, so an elderly person turns pages instead of having to discover dragging. */
int ui_scroll_cues(ui_t *ui, ui_scroll_t *s)
{
    int turn = 0;
    bool previous = s->more_above && ui->previous_label, more = s->more_below && ui->more_label;
    SDL_Rect strip = {s->view.x, s->view.y + s->view.h - s->pager_h, s->view.w, s->pager_h};
    int gap = theme_px(&ui->theme, UI_CUE_INSET);
    /* both: Previous at the reading start, More at the end, halves of the strip */
    SDL_Rect first = previous && more ? ui_cut_start(ui, &strip, (strip.w - gap) / 2) : strip;
    char id[UI_ID_MAX + 16];
    if (previous) {
        snprintf(id, sizeof id, "%s.previous", s->id);
        turn = ui_button(ui, id, ui->previous_label, ui_inset(first, gap), UI_BUTTON_SECONDARY,
                         true) ? -1 : turn;
        s->cue = true;
    }
    if (more) {
        snprintf(id, sizeof id, "%s.more", s->id);
        ui_cut_start(ui, &strip, previous ? gap : 0);
        turn = ui_button(ui, id, ui->more_label, ui_inset(previous ? strip : first, gap),
                         UI_BUTTON_SECONDARY, true) ? 1 : turn;
        s->cue = true;
    }
    return turn;
}
