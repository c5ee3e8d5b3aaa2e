/* Read-aloud latency (issue 18): from the say that turning read-aloud on makes to the first
 * audio callback that takes speech, through the espeak-ng backend.
 *
 *   bench_speech [TRIALS]
 *
 * SDL's audio driver is SDL_AUDIODRIVER (default here: "dummy", whose audio thread runs at
 * a real device's pace, one 1024-sample buffer at a time, and throws the sound away).
 * "First sound" is the first poll (every BENCH_POLL_US) at which SDL's audio thread has
 * taken any of the queued speech (speech_espeak_audio_progress()). Each trial makes a new
 * espeak speech (as a starting kiosk does), waits BENCH_SETTLE_MS, then times "cold" (its
 * first say: what the read-aloud toggle does) and "warm" (a second say on the same
 * speech, after the first has been spoken). Prints median, 90th percentile and worst of both
 * in ms, and
 * whether the device was open before each say. Timing only: nothing is asserted here. */
#include "speech/speech.h"
#include "speech/speech_internal.h"

#include <SDL.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "bench_util.h"

#define BENCH_DEFAULT_TRIALS 15
#define BENCH_TRIALS_MAX 200
#define BENCH_SETTLE_MS 300   /* an idle kiosk between start-up and the toggle */
#define BENCH_TIMEOUT_MS 3000 /* no sound by then: the trial failed */
#define BENCH_POLL_US 100
#define BENCH_TEXT "Read aloud is on."

/* Says BENCH_TEXT; ms until SDL's audio thread took some of it, -1 after BENCH_TIMEOUT_MS. */
static double bench_say_to_sound(speech_t *s)
{
    uint64_t queued = 0, played0 = 0, played = 0;
    speech_espeak_audio_progress(s, &queued, &played0); /* an open device's earlier speech */
    double t0 = bench_now_ms();
    speech_say(s, "en", BENCH_TEXT);
    while (bench_now_ms() - t0 < BENCH_TIMEOUT_MS) {
        if (speech_espeak_audio_progress(s, &queued, &played) && played > played0) {
            return bench_now_ms() - t0;
        }
        usleep(BENCH_POLL_US);
    }
    return -1;
}

static void bench_quiet(speech_t *s)
{
    for (int i = 0; i < 1000 && speech_busy(s); i++) {
        SDL_Delay(10);
    }
}

static void bench_print(const char *name, double *ms, int n, int open_before)
{
    qsort(ms, (size_t)n, sizeof *ms, bench_compare);
    printf("%-5s median=%.1f p90=%.1f worst=%.1f ms (n=%d, device open before the say: %d)\n",
           name, n ? ms[n / 2] : -1.0, n ? ms[n * 9 / 10] : -1.0, n ? ms[n - 1] : -1.0, n,
           open_before);
}

int main(int argc, char **argv)
{
    int trials = argc > 1 ? atoi(argv[1]) : BENCH_DEFAULT_TRIALS;
    if (trials <= 0 || trials > BENCH_TRIALS_MAX) {
        fprintf(stderr, "usage: bench_speech [TRIALS 1-%d]\n", BENCH_TRIALS_MAX);
        return 2;
    }
    setenv("SDL_AUDIODRIVER", "dummy", 0);
    if (SDL_Init(0) != 0) {
        fprintf(stderr, "SDL: %s\n", SDL_GetError());
        return 1;
    }
    static double cold[BENCH_TRIALS_MAX], warm[BENCH_TRIALS_MAX];
    int n_cold = 0, n_warm = 0, open_cold = 0, open_warm = 0, rc = 0;
    for (int t = 0; t < trials; t++) {
        char err[256] = "";
        speech_t *s = speech_create_espeak(NULL, err, sizeof err);
        if (!s) {
            fprintf(stderr, "espeak speech: %s\n", err);
            rc = 1;
            break;
        }
        SDL_Delay(BENCH_SETTLE_MS);
        open_cold += speech_audio_is_open(s);
        double ms = bench_say_to_sound(s);
        if (ms >= 0) {
            cold[n_cold++] = ms;
        }
        bench_quiet(s);
        SDL_Delay(BENCH_SETTLE_MS);
        open_warm += speech_audio_is_open(s);
        ms = bench_say_to_sound(s);
        if (ms >= 0) {
            warm[n_warm++] = ms;
        }
        speech_destroy(s);
    }
    printf("say to first audio callback with speech, SDL audio driver %s, %d trials:\n",
           getenv("SDL_AUDIODRIVER"), trials);
    bench_print("cold", cold, n_cold, open_cold);
    bench_print("warm", warm, n_warm, open_warm);
    SDL_Quit();
    return rc || n_cold < trials || n_warm < trials;
}
