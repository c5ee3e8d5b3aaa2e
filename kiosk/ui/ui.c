#include "ui/ui.h"

#include "ui/disc.h"
#include "ui/paint.h"
#include "ui/qr_widget.h"
#include "ui/widgets.h"

#include <limits.h>
#include <math.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool ui_init(ui_t *ui, SDL_Renderer *renderer, text_engine_t *text)
{
    memset(ui, 0, sizeof *ui);
    ui->renderer = renderer;
    ui->paint = paint_create(renderer);
    ui->discs = disc_cache_create(renderer);
    ui->text = text;
    ui->active_scroll = -1;
    ui->drag_scroll = -1;
    ui->caret = SIZE_MAX;
    ui->cur = calloc(1, sizeof *ui->cur);
    ui->last = calloc(1, sizeof *ui->last);
    ui->qr_cache = ui_qr_cache_create(); /* NULL: codes are encoded each time they are drawn */
    if (!ui->cur || !ui->last || !ui->paint) {
        ui_deinit(ui);
        return false;
    }
    return true;
}

void ui_deinit(ui_t *ui)
{
    free(ui->cur);
    free(ui->last);
    ui->cur = ui->last = NULL;
    paint_destroy(ui->paint);
    ui->paint = NULL;
    disc_cache_destroy(ui->discs);
    ui->discs = NULL;
    ui_qr_cache_destroy(ui->qr_cache);
    ui->qr_cache = NULL;
}

void ui_begin_frame(ui_t *ui, int w, int h, const char *lang, bool rtl)
{
    ui->w = w;
    ui->h = h;
    ui->lang = lang;
    ui->rtl = rtl;
    ui->cur->count = 0;
    ui->cur->box_count = 0;
    ui->cur->arena_used = 0;
    ui->acted = false;
    ui->deferred = false;
    ui->more_label = ui->previous_label = NULL; /* the screen's chrome sets them */
    ui->in_frame = true;
    for (int i = 0; i < UI_SCROLLS_MAX; i++) {
        ui->scrolls[i].seen = false;
        ui->scrolls[i].cue = false;
    }
    text_engine_begin_frame(ui->text);
    paint_set_dry(ui->paint, ui->dry);
    paint_begin(ui->paint, w, h, ui->theme.colors.background);
}

void ui_end_frame(ui_t *ui)
{
    ui_frame_record_t *t = ui->last;
    ui->in_frame = false;
    paint_end(ui->paint); /* the background wherever nothing was drawn */
    ui->last = ui->cur;
    ui->cur = t;
    for (int i = 0; i < UI_SCROLLS_MAX; i++) {
        if (!ui->scrolls[i].seen) {
            memset(&ui->scrolls[i], 0, sizeof ui->scrolls[i]); /* its screen is gone */
        }
    }
    /* A tap nobody consumed this frame (its widget is gone) is dropped. */
    ui->clicked[0] = '\0';
}

