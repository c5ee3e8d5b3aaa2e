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

typedef struct draw_ctx {
    text_engine_t *engine;
    SDL_Surface *dst; /* NULL: draw with the engine's renderer */
    SDL_Color color;
    int y;
} draw_ctx_t;

/* A piece through the texture cache onto the renderer (the screen: drawn every frame). */
static void draw_cached(const draw_ctx_t *c, const text_line_t *line, const text_piece_t *p,
                        int left)
{
    text_engine_t *e = c->engine;
    SDL_Texture *t = text_texture_cache_get(e->textures, e->renderer, p, c->color,
                                            e->shaper.scratch);
    if (t) {
        int w, h;
        SDL_QueryTexture(t, NULL, NULL, &w, &h);
        SDL_SetTextureAlphaMod(t, c->color.a);
        SDL_Rect r = piece_rect(line, p, left, c->y, w, h);
        SDL_RenderCopy(e->renderer, t, NULL, &r);
    }
}

/* A piece rendered afresh onto a surface (printed slips are drawn once: no cache). */
static void draw_onto(const draw_ctx_t *c, const text_line_t *line, const text_piece_t *p,
                      int left)
{
    SDL_Surface *s = text_piece_render(p, c->color, c->engine->shaper.scratch);
    if (s) {
        SDL_Rect r = piece_rect(line, p, left, c->y, s->w, s->h);
        SDL_SetSurfaceBlendMode(s, SDL_BLENDMODE_BLEND);
        SDL_BlitSurface(s, NULL, c->dst, &r);
        SDL_FreeSurface(s);
    }
}

static void draw_layout(const draw_ctx_t *c, const text_layout_t *l, int x, int box_width)
{
    for (int i = 0; i < l->line_count; i++) {
        const text_line_t *line = &l->lines[i];
        int left = line_left(l, line, x, box_width);
        for (int k = 0; k < line->piece_count; k++) {
            const text_piece_t *p = &l->pieces[line->first_piece + k];
            if (c->dst) {
                draw_onto(c, line, p, left);
            } else {
                draw_cached(c, line, p, left);
            }
        }
    }
}

void text_draw(text_engine_t *e, const text_layout_t *l, int x, int y, int box_width,
               SDL_Color color)
{
    if (e && l && e->renderer) {
        draw_layout(&(draw_ctx_t){.engine = e, .color = color, .y = y}, l, x, box_width);
    }
}

void text_draw_to_surface(text_engine_t *e, const text_layout_t *l, SDL_Surface *dst, int x,
                          int y, int box_width, SDL_Color color)
{
    if (e && l && dst) {
        draw_layout(&(draw_ctx_t){.engine = e, .dst = dst, .color = color, .y = y}, l, x,
                    box_width);
    }
}
