/* Editing a UTF-8 buffer the way a person expects: backspace removes a whole grapheme
 * cluster (a Gujarati conjunct with its vowel sign, an emoji with modifiers), appends
 * never split a character, and lengths count what a person sees (ICU ubrk). */
#ifndef KIOSK_UI_TEXT_EDIT_H
#define KIOSK_UI_TEXT_EDIT_H

#include <stdbool.h>
#include <stddef.h>

/** Removes the last grapheme cluster of buf (NUL-terminated). */
void text_edit_backspace(char *buf);
/** Appends utf8 if the result fits in cap bytes and max_graphemes (0: no limit) graphemes;
 *  otherwise appends nothing and returns false. Control characters are dropped. */
bool text_edit_append(char *buf, size_t cap, const char *utf8, int max_graphemes);
/* Editing at a caret (a byte offset into buf, always at a grapheme boundary). */

/** The boundary before (or after) at: where ◀ (▶) moves the caret. */
size_t text_edit_prev(const char *buf, size_t at);
size_t text_edit_next(const char *buf, size_t at);
/** Removes the grapheme cluster before *caret and moves the caret back over it. */
void text_edit_delete_before(char *buf, size_t *caret);
/** Inserts utf8 at *caret (rules of text_edit_append) and moves the caret after it. */
bool text_edit_insert(char *buf, size_t cap, size_t *caret, const char *utf8, int max_graphemes);

/** Number of grapheme clusters in buf. */
int text_edit_graphemes(const char *buf);

#endif