static bool inside(SDL_Rect r, int x, int y)
{
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

const ui_widget_t *ui_hit(const ui_t *ui, int x, int y)
{
    for (int i = ui->last->count - 1; i >= 0; i--) {
        const ui_widget_t *w = &ui->last->widgets[i];
        if (w->interactive && inside(w->rect, x, y)) {
            return w->id[0] && w->enabled ? w : NULL;
        }
    }
    return NULL;
}

const ui_widget_t *ui_find(const ui_t *ui, const char *id)
{
    /* the topmost first: Quick exit is drawn again above an overlay, in the same place */
    for (int i = ui->last->count - 1; i >= 0; i--) {
        if (strcmp(ui->last->widgets[i].id, id) == 0) {
            return &ui->last->widgets[i];
        }
    }
    return NULL;
}

int ui_widget_count(const ui_t *ui)
{
    return ui->last->count;
}

const ui_widget_t *ui_widget_at(const ui_t *ui, int i)
{
    return i >= 0 && i < ui->last->count ? &ui->last->widgets[i] : NULL;
}

#define UI_DRAG_THRESHOLD 16 /* px a finger may wander before a tap becomes a drag */
#define UI_FLING_MIN 40.0    /* px/s below which momentum stops */

static int scroll_at(const ui_t *ui, int x, int y)
{
    for (int i = 0; i < UI_SCROLLS_MAX; i++) {
        const ui_scroll_t *s = &ui->scrolls[i];
        if (s->id[0] && x >= s->view.x && y >= s->view.y && x < s->view.x + s->view.w &&
            y < s->view.y + s->view.h) {
            return i;
        }
    }
    return -1;
}

/* The last page ends with the content above the pager strip. */
static double scroll_max(const ui_scroll_t *s)
{
    int shown = s->view.h - s->pager_h;
    return s->content_h > shown ? s->content_h - shown : 0;
}

static void scroll_clamp(ui_scroll_t *s)
{
    if (s->offset < 0 || s->offset > scroll_max(s)) {
        s->offset = s->offset < 0 ? 0 : scroll_max(s);
        s->velocity = 0;
    }
}

static bool drag_move(ui_t *ui, int y)
{
    ui_scroll_t *s = &ui->scrolls[ui->drag_scroll];
    if (!ui->dragging && abs(y - ui->drag_start_y) > UI_DRAG_THRESHOLD && scroll_max(s) > 0) {
        ui->dragging = true;
        ui->pressed[0] = '\0'; /* a drag is not a tap */
    }
    if (!ui->dragging) {
        return false;
    }
    int dy = y - ui->drag_last_y;
    uint32_t dt = ui->now_ms - ui->drag_last_ms;
    s->offset -= dy;
    s->velocity = dt > 0 ? -dy * 1000.0 / dt : s->velocity;
    scroll_clamp(s);
    ui->drag_last_y = y;
    ui->drag_last_ms = ui->now_ms;
    return true;
}

void ui_set_time(ui_t *ui, uint32_t ms)
{
    ui->now_ms = ms;
}

bool ui_pointer_down(ui_t *ui, int x, int y)
{
    ui->drag_scroll = scroll_at(ui, x, y);
    ui->dragging = false;
    ui->drag_start_y = ui->drag_last_y = y;
    ui->drag_last_ms = ui->now_ms;
    if (ui->drag_scroll >= 0) {
        ui->scrolls[ui->drag_scroll].velocity = 0; /* a touch stops a fling */
    }
    const ui_widget_t *w = ui_hit(ui, x, y);
    ui->px = x;
    ui->py = y;
    ui->down = true;
    snprintf(ui->pressed, sizeof ui->pressed, "%s", w ? w->id : "");
    return w != NULL;
}

bool ui_pointer_move(ui_t *ui, int x, int y)
{
    if (ui->down && ui->drag_scroll >= 0 && drag_move(ui, y)) {
        ui->px = x;
        ui->py = y;
        return true;
    }
    bool was = ui->down && ui_is_pressed(ui, ui->pressed);
    ui->px = x;
    ui->py = y;
    bool now = ui->down && ui_is_pressed(ui, ui->pressed);
    return was != now;
}

bool ui_pointer_up(ui_t *ui, int x, int y)
{
    if (ui->down && ui->drag_scroll >= 0) {
        drag_move(ui, y);
    }
    const ui_widget_t *w = ui_hit(ui, x, y);
    bool tapped = ui->down && !ui->dragging && w && ui->pressed[0] &&
                  strcmp(w->id, ui->pressed) == 0;
    bool was_dragging = ui->dragging;
    ui->dragging = false;
    ui->drag_scroll = -1;
    if (tapped) {
        snprintf(ui->clicked, sizeof ui->clicked, "%s", w->id);
    }
    bool had_press = ui->pressed[0] != '\0';
    ui->px = x;
    ui->py = y;
    ui->down = false;
    ui->pressed[0] = '\0';
    return tapped || had_press || was_dragging;
}

void ui_pointer_cancel(ui_t *ui)
{
    ui->down = false;
    ui->pressed[0] = '\0';
    ui->clicked[0] = '\0';
}

bool ui_is_pressed(const ui_t *ui, const char *id)
{
    if (!ui->down || !id[0] || strcmp(ui->pressed, id) != 0) {
        return false;
    }
    const ui_widget_t *w = ui_hit(ui, ui->px, ui->py);
    return w && strcmp(w->id, id) == 0;
}

static const char *arena_copy(ui_frame_record_t *f, const char *s)
{
    if (!s) {
        return "";
    }
    size_t n = strlen(s) + 1;
    if (f->arena_used + n > sizeof f->arena) {
        return "";
    }
    char *out = f->arena + f->arena_used;
    memcpy(out, s, n);
    f->arena_used += n;
    return out;
}

static void record(ui_t *ui, const char *id, SDL_Rect rect, bool enabled, bool interactive,
                   const char *text)
{
    ui_frame_record_t *f = ui->cur;
    if (f->count < UI_WIDGETS_MAX) {
        ui_widget_t *w = &f->widgets[f->count++];
        snprintf(w->id, sizeof w->id, "%s", id);
        w->full = rect;
        w->scroll = ui->active_scroll;
        if (ui->active_scroll >= 0 && ui->whole_scrolls) {
            w->rect = rect;
        } else if (ui->active_scroll >= 0 &&
            !SDL_IntersectRect(&rect, &ui->scrolls[ui->active_scroll].clip, &w->rect)) {
            w->rect = (SDL_Rect){rect.x, rect.y, 0, 0}; /* scrolled out of sight */
        } else if (ui->active_scroll < 0) {
            w->rect = rect;
        }
        w->enabled = enabled;
        w->interactive = interactive;
        w->text = arena_copy(f, text);
        w->selected = -1;
        w->ink = w->ink_box = (SDL_Rect){0, 0, 0, 0};
        w->editable = false;
        w->lines = 0;
    }
}

static SDL_Rect rect_union(SDL_Rect a, SDL_Rect b)
{
    if (a.w <= 0 || a.h <= 0) {
        return b;
    }
    SDL_Rect u;
    SDL_UnionRect(&a, &b, &u);
    return u;
}

void ui_record_ink(ui_t *ui, const text_layout_t *layout, int x, int y, int box_w, SDL_Rect box)
{
    SDL_Rect ink;
    if (ui->cur->count == 0 || !text_layout_ink(layout, x, y, box_w, &ink)) {
        return;
    }
    ui_widget_t *w = &ui->cur->widgets[ui->cur->count - 1];
    w->ink = rect_union(w->ink, ink);
    w->ink_box = rect_union(w->ink_box, box);
}

void ui_record_lines(ui_t *ui, int lines)
{
    if (ui->cur->count > 0) {
        ui->cur->widgets[ui->cur->count - 1].lines = (short)(lines > 32767 ? 32767 : lines);
    }
}

void ui_scroll_mark_cue(ui_t *ui, const char *scroll_id)
{
    for (int i = 0; i < UI_SCROLLS_MAX; i++) {
        if (strcmp(ui->scrolls[i].id, scroll_id) == 0) {
            ui->scrolls[i].cue = true;
        }
    }
}

void ui_record_box(ui_t *ui, SDL_Rect r)
{
    ui_frame_record_t *f = ui->cur;
    SDL_Rect seen = r;
    if (ui->active_scroll >= 0 && !ui->whole_scrolls &&
        !SDL_IntersectRect(&r, &ui->scrolls[ui->active_scroll].clip, &seen)) {
        seen = (SDL_Rect){r.x, r.y, 0, 0}; /* scrolled out of sight, still kept whole */
    }
    if (f->box_count < UI_BOXES_MAX && r.w > 0 && r.h > 0) {
        f->boxes[f->box_count++] = (ui_box_t){seen, r, f->count, ui->active_scroll};
    }
}

int ui_box_count(const ui_t *ui)
{
    return ui->last->box_count;
}

const ui_box_t *ui_box_at(const ui_t *ui, int i)
{
    return i >= 0 && i < ui->last->box_count ? &ui->last->boxes[i] : NULL;
}

int ui_scroll_count(const ui_t *ui)
{
    (void)ui;
    return UI_SCROLLS_MAX;
}

const ui_scroll_t *ui_scroll_at(const ui_t *ui, int i)
{
    return i >= 0 && i < UI_SCROLLS_MAX ? &ui->scrolls[i] : NULL;
}

void ui_record_selected(ui_t *ui, bool selected)
{
    if (ui->cur->count > 0) {
        ui->cur->widgets[ui->cur->count - 1].selected = selected ? 1 : 0;
    }
}

void ui_record_label(ui_t *ui, const char *id, SDL_Rect rect, const char *text)
{
    record(ui, id, rect, false, false, text);
}

bool ui_record(ui_t *ui, const char *id, SDL_Rect rect, bool enabled, const char *text)
{
    record(ui, id, rect, enabled, true, text);
    if (enabled && id[0] && strcmp(ui->clicked, id) == 0) {
        ui->clicked[0] = '\0';
        ui->acted = true;
        snprintf(ui->tapped_text, sizeof ui->tapped_text, "%s", text ? text : "");
        return true;
    }
    return false;
}

void ui_modal_begin(ui_t *ui)
{
    record(ui, "", (SDL_Rect){0, 0, ui->w, ui->h}, false, true, NULL);
}

bool ui_type(ui_t *ui, const char *utf8)
{
    if (!ui->focus[0]) {
        return false;
    }
    size_t used = strlen(ui->typed), n = strlen(utf8);
    if (used + n + 1 > sizeof ui->typed) {
        return false;
    }
    memcpy(ui->typed + used, utf8, n + 1);
    return true;
}

void ui_backspace(ui_t *ui)
{
    if (ui->focus[0]) {
        ui->backspaces++;
    }
}

void ui_caret_move(ui_t *ui, int by)
{
    if (ui->focus[0]) {
        ui->caret_moves += by;
    }
}

void ui_focus_clear(ui_t *ui)
{
    ui->caret = SIZE_MAX;
    ui->caret_moves = 0;
    ui->focus_lines = 0;
    sodium_memzero(ui->typed, sizeof ui->typed); /* may hold what someone typed */
    sodium_memzero(ui->tapped_text, sizeof ui->tapped_text);
    ui->focus[0] = '\0';
    ui->backspaces = 0;
    ui->kb_mode = 0;
    ui->kb_shift = false;
}

void ui_wipe(ui_t *ui)
{
    ui_focus_clear(ui);
    /* both frame records: the last one drawn holds the labels and field texts of the
     * screen the person left, the other the frame before it */
    if (ui->cur) {
        sodium_memzero(ui->cur, sizeof *ui->cur);
    }
    if (ui->last) {
        sodium_memzero(ui->last, sizeof *ui->last);
    }
    sodium_memzero(ui->overflow_text, sizeof ui->overflow_text);
    sodium_memzero(ui->pressed, sizeof ui->pressed);
    if (ui->paint) {
        paint_wipe(ui->paint); /* hashes of the words drawn: the next screen is drawn whole */
    }
    sodium_memzero(ui->clicked, sizeof ui->clicked);
    sodium_memzero(ui->scrolls, sizeof ui->scrolls);
    ui_qr_cache_clear(ui->qr_cache); /* the done screen's code carries the reference */
    ui->focus_new = false;
    ui->active_scroll = ui->drag_scroll = -1;
    ui->dragging = false;
}

/* The height of a cue strip: a button a finger finds easily. Views less than 2.5 strips
 * tall have no cues (nothing would be left between them): only the bar. */
#define UI_CUE_VIEW_MIN 2.5
#define UI_FOLD_WHOLE_LINES 3
/* The pager strip ("Previous", "More below"): a touch target, taller when the labels' ink
 * needs it (Nastaliq, whose ink at 93 px did not fit the 76 px strip), measured at the
 * half of the view each takes when both show, so every page's strip is alike. */
int ui_cue_height(ui_t *ui, int view_w)
{
    int h = theme_px(&ui->theme, THEME_TARGET_MIN);
    int inset = 2 * theme_px(&ui->theme, UI_CUE_INSET);
    int w = (view_w - inset) / 2 - inset;
    const char *labels[] = {ui->more_label, ui->previous_label};
    for (size_t i = 0; i < sizeof labels / sizeof labels[0]; i++) {
        int need = labels[i] ? ui_button_ink_height(ui, labels[i], w) + inset : 0;
        h = need > h ? need : h;
    }
    return h;
}

/* Whether w is on view slot's pages: a label or a control of that view. */
static bool paged(const ui_widget_t *w, int slot)
{
    return w->scroll == slot && (w->text[0] || w->interactive) && w->full.h > 0;
}

/* The height of one of w's lines (all of it when it has one, or none known); at least 1. */
static int line_height(const ui_widget_t *w)
{
    int h = w->lines > 1 ? w->full.h / w->lines : w->full.h;
    return h > 0 ? h : 1;
}

/* The top of the line of w (whose top is at top) that y falls in; *edge: y lies within a
 * pixel of that line's top or bottom, so it cuts no line. */
static int line_at(const ui_widget_t *w, int top, int y, bool *edge)
{
    int line_h = line_height(w);
    int line_top = top + (y - top) / line_h * line_h;
    *edge = y - line_top <= 1 || line_top + line_h - y <= 1;
    return line_top;
}

/* Whether y (screen) cuts through widget w of the last frame, moved by dy, in a view
 * box_max tall: through a control anywhere, through a label only inside one of its lines.
 * Returns the edge to move to: the top of the control or line (up), or its bottom (down). */
static bool fold_cuts(const ui_widget_t *w, int dy, int y, bool up, int whole_lines,
                      int box_max, int *to)
{
    int top = w->full.y + dy, bottom = top + w->full.h;
    if (y <= top || y >= bottom) {
        return false;
    }
    /* a short label moves whole: its lines are not all of one height (ink reaching out);
     * one taller than the view (a card's own record) cannot, and only its lines can say
     * where to cut it */
    if (w->full.h <= box_max && (w->interactive || w->lines <= whole_lines)) {
        *to = up ? top : bottom;
        return true;
    }
    if (w->lines <= 1) {
        return false; /* no lines to keep whole: what is drawn in it decides */
    }
    bool edge;
    int line_top = line_at(w, top, y, &edge);
    if (edge) {
        return false;
    }
    *to = up ? line_top : line_top + line_height(w);
    return true;
}

/* Whether y (screen) cuts through box b of the last frame, moved by dy (a box, such as the
 * reference's frame or a card, moves whole); *to as fold_cuts. */
static bool fold_cuts_box(const ui_box_t *b, int dy, int y, bool up, int *to)
{
    int top = b->full.y + dy, bottom = top + b->full.h;
    if (y <= top || y >= bottom) {
        return false;
    }
    *to = up ? top : bottom;
    return true;
}

/* Moves y up (or down) until no widget or box of view slot in frame f (moved by dy) is cut
 * by it. A box taller than box_max (the view) cannot move whole to the next page: the
 * lines and controls in it decide where it is cut, so every page shows some of it (moved
 * whole, its pages were a slice of it and then nothing). */
static int fold_snap(const ui_frame_record_t *f, int slot, int dy, int y, bool up,
                     int whole_lines, int box_max)
{
    for (int pass = 0; pass < UI_WIDGETS_MAX; pass++) {
        bool moved = false;
        for (int i = 0; i < f->count; i++) {
            const ui_widget_t *w = &f->widgets[i];
            int to;
            if (paged(w, slot) && fold_cuts(w, dy, y, up, whole_lines, box_max, &to)) {
                y = to;
                moved = true;
            }
        }
        for (int i = 0; i < f->box_count; i++) {
            int to;
            if (f->boxes[i].scroll == slot && f->boxes[i].full.h <= box_max &&
                fold_cuts_box(&f->boxes[i], dy, y, up, &to)) {
                y = to;
                moved = true;
            }
        }
        if (!moved) {
            break;
        }
    }
    return y;
}

/* Whether [top, bottom) holds a label or control of view slot in frame f (moved by dy)
 * whole, or one line of one: a page between those edges shows something. */
static bool holds_whole(const ui_frame_record_t *f, int slot, int dy, int top, int bottom)
{
    for (int i = 0; i < f->count; i++) {
        const ui_widget_t *w = &f->widgets[i];
        int y = w->full.y + dy;
        int from = y > top ? y : top;
        int to = y + w->full.h < bottom ? y + w->full.h : bottom;
        if (paged(w, slot) && to - from >= line_height(w)) {
            return true;
        }
    }
    return false;
}

bool ui_widget_heads(const ui_widget_t *heading, const ui_widget_t *answer)
{
    size_t n = strlen(heading->id);
    return n > 0 && !heading->interactive && answer->scroll == heading->scroll &&
           answer->selected >= 0 && strncmp(answer->id, heading->id, n) == 0 &&
           answer->id[n] == '.';
}

/* Whether [top, bottom) of view slot in frame f (moved by dy) holds one of heading w's
 * answers whole; *any: it has some. */
static bool shows_an_answer(const ui_frame_record_t *f, const ui_widget_t *w, int dy, int top,
                            int bottom, bool *any)
{
    *any = false;
    for (int i = 0; i < f->count; i++) {
        const ui_widget_t *v = &f->widgets[i];
        if (ui_widget_heads(w, v)) {
            *any = true;
            if (v->full.y + dy >= top && v->full.y + dy + v->full.h <= bottom) {
                return true;
            }
        }
    }
    return false;
}

/* The page's bottom moved up above a heading it would end with, none of whose answers it
 * shows (they start the next page, and so does the heading), while the page keeps
 * something above it. */
static int keep_headings(const ui_frame_record_t *f, int slot, int dy, int top, int bottom)
{
    int keep = bottom;
    for (int i = 0; i < f->count; i++) {
        const ui_widget_t *w = &f->widgets[i];
        int y = w->full.y + dy;
        bool any;
        if (paged(w, slot) && !w->interactive && y > top && y < keep &&
            y + w->full.h <= bottom && !shows_an_answer(f, w, dy, top, bottom, &any) && any &&
            holds_whole(f, slot, dy, top, y)) {
            keep = y;
        }
    }
    return keep;
}

/* The clip of view slot's inner rectangle: its edges moved off whatever of frame f (moved
 * by dy) they would cut, so nothing is sliced at the fold, nor a heading left alone. */
static SDL_Rect scroll_clip(ui_t *ui, const ui_frame_record_t *f, int slot, int dy,
                            SDL_Rect inner)
{
    int top = fold_snap(f, slot, dy, inner.y, false, UI_FOLD_WHOLE_LINES, inner.h);
    int bottom = fold_snap(f, slot, dy, inner.y + inner.h, true, UI_FOLD_WHOLE_LINES, inner.h);
    if (!holds_whole(f, slot, dy, top, bottom)) {
        /* a short label taller than the view (Nastaliq at the largest text): its whole
         * lines, rather than a slice through one */
        top = fold_snap(f, slot, dy, inner.y, false, 0, inner.h);
        bottom = fold_snap(f, slot, dy, inner.y + inner.h, true, 0, inner.h);
    }
    if (!holds_whole(f, slot, dy, top, bottom)) {
        /* one thing taller than the view, or side by side things that together are (a
         * card's words beside its number): show what fits, and the next page starts at
         * what this one cut (next_page_top()), never a page with nothing on it */
        return inner;
    }
    bottom = keep_headings(f, slot, dy, top, bottom);
    return (SDL_Rect){inner.x, top, inner.w, bottom - top};
}

/* View r less the pager strip its content (s->content_h, at s->offset) asks for, with its
 * height and which of "Previous" and "More below" it shows; none in a new view. */
static SDL_Rect scroll_inner(ui_t *ui, const ui_scroll_t *s, SDL_Rect r, bool fresh,
                             int *pager_h, bool *above, bool *below)
{
    SDL_Rect inner = r;
    int cue = ui_cue_height(ui, r.w);
    /* no cues while a field takes keys: the room above the keyboard is the field's */
    bool cues = !fresh && ui->more_label && !ui->focus[0] && r.h > UI_CUE_VIEW_MIN * cue;
    *pager_h = cues && s->content_h > r.h ? cue : 0;
    inner.h -= *pager_h;
    *above = *pager_h > 0 && s->offset > 0.5;
    *below = *pager_h > 0 && s->offset + inner.h < s->content_h;
    return inner;
}

SDL_Rect ui_scroll_begin(ui_t *ui, const char *id, SDL_Rect r)
{
    int slot = -1;
    for (int i = 0; i < UI_SCROLLS_MAX && slot < 0; i++) {
        slot = strcmp(ui->scrolls[i].id, id) == 0 ? i : -1;
    }
    for (int i = 0; i < UI_SCROLLS_MAX && slot < 0; i++) {
        slot = ui->scrolls[i].id[0] == '\0' ? i : -1;
    }
    if (slot < 0) {
        slot = 0; /* more views than slots: a programmer error; reuse the first */
    }
    ui_scroll_t *s = &ui->scrolls[slot];
    bool fresh = strcmp(s->id, id) != 0;
    SDL_Rect old_view = s->view;
    snprintf(s->id, sizeof s->id, "%s", id);
    s->view = r;
    s->seen = true;
    ui->active_scroll = slot;
    if (ui->whole_scrolls) {
        s->offset = 0;
        s->clip = r;
        s->more_above = s->more_below = false;
        s->pager_h = 0;
        return r; /* unclipped: the checker measures what is below the fold too */
    }
    /* the pager strip from what the content measured last frame (a new view has none yet):
     * one strip under the view, "Previous" and "More" side by side in it, so a page
     * between others loses one strip's height, not two (Nastaliq at the largest text had
     * pages with no room left for one answer) */
    SDL_Rect inner = scroll_inner(ui, s, r, fresh, &s->pager_h, &s->more_above, &s->more_below);
    /* last frame's records, moved as the view and the offset moved since */
    int dy = fresh ? 0 : (r.y - old_view.y) + (int)(s->drawn_offset - s->offset);
    s->inner = inner;
    s->clip = fresh ? inner : scroll_clip(ui, ui->last, slot, dy, inner);
    paint_clip(ui->paint, &s->clip);
    return (SDL_Rect){r.x, r.y - (int)s->offset, r.w, r.h};
}

/* Where the next page of view slot starts (screen y in frame f, its records moved by dy):
 * at the clip's bottom when a line or control is cut there; else at the first thing not yet
 * shown, so what is left of a card taller than the view, only its padding, is not a page
 * of its own with nothing on it. */
static int next_page_top(const ui_frame_record_t *f, int slot, int dy, int clip_top, int cut)
{
    int next = INT_MAX;
    for (int i = 0; i < f->count; i++) {
        const ui_widget_t *w = &f->widgets[i];
        int top = w->full.y + dy, to = top;
        if (!paged(w, slot) || top + w->full.h <= cut) {
            continue; /* shown whole */
        }
        if (top < cut) { /* the edge slices it */
            bool edge;
            int line_top = line_at(w, top, cut, &edge);
            /* the sliced line starts the next page whole, unless the cut is between lines
             * or the line started this page (taller than a page: then the rest of it) */
            to = !(w->lines > 1 && edge) && line_top > clip_top ? line_top : cut;
        }
        next = to < next ? to : next;
    }
    for (int i = 0; i < f->box_count; i++) {
        int top = f->boxes[i].full.y + dy;
        next = f->boxes[i].scroll == slot && top >= cut && top < next ? top : next;
    }
    return next == INT_MAX ? cut : next;
}

/* Turns to the next page: what the clip's bottom cut off (frame f's records, moved by dy)
 * starts the next page, at the view's top. */
static void page_down(ui_t *ui, ui_scroll_t *s, const ui_frame_record_t *f, int dy)
{
    if (s->page_count < UI_PAGES_MAX) {
        s->pages[s->page_count++] = s->offset;
    }
    int top = next_page_top(f, (int)(s - ui->scrolls), dy, s->clip.y, s->clip.y + s->clip.h);
    s->offset = top - (s->view.y - s->offset);
    s->velocity = 0;
    scroll_clamp(s);
}

static void page_up(ui_t *ui, ui_scroll_t *s)
{
    s->offset = s->page_count > 0 ? s->pages[--s->page_count] : s->offset - s->clip.h;
    s->velocity = 0;
    scroll_clamp(s);
    (void)ui;
}

/* Sizes of the scroll indicator, in units: the channel inside the room at the end edge
 * that chrome_scroll_begin() leaves (24 units), the thumb inside the channel. */
#define UI_BAR_CHANNEL_W 16
#define UI_BAR_CHANNEL_INSET 4
#define UI_BAR_THUMB_INSET 3
#define UI_BAR_THUMB_MIN 48

/* A scroll indicator at the view's end edge: an outlined channel as tall as the part of
 * the view between its page cues, with a thumb in it as long as the share shown and where
 * the view is, so it reads as "more, and where you are", not as a line between columns. */
static void scroll_bar_draw(ui_t *ui, const ui_scroll_t *s)
{
    const theme_t *t = &ui->theme;
    int w = theme_px(t, UI_BAR_CHANNEL_W) > 6 ? theme_px(t, UI_BAR_CHANNEL_W) : 6;
    int edge = theme_px(t, 2) > 1 ? theme_px(t, 2) : 1, inset = theme_px(t, UI_BAR_THUMB_INSET);
    SDL_Rect along = s->inner.h > 0 ? s->inner : s->view;
    int x = ui->rtl ? s->view.x + theme_px(t, UI_BAR_CHANNEL_INSET)
                    : s->view.x + s->view.w - theme_px(t, UI_BAR_CHANNEL_INSET) - w;
    SDL_Rect channel = {x, along.y, w, along.h};
    SDL_Color c = t->colors.surface;
    c.a = 255;
    paint_fill_rects(ui->paint, &channel, 1, c);
    c = t->colors.track;
    c.a = 255;
    SDL_Rect sides[4] = {{x, along.y, w, edge},
                         {x, along.y + along.h - edge, w, edge},
                         {x, along.y, edge, along.h},
                         {x + w - edge, along.y, edge, along.h}};
    paint_fill_rects(ui->paint, sides, 4, c);
    int room = along.h - 2 * inset;
    int thumb_h = (int)((double)room * s->view.h / s->content_h);
    int thumb_min = theme_px(t, UI_BAR_THUMB_MIN);
    thumb_h = thumb_h < thumb_min ? (thumb_min < room ? thumb_min : room) : thumb_h;
    double at = scroll_max(s) > 0 ? s->offset / scroll_max(s) : 0;
    SDL_Rect thumb = {x + inset, along.y + inset + (int)((room - thumb_h) * at), w - 2 * inset,
                      thumb_h};
    c = t->colors.text_muted;
    c.a = 255;
    paint_fill_rects(ui->paint, &thumb, 1, c);
}

bool ui_scroll_defer(ui_t *ui, int y)
{
    if (!ui->defer_far || ui->whole_scrolls || ui->active_scroll < 0) {
        return false;
    }
    const ui_scroll_t *s = &ui->scrolls[ui->active_scroll];
    if (y < s->view.y + s->view.h) {
        return false; /* in sight */
    }
    ui->deferred = true;
    return true;
}

void ui_scroll_end(ui_t *ui, int content_h)
{
    if (ui->active_scroll < 0) {
        return;
    }
    ui_scroll_t *s = &ui->scrolls[ui->active_scroll];
    double drawn = s->offset;
    s->content_h = content_h;
    scroll_clamp(s);
    /* the pager strip and edges were placed from the last frame's content and records; if
     * the next frame would place them elsewhere from this frame's (a new view, which has
     * no cues yet, holding more than fits; an error or a status line appeared; the
     * keyboard closed), draw again, or what moved is cut, or hidden above an empty band
     * (the next frame places them from this frame's, so this settles). When it would
     * place them exactly as drawn, drawing again draws the same frame: not needed. */
    if (!ui->whole_scrolls && s->clip.h > 0) {
        bool above, below;
        int pager_h;
        SDL_Rect inner = scroll_inner(ui, s, s->view, false, &pager_h, &above, &below);
        SDL_Rect want = scroll_clip(ui, ui->cur, ui->active_scroll, 0, inner);
        if (s->offset != drawn || pager_h != s->pager_h || above != s->more_above ||
            below != s->more_below ||
            !SDL_RectEquals(&inner, &s->inner) || !SDL_RectEquals(&want, &s->clip)) {
            ui->acted = true;
        }
    }
    s->drawn_offset = drawn; /* where this frame's records are */
    paint_clip(ui->paint, NULL);
    ui->active_scroll = -1;
    if (content_h <= s->view.h || ui->whole_scrolls) {
        s->page_count = 0;
        return;
    }
    scroll_bar_draw(ui, s);
    int turn = ui_scroll_cues(ui, s);
    if (turn > 0) {
        page_down(ui, s, ui->cur, 0);
    } else if (turn < 0) {
        page_up(ui, s);
    }
}

bool ui_animate(ui_t *ui, double dt)
{
    bool moving = false;
    for (int i = 0; i < UI_SCROLLS_MAX; i++) {
        ui_scroll_t *s = &ui->scrolls[i];
        if (!s->id[0] || (ui->dragging && ui->drag_scroll == i)) {
            continue;
        }
        if (fabs(s->velocity) < UI_FLING_MIN) {
            s->velocity = 0;
            continue;
        }
        s->offset += s->velocity * dt;
        s->velocity *= pow(0.05, dt); /* loses 95% of its speed per second */
        scroll_clamp(s);
        moving = moving || s->velocity != 0;
    }
    return moving;
}

void ui_scroll_to_top(ui_t *ui, const char *scroll_id)
{
    for (int i = 0; i < UI_SCROLLS_MAX; i++) {
        if (strcmp(ui->scrolls[i].id, scroll_id) == 0) {
            ui->scrolls[i].offset = 0;
            ui->scrolls[i].velocity = 0;
        }
    }
}

bool ui_scroll_turn(ui_t *ui, int slot, int direction)
{
    if (slot < 0 || slot >= UI_SCROLLS_MAX || !ui->scrolls[slot].id[0]) {
        return false;
    }
    ui_scroll_t *s = &ui->scrolls[slot];
    double before = s->offset;
    if (direction > 0 && s->more_below) {
        page_down(ui, s, ui->last, (int)(s->drawn_offset - s->offset));
    } else if (direction < 0 && s->more_above) {
        page_up(ui, s);
    }
    return s->offset != before;
}

/* id in the frame being drawn (after its view ended), else on screen */
static const ui_widget_t *find_current(const ui_t *ui, const char *id)
{
    for (int i = ui->in_frame ? ui->cur->count - 1 : -1; i >= 0; i--) {
        if (strcmp(ui->cur->widgets[i].id, id) == 0) {
            return &ui->cur->widgets[i];
        }
    }
    return ui_find(ui, id);
}

bool ui_scroll_to_widget(ui_t *ui, const char *id, int margin)
{
    const ui_widget_t *w = find_current(ui, id);
    if (!w || w->scroll < 0) {
        return false;
    }
    ui_scroll_t *s = &ui->scrolls[w->scroll];
    double before = s->offset;
    /* room for the pager strip under the view, which shows once it has moved */
    int cue = ui->more_label && !ui->focus[0] ? ui_cue_height(ui, s->view.w) : 0;
    int top = s->view.y, bottom = s->view.y + s->view.h - cue;
    int w_top = w->full.y, w_bottom = w->full.y + w->full.h;
    if (w_bottom > bottom) { /* the widget itself first, then its label when there is room */
        s->offset += w_bottom - bottom;
    } else if (w_top - margin < top) {
        int up = top - (w_top - margin);
        s->offset -= up < bottom - w_bottom ? up : bottom - w_bottom;
    }
    scroll_clamp(s);
    return s->offset != before;
}

void ui_focus_set(ui_t *ui, const char *id)
{
    if (strcmp(ui->focus, id) != 0) {
        snprintf(ui->focus, sizeof ui->focus, "%s", id);
        ui->focus_new = true;
        ui->caret = SIZE_MAX; /* a field takes keys at its end first */
        ui->caret_moves = 0;
    }
}
