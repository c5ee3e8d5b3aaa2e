#include "ui/focus.h"

#include "ui/paint.h"

#include <stdio.h>
#include <string.h>

/* Two widgets are on one row when they overlap vertically by more than half the shorter:
 * a grid's cells, a bar's buttons, even when their heights differ a little. */
static bool same_row(const ui_widget_t *a, const ui_widget_t *b)
{
    int top = a->full.y > b->full.y ? a->full.y : b->full.y;
    int bottom = a->full.y + a->full.h < b->full.y + b->full.h ? a->full.y + a->full.h
                                                                : b->full.y + b->full.h;
    int shorter = a->full.h < b->full.h ? a->full.h : b->full.h;
    return bottom - top > shorter / 2;
}

/* Where w sits for reading order among things outside its scroll view: inside the view,
 * however far the view is scrolled, so what is scrolled (or paged) away above still comes
 * after the bar above the view and what is below still comes before the buttons under it. */
static int anchor_y(const ui_t *ui, const ui_widget_t *w)
{
    /* a view's page cues (ui_scroll_cues(): "<view>.previous", "<view>.more") read before
     * and after all of its content: the keys turn the pages themselves, the cues are for
     * fingers, so the focus never starts on one */
    for (int i = 0; w->scroll < 0 && i < UI_SCROLLS_MAX; i++) {
        const ui_scroll_t *v = &ui->scrolls[i];
        size_t n = strlen(v->id);
        if (n && strncmp(w->id, v->id, n) == 0) {
            if (strcmp(w->id + n, ".previous") == 0) {
                return v->view.y - 1;
            }
            if (strcmp(w->id + n, ".more") == 0) {
                return v->view.y + v->view.h;
            }
        }
    }
    if (w->scroll < 0 || w->scroll >= UI_SCROLLS_MAX) {
        return w->full.y;
    }
    SDL_Rect v = ui->scrolls[w->scroll].view;
    int y = w->full.y;
    return y < v.y ? v.y : y > v.y + v.h - 1 ? v.y + v.h - 1 : y;
}

/* True when a comes before b in reading order. */
static bool reads_before(const ui_t *ui, const ui_widget_t *a, const ui_widget_t *b)
{
    int ya = anchor_y(ui, a), yb = anchor_y(ui, b);
    if (a->scroll != b->scroll || ya != a->full.y || yb != b->full.y) {
        if (ya != yb) {
            return ya < yb;
        }
    }
    if (same_row(a, b)) {
        return ui->rtl ? a->full.x + a->full.w > b->full.x + b->full.w : a->full.x < b->full.x;
    }
    return a->full.y < b->full.y;
}

int focus_order(const ui_t *ui, const ui_widget_t **out, int max)
{
    int first = 0;
    for (int i = ui_widget_count(ui) - 1; i >= 0; i--) {
        const ui_widget_t *w = ui_widget_at(ui, i);
        if (w->interactive && !w->id[0]) {
            first = i + 1; /* a modal blocker: nothing below it can be reached */
            break;
        }
    }
    int n = 0;
    for (int i = first; i < ui_widget_count(ui) && n < max; i++) {
        const ui_widget_t *w = ui_widget_at(ui, i);
        bool dup = false;
        for (int j = 0; j < n && !dup; j++) {
            dup = strcmp(out[j]->id, w->id) == 0; /* drawn twice: one stop */
        }
        if (!w->interactive || !w->enabled || !w->id[0] || dup) {
            continue;
        }
        /* insertion sort keeps drawing order among equals */
        int k = n++;
        while (k > 0 && reads_before(ui, w, out[k - 1])) {
            out[k] = out[k - 1];
            k--;
        }
        out[k] = w;
    }
    return n;
}

bool focus_is_chrome(const char *id)
{
    static const char *const CHROME[] = {"quick_exit", "back", "home.privacy"};
    for (size_t i = 0; i < sizeof CHROME / sizeof CHROME[0]; i++) {
        if (strcmp(id, CHROME[i]) == 0) {
            return true;
        }
    }
    /* the accessibility control in the bar, read-aloud's controls under it */
    return strncmp(id, "a11y.", 5) == 0 || strncmp(id, "speech.", 7) == 0;
}

