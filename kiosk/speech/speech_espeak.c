/* The espeak-ng backend: a worker thread synthesizes one request at a time with espeak-ng
 * in synchronous mode, and its synth callback queues the PCM on an SDL audio device.
 *
 * Who owns what: the UI thread calls say/stop/busy/release/destroy; the worker alone calls
 * into espeak-ng after create (espeak-ng is not thread-safe), and alone opens and closes
 * the audio device (speech/speech_device.h): it opens it before the first request it
 * speaks and closes it when a release asks, so the UI thread never waits for the sound
 * card (a close takes a tenth of a second or more: speech_device.h). SDL's audio thread
 * plays the queue. The lock orders the worker's queueing against stop: a chunk is queued
 * only under the lock and only if no stop came since its request started, so nothing of a
 * stopped request is heard after speech_stop() returns (beyond the device's own ~50 ms
 * buffer). The device id is changed only under the lock, and the UI thread touches the
 * device only under it, so nothing uses a closed device. */
#include "speech/speech.h"
#include "speech/speech_device.h"
#include "speech/speech_internal.h"

#include "platform/log.h"

#include <SDL.h>
#include <espeak-ng/espeak_ng.h>
#include <espeak-ng/speak_lib.h>
#include <limits.h>
#include <locale.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define ESPEAK_BUFFER_MS 60       /* length of the chunks espeak-ng hands the callback */
#define ESPEAK_QUEUE_AHEAD_MS 500 /* synthesis runs at most this far ahead of playback */
#define ESPEAK_WAIT_STEP_MS 20    /* how often a waiting callback rechecks the queue */
#define ESPEAK_DEVICE_SAMPLES 1024
#define ESPEAK_CHUNK_MAX 4096     /* samples scaled at once (a 60 ms chunk is ~1300) */

/* espeak-ng keeps its state in process globals (one voice, one synth callback), so this
 * does too: it records whether the library is initialised and who holds it. Initialised
 * once and never terminated: espeak-ng 1.51 deadlocks in espeak_ng_Terminate() after an
 * espeak_ng_Terminate() + espeak_ng_Initialize() cycle. Its memory stays reachable from
 * its globals, so leak checkers do not report it. */
static struct {
    pthread_mutex_t lock;
    bool ready;          /* espeak_ng_Initialize() succeeded */
    bool held;           /* by an espeak speech_t or the test hook */
    char path[PATH_MAX]; /* data_path the library was initialised with ("" = system's) */
    int sample_rate;
} g_espeak = {.lock = PTHREAD_MUTEX_INITIALIZER};

/* Where a synth callback's samples go (the user_data of espeak_Synth()). */
typedef struct espeak_sink {
    /* 0: continue; 1: abort the synthesis. n may be 0. */
    int (*take)(struct espeak_sink *sink, const int16_t *pcm, size_t n);
} espeak_sink_t;

typedef struct speech_espeak {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t wake; /* a request, a stop, a release or quit (monotonic clock) */
    int sample_rate;
    Uint32 queue_ahead_bytes;
    /* Under lock: */
    SDL_AudioDeviceID device; /* 0 while closed; set and cleared by the worker only */
    bool device_changing;     /* the worker is opening or closing it (lock let go) */
    bool device_failed;       /* the last open failed: not tried again until a release */
    bool release;             /* close the device (a release came since the last close) */
    uint64_t queued_bytes;    /* queued on the device since it was opened (for a bench) */
    char pending_voice[SPEECH_VOICE_MAX];
    char *pending_text; /* owned, wiped when freed; NULL when nothing waits */
    bool synthesizing;
    bool quit;
    unsigned generation; /* bumped by stop: synthesis of an older request aborts */
    double gain;         /* volume step's factor, applied to the samples */
    int wpm;             /* speed, set on espeak-ng before each request */
} speech_espeak_t;

typedef struct play_sink {
    espeak_sink_t base;
    speech_espeak_t *e;
    unsigned generation;
} play_sink_t;

typedef struct buffer_sink {
    espeak_sink_t base;
    int16_t *pcm;
    size_t n, cap;
    bool too_long;
    bool out_of_memory;
} buffer_sink_t;

static int espeak_synth_callback(short *wav, int n, espeak_EVENT *events)
{
    espeak_sink_t *sink = events ? events->user_data : NULL;
    if (!sink || !wav) {
        return 0; /* !wav: synthesis finished */
    }
    return sink->take(sink, wav, n > 0 ? (size_t)n : 0);
}

/* True when dir (or dir/espeak-ng-data) holds espeak-ng's phoneme table, as
 * espeak_ng_InitializePath() looks for it: that function silently falls back to the
 * system's data when dir has none, so a wrong path would otherwise go unnoticed. */
