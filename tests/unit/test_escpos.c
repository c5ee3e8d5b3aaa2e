/* The 1-bit raster and its ESC/POS encoding, byte for byte. */
#include "print/escpos.h"
#include "print/raster.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>

static void test_raster_bits_are_msb_first_black_is_one(void **state)
{
    print_raster_t *r = print_raster_create(13, 2); /* rounded up to 16 */
    assert_non_null(r);
    assert_int_equal(r->width, 16);
    assert_int_equal(r->stride, 2);
    print_raster_set(r, 0, 0, true);
    print_raster_set(r, 9, 1, true);
    print_raster_set(r, 99, 99, true);  /* outside: ignored */
    assert_int_equal(r->bits[0], 0x80); /* leftmost dot is the top bit */
    assert_int_equal(r->bits[3], 0x40); /* x = 9 is the second bit of byte 1, row 1 */
    assert_int_equal(print_raster_count_black(r), 2);
    print_raster_destroy(r);
    print_raster_destroy(NULL); /* no-op */
    assert_null(print_raster_create(0, 10));
    assert_null(print_raster_create(PRINT_RASTER_WIDTH_MAX + 8, 10));
}

static void test_threshold_keeps_thin_grey_strokes(void **state)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 8, 4, 32, SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(s);
    SDL_FillRect(s, NULL, SDL_MapRGB(s->format, 255, 255, 255));
    SDL_Rect row1 = {0, 1, 8, 1}, row2 = {0, 2, 8, 1}, row3 = {0, 3, 8, 1};
    SDL_FillRect(s, &row1, SDL_MapRGB(s->format, 150, 150, 150)); /* half-covered hairline */
    SDL_FillRect(s, &row2, SDL_MapRGB(s->format, 215, 215, 215)); /* faint fringe */
    SDL_FillRect(s, &row3, SDL_MapRGB(s->format, 0, 0, 0));
    print_raster_t *r = print_raster_from_surface(s);
    assert_non_null(r);
    assert_false(print_raster_get(r, 3, 0)); /* white stays white */
    assert_true(print_raster_get(r, 3, 1));  /* a thin grey stroke still prints */
    assert_false(print_raster_get(r, 3, 2)); /* a faint fringe does not blot */
    assert_true(print_raster_get(r, 3, 3));
    print_raster_destroy(r);
    SDL_FreeSurface(s);
}

static void test_encoding_bands_feed_and_cut(void **state)
{
    int height = 2 * ESCPOS_BAND_ROWS + 44;
    print_raster_t *r = print_raster_create(576, height);
    print_raster_set(r, 0, 0, true);
    print_raster_set(r, 575, height - 1, true);
    print_bytes_t out = {0};
    escpos_options_t o = {.partial_cut = true, .feed_lines = 4};
    assert_true(escpos_encode(r, &o, &out));

    size_t band = (size_t)72 * ESCPOS_BAND_ROWS;
    size_t want = 2 + 3 * 8 + (size_t)72 * height + 3 + 3;
    assert_int_equal(out.len, want); /* init + 3 band headers + data + feed + cut */
    const uint8_t init[] = {0x1B, '@'};
    assert_memory_equal(out.data, init, 2);
    const uint8_t head1[] = {0x1D, 'v', '0', 0, 72, 0, ESCPOS_BAND_ROWS, 0};
    assert_memory_equal(out.data + 2, head1, 8); /* GS v 0, 72 bytes x 128 rows */
    assert_int_equal(out.data[10], 0x80);        /* first dot of the raster */
    const uint8_t head3[] = {0x1D, 'v', '0', 0, 72, 0, 44, 0};
    assert_memory_equal(out.data + 2 + 2 * (8 + band), head3, 8); /* last band: the rest */
    assert_int_equal(out.data[out.len - 7], 0x01); /* last dot, right before the feed */
    const uint8_t tail[] = {0x1B, 'd', 4, 0x1D, 'V', 1};
    assert_memory_equal(out.data + out.len - 6, tail, 6); /* feed 4 lines, partial cut */
    print_bytes_free(&out);

    o.partial_cut = false;
    assert_true(escpos_encode(r, &o, &out));
    assert_int_equal(out.data[out.len - 1], 0); /* GS V 0: full cut */
    print_bytes_free(&out);
    print_raster_destroy(r);
}

static void test_status_request_and_answer(void **state)
{
    uint8_t req[3];
    escpos_status_request(ESCPOS_STATUS_PAPER, req);
    const uint8_t want[] = {0x10, 0x04, 4};
    assert_memory_equal(req, want, 3);           /* DLE EOT 4 */
    assert_false(escpos_status_paper_out(0x12)); /* fixed bits only: paper present */
    assert_false(escpos_status_paper_out(0x1E)); /* near end is not out */
    assert_true(escpos_status_paper_out(0x72));  /* bits 5 and 6: paper out */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_raster_bits_are_msb_first_black_is_one),
        cmocka_unit_test(test_threshold_keeps_thin_grey_strokes),
        cmocka_unit_test(test_encoding_bands_feed_and_cut),
        cmocka_unit_test(test_status_request_and_answer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
