/* What each tile of the frame was drawn from, so that a frame is drawn only where it differs
 * from what the surface already shows.
 *
 * Every drawing of a frame (a fill, a text, a pictogram, a QR code's picture) is noted here
 * with the tiles it covers and a hash of everything that decides its pixels: its colour,
 * its place, its clip, the words and style of a text. Each tile's hash takes the drawings
 * over it in order. A dry drawing of the frame (no pixel written) gives this frame's
 * hashes; the tiles whose hash differs from the one the surface's pixels were drawn from are
 * the frame's damage, and only they are drawn. When nothing differs, nothing is drawn.
 *
 * Why: SDL's software renderer draws a frame into memory that other work on the machine
 * evicts from the processor's cache between frames; a full repaint of 1920x1080 then costs
 * its 8 MB of writes at memory speed (0.85 ms for the clear alone, measured on the build
 * machine, tests/bench), whatever the drawing does. A screen that shows what it showed
 * costs its dry drawing alone. */
#ifndef KIOSK_UI_DAMAGE_H
#define KIOSK_UI_DAMAGE_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct damage {
    int cols, rows, tile_w, tile_h, w, h;
    uint64_t *hash;  /* this drawing's, per tile */
    uint64_t *shown; /* what the surface's pixels in each tile were drawn from */
    int capacity;    /* tiles each array holds */
    bool shown_valid;
    /* the surface shown[] describes: another one (a resized window's) is drawn whole */
    const void *pixels;
    int pitch;
} damage_t;

/** Tiles for up to capacity; false when there is no memory. */
bool damage_init(damage_t *d, int capacity);
void damage_free(damage_t *d);

/** A frame of w x h pixels in tiles of tile_w x tile_h (cols * rows <= capacity), drawn on
 *  the surface whose memory is pixels (pitch bytes a row), its background seed (colour):
 *  every tile starts from seed. A different surface or size forgets what was shown. */
void damage_begin(damage_t *d, int w, int h, int tile_w, int tile_h, const void *pixels,
                  int pitch, uint64_t seed);
/** A drawing over area (clipped already) whose pixels are decided by what. */
void damage_note(damage_t *d, SDL_Rect area, uint64_t what);
/** The tiles whose hash differs from what is shown, as the rectangle round them (tile
 *  edges, within the frame) in *changed; false when none does. */
bool damage_changed(const damage_t *d, SDL_Rect *changed);
/** The tiles inside drawn (a rectangle of whole tiles) now show this drawing's hashes. */
void damage_commit(damage_t *d, SDL_Rect drawn);
/** The surface's pixels are not what shown[] says (blanked, exposed, drawn by other code):
 *  the next frame is drawn whole. */
void damage_forget(damage_t *d);

/** Every hash zeroed, and forgotten (a session's wipe: a text's hash is of its words, a
 *  name typed among them). */
void damage_wipe(damage_t *d);

/** A hash of n bytes, mixed into h (start from 0): what a drawing passes to damage_note. */
uint64_t damage_hash(uint64_t h, const void *bytes, size_t n);

#endif
