/* Recorded speech follows the session's speed (issue 13): speech_change_speed() makes a
 * voiced sound longer or shorter at the same pitch, and the clip backend plays clips
 * generated here (never shipped) slower and faster, measured in seconds of audio queued
 * on SDL's dummy audio driver (SDL_AUDIODRIVER=dummy, set by ctest). */
#include "speech/speech.h"
#include "speech/speech_clips.h"
#include "speech/speech_wav.h"

#include <SDL.h>
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#define RATE 22050          /* the clip backend's device rate */
#define CLIP_RATE 16000     /* a clip recorded at another rate: SDL converts it first */
#define F0_HZ 140.0         /* a speaking voice's pitch */
#define HARMONICS 12
#define SECONDS 1.0
#define LENGTH_TOLERANCE 0.08 /* Sonic drops or repeats whole pitch periods */
#define PITCH_TOLERANCE 0.03  /* a resample would move it 15 % a step */

/* A voiced sound: F0_HZ and its harmonics, falling off as a voice's do, in syllables
 * (a 4 Hz swell), so the speed changer meets what it meets in speech. */
static int16_t *voiced(int rate, double seconds, size_t *n)
{
    *n = (size_t)(rate * seconds);
    int16_t *pcm = malloc(*n * sizeof *pcm);
    assert_non_null(pcm);
    for (size_t i = 0; i < *n; i++) {
        double t = (double)i / rate, v = 0;
        for (int h = 1; h <= HARMONICS; h++) {
            v += sin(2 * M_PI * F0_HZ * h * t) / h;
        }
        double swell = 0.6 + 0.4 * sin(2 * M_PI * 4.0 * t);
        pcm[i] = (int16_t)(v * swell * 6000);
    }
    return pcm;
}

/* The pitch period in samples: the lag of the strongest autocorrelation between 60 and
 * 400 Hz, over the middle of the sound. */
static double pitch_period(const int16_t *pcm, size_t n, int rate)
{
    size_t from = n / 4, len = n / 2;
    int best_lag = 0;
    double best = -1;
    for (int lag = rate / 400; lag <= rate / 60; lag++) {
        double acc = 0;
        for (size_t i = from; i < from + len && i + (size_t)lag < n; i++) {
            acc += (double)pcm[i] * pcm[i + (size_t)lag];
        }
        if (acc > best) {
            best = acc;
            best_lag = lag;
        }
    }
    return best_lag;
}

static void test_speed_changes_length_not_pitch(void **state)
{
    (void)state;
    size_t n;
    int16_t *in = voiced(RATE, SECONDS, &n);
    double period = pitch_period(in, n, RATE);
    assert_true(fabs(period - RATE / F0_HZ) <= 2); /* the estimator finds the pitch made */
    double last = INFINITY;
    for (int step = SPEECH_STEP_MIN; step <= SPEECH_STEP_MAX; step++) {
        double speed = (double)speech_rate_wpm(step) / SPEECH_RATE_DEFAULT_WPM;
        int16_t *out = NULL;
        size_t out_n = 0;
        assert_true(speech_change_speed(in, n, RATE, 1, speed, &out, &out_n));
        double seconds = (double)out_n / RATE;
        double have_period = pitch_period(out, out_n, RATE);
        print_message("step %+d: speed %.3f, %.3f s (expected %.3f), pitch period %.1f "
                      "samples (recorded %.1f)\n",
                      step, speed, seconds, SECONDS / speed, have_period, period);
        /* slower is longer, faster is shorter, by the speed's factor */
        assert_true(seconds < last);
        assert_true(fabs(seconds * speed / SECONDS - 1.0) <= LENGTH_TOLERANCE);
        /* and the voice keeps its pitch */
        assert_true(fabs(have_period / period - 1.0) <= PITCH_TOLERANCE);
        last = seconds;
        free(out);
    }
    free(in);
}

static void test_speed_refuses_bad_arguments(void **state)
{
    (void)state;
    int16_t pcm[4] = {0};
    int16_t *out = (int16_t *)1;
    size_t out_n = 7;
    assert_false(speech_change_speed(pcm, 4, RATE, 1, 0.0, &out, &out_n));
    assert_null(out);
    assert_int_equal(out_n, 0);
    assert_false(speech_change_speed(NULL, 4, RATE, 1, 1.0, &out, &out_n));
    assert_false(speech_change_speed(pcm, 4, 0, 1, 1.0, &out, &out_n));
    assert_false(speech_change_speed(pcm, 4, RATE, 0, 1.0, &out, &out_n));
    assert_false(speech_change_speed(pcm, 4, RATE, 1, 11.0, &out, &out_n));
}

/* Seconds the clip backend queues for its one clip at rate step. */
static double clip_seconds(speech_t *clips, int step)
{
    speech_set_params(clips, 0, step);
    assert_true(speech_say(clips, "so", "Ku soo dhawoow"));
    int unmatched = -1;
    assert_string_equal(speech_clips_last(clips, &unmatched), "home.title");
    assert_int_equal(unmatched, 0);
    double s = speech_clips_last_seconds(clips);
    speech_stop(clips);
    return s;
}

static void test_clips_play_slower_and_faster(void **state)
{
    (void)state;
    char dir[] = "/tmp/kiosk-speed-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[256], err[256];
    snprintf(path, sizeof path, "%s/home.title.wav", dir);
    size_t n;
    int16_t *pcm = voiced(CLIP_RATE, SECONDS, &n);
    assert_true(speech_wav_write(path, pcm, n, CLIP_RATE, err, sizeof err));
    free(pcm);
    speech_t *clips = speech_create_clips();
    assert_non_null(clips);
    assert_true(speech_clips_add(clips, "so", "home.title", "Ku soo dhawoow", path));
    double normal = clip_seconds(clips, 0);
    double slower = clip_seconds(clips, -1), faster = clip_seconds(clips, 1);
    double slowest = clip_seconds(clips, SPEECH_STEP_MIN);
    double fastest = clip_seconds(clips, SPEECH_STEP_MAX);
    print_message("clip of %.2f s played: slowest %.3f s, slower %.3f s, normal %.3f s, "
                  "faster %.3f s, fastest %.3f s\n",
                  SECONDS, slowest, slower, normal, faster, fastest);
    /* an audio device was there (the dummy driver) and the clip played as recorded */
    assert_true(fabs(normal - SECONDS) <= 0.02);
    assert_true(slowest > slower && slower > normal && normal > faster && faster > fastest);
    double f = SPEECH_RATE_FACTOR_PER_STEP;
    assert_true(fabs(slower / (SECONDS * f) - 1.0) <= LENGTH_TOLERANCE);
    assert_true(fabs(faster * f / SECONDS - 1.0) <= LENGTH_TOLERANCE);
    assert_true(fabs(fastest * pow(f, 3) / SECONDS - 1.0) <= LENGTH_TOLERANCE);
    /* the session ends: the next person hears it as recorded */
    assert_true(fabs(clip_seconds(clips, 0) - normal) <= 1e-9);
    speech_destroy(clips);
    unlink(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_speed_changes_length_not_pitch),
        cmocka_unit_test(test_speed_refuses_bad_arguments),
        cmocka_unit_test(test_clips_play_slower_and_faster),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    SDL_Quit();
    return rc;
}