static bool espeak_data_present(const char *dir)
{
    char p[PATH_MAX];
    int len = snprintf(p, sizeof p, "%s/phontab", dir);
    if (len > 0 && (size_t)len < sizeof p && access(p, R_OK) == 0) {
        return true;
    }
    len = snprintf(p, sizeof p, "%s/espeak-ng-data/phontab", dir);
    return len > 0 && (size_t)len < sizeof p && access(p, R_OK) == 0;
}

/* Initialises espeak-ng (the first time) with the caller's LC_CTYPE kept. Under g_espeak.lock. */
static bool espeak_library_init(const char *data_path, char *err, size_t err_size)
{
    /* espeak_ng_Initialize() sets LC_CTYPE process-wide; the rest of the kiosk did not ask
     * for that, and espeak-ng classifies characters with its own tables anyway. */
    const char *cur = setlocale(LC_CTYPE, NULL);
    char *saved = cur ? strdup(cur) : NULL;
    espeak_ng_InitializePath(data_path);
    espeak_ng_ERROR_CONTEXT context = NULL;
    espeak_ng_STATUS st = espeak_ng_Initialize(&context);
    if (saved) {
        setlocale(LC_CTYPE, saved);
        free(saved);
    }
    if (context) {
        espeak_ng_ClearErrorContext(&context);
    }
    if (st == ENS_OK) {
        st = espeak_ng_InitializeOutput(ENOUTPUT_MODE_SYNCHRONOUS, ESPEAK_BUFFER_MS, NULL);
    }
    if (st != ENS_OK) {
        char why[160];
        espeak_ng_GetStatusCodeMessage(st, why, sizeof why);
        snprintf(err, err_size, "espeak-ng data not usable (%s): %s",
                 data_path ? data_path : "system data", why);
        return false;
    }
    int rate = espeak_ng_GetSampleRate();
    if (rate <= 0) {
        snprintf(err, err_size, "espeak-ng reports no sample rate");
        return false;
    }
    espeak_SetSynthCallback(espeak_synth_callback);
    snprintf(g_espeak.path, sizeof g_espeak.path, "%s", data_path ? data_path : "");
    g_espeak.sample_rate = rate;
    g_espeak.ready = true;
    return true;
}

/* Takes the process's espeak-ng for the caller, initialising it on first use. */
static bool espeak_library_acquire(const char *data_path, int *sample_rate, char *err,
                                   size_t err_size)
{
    if (data_path && !espeak_data_present(data_path)) {
        snprintf(err, err_size, "espeak-ng data not found in %s (no phontab)", data_path);
        return false;
    }
    bool ok = false;
    pthread_mutex_lock(&g_espeak.lock);
    if (g_espeak.held) {
        snprintf(err, err_size,
                 "espeak-ng is in use: only one espeak speech may exist (the library is "
                 "process-global)");
    } else if (g_espeak.ready && strcmp(g_espeak.path, data_path ? data_path : "") != 0) {
        snprintf(err, err_size,
                 "espeak-ng was initialised with data from %s and cannot be re-initialised",
                 g_espeak.path[0] ? g_espeak.path : "the system");
    } else if (g_espeak.ready || espeak_library_init(data_path, err, err_size)) {
        g_espeak.held = true;
        *sample_rate = g_espeak.sample_rate;
        ok = true;
    }
    pthread_mutex_unlock(&g_espeak.lock);
    return ok;
}

static void espeak_library_release(void)
{
    pthread_mutex_lock(&g_espeak.lock);
    g_espeak.held = false;
    pthread_mutex_unlock(&g_espeak.lock);
}

static void text_free(char *text)
{
    if (text) {
        sodium_memzero(text, strlen(text));
        free(text);
    }
}

/* Waits on e->wake for up to ms. Under e->lock. */
static void espeak_wait_ms(speech_espeak_t *e, long ms)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    t.tv_nsec += ms * 1000000L;
    t.tv_sec += t.tv_nsec / 1000000000L;
    t.tv_nsec %= 1000000000L;
    pthread_cond_timedwait(&e->wake, &e->lock, &t);
}

/* Worker: opens the device (paused) unless it is open or failed since the last release.
 * Under e->lock, which it lets go while SDL opens the device (the UI's stop and busy go
 * on). Called with the first chunk of speech in hand, so that it is queued before SDL's
 * audio thread plays its first buffer: opened earlier, the device would start with a
 * buffer of silence and the first word would come up to one buffer (46 ms) later. */
