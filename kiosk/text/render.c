/* Drawing a layout: each piece at its line's x (alignment follows the paragraph direction:
 * start is the right edge for RTL) and on the line's baseline, so runs in different fonts
 * (Nastaliq next to Latin) share one baseline. */
#include "text/text_internal.h"

static int line_left(const text_layout_t *l, const text_line_t *line, int x, int box_width)
{
    if (box_width <= 0) {
        box_width = l->width;
    }
    switch (l->style.align) {
    case TEXT_ALIGN_CENTER:
        return x + (box_width - line->width) / 2;
    case TEXT_ALIGN_END:
        return line->rtl ? x : x + box_width - line->width;
    case TEXT_ALIGN_START:
    default:
        return line->rtl ? x + box_width - line->width : x;
    }
}

/* Where a piece's rendered surface goes: SDL_ttf puts the font's ascent at the top. */
static SDL_Rect piece_rect(const text_line_t *line, const text_piece_t *p, int left, int top,
                           int w, int h)
{
    SDL_Rect r = {left + p->x,
                  top + line->top + line->baseline - TTF_FontAscent(p->font->ttf) - p->ink_above,
                  w, h};
    return r;
}

void text_draw(text_engine_t *e, const text_layout_t *l, int x, int y, int box_width,
               SDL_Color color)
{
    if (!e || !l || !e->renderer) {
        return;
    }
    for (int i = 0; i < l->line_count; i++) {
        const text_line_t *line = &l->lines[i];
        int left = line_left(l, line, x, box_width);
        for (int k = 0; k < line->piece_count; k++) {
            const text_piece_t *p = &l->pieces[line->first_piece + k];
            SDL_Texture *t =
                text_texture_cache_get(e->textures, e->renderer, p, color, e->shaper.scratch);
            if (!t) {
                continue;
            }
            int w, h;
            SDL_QueryTexture(t, NULL, NULL, &w, &h);
            SDL_SetTextureAlphaMod(t, color.a);
            SDL_Rect r = piece_rect(line, p, left, y, w, h);
            SDL_RenderCopy(e->renderer, t, NULL, &r);
        }
    }
}

void text_draw_to_surface(text_engine_t *e, const text_layout_t *l, SDL_Surface *dst, int x,
                          int y, int box_width, SDL_Color color)
{
    if (!e || !l || !dst) {
        return;
    }
    /* Printed slips are drawn once: no cache, each piece rendered in its colour. */
    for (int i = 0; i < l->line_count; i++) {
        const text_line_t *line = &l->lines[i];
        int left = line_left(l, line, x, box_width);
        for (int k = 0; k < line->piece_count; k++) {
            const text_piece_t *p = &l->pieces[line->first_piece + k];
            SDL_Surface *s = text_piece_render(p, color, e->shaper.scratch);
            if (!s) {
                continue;
            }
            SDL_Rect r = piece_rect(line, p, left, y, s->w, s->h);
            SDL_SetSurfaceBlendMode(s, SDL_BLENDMODE_BLEND);
            SDL_BlitSurface(s, NULL, dst, &r);
            SDL_FreeSurface(s);
        }
    }
}
