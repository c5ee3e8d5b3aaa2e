/* Drawing a layout, one loop for the screen and the printed slip: each piece at its line's x
 * (alignment follows the paragraph direction: start is the right edge for RTL) and on the
 * line's baseline, so runs in different fonts (Nastaliq next to Latin) share one baseline;
 * each glyph where the layout measured it. */
#include "text/text_internal.h"

#include <stddef.h>

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

typedef struct draw_ctx {
    text_engine_t *engine;
    SDL_Surface *dst; /* NULL: draw with the engine's renderer, through the atlas */
    SDL_Color color;
    int y;
    SDL_Rect seen; /* the renderer's clip within its viewport: glyphs wholly outside are not
                    * drawn, nor rasterised into the atlas (rows below a scroll view's fold) */
} draw_ctx_t;

/* A glyph's bitmap may reach this far past its box (whole pixels, rounded outwards): a
 * margin, so that skipping what lies outside never drops a pixel SDL would have drawn. */
#define TEXT_CULL_MARGIN 2

static SDL_Rect renderer_seen(SDL_Renderer *r)
{
    SDL_Rect view, clip;
    SDL_RenderGetViewport(r, &view);
    SDL_Rect seen = {0, 0, view.w, view.h};
    if (SDL_RenderIsClipEnabled(r)) {
        SDL_RenderGetClipRect(r, &clip);
        if (!SDL_IntersectRect(&seen, &clip, &seen)) {
            seen = (SDL_Rect){0, 0, 0, 0};
        }
    }
    return seen;
}

/* Whether any of the glyph's ink at (x, baseline y) can land in what the renderer shows. */
static bool glyph_seen(const draw_ctx_t *c, text_font_t *font, unsigned index, int x, int y)
{
    text_glyph_box_t box;
    if (!text_glyph_box(font, index, &box)) {
        return true; /* not known: drawn, and SDL clips it */
    }
    SDL_Rect ink = {x + box.left - TEXT_CULL_MARGIN, y - box.top - TEXT_CULL_MARGIN,
                    box.right - box.left + 2 * TEXT_CULL_MARGIN,
                    box.top - box.bottom + 2 * TEXT_CULL_MARGIN};
    return box.ink && SDL_HasIntersection(&ink, &c->seen);
}

/* A glyph rasterised afresh and blended onto a surface (printed slips are drawn once: no
 * atlas), as SDL blends a surface with per-pixel alpha. */
static void glyph_onto(const draw_ctx_t *c, text_font_t *font, unsigned index, int pen_x,
                       int baseline)
{
    text_glyph_bitmap_t bm;
    if (!text_glyph_render(font, index, &bm) || bm.width <= 0 || bm.rows <= 0) {
        return;
    }
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, bm.width, bm.rows, 32,
                                                    SDL_PIXELFORMAT_ARGB8888);
    if (!s) {
        return;
    }
    Uint32 rgb = (Uint32)c->color.r << 16 | (Uint32)c->color.g << 8 | c->color.b;
    for (int r = 0; r < bm.rows; r++) {
        const unsigned char *src = bm.pixels + (ptrdiff_t)r * bm.pitch;
        Uint32 *row = (Uint32 *)((Uint8 *)s->pixels + (ptrdiff_t)r * s->pitch);
        for (int k = 0; k < bm.width; k++) {
            Uint32 alpha = (Uint32)src[k] * c->color.a / 255;
            row[k] = alpha << 24 | rgb;
        }
    }
    SDL_SetSurfaceBlendMode(s, SDL_BLENDMODE_BLEND);
    SDL_Rect r = {pen_x + bm.left, baseline - bm.top, bm.width, bm.rows};
    SDL_BlitSurface(s, NULL, c->dst, &r);
    SDL_FreeSurface(s);
}

/* Every glyph of a piece at its pen position: whole pixels left of HarfBuzz's position (as the
 * box was measured: text_glyphs_metrics), offsets up from the baseline. */
static void draw_piece(const draw_ctx_t *c, const text_layout_t *l, const text_piece_t *p,
                       int pen_x, int baseline)
{
    for (int i = 0; i < p->glyph_count; i++) {
        const text_placed_glyph_t *g = &l->glyphs[p->glyph_first + i];
        int x = pen_x + text_px_floor(g->x), y = baseline + text_px_floor(-g->y);
        if (c->dst) {
            glyph_onto(c, p->font, g->index, x, y);
        } else if (glyph_seen(c, p->font, g->index, x, y)) {
            text_atlas_draw_glyph(c->engine->atlas, p->font, g->index, x, y, c->color);
        }
    }
}

static void draw_layout(const draw_ctx_t *c, const text_layout_t *l, int x, int box_width)
{
    for (int i = 0; i < l->line_count; i++) {
        const text_line_t *line = &l->lines[i];
        int left = line_left(l, line, x, box_width);
        int baseline = c->y + line->top + line->baseline;
        for (int k = 0; k < line->piece_count; k++) {
            const text_piece_t *p = &l->pieces[line->first_piece + k];
            if (p->font) {
                draw_piece(c, l, p, left + p->x + p->pen_x, baseline);
            }
        }
    }
    if (!c->dst) {
        text_atlas_flush(c->engine->atlas);
    }
}

