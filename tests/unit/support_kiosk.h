/* Shared set-up for unit tests that need content or a headless runtime. */
#ifndef TESTS_SUPPORT_KIOSK_H
#define TESTS_SUPPORT_KIOSK_H

#include "app/runtime.h"

/** Defaults with data_dir at the source tree and state_dir in a fresh temp dir. */
void support_config(kiosk_config_t *cfg);
/** SDL (no video) + TTF + a headless runtime of w x h. Fails the test on error. */
void support_runtime_open(runtime_t *rt, int w, int h);
void support_runtime_close(runtime_t *rt);
/** Screen id in language lang, applied, not drawn yet. */
void support_go(runtime_t *rt, const char *screen, const char *lang);
/** A copy of s's pixels (pitch * h bytes); the caller frees it. Fails the test on no memory. */
void *support_copy_pixels(const SDL_Surface *s);
/** Taps a widget of the current frame by id, then draws the next frame. */
void support_tap(runtime_t *rt, const char *id);

#endif
