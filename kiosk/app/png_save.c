#include "app/png_save.h"

#include <errno.h>
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* Measured with callgrind on 1920x1080 screens (home in English and Urdu, a Gujarati form),
 * encoding alone: zlib's fastest level with no filter, each row turned into RGB here in one
 * pass. The Up filter cost 37 M instructions more, and libpng's own two transforms (BGR
 * order, dropping the fourth byte) 15 M more than this loop; over 31 screens the files were
 * also larger with Up (157 KB against 141 KB on average): flat UI colours repeat within a
 * row as well as from the row above. Sub with Z_RLE cost 45 M more (and the files were 40%
 * larger); IMG_SavePNG took 1149 M. */
#define PNG_SAVE_LEVEL Z_BEST_SPEED
#define PNG_SAVE_FILTER PNG_FILTER_NONE
#define PNG_SAVE_RGB_BYTES 3
#define PNG_SAVE_ROW_SLACK 1 /* the last pixel's spare byte (png_save_row_rgb()) */
/* zlib slides its window each time a window's worth of input has gone in, rewriting its
 * whole hash-head table and its chain table (one entry a byte of window): with the hash as
 * large as the window (zlib's default pairing, and the 8 KiB window + memLevel 6 used
 * before) that is two entries for every byte encoded, 87 of the 162 M instructions of the
 * English home screen. The largest window (32 KiB) with a hash an eighth of its size
 * (memLevel 5: 4096 heads) rewrites 1.125 a byte: home 162 -> 130 M, home in Urdu 166 ->
 * 135 M, learn.what in Gujarati 164 -> 133 M, report.review 163 -> 131 M, files 1-5%
 * smaller, for 144 KiB of zlib state instead of 64. memLevel 4 and 3 were no faster; 2 and
 * 1 slower (more, shorter blocks). */
#define PNG_SAVE_WINDOW_BITS 15
#define PNG_SAVE_MEM_LEVEL 5
#define PNG_SAVE_WHY_MAX 256

struct png_stream {
    png_structp png;
    png_infop info;
    FILE *f;                    /* NULL once closed */
    char *path;                 /* for messages */
    unsigned char *row;         /* one row as RGB: the frame is never copied whole */
    int w, h, y;                /* y: rows written */
    bool failed;                /* libpng's state is undefined after its error: nothing more */
    char why[PNG_SAVE_WHY_MAX]; /* libpng's message */
};

static void png_save_on_error(png_structp png, png_const_charp msg)
{
    png_stream_t *ps = png_get_error_ptr(png);
    snprintf(ps->why, sizeof ps->why, "%s", msg);
    png_longjmp(png, 1);
}

static void png_save_on_warning(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg; /* nothing a screenshot needs to say */
}

/* One row of ARGB8888 pixels as R, G, B bytes. Each pixel is stored as four bytes R, G, B
 * and a spare that the next pixel overwrites (dst has PNG_SAVE_ROW_SLACK bytes beyond the
 * row): one store a pixel instead of three, 20.7 -> 16.6 M instructions a 1920x1080
 * frame. SDL_SwapBE32 puts the bytes in that order on either byte order. */
static void png_save_row_rgb(const Uint32 *src, int w, unsigned char *dst)
{
    for (int x = 0; x < w; x++, dst += PNG_SAVE_RGB_BYTES) {
        Uint32 rgbx = SDL_SwapBE32(src[x] << 8); /* 0xRRGGBB00, big-endian: R G B 0 */
        memcpy(dst, &rgbx, sizeof rgbx);
    }
}

/* The header, with the settings above. The libpng calls of each step are in a function of
 * their own, called only under setjmp(), so that nothing setjmp() returns to was changed
 * after it. */