void text_draw_run(text_engine_t *e, const text_layout_t *l, int line, int run, int x, int y,
                   SDL_Color color)
{
    if (!e || !l || !e->renderer || line < 0 || line >= l->line_count || run < 0 ||
        run >= l->lines[line].piece_count) {
        return;
    }
    const text_piece_t *p = &l->pieces[l->lines[line].first_piece + run];
    if (p->font) {
        const draw_ctx_t c = {.engine = e, .color = color, .seen = renderer_seen(e->renderer)};
        text_atlas_begin(e->atlas);
        draw_piece(&c, l, p, x + p->pen_x, y + p->ink_above + p->font->ascent);
        text_atlas_flush(e->atlas);
    }
}

void text_draw(text_engine_t *e, const text_layout_t *l, int x, int y, int box_width,
               SDL_Color color)
{
    if (e && l && e->renderer) {
        const draw_ctx_t c = {.engine = e, .color = color, .y = y,
                              .seen = renderer_seen(e->renderer)};
        text_atlas_begin(e->atlas);
        draw_layout(&c, l, x, box_width);
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

/* The same walk as draw_layout(), collecting glyph boxes instead of drawing: one place says
 * where a glyph lands (line_left, the piece's pen, HarfBuzz's offsets). */
bool text_layout_ink(const text_layout_t *l, int x, int y, int box_width, SDL_Rect *ink)
{
    int left = 0, top = 0, right = 0, bottom = 0;
    bool any = false;
    for (int i = 0; l && i < l->line_count; i++) {
        const text_line_t *line = &l->lines[i];
        int line_x = line_left(l, line, x, box_width);
        int baseline = y + line->top + line->baseline;
        for (int k = 0; k < line->piece_count; k++) {
            const text_piece_t *p = &l->pieces[line->first_piece + k];
            for (int g = 0; p->font && g < p->glyph_count; g++) {
                const text_placed_glyph_t *pg = &l->glyphs[p->glyph_first + g];
                text_glyph_box_t box;
                if (!text_glyph_box(p->font, pg->index, &box) || !box.ink) {
                    continue;
                }
                int gx = line_x + p->x + p->pen_x + text_px_floor(pg->x);
                int gy = baseline + text_px_floor(-pg->y);
                int l0 = gx + box.left, r0 = gx + box.right;
                int t0 = gy - box.top, b0 = gy - box.bottom;
                left = any && left < l0 ? left : l0;
                right = any && right > r0 ? right : r0;
                top = any && top < t0 ? top : t0;
                bottom = any && bottom > b0 ? bottom : b0;
                any = true;
            }
        }
    }
    *ink = any ? (SDL_Rect){left, top, right - left, bottom - top} : (SDL_Rect){0, 0, 0, 0};
    return any;
}

int text_layout_baseline(const text_layout_t *l)
{
    return l && l->line_count > 0 ? l->lines[0].top + l->lines[0].baseline : 0;
}

#define TEXT_BODY_GLYPHS_MAX 64
#define TEXT_BODY_MARK_SHARE 0.4 /* glyphs under 40% of the tallest are marks (dots, vowel signs) */

int text_layout_body_height(const text_layout_t *l)
{
    int heights[TEXT_BODY_GLYPHS_MAX], n = 0, tallest = 0;
    if (!l || l->line_count == 0) {
        return 0;
    }
    const text_line_t *line = &l->lines[0];
    for (int k = 0; k < line->piece_count; k++) {
        const text_piece_t *p = &l->pieces[line->first_piece + k];
        for (int g = 0; p->font && g < p->glyph_count && n < TEXT_BODY_GLYPHS_MAX; g++) {
            const text_placed_glyph_t *pg = &l->glyphs[p->glyph_first + g];
            text_glyph_box_t box;
            if (text_glyph_box(p->font, pg->index, &box) && box.ink) {
                /* the glyph's own ink height, wherever it sits: Nastaliq steps each letter
                 * of a word up from the baseline, which says nothing of the letters' size */
                heights[n] = box.top - box.bottom;
                tallest = heights[n] > tallest ? heights[n] : tallest;
                n++;
            }
        }
    }
    int letters[TEXT_BODY_GLYPHS_MAX], m = 0;
    for (int i = 0; i < n; i++) {
        if (heights[i] >= tallest * TEXT_BODY_MARK_SHARE) {
            int k = m++;
            for (; k > 0 && letters[k - 1] > heights[i]; k--) { /* kept sorted */
                letters[k] = letters[k - 1];
            }
            letters[k] = heights[i];
        }
    }
    return m > 0 ? letters[m / 4] : 0; /* most letters are at least this tall */
}
