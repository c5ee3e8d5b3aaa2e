/* On-screen keyboard layouts: data in locales/keyboards/<name>.ini (DESIGN §5). Rows of
 * keys separated by spaces; each key is the text it types (one grapheme or more). No SDL.
 *
 *   [base]   row1 = q w e ...     the unshifted keys
 *   [shift]  row1 = Q W E ...     shifted keys (optional; same shape as base)
 *   [extra]  row1 = ą ć ę ...     extra letters (diacritics), shown as a further row */
#ifndef KIOSK_CONTENT_KEYBOARDS_H
#define KIOSK_CONTENT_KEYBOARDS_H

#include <stdbool.h>
#include <stddef.h>

#define KEYBOARD_ROWS_MAX 6
#define KEYBOARD_KEYS_MAX 16 /* per row */
#define KEYBOARD_KEY_MAX 24  /* bytes of one key's text */

typedef struct keyboard_row {
    char keys[KEYBOARD_KEYS_MAX][KEYBOARD_KEY_MAX];
    int count;
} keyboard_row_t;

typedef struct keyboard_layout {
    char name[32];
    bool rtl;
    keyboard_row_t base[KEYBOARD_ROWS_MAX];
    keyboard_row_t shift[KEYBOARD_ROWS_MAX];
    int rows;        /* rows in base (and shift) */
    bool has_shift;
} keyboard_layout_t;

/** Loads a layout file. False with "FILE:LINE: problem". */
bool keyboard_load(keyboard_layout_t *kb, const char *path, char *err, size_t err_size);

#endif
