/* ESC/POS encoding of a slip (the command set of Epson TM and compatible thermal
 * printers): ESC @ initialise, the raster as GS v 0 bands, ESC d feed, GS V cut. Plus the
 * DLE EOT real-time status request, used to notice paper out before sending a slip. */
#ifndef KIOSK_PRINT_ESCPOS_H
#define KIOSK_PRINT_ESCPOS_H

#include "print/raster.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Rows per GS v 0 command: small enough for the receive buffer of cheap printers
 * (576 dots x 128 rows = 9 KB), large enough that band joins do not show. */
#define ESCPOS_BAND_ROWS 128
#define ESCPOS_FEED_LINES 4 /* paper past the cutter so the last line is not cut */

/* DLE EOT n: n = 4 asks for the paper roll sensor. In the answer, bits 5 and 6 set
 * mean the paper has run out; bits 2 and 3 set mean it is nearly out. */
#define ESCPOS_STATUS_PAPER 4
#define ESCPOS_PAPER_OUT_BITS 0x60u

typedef struct print_bytes {
    uint8_t *data; /* owned; free with print_bytes_free() */
    size_t len, cap;
} print_bytes_t;

/** Appends n bytes; false when out of memory (the buffer is left as it was). */
bool print_bytes_append(print_bytes_t *b, const void *data, size_t n);
void print_bytes_free(print_bytes_t *b);

typedef struct escpos_options {
    bool partial_cut; /* leave a tab so the slip does not fall on the floor */
    int feed_lines;   /* lines fed before the cut */
} escpos_options_t;

/** Appends the whole job for raster to out: init, bands, feed, cut. False when out of
 *  memory. */
bool escpos_encode(const print_raster_t *raster, const escpos_options_t *options,
                   print_bytes_t *out);

/** The 3-byte status request for n (DLE EOT n). */
void escpos_status_request(uint8_t n, uint8_t out[3]);

/** True when a DLE EOT 4 answer says the paper has run out. */
bool escpos_status_paper_out(uint8_t answer);

#endif
