/* A surface and a software renderer that draws on it, for the drawing tests: made on a
 * surface of its own (SDL draws each call at once), or as a window of SDL's dummy video
 * driver, whose renderer queues its drawing as a real window's does (batching). Uses cmocka's
 * asserts: include after cmocka.h. */
#ifndef TESTS_UNIT_TEST_CANVAS_H
#define TESTS_UNIT_TEST_CANVAS_H

#include <SDL.h>

typedef struct test_canvas {
    SDL_Surface *surface;
    SDL_Renderer *renderer;
    SDL_Window *window; /* NULL: the surface is the canvas's own */
} test_canvas_t;

static inline test_canvas_t test_canvas_open(int w, int h, Uint32 format)
{
    test_canvas_t c = {SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, format), NULL, NULL};
    assert_non_null(c.surface);
    c.renderer = SDL_CreateSoftwareRenderer(c.surface);
    assert_non_null(c.renderer);
    return c;
}

static inline test_canvas_t test_canvas_window(int w, int h)
{
    /* over the tests' SDL_VIDEODRIVER=offscreen, which would load EGL for nothing */
    SDL_SetHintWithPriority(SDL_HINT_VIDEODRIVER, "dummy", SDL_HINT_OVERRIDE);
    assert_int_equal(SDL_InitSubSystem(SDL_INIT_VIDEO), 0);
    test_canvas_t c = {NULL, NULL, SDL_CreateWindow("test", 0, 0, w, h, 0)};
    assert_non_null(c.window);
    c.renderer = SDL_CreateRenderer(c.window, -1, SDL_RENDERER_SOFTWARE);
    assert_non_null(c.renderer);
    c.surface = SDL_GetWindowSurface(c.window); /* what the renderer draws on */
    assert_non_null(c.surface);
    return c;
}

static inline void test_canvas_close(test_canvas_t *c)
{
    SDL_DestroyRenderer(c->renderer);
    if (c->window) {
        SDL_DestroyWindow(c->window); /* and its surface */
        SDL_QuitSubSystem(SDL_INIT_VIDEO);
    } else {
        SDL_FreeSurface(c->surface);
    }
}

#endif
