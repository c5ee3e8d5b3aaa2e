/* Measuring one run with SDL_ttf. SDL_ttf keeps direction and script per font, so they are
 * set before every call: a font shared by an LTR digit run and an RTL word must not shape
 * one with the other's settings (and Indic scripts left at Latin lose their conjuncts). */
#include "text/text_internal.h"

#include <string.h>

void text_font_prepare(const text_font_t *font, bool rtl, const char *script)
{
    TTF_SetFontDirection(font->ttf, rtl ? TTF_DIRECTION_RTL : TTF_DIRECTION_LTR);
    TTF_SetFontScriptName(font->ttf, script);
}

int text_measure(const text_font_t *font, bool rtl, const char *script, const char *utf8,
                 int bytes, char *scratch)
{
    if (!font || bytes <= 0) {
        return 0;
    }
    if (bytes > TEXT_SCRATCH_MAX - 1) {
        bytes = TEXT_SCRATCH_MAX - 1;
    }
    /* SDL_ttf wants NUL-terminated text; runs are slices of a longer string. */
    memcpy(scratch, utf8, (size_t)bytes);
    scratch[bytes] = '\0';
    text_font_prepare(font, rtl, script);
    int w = 0, h = 0;
    if (TTF_SizeUTF8(font->ttf, scratch, &w, &h) != 0) {
        return 0;
    }
    return w;
}

SDL_Surface *text_piece_render(const text_piece_t *piece, SDL_Color color, char *scratch)
{
    if (!piece->font || piece->bytes <= 0 || piece->bytes > TEXT_SCRATCH_MAX - 1) {
        return NULL;
    }
    memcpy(scratch, piece->utf8, (size_t)piece->bytes);
    scratch[piece->bytes] = '\0';
    text_font_prepare(piece->font, piece->rtl, piece->script);
    return TTF_RenderUTF8_Blended(piece->font->ttf, scratch, color);
}
