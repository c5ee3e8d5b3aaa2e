/* Filled discs (the radio marks of one-answer questions): a fan of triangles, as SDL2 has no
 * circle primitive. On SDL's software renderer the fan is rasterised once per radius into
 * the spans of its rows, and drawn from then on as those rows (opaque fills, ui/paint.h):
 * the same pixels at a fraction of the cost (the rasteriser walks each triangle's bounding
 * box; 38 discs took 1.3 ms of a 2.5 ms frame). SDL truncates the fan's vertices to whole
 * pixels before it rasterises them, so a fan moved by whole pixels covers the same pixels
 * moved: the spans are used only where every vertex of the fan at that centre lands on the
 * spans' own vertices moved (float rounding of a far centre can differ); elsewhere, and on
 * other renderers, the triangles are drawn. */
#ifndef KIOSK_UI_DISC_H
#define KIOSK_UI_DISC_H

#include "ui/paint.h"

#include <SDL.h>

#define DISC_SEGMENTS 48
#define DISC_RADII_MAX 8       /* radii kept (a theme's radio marks use three) */
#define DISC_RADIUS_MAX 255    /* larger discs are drawn as triangles */

typedef struct disc_cache disc_cache_t;

/** Spans for renderer's discs (NULL: no memory; every disc is drawn as triangles). Caller
 *  frees with disc_cache_destroy(). */
disc_cache_t *disc_cache_create(SDL_Renderer *renderer);
void disc_cache_destroy(disc_cache_t *c);

/** Draws the disc of radius around (cx, cy) in c, with blend mode none. */
void disc_draw(disc_cache_t *c, paint_t *paint, int cx, int cy, int radius, SDL_Color color);

/** Discs drawn from spans so far (the rest were triangles), for tests. */
unsigned long disc_cache_span_draws(const disc_cache_t *c);

/** The disc as triangles alone (what the spans must equal), for tests. */
void disc_draw_triangles(SDL_Renderer *renderer, int cx, int cy, int radius, SDL_Color color);

#endif
