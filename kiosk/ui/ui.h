/* Immediate-mode UI with semantic widget ids (DESIGN §3, §9).
 *
 * Each frame, screens call widget functions that draw and report taps. Every widget
 * records its id, rectangle and text, so that hit-testing, replay scripts ("tap
 * home.report") and tests find widgets by meaning, not by coordinates. Hit-testing uses
 * the last completed frame (what is on screen). A tap is a press and a release on the
 * same enabled widget: sliding off a button cancels it. */
#ifndef KIOSK_UI_UI_H
#define KIOSK_UI_UI_H

#include "text/text.h"
#include "ui/theme.h"

#include <SDL.h>
#include <stdbool.h>

#define UI_ID_MAX 64
#define UI_WIDGETS_MAX 384
#define UI_TEXT_ARENA 65536

#define UI_SCROLLS_MAX 8
#define UI_PAGES_MAX 16

typedef struct ui_widget {
    char id[UI_ID_MAX];  /* "" for a modal blocker */
    SDL_Rect rect;       /* on screen (clipped to its scroll view) */
    SDL_Rect full;       /* unclipped, in screen coordinates */
    int scroll;          /* index of its scroll view, -1 if none */
    bool enabled;
    bool interactive;    /* false: a label, which hit-testing looks through */
    const char *text;    /* visible text (frame arena), "" if none */
    signed char selected; /* a choice: 1 ticked, 0 not; -1 for anything else */
    /* where its text's ink is (unclipped, screen coordinates; w == 0: no ink) and the box
     * that ink must stay inside (a button's padded inside, a label's own rectangle): what
     * the fit check (app/fit_check.h) compares, glyph boxes rather than advance widths */
    SDL_Rect ink;
    SDL_Rect ink_box;
    bool editable; /* a text field (it opens the keyboard when tapped) */
    short lines;   /* lines of its text (a label), 0 when unknown */
} ui_widget_t;

/* A filled or framed box drawn in a frame (a button's face, a card, the keyboard's panel),
 * as a person sees it (clipped to its scroll view): text must lie wholly in or out of it. */
typedef struct ui_box {
    SDL_Rect rect; /* empty when scrolled out of sight */
    SDL_Rect full; /* unclipped: a scroll view's edge never slices it (ui_scroll_begin) */
    int after;  /* widgets recorded before it was drawn */
    int scroll; /* its scroll view, -1 if none */
} ui_box_t;

#define UI_BOXES_MAX 512

typedef struct ui_frame_record {
    ui_widget_t widgets[UI_WIDGETS_MAX];
    int count;
    ui_box_t boxes[UI_BOXES_MAX];
    int box_count;
    char arena[UI_TEXT_ARENA];
    size_t arena_used;
} ui_frame_record_t;

/* A scrolling view: content taller than the view moves by drag, with momentum. */
typedef struct ui_scroll {
    char id[UI_ID_MAX];
    SDL_Rect view;
    int content_h;
    double offset;   /* pixels scrolled down */
    double velocity; /* pixels per second, after a fling */
    bool seen;       /* drawn in the last frame */
    bool cue;        /* a "More below" / "Previous" cue was drawn for it this frame */
    /* What a person sees of it: view less the cue strips, with its edges moved to where no
     * control and no line of text is cut (from the last frame's records). */
    SDL_Rect clip;
    SDL_Rect inner;       /* view less the cue strips, before the edges moved */
    double drawn_offset;  /* offset its last frame's records were drawn at */
    bool more_above, more_below;
    int pager_h; /* the strip under the view for "Previous" and "More" (0: none shown) */
    double pages[UI_PAGES_MAX]; /* offsets of the pages turned from ("Previous") */
    int page_count;
} ui_scroll_t;

typedef struct ui_icons ui_icons_t;

