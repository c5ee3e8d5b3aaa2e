#include "app/fit_check.h"

#include "app/runtime.h"
#include "screens/screens.h"
#include "screens/wizard.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const fit_size_t FIT_SIZES[FIT_SIZE_COUNT] = {{1920, 1080}, {1366, 768}, {1280, 720}, {1080, 1920}};

static const theme_text_size_t ALL_TEXT_SIZES[] = {THEME_TEXT_NORMAL, THEME_TEXT_LARGE,
                                                   THEME_TEXT_LARGEST};
static const bool BOTH_THEMES[] = {false, true};

#define FIT_MESSAGE_MAX 512
#define FIT_WIDGET_NAME_MAX 96
#define FIT_TOLERANCE_PX 1 /* rounding of glyph boxes against layout boxes */
#define FIT_OVERLAP_MIN_PX 2 /* ink touching by a pixel is antialiasing, not overlap */
#define FIT_FIELDS_MAX 8

/* A reference as long as the generator makes, for the done screen. */
#define FIT_SAMPLE_REFERENCE "W7K-4PX-9RM"

const char *fit_kind_name(fit_kind_t kind)
{
    static const char *const NAMES[FIT_KIND_COUNT] = {
        "ink outside box",        "ink outside screen",
        "under keyboard",         "text overlap",
        "cut by scroll edge",     "focused field hidden",
        "wizard step needs scrolling", "missing glyph",
        "taller than its view",   "answers after the first page",
    };
    return kind >= 0 && kind < FIT_KIND_COUNT ? NAMES[kind] : "?";
}

bool fit_kind_is_note(fit_kind_t kind)
{
    return kind == FIT_TALLER_THAN_VIEW || kind == FIT_ANSWERS_LATER;
}

/* One frame being checked: where it was drawn and how findings are reported. */
typedef struct fit_frame {
    const runtime_t *rt;
    fit_finding_t base; /* screen, language, size, text size, theme, focus, whole */
    fit_check_report_fn report;
    void *ctx;
    bool wizard;
} fit_frame_t;

static void widget_name(const ui_widget_t *w, char *out, size_t size)
{
    if (w->id[0]) {
        snprintf(out, size, "%s", w->id);
    } else {
        snprintf(out, size, "\"%.40s\"", w->text); /* may cut a character: a name only */
    }
}

static void emit_va(const fit_frame_t *f, const char *name, fit_kind_t kind, const char *fmt,
                    va_list ap)
{
    char message[FIT_MESSAGE_MAX];
    vsnprintf(message, sizeof message, fmt, ap);
    fit_finding_t out = f->base;
    out.widget = name;
    out.kind = kind;
    out.message = message;
    f->report(f->ctx, &out);
}

/* A finding about widget w (named by its id, else its text), or about what is named. */
static void emit(const fit_frame_t *f, const ui_widget_t *w, fit_kind_t kind, const char *fmt,
                 ...) __attribute__((format(printf, 4, 5)));