const ui_widget_t *focus_widget(const ui_focus_t *f, const ui_t *ui)
{
    if (!f->id[0]) {
        return NULL;
    }
    const ui_widget_t *order[UI_WIDGETS_MAX];
    int n = focus_order(ui, order, UI_WIDGETS_MAX);
    for (int i = 0; i < n; i++) {
        if (strcmp(order[i]->id, f->id) == 0) {
            return order[i];
        }
    }
    return NULL;
}

static void focus_set(ui_focus_t *f, const char *id)
{
    snprintf(f->id, sizeof f->id, "%s", id);
    f->moves++;
}

bool focus_follow_screen(ui_focus_t *f, const ui_t *ui, const char *screen_id)
{
    bool new_screen = strcmp(f->screen, screen_id) != 0;
    if (!new_screen && (!f->id[0] || focus_widget(f, ui))) {
        return false;
    }
    snprintf(f->screen, sizeof f->screen, "%s", screen_id);
    const ui_widget_t *order[UI_WIDGETS_MAX];
    int n = focus_order(ui, order, UI_WIDGETS_MAX);
    const char *start = "";
    for (int i = 0; i < n && !start[0]; i++) {
        start = focus_is_chrome(order[i]->id) ? "" : order[i]->id;
    }
    if (strcmp(start, f->id) == 0) {
        return false;
    }
    focus_set(f, start);
    return true;
}

/* w sits in a scroll view that shows its more as pages ("More options" / "Previous"
 * cues, issue 11): the focus turns those pages as the cues do, never scrolls them by
 * pixels, so a keyboard user sees the same pages as a person who taps. */
static bool paged(const ui_t *ui, const ui_widget_t *w)
{
    if (w->scroll < 0 || w->scroll >= UI_SCROLLS_MAX) {
        return false;
    }
    const ui_scroll_t *s = &ui->scrolls[w->scroll];
    return s->more_above || s->more_below;
}

/* The ring is drawn outside the widget: leave room for it when scrolling into view. */
static int ring_room(const ui_t *ui)
{
    return 2 * focus_ring_px(&ui->theme);
}

bool focus_move(ui_focus_t *f, ui_t *ui, int step)
{
    const ui_widget_t *order[UI_WIDGETS_MAX];
    int n = focus_order(ui, order, UI_WIDGETS_MAX);
    if (n == 0) {
        return false;
    }
    int at = -1;
    for (int i = 0; i < n && at < 0; i++) {
        at = strcmp(order[i]->id, f->id) == 0 ? i : -1;
    }
    /* from nothing, Tab goes to the first and Shift-Tab to the last */
    int next = at < 0 ? (step > 0 ? 0 : n - 1) : ((at + step) % n + n) % n;
    f->shown = true;
    if (next == at) {
        return false;
    }
    focus_set(f, order[next]->id);
    const ui_widget_t *w = order[next];
    if (!paged(ui, w)) { /* a paged view turns its pages after the frame: focus_keep_in_sight() */
        ui_scroll_to_widget(ui, f->id, ring_room(ui));
    }
    return true;
}

bool focus_keep_in_sight(const ui_focus_t *f, ui_t *ui)
{
    const ui_widget_t *w = f->shown ? focus_widget(f, ui) : NULL;
    if (!w || !paged(ui, w)) {
        return false;
    }
    const ui_scroll_t *s = &ui->scrolls[w->scroll];
    int top = w->full.y, bottom = w->full.y + w->full.h;
    if (w->full.h > s->clip.h || (top >= s->clip.y && bottom <= s->clip.y + s->clip.h)) {
        return false; /* in sight, or taller than any page: nothing a turn could do */
    }
    return ui_scroll_turn(ui, w->scroll, bottom > s->clip.y + s->clip.h ? 1 : -1);
}

