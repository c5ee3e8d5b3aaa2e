/* The pixels of a frame, the one place every fill of the UI goes (widgets, scroll bars, QR
 * modules, the focus ring) and that every other drawing asks first (paint_prepare).
 *
 * Two costs of SDL 2's software renderer are avoided here, without changing a pixel:
 * - A fill whose rows do not start and end on a 64-byte boundary mixes plain and
 *   non-temporal stores in one cache line, three to five times as slow as the same fill
 *   aligned (measured: 0.71 ms against 0.21 ms for 800x800 at x = 101 against x = 100, at
 *   1920x1080). Each rectangle goes to SDL as an aligned core and its two narrow edges.
 * - The frame's clear wrote every pixel once more under every panel, card and button drawn
 *   over it (a third to a half of the screen). The clear is made lazily, tile by tile: a
 *   tile is cleared when something is about to blend onto it or only partly covers it, and
 *   not at all when an opaque fill covers it whole (those pixels are written by the fill,
 *   whatever was there); paint_end() clears the tiles nothing touched. Every pixel of the
 *   frame (or of its limit, below) is still written, with one write less per pixel under a
 *   fill.
 * Other renderers (and a scaled software one) get the clear and the rectangles as they are.
 *
 * On a surface it draws on directly, every drawing is also noted with what decides its
 * pixels (ui/damage.h), dry drawings too: paint_changed() then says where a frame differs
 * from what the surface shows, and paint_limit() draws the next frame there alone. */
#ifndef KIOSK_UI_PAINT_H
#define KIOSK_UI_PAINT_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PAINT_ALIGN_PX 16 /* 64 bytes of 32-bit pixels: one cache line */
#define PAINT_TILE_W 32   /* lazy clear tiles: two cache lines wide ... */
#define PAINT_TILE_H 16   /* ... and this many rows */
#define PAINT_TILES_MAX 16384 /* 3840x2160 in tiles; a larger frame is cleared at once */

typedef struct paint paint_t;

/** The painter for renderer (NULL: no memory). Caller frees with paint_destroy(). */
paint_t *paint_create(SDL_Renderer *renderer);
void paint_destroy(paint_t *p);

/** With dry, every call until it is cleared writes no pixel (ui_t's dry drawing). */
void paint_set_dry(paint_t *p, bool dry);
bool paint_is_dry(const paint_t *p);
/** The surface a software renderer draws on (NULL: not known): fills are then written into
 *  it directly. Call before paint_begin(); a window's surface is made anew on resize. */
void paint_set_target(paint_t *p, SDL_Surface *surface);
/** Whether a frame of w x h drawn on surface is followed (paint_changed() knows what it
 *  shows): a software renderer's surface that is the frame, unscaled. */
bool paint_follows(const paint_t *p, const SDL_Surface *surface, int w, int h);
/** Starts a frame of w x h logical pixels whose background is bg (opaque). */
void paint_begin(paint_t *p, int w, int h, SDL_Color bg);
/** Before anything but paint_fill_rects() draws over area (text, pictograms, discs): the
 *  background goes under it first. */
void paint_prepare(paint_t *p, SDL_Rect area);
/** As paint_prepare(), for a drawing whose pixels are decided by the n bytes at what (with
 *  area and the clip): noted for paint_changed(), in a dry drawing too. Every drawing that
 *  is not a fill says so here, or a change to it would not be drawn. */
void paint_draws(paint_t *p, SDL_Rect area, const void *what, size_t n);
/** c in 32 bits, for the bytes given to paint_draws(). */
uint32_t paint_rgba(SDL_Color c);
/** The UI's clip rectangle (NULL: none), for SDL and for the notes: every clip of the UI
 *  is set here, as the frame's limit narrows it. */
void paint_clip(paint_t *p, const SDL_Rect *clip);
/** The UI's clip in *clip; false when there is none. */
bool paint_get_clip(const paint_t *p, SDL_Rect *clip);
/** After a frame, dry or not: the rectangle of whole tiles round those whose drawing
 *  differs from what the surface shows (all of them when it is not known or not followed:
 *  another renderer, a scaled one, a new surface, until a frame not dry is drawn there);
 *  false when none differs. */
bool paint_changed(const paint_t *p, SDL_Rect *changed);
/** The next frame writes pixels inside limit alone (a rectangle paint_changed() gave). */
void paint_limit(paint_t *p, const SDL_Rect *limit);
/** What the surface shows is not known any more (blanked, exposed): the next frame is drawn
 *  whole. */
void paint_forget(paint_t *p);
/** As paint_forget(), every note's hash zeroed too (a session's wipe). */
void paint_wipe(paint_t *p);
/** Fills n rectangles with c, written as it is (the UI draws with blend mode none). */
void paint_fill_rects(paint_t *p, const SDL_Rect *rects, int n, SDL_Color c);
/** As paint_fill_rects(), for the rows of one shape noted already, whole, with
 *  paint_draws() (a disc's spans): the rows are not noted one by one. */
void paint_fill_shape(paint_t *p, const SDL_Rect *rects, int n, SDL_Color c);
/** Ends the frame: the background goes wherever nothing was drawn. */
void paint_end(paint_t *p);

/** Splits r into its aligned core (columns from a multiple of PAINT_ALIGN_PX, a multiple of
 *  it wide) and the edges left and right of it: 1 to 3 rectangles covering exactly r, in
 *  out[3]. Returns how many. */
int paint_split_rect(SDL_Rect r, SDL_Rect out[3]);

/** Tiles paint_begin() left for the lazy clear (0: it cleared at once), for tests. */
int paint_pending_tiles(const paint_t *p);

#endif
