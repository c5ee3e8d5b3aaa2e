#include "ui/damage.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

/* A tile's hash takes each drawing over it in turn: an odd multiplier after the exclusive
 * or keeps their order (A then B is not B then A) and never maps two hashes to one. */
#define DAMAGE_MIX 0x100000001b3ULL

bool damage_init(damage_t *d, int capacity)
{
    memset(d, 0, sizeof *d);
    d->hash = calloc((size_t)capacity, sizeof *d->hash);
    d->shown = calloc((size_t)capacity, sizeof *d->shown);
    if (!d->hash || !d->shown) {
        damage_free(d);
        return false;
    }
    d->capacity = capacity;
    return true;
}

void damage_free(damage_t *d)
{
    damage_wipe(d);
    free(d->hash);
    free(d->shown);
    memset(d, 0, sizeof *d);
}

void damage_begin(damage_t *d, int w, int h, int tile_w, int tile_h, const void *pixels,
                  int pitch, uint64_t seed)
{
    int cols = (w + tile_w - 1) / tile_w, rows = (h + tile_h - 1) / tile_h;
    if (w != d->w || h != d->h || tile_w != d->tile_w || tile_h != d->tile_h ||
        pixels != d->pixels || pitch != d->pitch) {
        d->shown_valid = false;
    }
    d->w = w;
    d->h = h;
    d->tile_w = tile_w;
    d->tile_h = tile_h;
    d->pixels = pixels;
    d->pitch = pitch;
    d->cols = cols * rows <= d->capacity ? cols : 0;
    d->rows = cols * rows <= d->capacity ? rows : 0;
    for (int i = 0; i < d->cols * d->rows; i++) {
        d->hash[i] = seed;
    }
}

void damage_note(damage_t *d, SDL_Rect area, uint64_t what)
{
    SDL_Rect frame = {0, 0, d->w, d->h};
    if (d->cols == 0 || !SDL_IntersectRect(&area, &frame, &area)) {
        return;
    }
    int c0 = area.x / d->tile_w, c1 = (area.x + area.w - 1) / d->tile_w;
    int r0 = area.y / d->tile_h, r1 = (area.y + area.h - 1) / d->tile_h;
    for (int row = r0; row <= r1; row++) {
        uint64_t *tile = &d->hash[row * d->cols];
        for (int col = c0; col <= c1; col++) {
            tile[col] = (tile[col] ^ what) * DAMAGE_MIX;
        }
    }
}

bool damage_changed(const damage_t *d, SDL_Rect *changed)
{
    int c0 = d->cols, c1 = -1, r0 = d->rows, r1 = -1;
    for (int row = 0; row < d->rows; row++) {
        const uint64_t *now = &d->hash[row * d->cols], *was = &d->shown[row * d->cols];
        for (int col = 0; col < d->cols; col++) {
            if (!d->shown_valid || now[col] != was[col]) {
                c0 = col < c0 ? col : c0;
                c1 = col > c1 ? col : c1;
                r0 = row < r0 ? row : r0;
                r1 = row;
            }
        }
    }
    if (d->cols == 0) { /* too many tiles to follow: every frame is drawn whole */
        *changed = (SDL_Rect){0, 0, d->w, d->h};
        return d->w > 0 && d->h > 0;
    }
    if (c1 < 0) {
        return false;
    }
    int right = (c1 + 1) * d->tile_w < d->w ? (c1 + 1) * d->tile_w : d->w;
    int bottom = (r1 + 1) * d->tile_h < d->h ? (r1 + 1) * d->tile_h : d->h;
    *changed = (SDL_Rect){c0 * d->tile_w, r0 * d->tile_h, right - c0 * d->tile_w,
                          bottom - r0 * d->tile_h};
    return true;
}

void damage_commit(damage_t *d, SDL_Rect drawn)
{
    if (d->cols == 0) {
        return;
    }
    bool whole = drawn.x <= 0 && drawn.y <= 0 && drawn.x + drawn.w >= d->w &&
                 drawn.y + drawn.h >= d->h;
    if (!d->shown_valid && !whole) {
        return; /* the tiles outside it show something unknown still */
    }
    int c0 = drawn.x / d->tile_w, r0 = drawn.y / d->tile_h;
    int c1 = (drawn.x + drawn.w + d->tile_w - 1) / d->tile_w;
    int r1 = (drawn.y + drawn.h + d->tile_h - 1) / d->tile_h;
    c0 = c0 < 0 ? 0 : c0;
    r0 = r0 < 0 ? 0 : r0;
    c1 = c1 > d->cols ? d->cols : c1;
    r1 = r1 > d->rows ? d->rows : r1;
    for (int row = r0; row < r1; row++) {
        memcpy(&d->shown[row * d->cols + c0], &d->hash[row * d->cols + c0],
               (size_t)(c1 - c0) * sizeof *d->shown);
    }
    d->shown_valid = true;
}

void damage_forget(damage_t *d)
{
    d->shown_valid = false;
}

void damage_wipe(damage_t *d)
{
    if (d->hash) {
        sodium_memzero(d->hash, (size_t)d->capacity * sizeof *d->hash);
        sodium_memzero(d->shown, (size_t)d->capacity * sizeof *d->shown);
    }
    d->shown_valid = false;
}

uint64_t damage_hash(uint64_t h, const void *bytes, size_t n)
{
    unsigned char key[crypto_shorthash_KEYBYTES] = {0};
    unsigned char out[crypto_shorthash_BYTES];
    memcpy(key, &h, sizeof h < sizeof key ? sizeof h : sizeof key);
    crypto_shorthash(out, bytes, n, key);
    uint64_t v;
    memcpy(&v, out, sizeof v);
    return v;
}