bool focus_activate(ui_focus_t *f, ui_t *ui)
{
    f->shown = true;
    const ui_widget_t *w = focus_widget(f, ui);
    if (!w) {
        return false;
    }
    snprintf(ui->clicked, sizeof ui->clicked, "%s", w->id);
    return true;
}

int focus_position(const ui_focus_t *f, const ui_t *ui, int *total)
{
    *total = 0;
    const ui_widget_t *me = focus_widget(f, ui);
    const char *dot = me ? strrchr(me->id, '.') : NULL;
    /* "question.choice" ids only (report.why.disability): home.contrast and home.speech
     * are toggles of their own, not answers to one question */
    if (!me || me->selected < 0 || !dot || strchr(me->id, '.') == dot) {
        return 0;
    }
    size_t prefix = (size_t)(dot - me->id) + 1;
    const ui_widget_t *order[UI_WIDGETS_MAX];
    int n = focus_order(ui, order, UI_WIDGETS_MAX), pos = 0;
    for (int i = 0; i < n; i++) {
        const char *id = order[i]->id;
        if (order[i]->selected >= 0 && strncmp(id, me->id, prefix) == 0 &&
            !strchr(id + prefix, '.')) {
            (*total)++;
            pos = order[i] == me ? *total : pos;
        }
    }
    return pos;
}

int focus_ring_px(const theme_t *theme)
{
    int px = theme_px(theme, FOCUS_RING_UNITS);
    return px > FOCUS_RING_MIN_PX ? px : FOCUS_RING_MIN_PX;
}

/* Normal theme: the yellow alone is too light against the pale page (1.8:1), so a dark
 * band (the text colour) carries the contrast and the yellow marks it as focus, as on
 * GOV.UK. High contrast: cyan on black. */
SDL_Color focus_ring_outer(const theme_t *theme)
{
    return theme->high_contrast ? theme->colors.focus : theme->colors.text;
}

SDL_Color focus_ring_inner(const theme_t *theme)
{
    return theme->colors.focus;
}

static void fill(ui_t *ui, SDL_Rect r, SDL_Color c)
{
    c.a = 255;
    paint_fill_rects(ui->paint, &r, 1, c);
}

static void band(ui_t *ui, SDL_Rect r, int t, SDL_Color c)
{
    fill(ui, (SDL_Rect){r.x, r.y, r.w, t}, c);
    fill(ui, (SDL_Rect){r.x, r.y + r.h - t, r.w, t}, c);
    fill(ui, (SDL_Rect){r.x, r.y, t, r.h}, c);
    fill(ui, (SDL_Rect){r.x + r.w - t, r.y, t, r.h}, c);
}

void focus_draw(const ui_focus_t *f, ui_t *ui)
{
    if (!f->shown || !f->id[0]) {
        return;
    }
    const ui_widget_t *w = NULL;
    for (int i = ui->cur->count - 1; i >= 0 && !w; i--) {
        w = strcmp(ui->cur->widgets[i].id, f->id) == 0 ? &ui->cur->widgets[i] : NULL;
    }
    if (!w || w->rect.w <= 0 || w->rect.h <= 0) {
        return; /* not drawn this frame, or scrolled out of sight */
    }
    int t = focus_ring_px(&ui->theme);
    SDL_Rect outer = {w->full.x - 2 * t, w->full.y - 2 * t, w->full.w + 4 * t,
                      w->full.h + 4 * t};
    if (w->scroll >= 0) {
        SDL_Rect view = ui->scrolls[w->scroll].view;
        /* a ring's width beyond the view, no more: never over the bar above a list */
        view = (SDL_Rect){view.x - 2 * t, view.y - 2 * t, view.w + 4 * t, view.h + 4 * t};
        paint_clip(ui->paint, &view);
    }
    band(ui, outer, t, focus_ring_outer(&ui->theme));
    band(ui, (SDL_Rect){outer.x + t, outer.y + t, outer.w - 2 * t, outer.h - 2 * t}, t,
         focus_ring_inner(&ui->theme));
    paint_clip(ui->paint, NULL);
}

void focus_clear(ui_focus_t *f)
{
    memset(f, 0, sizeof *f);
}