typedef struct ui {
    SDL_Renderer *renderer;
    struct paint *paint; /* every fill, and the frame's clear (ui/paint.h); owned */
    struct disc_cache *discs; /* radio marks' rows (ui/disc.h); owned, NULL: triangles */
    text_engine_t *text;
    ui_icons_t *icons; /* pictograms (ui/icons.h), NULL for none; not owned */
    theme_t theme;
    int w, h;
    const char *lang; /* language of the text drawn this frame */
    bool rtl;         /* mirror the layout */

    /* pointer */
    int px, py;
    bool down;
    char pressed[UI_ID_MAX]; /* widget under the press, "" if none */
    char clicked[UI_ID_MAX]; /* tapped widget, consumed by the widget call */
    bool acted;              /* a tap was consumed this frame: state may have changed */
    char tapped_text[256];   /* label of the control tapped last (read aloud), "" if none */
    int overflows;           /* labels that did not fit their box (counted, never reset) */
    char overflow_text[512]; /* the last one, for messages */

    /* text input: what was typed (physical or on-screen keys) since the focused field
     * last took it; the field applies it in its next frame */
    char focus[UI_ID_MAX];
    bool focus_new; /* focus moved to a field: the screen may scroll it into view */
    char typed[256];
    int backspaces;
    int caret_moves;  /* ◀ (-1 each) and ▶ (+1) queued for the focused field */
    size_t caret;     /* byte offset of the caret in the focused field; SIZE_MAX: its end */
    int focus_lines;  /* lines of the focused field (more than 1: the keyboard has Enter) */
    uint32_t now_ms;
    int kb_mode;   /* on-screen keyboard: 0 own script, 1 English letters, 2 digits */
    bool kb_shift;

    /* scrolling */
    ui_scroll_t scrolls[UI_SCROLLS_MAX];
    int active_scroll;   /* being drawn now, -1 if none */
    int drag_scroll;     /* under the finger, -1 if none */
    bool dragging;       /* the finger moved far enough to scroll, not tap */
    int drag_start_y, drag_last_y;
    uint32_t drag_last_ms;

    /* fit checks: scroll views draw their whole content unclipped at offset 0, so what is
     * below the fold is measured too (never set while a person uses the kiosk) */
    bool whole_scrolls;
    /* deferred layout: in a screen's first frame, content of a scroll view that starts
     * below the view may be left out with its height estimated, so the screen
     * shows at once; the runtime then draws it whole (ui_scroll_defer()). Set by the
     * runtime before each frame; never while whole_scrolls. */
    bool defer_far;
    bool deferred; /* this frame left something out: draw it whole next */
    /* dry: this drawing lays out and records everything, and writes no pixel (a new
     * screen's first drawing, which its scroll views' cues and edges, placed from its
     * records, would make the runtime draw again anyway); set by the runtime */
    bool dry;
    bool in_frame; /* between ui_begin_frame() and ui_end_frame() */
    /* labels of the cues a scroll view shows when it holds more than fits (set by the
     * screens each frame from the catalog; NULL: no cue, only the bar) */
    const char *more_label;     /* "More below" / "More options" */
    const char *previous_label; /* "Previous" */

    /* side by side (ui/gloss.h): the English of a text shown in another language, or NULL;
     * set by the app before each frame (a NULL function: off) */
    const char *(*gloss)(const void *ctx, const char *text);
    const void *gloss_ctx;
    /* records: current frame being built, last completed frame (on screen) */
    ui_frame_record_t *cur, *last;
    /* QR codes encoded once per URL (ui/qr_widget.c); owned, NULL: encoded each time */
    struct ui_qr_cache *qr_cache;
} ui_t;

/** Allocates the frame records. Caller frees with ui_deinit(). */
bool ui_init(ui_t *ui, SDL_Renderer *renderer, text_engine_t *text);
void ui_deinit(ui_t *ui);

/** Starts a frame of w x h in lang (rtl mirrors); clears the screen. */
void ui_begin_frame(ui_t *ui, int w, int h, const char *lang, bool rtl);
/** Ends the frame: its records become what hit-testing sees. */
void ui_end_frame(ui_t *ui);

/* Input, in window pixels. Each returns true if the screen needs a redraw. */
bool ui_pointer_down(ui_t *ui, int x, int y);
bool ui_pointer_move(ui_t *ui, int x, int y);
bool ui_pointer_up(ui_t *ui, int x, int y);
/** Cancels a press (e.g. the screen changed under the finger). */
void ui_pointer_cancel(ui_t *ui);

/** The widget with id on screen (last completed frame; the topmost when an overlay draws
 *  the same id again), or NULL. */
const ui_widget_t *ui_find(const ui_t *ui, const char *id);
/** The enabled widget at (x, y) on screen, or NULL (modal blockers hide what is below). */
const ui_widget_t *ui_hit(const ui_t *ui, int x, int y);
/** Number of widgets on screen and the i-th (for listing in errors). */
int ui_widget_count(const ui_t *ui);
const ui_widget_t *ui_widget_at(const ui_t *ui, int i);

/** Records a control; returns true once when it was tapped. Used by the widgets. */
bool ui_record(ui_t *ui, const char *id, SDL_Rect rect, bool enabled, const char *text);
/** Marks the widget recorded last as a choice, ticked or not (tests and read-aloud). */
void ui_record_selected(ui_t *ui, bool selected);
/** Adds the ink of layout drawn at (x, y) in box_w to the widget recorded last, with box
 *  the rectangle it must stay in (what the fit check compares). */