static void png_stream_header(png_stream_t *ps)
{
    png_init_io(ps->png, ps->f);
    png_set_IHDR(ps->png, ps->info, (png_uint_32)ps->w, (png_uint_32)ps->h, 8, PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_compression_level(ps->png, PNG_SAVE_LEVEL);
    png_set_compression_window_bits(ps->png, PNG_SAVE_WINDOW_BITS);
    png_set_compression_mem_level(ps->png, PNG_SAVE_MEM_LEVEL);
    png_set_filter(ps->png, PNG_FILTER_TYPE_BASE, PNG_SAVE_FILTER);
    png_write_info(ps->png, ps->info);
}

/* The top rows of an ARGB8888 surface, each turned into RGB in ps->row. */
static void png_stream_rows(png_stream_t *ps, const SDL_Surface *s, int rows)
{
    for (int y = 0; y < rows; y++) {
        png_save_row_rgb((const Uint32 *)((const Uint8 *)s->pixels + (ptrdiff_t)y * s->pitch),
                         ps->w, ps->row);
        png_write_row(ps->png, ps->row);
    }
}

static bool png_stream_guard_header(png_stream_t *ps)
{
    if (setjmp(png_jmpbuf(ps->png)) != 0) {
        return false;
    }
    png_stream_header(ps);
    return true;
}

static bool png_stream_guard_rows(png_stream_t *ps, const SDL_Surface *s, int rows)
{
    if (setjmp(png_jmpbuf(ps->png)) != 0) {
        return false;
    }
    png_stream_rows(ps, s, rows);
    return true;
}

static bool png_stream_guard_end(png_stream_t *ps)
{
    if (setjmp(png_jmpbuf(ps->png)) != 0) {
        return false;
    }
    png_write_end(ps->png, NULL);
    return true;
}

png_stream_t *png_stream_create(const char *path, int w, int h, char *err, size_t err_size)
{
    if (w <= 0 || h <= 0) {
        snprintf(err, err_size, "%s: no picture to save (%dx%d)", path, w, h);
        return NULL;
    }
    png_stream_t *ps = calloc(1, sizeof *ps);
    if (ps) {
        ps->w = w;
        ps->h = h;
        ps->path = strdup(path);
        ps->row = malloc((size_t)w * PNG_SAVE_RGB_BYTES + PNG_SAVE_ROW_SLACK);
    }
    if (!ps || !ps->path || !ps->row) {
        snprintf(err, err_size, "%s: out of memory", path);
        goto fail;
    }
    ps->f = fopen(path, "wb");
    if (!ps->f) {
        snprintf(err, err_size, "%s: %s", path, strerror(errno));
        goto fail;
    }
    ps->png =
        png_create_write_struct(PNG_LIBPNG_VER_STRING, ps, png_save_on_error, png_save_on_warning);
    ps->info = ps->png ? png_create_info_struct(ps->png) : NULL;
    if (!ps->info) {
        snprintf(err, err_size, "%s: out of memory", path);
        goto fail;
    }
    if (!png_stream_guard_header(ps)) {
        snprintf(err, err_size, "%s: %s", path, ps->why);
        goto fail;
    }
    return ps;
fail:
    png_stream_destroy(ps);
    return NULL;
}

bool png_stream_write(png_stream_t *ps, SDL_Surface *surface, int rows, char *err, size_t err_size)
{
    if (ps->failed) {
        snprintf(err, err_size, "%s: an earlier write failed", ps->path);
        return false;
    }
    if (surface->w != ps->w || rows < 0 || rows > surface->h || rows > ps->h - ps->y) {
        snprintf(err, err_size, "%s: %d rows %d px wide do not fit the %dx%d picture at row %d",
                 ps->path, rows, surface->w, ps->w, ps->h, ps->y);
        ps->failed = true;
        return false;
    }
    SDL_Surface *s = surface;
    if (surface->format->format != SDL_PIXELFORMAT_ARGB8888) {
        s = SDL_ConvertSurfaceFormat(surface, SDL_PIXELFORMAT_ARGB8888, 0);
        if (!s) {
            snprintf(err, err_size, "%s: %s", ps->path, SDL_GetError());
            ps->failed = true;
            return false;
        }
    }
    bool locked = SDL_MUSTLOCK(s) && SDL_LockSurface(s) == 0;
    bool ok = png_stream_guard_rows(ps, s, rows);
    if (locked) {
        SDL_UnlockSurface(s);
    }
    if (s != surface) {
        SDL_FreeSurface(s);
    }
    if (!ok) {
        snprintf(err, err_size, "%s: %s", ps->path, ps->why);
        ps->failed = true;
        return false;
    }
    ps->y += rows;
    return true;
}

bool png_stream_finish(png_stream_t *ps, char *err, size_t err_size)
{
    bool ok = false;
    if (ps->failed || !ps->f) {
        snprintf(err, err_size, "%s: an earlier write failed", ps->path);
    } else if (ps->y != ps->h) {
        snprintf(err, err_size, "%s: %d of the picture's %d rows written", ps->path, ps->y, ps->h);
    } else if (!png_stream_guard_end(ps)) {
        snprintf(err, err_size, "%s: %s", ps->path, ps->why);
    } else {
        ok = true;
    }
    if (ps->f && fclose(ps->f) != 0 && ok) {
        snprintf(err, err_size, "%s: %s", ps->path, strerror(errno));
        ok = false;
    }
    ps->f = NULL;
    ps->failed = !ok;
    return ok;
}

void png_stream_destroy(png_stream_t *ps)
{
    if (!ps) {
        return;
    }
    if (ps->png) {
        png_destroy_write_struct(&ps->png, ps->info ? &ps->info : NULL);
    }
    if (ps->f) {
        fclose(ps->f);
    }
    free(ps->row);
    free(ps->path);
    free(ps);
}

bool png_save_rgb(SDL_Surface *surface, const char *path, char *err, size_t err_size)
{
    png_stream_t *ps = png_stream_create(path, surface->w, surface->h, err, err_size);
    bool ok = ps && png_stream_write(ps, surface, surface->h, err, err_size) &&
              png_stream_finish(ps, err, err_size);
    png_stream_destroy(ps);
    return ok;
}
