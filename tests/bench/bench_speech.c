/* Read-aloud latency (issue 18): from the say that turning read-aloud on makes to the first
 * sample of speech leaving SDL's audio thread, through the espeak-ng backend.
 *
 *   bench_speech [TRIALS]
 *
 * SDL's "disk" audio driver stands in for a sound card: its audio thread runs at the
 * device's real pace (one 1024-sample buffer at a time) and writes every buffer it plays to
 * a file, so the first non-zero sample in that file is the first speech a speaker would
 * have played. Each trial makes a new espeak speech (as a new kiosk would), waits
 * SETTLE_MS, then times "cold" (the first say of the speech: today the toggle's) and
 * "warm" (a second say on the same speech, the device already open). Prints the medians
 * and worst of both in ms. Timing only: nothing here is asserted. */
#include "speech/speech.h"

#include <SDL.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BENCH_DEFAULT_TRIALS 15
#define BENCH_TRIALS_MAX 200
#define BENCH_SETTLE_MS 300    /* an idle kiosk between start-up and the toggle */
#define BENCH_TIMEOUT_MS 3000  /* no speech by then: the trial failed */
#define BENCH_POLL_US 250
#define BENCH_TEXT "Read aloud is on."

static double bench_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int bench_compare(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* ms from now until the disk driver's file (read on from *offset) holds a non-zero
 * sample; -1 after BENCH_TIMEOUT_MS. *offset moves past what was read. */
static double bench_until_sound(const char *path, long *offset)
{
    double t0 = bench_now_ms();
    while (bench_now_ms() - t0 < BENCH_TIMEOUT_MS) {
        FILE *f = fopen(path, "rb");
        if (f && fseek(f, *offset, SEEK_SET) == 0) {
            int16_t buf[4096];
            size_t n;
            while ((n = fread(buf, sizeof buf[0], sizeof buf / sizeof buf[0], f)) > 0) {
                for (size_t i = 0; i < n; i++) {
                    if (buf[i] != 0) {
                        *offset += (long)((i + 1) * sizeof buf[0]);
                        fclose(f);
                        return bench_now_ms() - t0;
                    }
                }
                *offset += (long)(n * sizeof buf[0]);
            }
        }
        if (f) {
            fclose(f);
        }
        usleep(BENCH_POLL_US);
    }
    return -1;
}

/* Waits until s has nothing left to say, then lets the device play silence again. */
static void bench_quiet(speech_t *s)
{
    for (int i = 0; i < 1000 && speech_busy(s); i++) {
        SDL_Delay(10);
    }
}

static void bench_print(const char *name, double *ms, int n)
{
    qsort(ms, (size_t)n, sizeof *ms, bench_compare);
    printf("%-6s median=%.1f worst=%.1f ms (n=%d)\n", name, n ? ms[n / 2] : -1.0,
           n ? ms[n - 1] : -1.0, n);
}

int main(int argc, char **argv)
{
    int trials = argc > 1 ? atoi(argv[1]) : BENCH_DEFAULT_TRIALS;
    if (trials <= 0 || trials > BENCH_TRIALS_MAX) {
        fprintf(stderr, "usage: bench_speech [TRIALS 1-%d]\n", BENCH_TRIALS_MAX);
        return 2;
    }
    char path[] = "/tmp/kiosk-bench-speech-XXXXXX";
    int fd = mkstemp(path);
    if (fd < 0) {
        perror("mkstemp");
        return 1;
    }
    close(fd);
    setenv("SDL_AUDIODRIVER", "disk", 1);
    setenv("SDL_DISKAUDIOFILE", path, 1);
    if (SDL_Init(0) != 0) {
        fprintf(stderr, "SDL: %s\n", SDL_GetError());
        return 1;
    }
    static double cold[BENCH_TRIALS_MAX], warm[BENCH_TRIALS_MAX];
    int n_cold = 0, n_warm = 0, rc = 0;
    for (int t = 0; t < trials; t++) {
        char err[256] = "";
        speech_t *s = speech_create_espeak(NULL, err, sizeof err);
        if (!s) {
            fprintf(stderr, "espeak speech: %s\n", err);
            rc = 1;
            break;
        }
        SDL_Delay(BENCH_SETTLE_MS);
        /* emptied before each say: a device that is open goes on writing at its own
         * offset, and the gap reads as zeros, i.e. silence */
        long offset = 0;
        if (truncate(path, 0) != 0) {
            perror(path);
        }
        speech_say(s, "en", BENCH_TEXT);
        double ms = bench_until_sound(path, &offset);
        if (ms >= 0) {
            cold[n_cold++] = ms;
        }
        bench_quiet(s);
        SDL_Delay(BENCH_SETTLE_MS);
        offset = 0;
        if (truncate(path, 0) != 0) {
            perror(path);
        }
        speech_say(s, "en", BENCH_TEXT);
        ms = bench_until_sound(path, &offset);
        if (ms >= 0) {
            warm[n_warm++] = ms;
        }
        speech_destroy(s);
    }
    printf("say to first sound, SDL disk audio driver, %d trials:\n", trials);
    bench_print("cold", cold, n_cold);
    bench_print("warm", warm, n_warm);
    SDL_Quit();
    unlink(path);
    return rc || n_cold < trials || n_warm < trials;
}
