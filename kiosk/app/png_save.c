#include "app/png_save.h"

#include <errno.h>
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <zlib.h>

/* Measured on the 1920x1080 home screen (callgrind, kiosk --screenshot home): zlib's fastest
 * level with the Up filter takes 216 M instructions (~20 ms) against 1149 M for IMG_SavePNG;
 * the file is 102 KB instead of 84 KB. Z_RLE was no faster and larger (131 KB). */
#define PNG_SAVE_LEVEL Z_BEST_SPEED
#define PNG_SAVE_FILTER PNG_FILTER_UP

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

/* The rows of an ARGB8888 surface (B, G, R, A in memory on a little-endian machine) go to
 * libpng as they are: it takes the order as BGR and drops the fourth byte. Any other format
 * is converted first. */
static bool png_save_rows(png_structp png, png_infop info, SDL_Surface *s)
{
    png_set_IHDR(png, info, (png_uint_32)s->w, (png_uint_32)s->h, 8, PNG_COLOR_TYPE_RGB,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_compression_level(png, PNG_SAVE_LEVEL);
    png_set_filter(png, PNG_FILTER_TYPE_BASE, PNG_SAVE_FILTER);
    png_write_info(png, info);
    png_set_bgr(png);
    png_set_filler(png, 0, PNG_FILLER_AFTER);
    for (int y = 0; y < s->h; y++) {
        png_write_row(png, (png_const_bytep)s->pixels + (ptrdiff_t)y * s->pitch);
    }
    png_write_end(png, NULL);
    return true;
}

/* libpng's part, on its own so that nothing setjmp() returns to was changed after it. */
static bool png_save_file(FILE *f, SDL_Surface *s, png_save_error_t *e)
{
    png_structp png =
        png_create_write_struct(PNG_LIBPNG_VER_STRING, e, png_save_on_error, png_save_on_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    volatile bool ok = false; /* set between setjmp() and a longjmp() out of libpng */
    if (!info) {
        snprintf(e->err, e->size, "out of memory");
    } else if (setjmp(png_jmpbuf(png)) == 0) {
        png_init_io(png, f);
        ok = png_save_rows(png, info, s);
    }
    if (png) {
        png_destroy_write_struct(&png, info ? &info : NULL);
    }
    return ok;
}

bool png_save_rgb(SDL_Surface *surface, const char *path, char *err, size_t err_size)
{
    SDL_Surface *s = surface;
    if (SDL_BYTEORDER != SDL_LIL_ENDIAN || surface->format->format != SDL_PIXELFORMAT_ARGB8888) {
        s = SDL_ConvertSurfaceFormat(surface, SDL_PIXELFORMAT_ARGB8888, 0);
        if (!s) {
            snprintf(err, err_size, "%s: %s", path, SDL_GetError());
            return false;
        }
    }
    bool locked = SDL_MUSTLOCK(s) && SDL_LockSurface(s) == 0;
    char why[256] = "";
    png_save_error_t e = {why, sizeof why};
    FILE *f = fopen(path, "wb");
    bool ok = f && png_save_file(f, s, &e);
    if (!f) {
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
    return ok;
}
