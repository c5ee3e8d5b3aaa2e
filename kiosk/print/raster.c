#include "print/raster.h"

#include <SDL_image.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

print_raster_t *print_raster_create(int width, int height)
{
    if (width <= 0 || height <= 0 || width > PRINT_RASTER_WIDTH_MAX ||
        height > PRINT_RASTER_HEIGHT_MAX) {
        return NULL;
    }
    print_raster_t *r = calloc(1, sizeof *r);
    if (!r) {
        return NULL;
    }
    r->width = (width + 7) / 8 * 8;
    r->height = height;
    r->stride = r->width / 8;
    r->bits = calloc((size_t)r->stride * (size_t)height, 1);
    if (!r->bits) {
        free(r);
        return NULL;
    }
    return r;
}

void print_raster_destroy(print_raster_t *r)
{
    if (!r) {
        return;
    }
    free(r->bits);
    free(r);
}

void print_raster_set(print_raster_t *r, int x, int y, bool black)
{
    if (x < 0 || y < 0 || x >= r->width || y >= r->height) {
        return;
    }
    uint8_t mask = (uint8_t)(0x80u >> (x & 7));
    uint8_t *b = &r->bits[(size_t)y * (size_t)r->stride + (size_t)(x >> 3)];
    *b = black ? (uint8_t)(*b | mask) : (uint8_t)(*b & ~mask);
}

bool print_raster_get(const print_raster_t *r, int x, int y)
{
    if (x < 0 || y < 0 || x >= r->width || y >= r->height) {
        return false;
    }
    return (r->bits[(size_t)y * (size_t)r->stride + (size_t)(x >> 3)] >> (7 - (x & 7))) & 1u;
}

void print_raster_fill(print_raster_t *r, int x, int y, int w, int h, bool black)
{
    for (int yy = y; yy < y + h; yy++) {
        for (int xx = x; xx < x + w; xx++) {
            print_raster_set(r, xx, yy, black);
        }
    }
}

print_raster_t *print_raster_from_surface(SDL_Surface *s)
{
    if (!s || s->format->format != SDL_PIXELFORMAT_ARGB8888) {
        return NULL;
    }
    print_raster_t *r = print_raster_create(s->w, s->h);
    if (!r) {
        return NULL;
    }
    if (SDL_MUSTLOCK(s)) {
        SDL_LockSurface(s);
    }
    for (int y = 0; y < s->h; y++) {
        const Uint32 *row = (const Uint32 *)((const Uint8 *)s->pixels + (size_t)y * s->pitch);
        for (int x = 0; x < s->w; x++) {
            Uint32 p = row[x];
            /* Rec. 601 luma in integers; the surface is opaque (drawn on white). */
            unsigned red = (p >> 16) & 0xFF, green = (p >> 8) & 0xFF, blue = p & 0xFF;
            unsigned luma = (299 * red + 587 * green + 114 * blue) / 1000;
            if (luma < PRINT_RASTER_THRESHOLD) {
                print_raster_set(r, x, y, true);
            }
        }
    }
    if (SDL_MUSTLOCK(s)) {
        SDL_UnlockSurface(s);
    }
    return r;
}

long print_raster_count_black(const print_raster_t *r)
{
    long n = 0;
    size_t total = (size_t)r->stride * (size_t)r->height;
    for (size_t i = 0; i < total; i++) {
        n += __builtin_popcount(r->bits[i]);
    }
    return n;
}

bool print_raster_save_png(const print_raster_t *r, const char *path, char *err, size_t err_size)
{
    SDL_Surface *s =
        SDL_CreateRGBSurfaceWithFormat(0, r->width, r->height, 8, SDL_PIXELFORMAT_INDEX8);
    if (!s) {
        snprintf(err, err_size, "surface: %s", SDL_GetError());
        return false;
    }
    SDL_Color palette[2] = {{255, 255, 255, 255}, {0, 0, 0, 255}};
    SDL_SetPaletteColors(s->format->palette, palette, 0, 2);
    for (int y = 0; y < r->height; y++) {
        Uint8 *row = (Uint8 *)s->pixels + (size_t)y * s->pitch;
        for (int x = 0; x < r->width; x++) {
            row[x] = print_raster_get(r, x, y) ? 1 : 0;
        }
    }
    bool ok = IMG_SavePNG(s, path) == 0;
    if (!ok) {
        snprintf(err, err_size, "%s: %s", path, IMG_GetError());
    }
    SDL_FreeSurface(s);
    return ok;
}