static void espeak_open_device(speech_espeak_t *e)
{
    if (e->device || e->device_failed) {
        return;
    }
    SDL_AudioSpec want = {0}, have;
    want.freq = e->sample_rate;
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = ESPEAK_DEVICE_SAMPLES;
    char err[256];
    SDL_AudioDeviceID device = 0;
    e->device_changing = true;
    pthread_mutex_unlock(&e->lock);
    bool ok = speech_device_open(&want, &device, &have, err, sizeof err);
    if (!ok) {
        log_warn("read-aloud: no sound: %s", err); /* once a session: not retried until then */
    }
    pthread_mutex_lock(&e->lock);
    e->device_changing = false;
    e->device = device;
    e->device_failed = !ok;
    e->queued_bytes = 0;
}

/* Worker: closes the device and forgets a failed open, so the next session tries again.
 * Under e->lock, let go while SDL closes it: the UI no longer sees the device by then. */
static void espeak_close_device(speech_espeak_t *e)
{
    SDL_AudioDeviceID device = e->device;
    e->device = 0;
    e->device_failed = false;
    e->release = false;
    if (device) {
        e->device_changing = true;
        pthread_mutex_unlock(&e->lock);
        speech_device_close(device);
        pthread_mutex_lock(&e->lock);
        e->device_changing = false;
    }
}

/* Worker: queues a chunk unless the request was stopped, keeping at most
 * ESPEAK_QUEUE_AHEAD_MS queued so memory stays bounded and a stop is quick. */
static int play_take(espeak_sink_t *sink, const int16_t *pcm, size_t n)
{
    play_sink_t *ps = (play_sink_t *)sink;
    speech_espeak_t *e = ps->e;
    int verdict = 0;
    pthread_mutex_lock(&e->lock);
    for (;;) {
        if (e->quit || e->generation != ps->generation) {
            verdict = 1;
            break;
        }
        if (n == 0) {
            break;
        }
        bool first = !e->device;
        if (first && e->device_failed) {
            verdict = 1; /* no sound card: the rest of the text is dropped */
            break;
        }
        if (first) {
            espeak_open_device(e);
            continue; /* a stop or quit may have come while the lock was let go */
        }
        if (SDL_GetQueuedAudioSize(e->device) < e->queue_ahead_bytes) {
            /* espeak-ng's buffer is its own: scale a copy */
            int16_t scaled[ESPEAK_CHUNK_MAX];
            size_t k = n < ESPEAK_CHUNK_MAX ? n : ESPEAK_CHUNK_MAX;
            memcpy(scaled, pcm, k * sizeof *pcm);
            speech_apply_gain(scaled, k, e->gain);
            if (SDL_QueueAudio(e->device, scaled, (Uint32)(k * sizeof *pcm)) != 0) {
                log_warn("speech: SDL_QueueAudio failed: %s", SDL_GetError());
                verdict = 1;
            } else {
                e->queued_bytes += k * sizeof *pcm;
            }
            SDL_PauseAudioDevice(e->device, 0); /* opened paused; a no-op after the first */
            if (k == n) {
                break;
            }
            pcm += k;
            n -= k;
            continue;
        }
        espeak_wait_ms(e, ESPEAK_WAIT_STEP_MS);
    }
    pthread_mutex_unlock(&e->lock);
    return verdict;
}

/* Worker: selects voice unless current already is it. False (logged) when espeak-ng has
 * no such voice: the request is then skipped rather than said in the previous voice. */
static bool espeak_select_voice(char current[SPEECH_VOICE_MAX], const char *voice)
{
    if (strcmp(current, voice) == 0) {
        return true;
    }
    espeak_ng_STATUS st = espeak_ng_SetVoiceByName(voice);
    if (st != ENS_OK) {
        char why[160];
        espeak_ng_GetStatusCodeMessage(st, why, sizeof why);
        log_warn("speech: espeak-ng voice \"%s\" not usable: %s", voice, why);
        current[0] = '\0';
        return false;
    }
    snprintf(current, SPEECH_VOICE_MAX, "%s", voice);
    return true;
}

