/* Issue 18: read-aloud holds the sound card (and SDL's audio subsystem, whose hotplug thread
 * wakes an idle kiosk ten times a second) only while it is on. Turned off, or at any wipe
 * (Quick exit, timeout), it is closed again. Checked with the real espeak-ng backend on
 * SDL's dummy audio driver (SDL_AUDIODRIVER=dummy, set by ctest) and with the recorder
 * (which every replay uses), through the screens a person taps. */
#include "support_kiosk.h"

#include "speech/speech.h"
#include "speech/speech_clips.h"
#include "speech/speech_wav.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#define POLL_MS 10
#define OPEN_POLLS 300  /* 3 s for the first words to reach a device */
#define CLOSE_POLLS 200 /* 2 s for a release to close it (the dummy driver takes 0.12 s) */
#define CLIP_RATE 16000
#define CLIP_SAMPLES (CLIP_RATE * 2) /* a 2 s tone: still playing when released */

/* Polls (drawing frames, as the kiosk would) until rt's speech holds a device (want) or
 * not; true when it did within max_polls. */
static bool wait_audio(runtime_t *rt, bool want, int max_polls)
{
    for (int i = 0; i < max_polls && speech_audio_is_open(rt->speech) != want; i++) {
        SDL_Delay(POLL_MS);
        runtime_frame(rt);
    }
    return speech_audio_is_open(rt->speech) == want;
}

static void to_home_with_read_aloud(runtime_t *rt)
{
    support_tap(rt, "attract.start");
    support_tap(rt, "language.en");
    assert_string_equal(app_screen_id(&rt->app), "home");
    support_tap(rt, "home.speech");
    assert_true(rt->app.session.speech); /* the toggle turned read-aloud on */
}

/* Open with read-aloud on; closed (SDL's audio down too) after turning it off, after Quick
 * exit, and after the idle timeout's wipe. */
static void check_audio_follows_read_aloud(runtime_t *rt, bool real)
{
    assert_false(speech_audio_is_open(rt->speech)); /* the attract screen: no sound card */
    to_home_with_read_aloud(rt);
    if (!wait_audio(rt, true, OPEN_POLLS)) {
        fail_msg("read-aloud on, yet no audio device after %d polls", OPEN_POLLS);
    }
    if (real) {
        assert_true(SDL_WasInit(SDL_INIT_AUDIO) != 0); /* the subsystem came with it */
    }

    support_tap(rt, "home.speech"); /* off */
    assert_false(rt->app.session.speech);
    if (!wait_audio(rt, false, CLOSE_POLLS)) {
        fail_msg("read-aloud off, yet the audio device is open %d polls later", CLOSE_POLLS);
    }
    if (real) {
        assert_int_equal(SDL_WasInit(SDL_INIT_AUDIO), 0); /* no SDL audio thread left */
    }
    support_tap(rt, "home.learn"); /* moving on with read-aloud off opens nothing */
    assert_false(speech_audio_is_open(rt->speech));
    support_tap(rt, "back");

    support_tap(rt, "home.speech"); /* on again */
    if (!wait_audio(rt, true, OPEN_POLLS)) {
        fail_msg("read-aloud on a second time, yet no audio device");
    }
    support_tap(rt, "quick_exit");
    if (!wait_audio(rt, false, CLOSE_POLLS)) {
        fail_msg("Quick exit wiped the session, yet the audio device is open");
    }
    if (real) {
        assert_int_equal(SDL_WasInit(SDL_INIT_AUDIO), 0);
    }

    support_tap(rt, "cover.continue");
    to_home_with_read_aloud(rt);
    if (!wait_audio(rt, true, OPEN_POLLS)) {
        fail_msg("read-aloud on for the next person, yet no audio device");
    }
    /* nobody touches anything: the warning, then the wipe at its end */
    app_tick(&rt->app, rt->app.last_input_ms + (uint64_t)rt->cfg.idle_s * 1000u);
    runtime_frame(rt);
    assert_string_equal(app_screen_id(&rt->app), "timeout");
    app_tick(&rt->app, rt->app.warning_since_ms + (uint64_t)rt->cfg.warning_s * 1000u + 1);
    runtime_frame(rt);
    assert_string_equal(app_screen_id(&rt->app), "attract"); /* timed out and wiped */
    if (!wait_audio(rt, false, CLOSE_POLLS)) {
        fail_msg("the timeout wiped the session, yet the audio device is open");
    }
    if (real) {
        assert_int_equal(SDL_WasInit(SDL_INIT_AUDIO), 0);
    }
}