void ui_record_ink(ui_t *ui, const text_layout_t *layout, int x, int y, int box_w, SDL_Rect box);
/** Sets the line count of the widget recorded last (a label: where a view edge may cut). */
void ui_record_lines(ui_t *ui, int lines);
/** Whether answer is one of heading's answers: a choice in the same scroll view whose id
 *  starts with the heading's ("report.where.area" heads "report.where.area.blaby"). A page
 *  never ends with a heading whose answers it does not show. */
bool ui_widget_heads(const ui_widget_t *heading, const ui_widget_t *answer);
/** Marks the scroll view scroll_id as showing a cue that there is more (its "More below"). */
void ui_scroll_mark_cue(ui_t *ui, const char *scroll_id);
/** The scroll views drawn in the last frame: count and the i-th (checks, tests). */
int ui_scroll_count(const ui_t *ui);
/** Records a box drawn (ui_fill, ui_frame do it). */
void ui_record_box(ui_t *ui, SDL_Rect r);
/** Boxes drawn in the last frame: count and the i-th. */
int ui_box_count(const ui_t *ui);
const ui_box_t *ui_box_at(const ui_t *ui, int i);
const ui_scroll_t *ui_scroll_at(const ui_t *ui, int i);
/** Records a non-interactive widget (text), so tests can read what it shows. */
void ui_record_label(ui_t *ui, const char *id, SDL_Rect rect, const char *text);
/** True while id is pressed and the pointer is still over it. */
bool ui_is_pressed(const ui_t *ui, const char *id);
/** Starts a scroll view in r: returns where content starts (moved by the offset).
 *  Content drawn until ui_scroll_end() is clipped to r. */
SDL_Rect ui_scroll_begin(ui_t *ui, const char *id, SDL_Rect r);
/** Ends the view: content_h is the height the content used. Draws the scroll bar. */
void ui_scroll_end(ui_t *ui, int content_h);
/** In a frame that may defer (defer_far), true when content placed at y in the active
 *  scroll view starts below the view, out of sight: the screen may then leave it out and
 *  add an estimate of its height (the frame is marked deferred). The runtime draws the
 *  frame whole right after presenting it, before it takes any input, so nobody can scroll
 *  to what was left out first. False otherwise: draw it. */
bool ui_scroll_defer(ui_t *ui, int y);
/** Advances momentum by dt seconds; true while any view is still moving. */
bool ui_animate(ui_t *ui, double dt);
/** Scrolls the view holding widget id so the widget is fully visible, with margin pixels
 *  above it (room for its label), as a person would before tapping. True if it moved;
 *  draw a frame before hit-testing again. */
bool ui_scroll_to_widget(ui_t *ui, const char *id, int margin);
/** Turns the page of scroll view slot (a widget's .scroll) as its cues do: the next page
 *  (direction > 0, when more is below) or the previous one (< 0, when turned down). True
 *  if it moved; draw a frame before turning again (the page edges come from its records). */
bool ui_scroll_turn(ui_t *ui, int slot, int direction);
/** Scrolls the view scroll_id back to its top (an error shown there must be seen). */
void ui_scroll_to_top(ui_t *ui, const char *scroll_id);
/** Sets the time for velocity estimates (milliseconds). */
void ui_set_time(ui_t *ui, uint32_t ms);

/** Queues typed text for the focused field; false if no field has focus. */
bool ui_type(ui_t *ui, const char *utf8);
/** Queues a backspace for the focused field. */
void ui_backspace(ui_t *ui);
/** Height of the pager strip under a scroll view view_w wide ("Previous" and "More below"
 *  side by side): a touch target, or what the labels' ink needs when that is taller. */
int ui_cue_height(ui_t *ui, int view_w);
#define UI_CUE_INSET 4 /* the strip's button inside it, each side */

/** Queues a caret move by graphemes (negative: towards the text's start). */
void ui_caret_move(ui_t *ui, int by);
/** Gives the field id the focus (a screen with one field, such as the PIN). */
void ui_focus_set(ui_t *ui, const char *id);
/** Drops focus and anything queued (screen change, wipe). */
void ui_focus_clear(ui_t *ui);

/** Zeroes everything the UI holds of the session that ended: queued keys, both frame
 *  records (labels, field texts), scroll positions, the last tapped label. Part of
 *  runtime_wipe(). */
void ui_wipe(ui_t *ui);

/** Everything drawn after this (in this frame) is above a blocker covering the screen. */
void ui_modal_begin(ui_t *ui);

#endif
