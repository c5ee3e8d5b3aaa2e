#include "ui/text_edit.h"

#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utext.h>

/* Byte offset where the last grapheme cluster of buf starts. */
static size_t last_grapheme_start(const char *buf, size_t len)
{
    UErrorCode status = U_ZERO_ERROR;
    UText *ut = utext_openUTF8(NULL, buf, (int64_t)len, &status);
    UBreakIterator *bi = ubrk_open(UBRK_CHARACTER, NULL, NULL, 0, &status);
    size_t start = 0;
    if (U_SUCCESS(status)) {
        ubrk_setUText(bi, ut, &status);
        int32_t last = ubrk_last(bi);
        int32_t prev = ubrk_preceding(bi, last);
        start = prev == UBRK_DONE ? 0 : (size_t)prev;
    } else {
        /* ICU unavailable: fall back to one code point */
        start = len;
        while (start > 0 && ((unsigned char)buf[--start] & 0xC0) == 0x80) {
        }
    }
    ubrk_close(bi);
    utext_close(ut);
    return start;
}

void text_edit_backspace(char *buf)
{
    size_t len = strlen(buf);
    if (len > 0) {
        buf[last_grapheme_start(buf, len)] = '\0';
    }
}

int text_edit_graphemes(const char *buf)
{
    UErrorCode status = U_ZERO_ERROR;
    UText *ut = utext_openUTF8(NULL, buf, (int64_t)strlen(buf), &status);
    UBreakIterator *bi = ubrk_open(UBRK_CHARACTER, NULL, NULL, 0, &status);
    int n = 0;
    if (U_SUCCESS(status)) {
        ubrk_setUText(bi, ut, &status);
        ubrk_first(bi);
        while (ubrk_next(bi) != UBRK_DONE) {
            n++;
        }
    }
    ubrk_close(bi);
    utext_close(ut);
    return n;
}

bool text_edit_append(char *buf, size_t cap, const char *utf8, int max_graphemes)
{
    size_t len = strlen(buf);
    size_t add = 0;
    char clean[256];
    for (const char *p = utf8; *p && add + 1 < sizeof clean; p++) {
        unsigned char c = (unsigned char)*p;
        if (c >= 0x20 || c == '\n') {
            clean[add++] = *p;
        }
    }
    clean[add] = '\0';
    if (add == 0 || len + add + 1 > cap) {
        return false;
    }
    memcpy(buf + len, clean, add + 1);
    if (max_graphemes > 0 && text_edit_graphemes(buf) > max_graphemes) {
        buf[len] = '\0';
        return false;
    }
    return true;
}
