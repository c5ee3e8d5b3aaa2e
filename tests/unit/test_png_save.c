/* Screenshots (app/png_save.c) decode to exactly the pixels of the surface they were made
 * from, whatever its format, whole or written in bands of rows; a file that cannot be
 * written, and bands that do not add up to the picture, are errors naming the file. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include "png_test_util.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/png_save.h"

/* odd sizes: rows are not a multiple of anything a fast path might assume */
#define TEST_W 257
#define TEST_H 67

/* A pattern where every channel varies on its own (and alpha too, which must not show):
 * a byte-order or channel-order mistake changes it. */
static SDL_Surface *pattern_surface(Uint32 format)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, TEST_W, TEST_H, 32, format);
    assert_non_null(s);
    for (int y = 0; y < TEST_H; y++) {
        Uint32 *row = (Uint32 *)((Uint8 *)s->pixels + y * s->pitch);
        for (int x = 0; x < TEST_W; x++) {
            row[x] = SDL_MapRGBA(s->format, (Uint8)(x * 7), (Uint8)(y * 13 + x),
                                 (Uint8)(x ^ (y * 3)), (Uint8)(x + y));
        }
    }
    return s;
}

static char *temp_png(void)
{
    char *path = strdup("/tmp/test_png_save_XXXXXX");
    assert_non_null(path);
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    return path;
}

/* Decodes path with libpng and compares every pixel's R, G, B with s's. */
static void assert_file_matches(const char *path, SDL_Surface *s)
{
    unsigned char *rgb = png_test_read_rgb(path, TEST_W, TEST_H);
    long differ = 0;
    for (int y = 0; y < TEST_H; y++) {
        const Uint32 *row = (const Uint32 *)((const Uint8 *)s->pixels + y * s->pitch);
        for (int x = 0; x < TEST_W; x++) {
            Uint8 r, g, b;
            SDL_GetRGB(row[x], s->format, &r, &g, &b);
            const unsigned char *p = rgb + ((size_t)y * TEST_W + (size_t)x) * 3;
            differ += p[0] != r || p[1] != g || p[2] != b;
        }
    }
    free(rgb);
    if (differ != 0) {
        fail_msg("%ld of %d pixels decode to other colours than the surface's", differ,
                 TEST_W * TEST_H);
    }
}

/* Saves s whole and checks the file's pixels. */
static void assert_round_trip(SDL_Surface *s)
{
    char *path = temp_png();
    char err[256] = "";
    if (!png_save_rgb(s, path, err, sizeof err)) {
        fail_msg("png_save_rgb: %s", err);
    }
    assert_file_matches(path, s);
    unlink(path);
    free(path);
}

/* rows rows of s from row top, as a surface of their own (what a band surface holds) */
static SDL_Surface *band_of(SDL_Surface *s, int top, int rows)
{
    SDL_Surface *band = SDL_CreateRGBSurfaceWithFormat(0, s->w, rows, 32, s->format->format);
    assert_non_null(band);
    SDL_Rect src = {0, top, s->w, rows};
    assert_int_equal(SDL_BlitSurface(s, &src, band, NULL), 0);
    return band;
}

static void test_argb8888_round_trips(void **state)
{
    (void)state;
    SDL_Surface *s = pattern_surface(SDL_PIXELFORMAT_ARGB8888); /* the renderer's frame */
    assert_round_trip(s);
    SDL_FreeSurface(s);
}

static void test_other_format_round_trips(void **state)
{
    (void)state;
    SDL_Surface *s = pattern_surface(SDL_PIXELFORMAT_ABGR8888); /* converted first */
    assert_round_trip(s);
    SDL_FreeSurface(s);
}

static void test_unwritable_path_names_it(void **state)
{
    (void)state;
    SDL_Surface *s = pattern_surface(SDL_PIXELFORMAT_ARGB8888);
    const char *path = "/nonexistent-dir-for-test/shot.png";
    char err[256] = "";
    bool ok = png_save_rgb(s, path, err, sizeof err);
    SDL_FreeSurface(s);
    if (ok || strstr(err, path) == NULL) {
        fail_msg("saving to %s: ok=%d, error \"%s\" (expected false naming the path)", path, ok,
                 err);
    }
}

/* Bands of uneven heights (the last a short one) make the same picture as the whole. */
static void test_bands_make_the_whole_picture(void **state)
{
    (void)state;
    SDL_Surface *s = pattern_surface(SDL_PIXELFORMAT_ARGB8888);
    SDL_SetSurfaceBlendMode(s, SDL_BLENDMODE_NONE); /* copy alpha too: bytes as they are */
    char *path = temp_png();
    char err[256] = "";
    png_stream_t *ps = png_stream_create(path, TEST_W, TEST_H, err, sizeof err);
    if (!ps) {
        fail_msg("png_stream_create: %s", err);
    }
    static const int heights[] = {1, 16, 30, 20}; /* 67 rows */
    int top = 0;
    for (size_t i = 0; i < sizeof heights / sizeof heights[0]; i++) {
        SDL_Surface *band = band_of(s, top, heights[i] + 3); /* 3 rows more than written */
        if (!png_stream_write(ps, band, heights[i], err, sizeof err)) {
            fail_msg("png_stream_write of %d rows at row %d: %s", heights[i], top, err);
        }
        SDL_FreeSurface(band);
        top += heights[i];
    }
    assert_int_equal(top, TEST_H);
    if (!png_stream_finish(ps, err, sizeof err)) {
        fail_msg("png_stream_finish: %s", err);
    }
    png_stream_destroy(ps);
    assert_file_matches(path, s);
    unlink(path);
    free(path);
    SDL_FreeSurface(s);
}

/* Rows beyond the picture are refused; a picture short of rows is not finished. */
static void test_bands_that_do_not_fit_are_errors(void **state)
{
    (void)state;
    SDL_Surface *s = pattern_surface(SDL_PIXELFORMAT_ARGB8888);
    char *path = temp_png();
    char err[256] = "";
    png_stream_t *ps = png_stream_create(path, TEST_W, TEST_H - 1, err, sizeof err);
    assert_non_null(ps);
    bool ok = png_stream_write(ps, s, TEST_H, err, sizeof err);
    if (ok || strstr(err, path) == NULL) {
        fail_msg("%d rows into a %d-row picture: ok=%d, error \"%s\" (expected false naming "
                 "the file)",
                 TEST_H, TEST_H - 1, ok, err);
    }
    png_stream_destroy(ps);

    ps = png_stream_create(path, TEST_W, TEST_H, err, sizeof err);
    assert_non_null(ps);
    assert_true(png_stream_write(ps, s, TEST_H - 2, err, sizeof err));
    err[0] = '\0';
    ok = png_stream_finish(ps, err, sizeof err);
    if (ok || strstr(err, path) == NULL || strstr(err, "65 of") == NULL) {
        fail_msg("finishing after %d of %d rows: ok=%d, error \"%s\" (expected false, saying "
                 "65 of the rows)",
                 TEST_H - 2, TEST_H, ok, err);
    }
    png_stream_destroy(ps);
    unlink(path);
    free(path);
    SDL_FreeSurface(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_argb8888_round_trips),
        cmocka_unit_test(test_other_format_round_trips),
        cmocka_unit_test(test_unwritable_path_names_it),
        cmocka_unit_test(test_bands_make_the_whole_picture),
        cmocka_unit_test(test_bands_that_do_not_fit_are_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