static void *espeak_worker(void *arg)
{
    speech_espeak_t *e = arg;
    char current_voice[SPEECH_VOICE_MAX] = ""; /* espeak-ng's voice as this worker set it */
    pthread_mutex_lock(&e->lock);
    for (;;) {
        while (!e->quit && !e->pending_text && !e->release) {
            pthread_cond_wait(&e->wake, &e->lock);
        }
        if (e->quit) {
            break;
        }
        if (e->release) { /* before any request that came after it */
            espeak_close_device(e);
            continue;
        }
        char voice[SPEECH_VOICE_MAX];
        memcpy(voice, e->pending_voice, sizeof voice);
        char *text = e->pending_text;
        e->pending_text = NULL;
        play_sink_t sink = {{play_take}, e, e->generation};
        e->synthesizing = true;
        bool audio = !e->device_failed; /* the device opens with the first chunk */
        int wpm = e->wpm;
        pthread_mutex_unlock(&e->lock);
        espeak_SetParameter(espeakRATE, wpm, 0);

        /* no sound card: the text is dropped, as the null backend would */
        if (audio && espeak_select_voice(current_voice, voice)) {
            espeak_ERROR r = espeak_Synth(text, strlen(text) + 1, 0, POS_CHARACTER, 0,
                                          espeakCHARS_UTF8, NULL, &sink.base);
            if (r != EE_OK) {
                log_warn("speech: espeak_Synth failed (%d)", (int)r);
            }
        }
        text_free(text);

        pthread_mutex_lock(&e->lock);
        e->synthesizing = false;
    }
    espeak_close_device(e);
    pthread_mutex_unlock(&e->lock);
    /* SDL keeps per-thread data (its error message) for a thread that called it; it frees
     * that itself only for threads it made, and this one is a pthread */
    SDL_TLSCleanup();
    return NULL;
}

static bool espeak_say(void *self, const char *voice, const char *utf8)
{
    speech_espeak_t *e = self;
    char *copy = strdup(utf8);
    if (!copy) {
        return false;
    }
    pthread_mutex_lock(&e->lock);
    text_free(e->pending_text); /* replaced: one request waits at most */
    e->pending_text = copy;
    snprintf(e->pending_voice, sizeof e->pending_voice, "%s", voice);
    pthread_cond_broadcast(&e->wake);
    pthread_mutex_unlock(&e->lock);
    return true;
}

static void espeak_stop(void *self)
{
    speech_espeak_t *e = self;
    pthread_mutex_lock(&e->lock);
    e->generation++;
    text_free(e->pending_text);
    e->pending_text = NULL;
    if (e->device) {
        SDL_ClearQueuedAudio(e->device);
    }
    pthread_cond_broadcast(&e->wake);
    pthread_mutex_unlock(&e->lock);
}

static void espeak_release(void *self)
{
    speech_espeak_t *e = self;
    pthread_mutex_lock(&e->lock);
    /* nothing open, opening, failed or waiting: nothing to do (and the worker sleeps on) */
    bool held = e->device || e->device_changing || e->device_failed || e->synthesizing ||
                e->pending_text;
    pthread_mutex_unlock(&e->lock);
    if (!held) {
        return;
    }
    espeak_stop(e);
    pthread_mutex_lock(&e->lock);
    e->release = true;
    pthread_cond_broadcast(&e->wake);
    pthread_mutex_unlock(&e->lock);
}

static bool espeak_audio_open(void *self)
{
    speech_espeak_t *e = self;
    pthread_mutex_lock(&e->lock);
    bool open = e->device || e->device_changing;
    pthread_mutex_unlock(&e->lock);
    return open;
}

static bool espeak_busy(void *self)
{
    speech_espeak_t *e = self;
    pthread_mutex_lock(&e->lock);
    bool busy = e->pending_text || e->synthesizing ||
                (e->device && SDL_GetQueuedAudioSize(e->device) > 0);
    pthread_mutex_unlock(&e->lock);
    return busy;
}

static void espeak_destroy(void *self)
{
    speech_espeak_t *e = self;
    pthread_mutex_lock(&e->lock);
    e->quit = true;
    pthread_mutex_unlock(&e->lock);
    espeak_stop(e); /* wakes the worker, which sees quit and closes the device */
    pthread_join(e->thread, NULL);
    pthread_cond_destroy(&e->wake);
    pthread_mutex_destroy(&e->lock);
    free(e);
    espeak_library_release();
}

static void espeak_configure(void *self, double gain, int wpm)
{
    speech_espeak_t *e = self;
    pthread_mutex_lock(&e->lock);
    e->gain = gain;
    e->wpm = wpm;
    pthread_mutex_unlock(&e->lock);
}

static const speech_backend_t espeak_backend = {espeak_say,       espeak_stop,
                                                espeak_busy,      espeak_destroy,
                                                espeak_configure, espeak_release,
                                                espeak_audio_open};

