/* The on-screen keyboard and text fields. Keys type into the focused field through
 * ui_type()/ui_backspace(), the same path a physical keyboard uses. */
#ifndef KIOSK_UI_KEYBOARD_H
#define KIOSK_UI_KEYBOARD_H

#include "content/keyboards.h"
#include "ui/widgets.h"

typedef struct ui_keyboard_layouts {
    const keyboard_layout_t *native; /* the language's own (may be latin) */
    const keyboard_layout_t *latin;  /* English letters */
    const keyboard_layout_t *digits;
    const char *native_label, *latin_label, *digits_label;
    const char *space_label, *shift_label, *backspace_label, *done_label;
    const char *enter_label; /* NULL: no Enter (shown only for fields of several lines) */
} ui_keyboard_layouts_t;

/** The height the keyboard needs for this layout (keys at a fixed, touchable size). */
int ui_keyboard_height(const ui_t *ui, const keyboard_layout_t *kb);
/** Takes what was typed for field id (if it has focus) into buf: call before using buf
 *  in the frame (ui_field() calls it too). */
void ui_field_apply(ui_t *ui, const char *id, char *buf, size_t cap, int max_graphemes);

/** Draws the keyboard in area. Returns true when Done was tapped (focus is dropped). */
bool ui_keyboard(ui_t *ui, const ui_keyboard_layouts_t *k, SDL_Rect area);

typedef struct ui_field_opts {
    const char *label;       /* shown above the box */
    const char *limit_text;  /* e.g. "120 of 4000 characters", NULL for none */
    int max_graphemes;       /* 0: no limit besides the buffer */
    int lines;               /* box height in lines (1 for a single-line field) */
} ui_field_opts_t;

/** The height ui_field() takes at width w with o: its label and its box. */
int ui_field_height(ui_t *ui, int w, const ui_field_opts_t *o);

/** A text field editing buf (cap bytes). Tapping gives it focus; while focused it takes
 *  what was typed. Returns the height used. */
int ui_field(ui_t *ui, const char *id, char *buf, size_t cap, SDL_Rect r,
             const ui_field_opts_t *o);

#endif