static void test_espeak_audio_follows_read_aloud(void **state)
{
    runtime_t rt;
    support_runtime_open(&rt, 1280, 800);
    char err[256] = "";
    speech_destroy(rt.speech);
    rt.speech = speech_create_espeak(NULL, err, sizeof err);
    if (!rt.speech) {
        fail_msg("espeak speech: %s", err);
    }
    check_audio_follows_read_aloud(&rt, true);
    support_runtime_close(&rt);
}

static void test_recorder_audio_follows_read_aloud(void **state)
{
    runtime_t rt;
    support_runtime_open(&rt, 1280, 800);
    speech_destroy(rt.speech);
    rt.speech = speech_create_recorder();
    check_audio_follows_read_aloud(&rt, false);
    support_runtime_close(&rt);
}

/* Polls until s holds a device (want) or not, without a runtime. */
static bool wait_backend_audio(speech_t *s, bool want)
{
    for (int i = 0; i < CLOSE_POLLS && speech_audio_is_open(s) != want; i++) {
        SDL_Delay(POLL_MS);
    }
    return speech_audio_is_open(s) == want;
}

/* The recorded-clip backend (languages without a voice) lives on the UI thread: it opens
 * its device at a say and closes it, on a thread of its own, at a release or destroy. */
static void test_clips_audio_from_say_to_release(void **state)
{
    char dir[] = "/tmp/kiosk-clips-XXXXXX", path[256], err[256];
    assert_non_null(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/home.title.wav", dir);
    int16_t *pcm = calloc(CLIP_SAMPLES, sizeof *pcm);
    assert_non_null(pcm);
    for (int i = 0; i < CLIP_SAMPLES; i++) {
        pcm[i] = (int16_t)((i / 20) % 2 ? 8000 : -8000); /* a 400 Hz square wave */
    }
    assert_true(speech_wav_write(path, pcm, CLIP_SAMPLES, CLIP_RATE, err, sizeof err));
    free(pcm);
    assert_int_equal(SDL_Init(0), 0);
    speech_t *clips = speech_create_clips();
    assert_true(speech_clips_add(clips, "so", "home.title", "Ku soo dhawoow", path));
    assert_false(speech_audio_is_open(clips)); /* made: no device */

    assert_true(speech_say(clips, "so", "Ku soo dhawoow"));
    assert_true(speech_audio_is_open(clips));       /* a say opens (at once: same thread) */
    assert_true(SDL_WasInit(SDL_INIT_AUDIO) != 0);  /* with SDL's audio subsystem */
    assert_true(speech_busy(clips));                /* the 2 s clip plays */
    speech_release_audio(clips);
    assert_false(speech_busy(clips)); /* silenced at once, before the close is done */
    if (!wait_backend_audio(clips, false)) {
        fail_msg("clips still hold the device %d polls after a release", CLOSE_POLLS);
    }
    assert_int_equal(SDL_WasInit(SDL_INIT_AUDIO), 0); /* and SDL's audio is down */

    assert_true(speech_say(clips, "so", "Ku soo dhawoow")); /* the next session opens again */
    assert_true(speech_audio_is_open(clips));
    speech_release_audio(clips);
    assert_true(speech_say(clips, "so", "Ku soo dhawoow")); /* on again while closing */
    assert_true(speech_audio_is_open(clips));
    assert_true(speech_busy(clips)); /* and it plays */
    speech_destroy(clips);           /* destroyed while playing: closed, joined */
    assert_int_equal(SDL_WasInit(SDL_INIT_AUDIO), 0);
    SDL_Quit();
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_recorder_audio_follows_read_aloud),
        cmocka_unit_test(test_espeak_audio_follows_read_aloud),
        cmocka_unit_test(test_clips_audio_from_say_to_release),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
