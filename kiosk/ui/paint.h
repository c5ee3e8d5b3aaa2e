/* Opaque rectangles through the renderer, the one place every fill of the UI goes (widgets,
 * scroll bars, QR modules, the focus ring). On SDL 2's software renderer a fill whose rows
 * do not start and end on a 64-byte boundary mixes plain and non-temporal stores in one cache
 * line, which costs three to five times as much as the same fill aligned (measured: 0.71 ms
 * against 0.21 ms for 800x800 at x = 101 against x = 100 at 1920x1080). Each rectangle is
 * therefore given to SDL as an aligned core and its two narrow edges: the same pixels in the
 * same colour, in a fraction of the time. Other renderers get the rectangles as they are. */
#ifndef KIOSK_UI_PAINT_H
#define KIOSK_UI_PAINT_H

#include <SDL.h>
#include <stdbool.h>

#define PAINT_ALIGN_PX 16 /* 64 bytes of 32-bit pixels: one cache line */

/** Whether fills on renderer are split (it is SDL's software renderer). */
bool paint_splits_fills(SDL_Renderer *renderer);

/** Splits r into its aligned core (columns from a multiple of PAINT_ALIGN_PX, a multiple of
 *  it wide) and the edges left and right of it: 1 to 3 rectangles covering exactly r, in
 *  out[3]. Returns how many. */
int paint_split_rect(SDL_Rect r, SDL_Rect out[3]);

/** Fills n rectangles with c (written as it is: the UI draws with blend mode none), split
 *  when split is true. */
void paint_fill_rects(SDL_Renderer *renderer, bool split, const SDL_Rect *rects, int n,
                      SDL_Color c);

#endif
