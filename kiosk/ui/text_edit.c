#include "ui/text_edit.h"

#include <sodium.h>
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

/* One character iterator over buf for a boundary query near at; ICU missing: code points. */
static size_t boundary(const char *buf, size_t at, bool forward)
{
    size_t len = strlen(buf);
    at = at > len ? len : at;
    UErrorCode status = U_ZERO_ERROR;
    UText *ut = utext_openUTF8(NULL, buf, (int64_t)len, &status);
    UBreakIterator *bi = ubrk_open(UBRK_CHARACTER, NULL, NULL, 0, &status);
    size_t out = at;
    if (U_SUCCESS(status)) {
        ubrk_setUText(bi, ut, &status);
        int32_t b = forward ? ubrk_following(bi, (int32_t)at) : ubrk_preceding(bi, (int32_t)at);
        out = b == UBRK_DONE ? (forward ? len : 0) : (size_t)b;
    } else if (forward) {
        while (out < len && ((unsigned char)buf[++out] & 0xC0) == 0x80) {
        }
    } else {
        while (out > 0 && ((unsigned char)buf[--out] & 0xC0) == 0x80) {
        }
    }
    ubrk_close(bi);
    utext_close(ut);
    return out;
}

size_t text_edit_prev(const char *buf, size_t at)
{
    return at == 0 ? 0 : boundary(buf, at, false);
}

size_t text_edit_next(const char *buf, size_t at)
{
    return boundary(buf, at, true);
}

void text_edit_delete_before(char *buf, size_t *caret)
{
    size_t len = strlen(buf);
    size_t end = *caret > len ? len : *caret;
    if (end == 0) {
        *caret = 0;
        return;
    }
    size_t start = text_edit_prev(buf, end);
    memmove(buf + start, buf + end, len - end + 1);
    *caret = start;
}

bool text_edit_insert(char *buf, size_t cap, size_t *caret, const char *utf8, int max_graphemes)
{
    size_t len = strlen(buf);
    size_t at = *caret > len ? len : *caret;
    char tail[1024 * 4];
    size_t tail_len = len - at;
    if (tail_len + 1 > sizeof tail) {
        return false; /* longer than any field's buffer */
    }
    memcpy(tail, buf + at, tail_len + 1);
    buf[at] = '\0';
    bool ok = text_edit_append(buf, cap - tail_len, utf8, max_graphemes > 0 ? max_graphemes : 0);
    size_t new_at = strlen(buf);
    memcpy(buf + new_at, tail, tail_len + 1);
    if (ok && max_graphemes > 0 && text_edit_graphemes(buf) > max_graphemes) {
        memmove(buf + at, buf + new_at, tail_len + 1); /* over the limit: undo */
        return false;
    }
    *caret = ok ? new_at : at;
    sodium_memzero(tail, tail_len + 1); /* part of what someone typed */
    return ok;
}
