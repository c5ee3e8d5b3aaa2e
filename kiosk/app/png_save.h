/* Screenshots to PNG with libpng, written for speed: a screen is large flat areas and a
 * little anti-aliased text, and SDL_image's IMG_SavePNG (zlib level 6, libpng's adaptive
 * choice among all five filters per row, an ABGR copy of the surface first) took 57% of
 * `kiosk --screenshot home` (tests/bench). A file can also be written a band of rows at a
 * time (png_stream_*), so that a screenshot never needs the whole frame in memory. */
#ifndef KIOSK_APP_PNG_SAVE_H
#define KIOSK_APP_PNG_SAVE_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>

/** Writes surface to path as 8-bit RGB (what a screen shows: its alpha is not kept). False
 *  with err on failure (the file may then be partly written). */
bool png_save_rgb(SDL_Surface *surface, const char *path, char *err, size_t err_size);

/** A w x h RGB PNG being written top to bottom, rows in bands. */
typedef struct png_stream png_stream_t;

/** Creates path (truncated) for a w x h picture. NULL with err (naming path) on failure;
 *  the caller ends it with png_stream_finish() and frees it with png_stream_destroy(). */
png_stream_t *png_stream_create(const char *path, int w, int h, char *err, size_t err_size);
/** Appends the top `rows` rows of surface (any format, exactly w wide) as the picture's
 *  next rows. False with err when writing fails or the picture would pass h rows; after a
 *  failure the stream only takes png_stream_destroy(). */
bool png_stream_write(png_stream_t *ps, SDL_Surface *surface, int rows, char *err, size_t err_size);
/** Ends the file once all h rows are in and closes it. False with err when rows are
 *  missing or writing (or closing) fails. */
bool png_stream_finish(png_stream_t *ps, char *err, size_t err_size);
/** Frees ps (NULL: nothing), closing its file if png_stream_finish() did not. */
void png_stream_destroy(png_stream_t *ps);

#endif
