/* Screenshots (app/png_save.c) decode to exactly the pixels of the surface they were made
 * from, whatever its format; a file that cannot be written is an error naming it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <png.h>
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

/* Saves s, decodes the file with libpng and compares every pixel's R, G, B with s's. */
static void assert_round_trip(SDL_Surface *s)
{
    char *path = temp_png();
    char err[256] = "";
    if (!png_save_rgb(s, path, err, sizeof err)) {
        fail_msg("png_save_rgb: %s", err);
    }
    png_image im;
    memset(&im, 0, sizeof im);
    im.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&im, path)) {
        fail_msg("the saved file is not a PNG libpng reads: %s", im.message);
    }
    if (im.width != TEST_W || im.height != TEST_H) {
        fail_msg("saved %ux%u, expected %dx%d", im.width, im.height, TEST_W, TEST_H);
    }
    im.format = PNG_FORMAT_RGB;
    unsigned char *rgb = malloc(PNG_IMAGE_SIZE(im));
    assert_non_null(rgb);
    if (!png_image_finish_read(&im, NULL, rgb, 0, NULL)) {
        fail_msg("decoding the saved file: %s", im.message);
    }
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
    unlink(path);
    free(path);
    if (differ != 0) {
        fail_msg("%ld of %d pixels decode to other colours than the surface's", differ,
                 TEST_W * TEST_H);
    }
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_argb8888_round_trips),
        cmocka_unit_test(test_other_format_round_trips),
        cmocka_unit_test(test_unwritable_path_names_it),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