static void emit_about(const fit_frame_t *f, const char *name, fit_kind_t kind,
                       const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void emit(const fit_frame_t *f, const ui_widget_t *w, fit_kind_t kind, const char *fmt,
                 ...)
{
    char name[FIT_WIDGET_NAME_MAX];
    widget_name(w, name, sizeof name);
    va_list ap;
    va_start(ap, fmt);
    emit_va(f, name, kind, fmt, ap);
    va_end(ap);
}

static void emit_about(const fit_frame_t *f, const char *name, fit_kind_t kind,
                       const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    emit_va(f, name, kind, fmt, ap);
    va_end(ap);
}

static bool has_area(SDL_Rect r)
{
    return r.w > 0 && r.h > 0;
}

/* a inside b, allowing tol pixels on every side */
static bool contains(SDL_Rect b, SDL_Rect a, int tol)
{
    return a.x >= b.x - tol && a.y >= b.y - tol && a.x + a.w <= b.x + b.w + tol &&
           a.y + a.h <= b.y + b.h + tol;
}

/* The part of a widget's ink a person sees: clipped by its scroll view (not when drawn
 * whole). */
static SDL_Rect visible_ink(const fit_frame_t *f, const ui_widget_t *w)
{
    SDL_Rect out = w->ink;
    if (w->scroll >= 0 && !f->base.whole) {
        const ui_scroll_t *s = ui_scroll_at(&f->rt->ui, w->scroll);
        if (!SDL_IntersectRect(&w->ink, &s->clip, &out)) {
            out = (SDL_Rect){0, 0, 0, 0};
        }
    }
    return out;
}

static bool is_key(const ui_widget_t *w)
{
    return strncmp(w->id, "keyboard", 8) == 0;
}

static const ui_widget_t *keyboard_of(const ui_t *ui)
{
    return ui_find(ui, "keyboard");
}

/* A box drawn under the text of widget i (i's own face, a card it sits on) that the ink
 * crosses: the text runs off the box a person sees (the second line of a label below its
 * button, white on the page). */
static const ui_box_t *box_crossed(const fit_frame_t *f, int i, SDL_Rect ink)
{
    const ui_t *ui = &f->rt->ui;
    const ui_widget_t *w = ui_widget_at(ui, i);
    int drawn_before = w->interactive ? i + 1 : i; /* a control draws its face, then text */
    for (int b = 0; b < ui_box_count(ui); b++) {
        const ui_box_t *box = ui_box_at(ui, b);
        SDL_Rect both;
        if (box->after > drawn_before) {
            break;
        }
        if (f->base.whole && box->scroll != w->scroll) {
            continue; /* drawn whole, a view's content runs over what is below it */
        }
        if (SDL_IntersectRect(&ink, &box->rect, &both) &&
            !contains(box->rect, ink, FIT_TOLERANCE_PX) && !contains(ink, box->rect, 0)) {
            return box;
        }
    }
    return NULL;
}

static void check_ink(const fit_frame_t *f)
{
    const ui_t *ui = &f->rt->ui;
    const ui_widget_t *kb = keyboard_of(ui);
    SDL_Rect screen = {0, 0, f->base.size.w, f->base.size.h};
    for (int i = 0; i < ui_widget_count(ui); i++) {
        const ui_widget_t *w = ui_widget_at(ui, i);
        if (!has_area(w->ink) || (f->base.whole && w->scroll < 0)) {
            continue; /* drawn whole, only the views' content differs from as shown */
        }
        bool outside = !contains(w->ink_box, w->ink, FIT_TOLERANCE_PX);
        if (outside) {
            emit(f, w, FIT_INK_OUTSIDE_BOX, "ink %dx%d at (%d,%d) leaves its box %dx%d at (%d,%d)",
                 w->ink.w, w->ink.h, w->ink.x, w->ink.y, w->ink_box.w, w->ink_box.h,
                 w->ink_box.x, w->ink_box.y);
        }
        SDL_Rect ink = visible_ink(f, w);
        if (!has_area(ink)) {
            continue;
        }
        const ui_box_t *box = outside ? NULL : box_crossed(f, i, ink);
        if (box) {
            emit(f, w, FIT_INK_OUTSIDE_BOX,
                 "ink %dx%d at (%d,%d) runs over the edge of a box %dx%d at (%d,%d)", ink.w,
                 ink.h, ink.x, ink.y, box->rect.w, box->rect.h, box->rect.x, box->rect.y);
        }
        /* drawn whole, content runs below the screen by design: only the sides count */
        SDL_Rect bounds = screen;
        if (f->base.whole && w->scroll >= 0) {
            bounds.y = -ink.h - ink.y;
            bounds.h = 1 << 20;
        }
        if (!contains(bounds, ink, 0)) {
            emit(f, w, FIT_INK_OUTSIDE_SCREEN, "ink %dx%d at (%d,%d) leaves the %dx%d screen",
                 ink.w, ink.h, ink.x, ink.y, screen.w, screen.h);
        }
        SDL_Rect under;
        if (kb && !is_key(w) && SDL_IntersectRect(&ink, &kb->rect, &under)) {
            emit(f, w, FIT_UNDER_KEYBOARD, "%d px of its ink under the keyboard (top at %d)",
                 under.h, kb->rect.y);
        }
    }
}

/* Blockers (modal overlays) start a new layer: only texts of one layer can collide. */
static void check_overlap(const fit_frame_t *f)
{
    const ui_t *ui = &f->rt->ui;
    int n = ui_widget_count(ui), layer_i = 0;
    for (int i = 0; i < n; i++) {
        const ui_widget_t *a = ui_widget_at(ui, i);
        if (!a->id[0] && a->interactive) {
            layer_i++;
            continue;
        }
        SDL_Rect ia = visible_ink(f, a);
        if (!has_area(ia)) {
            continue;
        }
        int layer_k = layer_i;
        for (int k = i + 1; k < n; k++) {
            const ui_widget_t *b = ui_widget_at(ui, k);
            if (!b->id[0] && b->interactive) {
                layer_k++;
                continue;
            }
            SDL_Rect ib = visible_ink(f, b), both;
            /* drawn whole, a view's content runs over what is below the view by design */
            bool comparable = !f->base.whole || a->scroll == b->scroll;
            if (comparable && layer_k == layer_i && has_area(ib) && SDL_IntersectRect(&ia, &ib, &both) &&
                both.w >= FIT_OVERLAP_MIN_PX && both.h >= FIT_OVERLAP_MIN_PX) {
                char other[FIT_WIDGET_NAME_MAX];
                widget_name(b, other, sizeof other);
                emit(f, a, FIT_TEXT_OVERLAP, "its text overlaps %s's by %dx%d at (%d,%d)",
                     other, both.w, both.h, both.x, both.y);
            }
        }
    }
}

/* Whether an edge of view cuts through w: through a control anywhere, through a label's
 * text only inside one of its lines (a paragraph may end a view between lines). */
static bool cuts_at(const ui_widget_t *w, int edge)
{
    if (edge <= w->full.y || edge >= w->full.y + w->full.h) {
        return false;
    }
    if (w->interactive || w->lines <= 1) {
        return true;
    }
    int line_h = w->full.h / w->lines;
    int into = (edge - w->full.y) % line_h;
    return into > FIT_TOLERANCE_PX && into < line_h - FIT_TOLERANCE_PX;
}

static bool slices_a_line(const ui_widget_t *w, SDL_Rect view)
{
    return cuts_at(w, view.y) || cuts_at(w, view.y + view.h);
}

/* As shown: a box (a card, the reference's frame) that fits its view is never sliced by its
 * edge; it shows whole or moves to the next page. */
static void check_boxes(const fit_frame_t *f)
{
    const ui_t *ui = &f->rt->ui;
    for (int b = 0; b < ui_box_count(ui); b++) {
        const ui_box_t *box = ui_box_at(ui, b);
        const ui_scroll_t *s = box->scroll >= 0 ? ui_scroll_at(ui, box->scroll) : NULL;
        if (s && has_area(box->rect) && !contains(s->clip, box->full, 0) &&
            box->full.h <= s->clip.h) {
            fit_finding_t out = f->base;
            char where[96];
            snprintf(where, sizeof where, "box at %d,%d %dx%d", box->full.x, box->full.y,
                     box->full.w, box->full.h);
            out.widget = where;
            out.kind = FIT_CUT_BY_SCROLL;
            out.message = "sliced by the edge of its scroll view though it fits it";
            f->report(f->ctx, &out);
        }
    }
}

/* The height of what w moves with at a page edge: the largest box of its view around it
 * (the card a code's plate is on), else w itself. */
static int unit_height(const ui_t *ui, const ui_widget_t *w)
{
    int h = w->full.h;
    for (int b = 0; b < ui_box_count(ui); b++) {
        const ui_box_t *box = ui_box_at(ui, b);
        if (box->scroll == w->scroll && contains(box->full, w->full, 0) && box->full.h > h) {
            h = box->full.h;
        }
    }
    return h;
}

/* The first of heading w's answers (ui_widget_heads()), NULL if it heads none. */
static const ui_widget_t *first_answer(const ui_t *ui, const ui_widget_t *w)
{
    const ui_widget_t *first = NULL;
    for (int j = 0; j < ui_widget_count(ui); j++) {
        const ui_widget_t *v = ui_widget_at(ui, j);
        if (ui_widget_heads(w, v) && (!first || v->full.y < first->full.y)) {
            first = v;
        }
    }
    return first;
}

/* Whether heading w was moved to the next page with its answers: its first answer would
 * not fit whole on this page (ui.c keeps a heading with its answers). */
static bool kept_with_answers(const ui_t *ui, const ui_widget_t *w, const ui_scroll_t *s)
{
    const ui_widget_t *first = first_answer(ui, w);
    return first && first->full.y + first->full.h > s->inner.y + s->inner.h;
}

/* As shown: a widget partly in its view is sliced; wholly out of it, it is hidden, which
 * is allowed only when the view shows a cue. On a wizard step every answer, Back and Next
 * must be in view without scrolling. */
static void check_scrolls(const fit_frame_t *f)
{
    const ui_t *ui = &f->rt->ui;
    for (int i = 0; i < ui_widget_count(ui); i++) {
        const ui_widget_t *w = ui_widget_at(ui, i);
        if (w->scroll < 0 || !has_area(w->full) || !(w->text[0] || w->interactive)) {
            continue;
        }
        const ui_scroll_t *s = ui_scroll_at(ui, w->scroll);
        SDL_Rect seen;
        bool any = SDL_IntersectRect(&w->full, &s->clip, &seen);
        bool whole = contains(s->clip, w->full, 0);
        /* a control or card (or one line) taller than the view cannot be shown whole: its
         * pages show it in turn (check_pages() sees that none is empty); noted where its
         * top is in view. A paragraph taller than the view is cut between its lines. */
        bool taller = w->full.h > s->inner.h && (w->interactive || w->lines <= 1);
        if (any && !whole && taller && w->full.y >= s->clip.y) {
            emit(f, w, FIT_TALLER_THAN_VIEW, "%d px tall in %s, whose page is %d px", w->full.h,
                 s->id, s->inner.h);
        } else if (any && !whole && slices_a_line(w, s->clip) && !taller) {
            emit(f, w, FIT_CUT_BY_SCROLL,
                 "sliced by the edge of %s: %d of its %d px (%d lines) at y %d shown in %d+%d",
                 s->id, seen.h, w->full.h, w->lines, w->full.y, s->clip.y, s->clip.h);
        } else if (!any && !s->cue && !f->base.focus[0]) {
            emit(f, w, FIT_CUT_BY_SCROLL, "hidden below the fold of %s with no cue", s->id);
        } else if (!any && !f->base.focus[0] && contains(s->inner, w->full, 0) &&
                   s->inner.y + s->inner.h - (s->clip.y + s->clip.h) > s->inner.h / 2 &&
                   unit_height(ui, w) <= s->inner.y + s->inner.h - (s->clip.y + s->clip.h) &&
                   !kept_with_answers(ui, w, s)) {
            /* the page had room for it (and for the card it is on), but its edge moved up
             * past more than half of it (across two columns whose rows interleave): a
             * person sees a page of headings and a gap */
            emit(f, w, FIT_CUT_BY_SCROLL,
                 "hidden by the edge of %s at y %d, though the page has room to %d",
                 s->id, s->clip.y + s->clip.h, s->inner.y + s->inner.h);
        }
        /* a step whose answers come in pages ("More options") needs no scrolling */
        if (f->wizard && f->base.text_size != THEME_TEXT_LARGEST && w->interactive && w->id[0] &&
            !whole && !s->cue && !f->base.focus[0]) {
            emit(f, w, FIT_WIZARD_SCROLL, "needs scrolling in %s (at y %d, view ends at %d)",
                 s->id, w->full.y, s->view.y + s->view.h);
        }
    }
    if (!f->wizard) {
        return;
    }
    /* a step's first page shows one of its answers at least, not only its words */
    int answers = 0, shown = 0;
    for (int i = 0; f->base.page == 0 && !f->base.focus[0] && i < ui_widget_count(ui); i++) {
        const ui_widget_t *w = ui_widget_at(ui, i);
        if (w->scroll >= 0 && w->selected >= 0) {
            answers++;
            shown += contains(ui_scroll_at(ui, w->scroll)->clip, w->full, 0);
        }
    }
    if (answers > 0 && shown == 0) {
        emit_about(f, "answers", FIT_ANSWERS_LATER, "the first page shows none of the %d answers",
                   answers);
    }
    static const char *const ACTIONS[] = {"back", "next"};
    for (size_t a = 0; a < sizeof ACTIONS / sizeof ACTIONS[0]; a++) {
        const ui_widget_t *w = ui_find(ui, ACTIONS[a]);
        SDL_Rect screen = {0, 0, f->base.size.w, f->base.size.h};
        if (w && !contains(screen, w->full, 0)) {
            emit(f, w, FIT_WIZARD_SCROLL, "not wholly on the screen");
        }
    }
}

/* A heading shown whole on a page that shows none of its answers: a person sees "Area" and
 * a gap (report.where at the largest text in Urdu, page 1). When the heading starts the
 * page and it and its first answer are taller than a page together, no page can show both:
 * a note, as for a control taller than its view. */
static void check_headings(const fit_frame_t *f)
{
    const ui_t *ui = &f->rt->ui;
    for (int i = 0; i < ui_widget_count(ui); i++) {
        const ui_widget_t *w = ui_widget_at(ui, i);
        const ui_scroll_t *s = w->scroll >= 0 ? ui_scroll_at(ui, w->scroll) : NULL;
        const ui_widget_t *first = s && !w->interactive && w->text[0] &&
                                           contains(s->clip, w->full, 0)
                                       ? first_answer(ui, w)
                                       : NULL;
        bool shown = false;
        for (int j = 0; first && j < ui_widget_count(ui) && !shown; j++) {
            const ui_widget_t *v = ui_widget_at(ui, j);
            shown = ui_widget_heads(w, v) && contains(s->clip, v->full, 0);
        }
        if (!first || shown) {
            continue;
        }
        int together = first->full.y + first->full.h - w->full.y;
        if (w->full.y <= s->clip.y + FIT_TOLERANCE_PX && together > s->inner.h) {
            emit(f, w, FIT_TALLER_THAN_VIEW,
                 "with its first answer %d px tall in %s, whose page is %d px", together, s->id,
                 s->inner.h);
        } else {
            emit(f, w, FIT_CUT_BY_SCROLL, "a heading shown without any of its answers");
        }
    }
}

static void check_focus(const fit_frame_t *f)
{
    const ui_t *ui = &f->rt->ui;
    const ui_widget_t *w = ui_find(ui, f->base.focus);
    const ui_widget_t *kb = keyboard_of(ui);
    SDL_Rect screen = {0, 0, f->base.size.w, f->base.size.h}, under;
    if (!w) {
        return; /* the step dropped it (no such field in this state) */
    }
    if (w->rect.w != w->full.w || w->rect.h != w->full.h || !contains(screen, w->full, 0)) {
        const ui_scroll_t *sv = w->scroll >= 0 ? ui_scroll_at(ui, w->scroll) : NULL;
        emit(f, w, FIT_FOCUS_HIDDEN, "only %dx%d of its %dx%d box at y %d is in view (view %d+%d, shown %d+%d)", w->rect.w,
             w->rect.h, w->full.w, w->full.h, w->full.y, sv ? sv->view.y : 0, sv ? sv->view.h : 0, sv ? sv->clip.y : 0, sv ? sv->clip.h : 0);
    } else if (kb && SDL_IntersectRect(&w->full, &kb->rect, &under)) {
        emit(f, w, FIT_FOCUS_HIDDEN, "%d px of it under the keyboard", under.h);
    }
}

/* Characters without a glyph, reported by the text engine while the frame is laid out. */
typedef struct fit_missing {
    const fit_frame_t *frame;
} fit_missing_t;

static void on_missing(void *user, const char *lang, Uint32 codepoint)
{
    const fit_missing_t *m = user;
    if (!m->frame) {
        return;
    }
    char name[16], message[64];
    snprintf(name, sizeof name, "U+%04X", (unsigned)codepoint);
    snprintf(message, sizeof message, "no font of %s covers it", lang);
    fit_finding_t out = m->frame->base;
    out.widget = name;
    out.kind = FIT_MISSING_GLYPH;
    out.message = message;
    m->frame->report(m->frame->ctx, &out);
}

static void check_frame(const fit_frame_t *f)
{
    check_ink(f);
    check_overlap(f);
    if (!f->base.whole) {
        check_scrolls(f);
        check_boxes(f);
        check_headings(f);
    }
    if (f->base.focus[0]) {
        check_focus(f);
    }
}

/* Shows screen id as a person arriving there would see it, in the frame's settings. */
static void show(runtime_t *rt, const char *id, const fit_finding_t *base, const char *focus)
{
    session_t *s = &rt->app.session;
    ui_focus_clear(&rt->ui);
    rt->ui.whole_scrolls = false;
    app_go(&rt->app, id);
    app_apply(&rt->app);
    if (rt->app.wipes != rt->ui_wipes) {
        runtime_wipe(rt); /* a session ended in the last screen: wiped now, not over ours */
    }
    snprintf(s->lang, sizeof s->lang, "%s", base->lang);
    s->text_size = base->text_size;
    s->high_contrast = base->high_contrast;
    snprintf(s->reference, sizeof s->reference, "%s", FIT_SAMPLE_REFERENCE);
    /* the fullest state: a named contact shows the contact fields (phone keypad) */
    s->report.contact_choice = REPORT_CONTACT_NAMED;
    if (base->staff_assisted) { /* side by side follows (app/side_by_side.h) */
        snprintf(s->report.assisted_by, sizeof s->report.assisted_by, "staff");
    }
    for (int i = 0; i < rt->langs.count; i++) {
        if (strcmp(rt->langs.langs[i].code, base->lang) == 0) {
            rt->app.attract_slot = (unsigned)i; /* attract shows its slot's language */
        }
    }
    runtime_frame(rt); /* the first frame records the scroll views and fields */
    for (int i = 0; i < ui_scroll_count(&rt->ui); i++) {
        const ui_scroll_t *v = ui_scroll_at(&rt->ui, i);
        if (v->id[0]) {
            ui_scroll_to_top(&rt->ui, v->id);
        }
    }
    if (focus[0]) {
        ui_focus_set(&rt->ui, focus);
    }
    runtime_frame(rt); /* as it settles: scrolled to the focused field, layouts stable */
    runtime_frame(rt);
}

/* A screen that shows how printing went, as it is when printing fails while it is shown:
 * the status line appears above what the last frame laid out, in one redraw, as a person
 * sees it (no settling frames: the scroll edges must follow by themselves). Printing is
 * not configured in the check, so a screen is tried when it draws the status line. */
static void check_print_failed(runtime_t *rt, fit_frame_t *f)
{
    char screen[UI_ID_MAX + 24];
    snprintf(screen, sizeof screen, "%s (print failed)", f->base.screen);
    const char *was = f->base.screen;
    rt->app.print_state = APP_PRINT_FAILED;
    runtime_frame(rt);
    if (ui_find(&rt->ui, "print.status")) {
        f->base.screen = screen;
        check_frame(f);
        f->base.screen = was;
    }
    rt->app.print_state = APP_PRINT_NONE;
    runtime_frame(rt);
}

/* Whether the page of view s shows anything: a label or control wholly in its clip, or,
 * of one taller than the clip, more than a sliver. */
static bool page_shows_something(const ui_t *ui, int slot, const ui_scroll_t *s)
{
    for (int i = 0; i < ui_widget_count(ui); i++) {
        const ui_widget_t *w = ui_widget_at(ui, i);
        SDL_Rect seen;
        if (w->scroll == slot && (w->text[0] || w->interactive) && has_area(w->full) &&
            SDL_IntersectRect(&w->full, &s->clip, &seen) &&
            (contains(s->clip, w->full, 0) || seen.h > 2 * FIT_TOLERANCE_PX)) {
            return true;
        }
    }
    return false;
}

/* Every page of each scroll view, turned as a person turns them ("More below"), checked as
 * shown; a page must show something, and "More below" must move on. The views are back at
 * their tops after. */
static void check_pages(runtime_t *rt, fit_frame_t *f)
{
    ui_t *ui = &rt->ui;
    for (int slot = 0; slot < ui_scroll_count(ui); slot++) {
        const ui_scroll_t *s = ui_scroll_at(ui, slot);
        if (!s->id[0] || !s->seen || !s->more_below) {
            continue;
        }
        char id[UI_ID_MAX];
        snprintf(id, sizeof id, "%s", s->id);
        for (f->base.page = 1; f->base.page <= UI_PAGES_MAX && s->more_below; f->base.page++) {
            if (!ui_scroll_turn(ui, slot, 1)) {
                emit_about(f, id, FIT_CUT_BY_SCROLL, "\"More below\" does not move");
                break;
            }
            runtime_frame(rt);
            check_frame(f);
            if (!page_shows_something(ui, slot, s)) {
                emit_about(f, id, FIT_CUT_BY_SCROLL, "the page shows nothing (clip %d+%d at offset %.0f)",
                           s->clip.y, s->clip.h, s->offset);
            }
        }
        f->base.page = 0;
        ui_scroll_to_top(ui, id);
        runtime_frame(rt);
    }
}

static void check_screen(runtime_t *rt, const char *id, fit_finding_t base,
                         fit_check_report_fn report, void *ctx)
{
    fit_frame_t f = {.rt = rt, .base = base, .report = report, .ctx = ctx,
                     .wizard = wizard_step_find(id) && wizard_step_find(id)->step};
    f.base.screen = id;
    f.base.focus = "";
    fit_missing_t missing = {.frame = &f};
    text_engine_set_missing_glyph_handler(rt->text, on_missing, &missing);
    show(rt, id, &f.base, "");
    if (strcmp(app_screen_id(&rt->app), id) != 0) {
        return; /* the screen does not open in this state (it sent the person on) */
    }
    check_frame(&f);
    check_pages(rt, &f);
    check_print_failed(rt, &f);
    char fields[FIT_FIELDS_MAX][UI_ID_MAX];
    int nfields = 0;
    for (int i = 0; i < ui_widget_count(&rt->ui) && nfields < FIT_FIELDS_MAX; i++) {
        const ui_widget_t *w = ui_widget_at(&rt->ui, i);
        if (w->editable) {
            snprintf(fields[nfields++], UI_ID_MAX, "%s", w->id);
        }
    }
    rt->ui.whole_scrolls = true;
    runtime_frame(rt);
    f.base.whole = true;
    check_frame(&f);
    rt->ui.whole_scrolls = false;
    f.base.whole = false;
    for (int i = 0; i < nfields; i++) {
        f.base.focus = fields[i];
        show(rt, id, &f.base, fields[i]);
        check_frame(&f);
    }
    ui_focus_clear(&rt->ui);
    text_engine_set_missing_glyph_handler(rt->text, NULL, NULL);
}

typedef struct fit_lists {
    const char *const *langs;
    int lang_count;
    const fit_size_t *sizes;
    int size_count;
    const theme_text_size_t *text_sizes;
    int text_size_count;
    const bool *themes;
    int theme_count;
} fit_lists_t;

static void check_size(runtime_t *rt, const fit_check_options *opt, const fit_lists_t *l,
                       fit_size_t size, fit_check_report_fn report, void *ctx)
{
    int screens = opt->screens ? opt->screen_count : screens_count();
    for (int li = 0; li < l->lang_count; li++) {
        for (int t = 0; t < l->text_size_count; t++) {
            for (int th = 0; th < l->theme_count; th++) {
                fit_finding_t base = {.lang = l->langs[li], .size = size,
                                      .text_size = l->text_sizes[t],
                                      .high_contrast = l->themes[th],
                                      .staff_assisted = opt->staff_assisted};
                for (int s = 0; s < screens; s++) {
                    const char *id = opt->screens ? opt->screens[s] : screens_get(s)->id;
                    check_screen(rt, id, base, report, ctx);
                }
            }
        }
    }
}

/* A runtime that lays out for w x h but draws into one pixel: the check reads the records
 * and the glyph boxes, never pixels, and filling a full-size surface thousands of times
 * would take most of its time. */
static bool open_runtime(runtime_t *rt, const kiosk_config_t *cfg, fit_size_t size, char *err,
                         size_t errlen)
{
    if (!runtime_init(rt, cfg, err, errlen)) {
        return false;
    }
    if (!runtime_open_headless(rt, 1, 1, err, errlen)) {
        runtime_deinit(rt);
        return false;
    }
    rt->w = size.w;
    rt->h = size.h;
    return true;
}

bool fit_check_run(const fit_check_options *opt, fit_check_report_fn report, void *ctx,
                   char *err, size_t errlen)
{
    runtime_t *rt = calloc(1, sizeof *rt); /* large: not on the stack */
    const char *codes[LANG_MAX];
    if (!rt) {
        snprintf(err, errlen, "out of memory");
        return false;
    }
    fit_lists_t l = {
        .langs = opt->langs, .lang_count = opt->lang_count,
        .sizes = opt->sizes ? opt->sizes : FIT_SIZES,
        .size_count = opt->sizes ? opt->size_count : FIT_SIZE_COUNT,
        .text_sizes = opt->text_sizes ? opt->text_sizes : ALL_TEXT_SIZES,
        .text_size_count = opt->text_sizes ? opt->text_size_count : THEME_TEXT_SIZES,
        .themes = opt->high_contrast ? opt->high_contrast : BOTH_THEMES,
        .theme_count = opt->high_contrast ? opt->theme_count : 2,
    };
    for (int i = 0; i < l.size_count; i++) {
        if (!open_runtime(rt, opt->cfg, l.sizes[i], err, errlen)) {
            free(rt);
            return false;
        }
        if (!opt->langs) {
            l.lang_count = 0;
            for (int k = 0; k < rt->langs.count && k < LANG_MAX; k++) {
                codes[l.lang_count++] = rt->langs.langs[k].code;
            }
            l.langs = codes;
        }
        check_size(rt, opt, &l, l.sizes[i], report, ctx);
        if (!opt->langs) {
            l.langs = NULL; /* the codes pointed into this runtime */
        }
        runtime_deinit(rt);
    }
    free(rt);
    return true;
}
