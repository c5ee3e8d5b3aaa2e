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
 * pass, takes 165 M instructions per screen. The Up filter cost 37 M more, and libpng's own
 * two transforms (BGR order, dropping the fourth byte) 15 M more than this loop; over 31
 * screens the files were also larger with Up (157 KB against 141 KB on average): flat UI
 * colours repeat within a row as well as from the row above. Z_RLE, level 2, a smaller
 * window or memLevel 9 were each no faster. IMG_SavePNG took 1149 M. */
#define PNG_SAVE_LEVEL Z_BEST_SPEED
#define PNG_SAVE_FILTER PNG_FILTER_NONE
#define PNG_SAVE_RGB_BYTES 3
/* zlib's window: the smallest power of two holding one row, so the row above (what a flat
 * screen repeats) stays in reach: 8 KiB at 1920 px, where the 32 KiB default and its hash
 * tables (256 KiB of state) were no faster and the files 3.6% smaller. memLevel follows as
 * zlib's defaults relate them (8 for 15). */
#define PNG_SAVE_WINDOW_BITS_MIN 10
#define PNG_SAVE_WINDOW_BITS_MAX 15

typedef struct png_save_error {
    char *err;
    size_t size;
} png_save_error_t;

static void png_save_on_error(png_structp png, png_const_charp msg)
{
    png_save_error_t *e = png_get_error_ptr(png);
    snprintf(e->err, e->size, "%s", msg);
    png_longjmp(png, 1);
}

static void png_save_on_warning(png_structp png, png_const_charp msg)
{
    (void)png;
    (void)msg; /* nothing a screenshot needs to say */
}

/* One row of ARGB8888 pixels as R, G, B bytes (read as 32-bit values: any byte order). */
static void png_save_row_rgb(const Uint32 *src, int w, unsigned char *dst)
{
    for (int x = 0; x < w; x++, dst += PNG_SAVE_RGB_BYTES) {
        Uint32 p = src[x];
        dst[0] = (unsigned char)(p >> 16);
        dst[1] = (unsigned char)(p >> 8);
        dst[2] = (unsigned char)p;
    }
}

/* The rows of an ARGB8888 surface, each turned into RGB in row (one row's bytes: the frame
 * is never copied whole). */
static bool png_save_rows(png_structp png, png_infop info, SDL_Surface *s, unsigned char *row)
{
    png_set_IHDR(png, info, (png_uint_32)s->w, (png_uint_32)s->h, 8, PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_compression_level(png, PNG_SAVE_LEVEL);
    int bits = PNG_SAVE_WINDOW_BITS_MIN;
    while (bits < PNG_SAVE_WINDOW_BITS_MAX && (1L << bits) < (long)s->w * PNG_SAVE_RGB_BYTES) {
        bits++;
    }
    png_set_compression_window_bits(png, bits);
    png_set_compression_mem_level(png, bits - 7);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_SAVE_FILTER);
    png_write_info(png, info);
    for (int y = 0; y < s->h; y++) {
        png_save_row_rgb((const Uint32 *)((const Uint8 *)s->pixels + (ptrdiff_t)y * s->pitch),
                         s->w, row);
        png_write_row(png, row);
    }
    png_write_end(png, NULL);
    return true;
}

/* libpng's part, on its own so that nothing setjmp() returns to was changed after it. */
static bool png_save_file(FILE *f, SDL_Surface *s, unsigned char *row, png_save_error_t *e)
{
    png_structp png =
        png_create_write_struct(PNG_LIBPNG_VER_STRING, e, png_save_on_error, png_save_on_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    volatile bool ok = false; /* set between setjmp() and a longjmp() out of libpng */
    if (!info) {
        snprintf(e->err, e->size, "out of memory");
    } else if (setjmp(png_jmpbuf(png)) == 0) {
        png_init_io(png, f);
        ok = png_save_rows(png, info, s, row);
    }
    if (png) {
        png_destroy_write_struct(&png, info ? &info : NULL);
    }
    return ok;
}

bool png_save_rgb(SDL_Surface *surface, const char *path, char *err, size_t err_size)
{
    SDL_Surface *s = surface;
    if (surface->format->format != SDL_PIXELFORMAT_ARGB8888) {
        s = SDL_ConvertSurfaceFormat(surface, SDL_PIXELFORMAT_ARGB8888, 0);
        if (!s) {
            snprintf(err, err_size, "%s: %s", path, SDL_GetError());
            return false;
        }
    }
    bool locked = SDL_MUSTLOCK(s) && SDL_LockSurface(s) == 0;
    char why[256] = "";
    png_save_error_t e = {why, sizeof why};
    unsigned char *row = malloc((size_t)s->w * PNG_SAVE_RGB_BYTES);
    FILE *f = row ? fopen(path, "wb") : NULL;
    bool ok = f && png_save_file(f, s, row, &e);
    if (!row) {
        snprintf(err, err_size, "%s: out of memory", path);
    } else if (!f) {
        snprintf(err, err_size, "%s: %s", path, strerror(errno));
    } else if (fclose(f) != 0 && ok) {
        snprintf(err, err_size, "%s: %s", path, strerror(errno));
        ok = false;
    } else if (!ok) {
        snprintf(err, err_size, "%s: %s", path, why);
    }
    if (locked) {
        SDL_UnlockSurface(s);
    }
    if (s != surface) {
        SDL_FreeSurface(s);
    }
    free(row);
    return ok;
}
