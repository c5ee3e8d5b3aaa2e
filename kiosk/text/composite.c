/* Glyph pages in the process's own memory, composited by pixman straight into the surface
 * SDL's software renderer draws on. A page holds coverage alone (8 bits a pixel, a quarter
 * of a coloured page) and a glyph is drawn in any colour from it: OVER of a solid colour
 * through the glyph as mask. SDL_RenderCopy of a glyph there costs a queued command,
 * a blit set-up and SDL's scalar blend of every pixel: at 1920x1080 the glyphs were a third
 * of a warm repaint (en/home, callgrind). pixman's OVER of a premultiplied page is
 * vectorised (SSE2/SSSE3/AVX2, chosen at run time) and rounds exactly (x * y / 255), where
 * SDL's blend truncates: an edge pixel of a glyph may be up to 3 levels lighter than SDL's.
 *
 * Everything SDL would clip, this clips too: the renderer's viewport (a band of the frame
 * is drawn through a viewport that starts above the surface), its clip rectangle, and the
 * surface. Scaled renderers and render targets are not drawn on here: the atlas keeps its
 * pages as textures for those (text_atlas_set_target). */
#include "text/text_internal.h"

#include <pixman.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

bool text_pixels_page_make(text_pixels_page_t *p, int rows)
{
    memset(p, 0, sizeof *p);
    p->pixels = calloc((size_t)rows, TEXT_ATLAS_PAGE_PX);
    p->image = p->pixels ? pixman_image_create_bits(PIXMAN_a8, TEXT_ATLAS_PAGE_PX, rows,
                                                    (uint32_t *)p->pixels, TEXT_ATLAS_PAGE_PX)
                         : NULL;
    if (!p->image) {
        free(p->pixels);
        p->pixels = NULL;
        return false;
    }
    p->rows = rows;
    return true;
}

void text_pixels_page_zero(text_pixels_page_t *p)
{
    if (p->pixels) {
        sodium_memzero(p->pixels, (size_t)p->rows * TEXT_ATLAS_PAGE_PX);
    }
}

void text_pixels_page_free(text_pixels_page_t *p)
{
    text_pixels_page_zero(p); /* its glyphs say which words were shown */
    if (p->image) {
        pixman_image_unref(p->image);
    }
    free(p->pixels);
    memset(p, 0, sizeof *p);
}

void text_pixels_page_put(text_pixels_page_t *p, int x, int y, const text_glyph_bitmap_t *bm)
{
    for (int row = 0; row < bm->rows; row++) {
        memcpy(p->pixels + (size_t)(y + row) * TEXT_ATLAS_PAGE_PX + (size_t)x,
               bm->pixels + (ptrdiff_t)row * bm->pitch, (size_t)bm->width);
    }
}

static pixman_format_code_t target_format(Uint32 sdl_format)
{
    switch (sdl_format) {
    case SDL_PIXELFORMAT_ARGB8888:
        return PIXMAN_a8r8g8b8;
    case SDL_PIXELFORMAT_RGB888: /* X11's window surfaces: XRGB */
        return PIXMAN_x8r8g8b8;
    default:
        return 0;
    }
}

bool text_target_supported(const SDL_Surface *s)
{
    return s && s->format && target_format(s->format->format) != 0;
}

void text_target_release(text_target_t *t)
{
    if (t->image) {
        pixman_image_unref(t->image);
    }
    if (t->solid) {
        pixman_image_unref(t->solid);
    }
    memset(t, 0, sizeof *t);
}

/* The surface's pixman image, made again when the surface (or its memory) changed: a
 * window's surface is made anew when the window is resized. */
static bool target_image(text_target_t *t, SDL_Surface *s)
{
    if (t->image && t->pixels == s->pixels && t->w == s->w && t->h == s->h &&
        t->pitch == s->pitch) {
        return true;
    }
    if (t->image) {
        pixman_image_unref(t->image);
    }
    t->image = pixman_image_create_bits(target_format(s->format->format), s->w, s->h,
                                        s->pixels, s->pitch);
    t->pixels = s->pixels;
    t->w = s->w;
    t->h = s->h;
    t->pitch = s->pitch;
    return t->image != NULL;
}

bool text_surface_bound(SDL_Renderer *r, const SDL_Surface *s, SDL_Rect *bound,
                        SDL_Point *offset)
{
    float sx = 1, sy = 1;
    SDL_RenderGetScale(r, &sx, &sy);
    if (!text_target_supported(s) || sx != 1.0f || sy != 1.0f || SDL_GetRenderTarget(r)) {
        return false;
    }
    SDL_Rect view, clip, whole = {0, 0, s->w, s->h};
    SDL_RenderGetViewport(r, &view);
    *offset = (SDL_Point){view.x, view.y};
    if (SDL_RenderIsClipEnabled(r)) {
        SDL_RenderGetClipRect(r, &clip); /* within the viewport */
        clip.x += view.x;
        clip.y += view.y;
        if (!SDL_IntersectRect(&view, &clip, &view)) {
            view = (SDL_Rect){0, 0, 0, 0};
        }
    }
    if (!SDL_IntersectRect(&view, &whole, bound)) {
        *bound = (SDL_Rect){0, 0, 0, 0};
    }
    return true;
}

bool text_target_begin(text_target_t *t, SDL_Surface *s, SDL_Renderer *r)
{
    SDL_Point at;
    if (!text_surface_bound(r, s, &t->bound, &at) || !target_image(t, s)) {
        return false;
    }
    SDL_RenderFlush(r); /* what the renderer queued lies under the glyphs */
    t->dx = at.x;
    t->dy = at.y;
    return true;
}

/* The solid source in color, premultiplied as pixman wants it; kept while the colour stays
 * (a text's glyphs share one). */
static pixman_image_t *solid(text_target_t *t, SDL_Color color)
{
    if (t->solid && memcmp(&t->solid_color, &color, sizeof color) == 0) {
        return t->solid;
    }
    if (t->solid) {
        pixman_image_unref(t->solid);
    }
    uint32_t a = color.a; /* 8 to 16 bits: x * 257; premultiplied: x * a / 255 */
    pixman_color_t c = {(uint16_t)(color.r * a * 257 / 255), (uint16_t)(color.g * a * 257 / 255),
                        (uint16_t)(color.b * a * 257 / 255), (uint16_t)(a * 257)};
    t->solid = pixman_image_create_solid_fill(&c);
    t->solid_color = color;
    return t->solid;
}

void text_target_glyph(text_target_t *t, const text_pixels_page_t *p, SDL_Rect src, int x, int y,
                       SDL_Color color)
{
    SDL_Rect want = {x + t->dx, y + t->dy, src.w, src.h}, got;
    pixman_image_t *fill = t->image && SDL_IntersectRect(&want, &t->bound, &got)
                               ? solid(t, color)
                               : NULL;
    if (fill) {
        pixman_image_composite32(PIXMAN_OP_OVER, fill, p->image, t->image, 0, 0,
                                 src.x + got.x - want.x, src.y + got.y - want.y, got.x, got.y,
                                 got.w, got.h);
    }
}
