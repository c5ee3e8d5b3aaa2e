#include "print/escpos.h"

#include <stdlib.h>
#include <string.h>

#define ESC 0x1B
#define GS 0x1D
#define DLE 0x10
#define EOT 0x04

bool print_bytes_append(print_bytes_t *b, const void *data, size_t n)
{
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : 4096;
        while (cap < b->len + n) {
            cap *= 2;
        }
        uint8_t *p = realloc(b->data, cap);
        if (!p) {
            return false;
        }
        b->data = p;
        b->cap = cap;
    }
    memcpy(b->data + b->len, data, n);
    b->len += n;
    return true;
}

void print_bytes_free(print_bytes_t *b)
{
    free(b->data);
    memset(b, 0, sizeof *b);
}

static bool append_band(const print_raster_t *r, int y0, int rows, print_bytes_t *out)
{
    /* GS v 0 m xL xH yL yH: m = 0 (normal size), x in bytes, y in dots. */
    const uint8_t head[8] = {GS,
                             'v',
                             '0',
                             0,
                             (uint8_t)(r->stride & 0xFF),
                             (uint8_t)(r->stride >> 8),
                             (uint8_t)(rows & 0xFF),
                             (uint8_t)(rows >> 8)};
    return print_bytes_append(out, head, sizeof head) &&
           print_bytes_append(out, r->bits + (size_t)y0 * (size_t)r->stride,
                              (size_t)rows * (size_t)r->stride);
}

bool escpos_encode(const print_raster_t *r, const escpos_options_t *o, print_bytes_t *out)
{
    const uint8_t init[2] = {ESC, '@'};
    if (!print_bytes_append(out, init, sizeof init)) {
        return false;
    }
    for (int y = 0; y < r->height; y += ESCPOS_BAND_ROWS) {
        int rows = r->height - y < ESCPOS_BAND_ROWS ? r->height - y : ESCPOS_BAND_ROWS;
        if (!append_band(r, y, rows, out)) {
            return false;
        }
    }
    int feed = o->feed_lines < 0 ? 0 : o->feed_lines > 255 ? 255 : o->feed_lines;
    /* ESC d n: print and feed n lines. GS V m: m = 1 partial cut, 0 full cut. */
    const uint8_t tail[5] = {ESC, 'd', (uint8_t)feed, GS, 'V'};
    const uint8_t cut = o->partial_cut ? 1 : 0;
    return print_bytes_append(out, tail, sizeof tail) && print_bytes_append(out, &cut, 1);
}

void escpos_status_request(uint8_t n, uint8_t out[3])
{
    out[0] = DLE;
    out[1] = EOT;
    out[2] = n;
}

bool escpos_status_paper_out(uint8_t answer)
{
    return (answer & ESCPOS_PAPER_OUT_BITS) != 0;
}
