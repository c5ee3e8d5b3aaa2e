/* Widgets and layout helpers on top of ui.h. Every widget draws through the text engine
 * and records itself by semantic id. */
#ifndef KIOSK_UI_WIDGETS_H
#define KIOSK_UI_WIDGETS_H

#include "ui/ui.h"

typedef enum {
    UI_BUTTON_PRIMARY,   /* the main action: filled */
    UI_BUTTON_SECONDARY, /* outlined */
    UI_BUTTON_DANGER,    /* Quick exit */
} ui_button_style_t;

typedef struct ui_text_opts {
    double size;        /* font size in theme units (THEME_FONT_*) */
    bool bold;
    text_align_t align;
    int max_lines;      /* 0: no limit */
    SDL_Color color;
    bool gloss;         /* a title: English follows it when side by side is on (ui/gloss.h) */
} ui_text_opts_t;

/** A progress bar in r: done of total filled from the reading start, in an outlined
 *  track. */
void ui_progress(ui_t *ui, SDL_Rect r, int done, int total);

/** Draws text at the top of r (wrapped to r.w) and records it under id (may be "").
 *  Returns the height used in pixels. */
int ui_text(ui_t *ui, const char *id, const char *text, SDL_Rect r, const ui_text_opts_t *o);

/** The largest size from o->size down to min_size (in 10% steps) at which text fits w on
 *  one line (min_size when none does). */
double ui_text_size_to_fit(ui_t *ui, const char *text, int w, const ui_text_opts_t *o,
                           double min_size);
/** Draws text on one line at the top of r, never wrapped or cut: the size shrinks from
 *  o->size (down to min_size) until it fits r.w; if even min_size is too wide it is
 *  counted as an overflow. Returns the height used. */
int ui_text_one_line(ui_t *ui, const char *id, const char *text, SDL_Rect r,
                     const ui_text_opts_t *o, double min_size);

/** Width of text on one line (never wrapped), without drawing. */
int ui_text_width(ui_t *ui, const char *text, const ui_text_opts_t *o);

/** Height ui_text() would use for text in width w, without drawing. */
int ui_text_height(ui_t *ui, const char *text, int w, const ui_text_opts_t *o);

/** A button; returns true when tapped. Disabled buttons are drawn greyed, never fire. */
bool ui_button(ui_t *ui, const char *id, const char *label, SDL_Rect r, ui_button_style_t style,
               bool enabled);

/** A button's face without its label, for a caller that draws its own (the language
 *  screen): records id with label (what hit-testing, replays and read-aloud see), draws
 *  fill and edge, sets *fg to the colour its words take. True when tapped. */
bool ui_button_face(ui_t *ui, const char *id, const char *label, SDL_Rect r,
                    ui_button_style_t style, bool enabled, SDL_Color *fg);

/* How text lays out, drawn at (0, 0) in width w: what a screen needs to size words in
 * different scripts alike and put them on one baseline. */
typedef struct ui_text_metrics {
    SDL_Rect ink; /* glyph boxes, as drawn; w == 0: nothing inked */
    int height;   /* of the layout */
    int baseline; /* of its first line, from its top */
    int body;     /* text_layout_body_height(): how tall its letters look */
} ui_text_metrics_t;

ui_text_metrics_t ui_text_metrics(ui_t *ui, const char *text, int w, const ui_text_opts_t *o);

/** Draws text in box (wrapped to box.w) with its first line's baseline at y = baseline and
 *  records it under id with box as its rectangle: the ink must stay in box (a script whose
 *  line box is much taller than its letters, such as Nastaliq, still fits). */
void ui_text_on_baseline(ui_t *ui, const char *id, const char *text, SDL_Rect box, int baseline,
                         const ui_text_opts_t *o);

/** A choice (radio look when !multi, checkbox look when multi); true when tapped. */
bool ui_choice(ui_t *ui, const char *id, const char *label, SDL_Rect r, bool selected,
               bool multi);

/** Height a button w wide needs for label's ink on one line or more, centred as drawn
 *  (Nastaliq reaches far above and below its lines; Latin stays inside them). */
int ui_button_ink_height(ui_t *ui, const char *label, int w);

/** Height a button (or a choice) of width w needs for label: at least min_h, more when
 *  the label wraps (larger text, longer languages). Measured in the bold weight, so the
 *  label fits whether selected or not. */
int ui_button_height(ui_t *ui, const char *label, int w, int min_h);
int ui_choice_height(ui_t *ui, const char *label, int w, int min_h);
/** Width a one-line button needs for label, between min_w and max_w. */
int ui_button_width(ui_t *ui, const char *label, int min_w, int max_w);

/** Draws the cues of a scroll view that holds more than it shows: "Previous" across its
 *  top when turned down, the more label (with an arrow) across its bottom when more is
 *  below; marks the view as cued. Returns +1 when the more cue was tapped, -1 for Previous,
 *  0 otherwise. Called by ui_scroll_end(). */
int ui_scroll_cues(ui_t *ui, ui_scroll_t *s);

/** Fills r with c. */
void ui_fill(ui_t *ui, SDL_Rect r, SDL_Color c);
/** Fills a circle of radius around (cx, cy) with c. */
void ui_disc(ui_t *ui, int cx, int cy, int radius, SDL_Color c);

/** Draws a layout as text_draw() does, with the background under its glyphs first: every
 *  text of the UI is drawn through here (ui/paint.h). */
void ui_draw_layout(ui_t *ui, const text_layout_t *l, int x, int y, int box_w, SDL_Color c);
/** Draws a frame of thickness t inside r. */
void ui_frame(ui_t *ui, SDL_Rect r, int t, SDL_Color c);

/* Layout: cut a strip off a rectangle. "start" is the reading start: left in LTR, right
 * in RTL, so layouts mirror for Urdu and Arabic without screen code knowing. */
SDL_Rect ui_cut_top(SDL_Rect *r, int h);
SDL_Rect ui_cut_bottom(SDL_Rect *r, int h);
SDL_Rect ui_cut_start(const ui_t *ui, SDL_Rect *r, int w);
SDL_Rect ui_cut_end(const ui_t *ui, SDL_Rect *r, int w);
/** The x of something w wide at the reading start of r: its left in LTR, right in RTL. */
int ui_start_x(const ui_t *ui, SDL_Rect r, int w);
SDL_Rect ui_inset(SDL_Rect r, int d);
/** Cell i of a cols x rows grid in r with gap; cells run in reading order. */
SDL_Rect ui_grid_cell(const ui_t *ui, SDL_Rect r, int cols, int rows, int i, int gap);

/** Options for body text in the theme's text colour. */
ui_text_opts_t ui_body(const ui_t *ui);
/** Options for a heading. */
ui_text_opts_t ui_title(const ui_t *ui);

#endif