speech_t *speech_create_espeak(const char *data_path, char *err, size_t err_size)
{
    int rate = 0;
    if (!espeak_library_acquire(data_path, &rate, err, err_size)) {
        return NULL;
    }
    speech_espeak_t *e = calloc(1, sizeof *e);
    bool locked = false, cond = false, thread = false;
    speech_t *s = NULL;
    if (!e) {
        snprintf(err, err_size, "out of memory");
        goto fail;
    }
    e->sample_rate = rate; /* the device is opened at the first say, on the worker */
    e->queue_ahead_bytes = (Uint32)((long)rate * 2 * ESPEAK_QUEUE_AHEAD_MS / 1000);
    e->gain = speech_volume_gain(0);
    e->wpm = SPEECH_RATE_DEFAULT_WPM;
    if (pthread_mutex_init(&e->lock, NULL) != 0) {
        snprintf(err, err_size, "cannot create a mutex");
        goto fail;
    }
    locked = true;
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    cond = pthread_cond_init(&e->wake, &attr) == 0;
    pthread_condattr_destroy(&attr);
    if (!cond) {
        snprintf(err, err_size, "cannot create a condition variable");
        goto fail;
    }
    if (pthread_create(&e->thread, NULL, espeak_worker, e) != 0) {
        snprintf(err, err_size, "cannot start the speech thread");
        goto fail;
    }
    thread = true;
    s = speech_create(&espeak_backend, e);
    if (!s) {
        snprintf(err, err_size, "out of memory");
        goto fail;
    }
    return s;

fail:
    if (thread) {
        pthread_mutex_lock(&e->lock);
        e->quit = true;
        pthread_cond_broadcast(&e->wake);
        pthread_mutex_unlock(&e->lock);
        pthread_join(e->thread, NULL);
    }
    if (cond) {
        pthread_cond_destroy(&e->wake);
    }
    if (locked) {
        pthread_mutex_destroy(&e->lock);
    }
    free(e);
    espeak_library_release();
    return NULL;
}

bool speech_espeak_audio_progress(speech_t *s, uint64_t *queued, uint64_t *played)
{
    if (!speech_backend_is(s, &espeak_backend)) {
        return false;
    }
    speech_espeak_t *e = speech_self(s);
    pthread_mutex_lock(&e->lock);
    bool open = e->device != 0;
    *queued = open ? e->queued_bytes : 0;
    uint64_t waiting = open ? SDL_GetQueuedAudioSize(e->device) : 0;
    *played = *queued > waiting ? *queued - waiting : 0;
    pthread_mutex_unlock(&e->lock);
    return open;
}

/* ---- test hook: synthesis into memory ---- */

static int buffer_take(espeak_sink_t *sink, const int16_t *pcm, size_t n)
{
    buffer_sink_t *b = (buffer_sink_t *)sink;
    if (b->n + n > SPEECH_BUFFER_MAX_SAMPLES) {
        b->too_long = true;
        return 1;
    }
    if (b->n + n > b->cap) {
        size_t cap = b->cap ? b->cap * 2 : 16384;
        while (cap < b->n + n) {
            cap *= 2;
        }
        int16_t *grown = realloc(b->pcm, cap * sizeof *grown);
        if (!grown) {
            b->out_of_memory = true;
            return 1;
        }
        b->pcm = grown;
        b->cap = cap;
    }
    memcpy(b->pcm + b->n, pcm, n * sizeof *pcm);
    b->n += n;
    return 0;
}

bool speech_espeak_synth_to_buffer(const char *data_path, const char *voice, const char *utf8,
                                   int16_t **pcm, size_t *samples, int *sample_rate, char *err,
                                   size_t err_size)
{
    *pcm = NULL;
    *samples = 0;
    if (!speech_voice_usable(voice) || !utf8) {
        snprintf(err, err_size, "no voice or no text");
        return false;
    }
    if (!espeak_library_acquire(data_path, sample_rate, err, err_size)) {
        return false;
    }
    buffer_sink_t sink = {.base = {buffer_take}};
    bool ok = false;
    espeak_ng_STATUS st = espeak_ng_SetVoiceByName(voice);
    if (st != ENS_OK) {
        char why[160];
        espeak_ng_GetStatusCodeMessage(st, why, sizeof why);
        snprintf(err, err_size, "espeak-ng voice \"%s\": %s", voice, why);
    } else if (espeak_Synth(utf8, strlen(utf8) + 1, 0, POS_CHARACTER, 0, espeakCHARS_UTF8, NULL,
                            &sink.base) != EE_OK) {
        snprintf(err, err_size, "espeak_Synth failed");
    } else if (sink.too_long || sink.out_of_memory) {
        snprintf(err, err_size, "%s", sink.too_long ? "speech too long" : "out of memory");
    } else {
        ok = true;
    }
    espeak_library_release();
    if (!ok) {
        free(sink.pcm);
        return false;
    }
    *pcm = sink.pcm;
    *samples = sink.n;
    return true;
}
