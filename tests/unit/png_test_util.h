/* Reading back a PNG the kiosk wrote, for the unit tests (cmocka included first). */
#ifndef TESTS_UNIT_PNG_TEST_UTIL_H
#define TESTS_UNIT_PNG_TEST_UTIL_H

#include <png.h>
#include <stdlib.h>
#include <string.h>

/** path decoded by libpng as 8-bit RGB rows (the caller frees); fails the test when it is
 *  not a PNG libpng reads, or not w x h. */
static inline unsigned char *png_test_read_rgb(const char *path, int w, int h)
{
    png_image im;
    memset(&im, 0, sizeof im);
    im.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&im, path)) {
        fail_msg("the saved file is not a PNG libpng reads: %s", im.message);
    }
    if ((int)im.width != w || (int)im.height != h) {
        fail_msg("saved %ux%u, expected %dx%d", im.width, im.height, w, h);
    }
    im.format = PNG_FORMAT_RGB;
    unsigned char *rgb = malloc(PNG_IMAGE_SIZE(im));
    assert_non_null(rgb);
    if (!png_image_finish_read(&im, NULL, rgb, 0, NULL)) {
        fail_msg("decoding the saved file: %s", im.message);
    }
    return rgb;
}

#endif
