#include "speech/speech_clips.h"

#include "platform/log.h"
#include "speech/speech_device.h"

#include <SDL.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define CLIPS_RATE 22050 /* what the device is asked for; SDL converts each clip */
#define CLIPS_DEVICE_SAMPLES 1024
#define CLIPS_LANG_MAX 16

typedef struct clip {
    char lang[CLIPS_LANG_MAX];
    char key[SPEECH_CLIP_KEY_MAX];
    char *text;
    char *path;
    size_t text_len;
} clip_t;

typedef struct clips {
    clip_t *items;
    int count;
    SDL_AudioDeviceID device; /* 0 while closed: opened at a say, closed at a release */
    SDL_AudioSpec have;
    bool audio_tried; /* opening was attempted since the last release (no card stays so) */
    speech_device_closer_t closer; /* closes the device off the UI thread */
    double gain;
    double speed;         /* 1.0 as recorded; the session's slower / faster */
    Uint32 queued_bytes;  /* audio the last say queued (device format) */
    char played[SPEECH_CLIPS_PLAYED_MAX];
    int unmatched;
} clips_t;

/* Opens the audio device once a session; false (logged once) when there is none. */
static bool clips_open(clips_t *c)
{
    if (c->audio_tried) {
        return c->device != 0;
    }
    c->audio_tried = true;
    speech_device_close_wait(&c->closer); /* on again within a close (~0.1 s) of going off */
    SDL_AudioSpec want = {0};
    want.freq = CLIPS_RATE;
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = CLIPS_DEVICE_SAMPLES;
    char err[256];
    if (!speech_device_open(&want, &c->device, &c->have, err, sizeof err)) {
        log_warn("recorded speech: no sound: %s", err);
        return false;
    }
    return true;
}

/* Loads path, converts it to the device's format, applies the volume and queues it. */
static void clips_queue(clips_t *c, const char *path)
{
    SDL_AudioSpec spec;
    Uint8 *buf = NULL;
    Uint32 len = 0;
    if (!SDL_LoadWAV(path, &spec, &buf, &len)) {
        log_warn("recorded speech: %s: %s", path, SDL_GetError());
        return;
    }
    SDL_AudioCVT cvt;
    int built = SDL_BuildAudioCVT(&cvt, spec.format, spec.channels, spec.freq, c->have.format,
                                  c->have.channels, c->have.freq);
    Uint8 *pcm = buf;
    Uint32 n = len;
    Uint8 *converted = NULL;
    if (built < 0) {
        log_warn("recorded speech: %s: %s", path, SDL_GetError());
        SDL_FreeWAV(buf);
        return;
    }
    if (built > 0 && (size_t)len * (size_t)cvt.len_mult <= INT_MAX) {
        converted = malloc((size_t)len * (size_t)cvt.len_mult);
        if (converted) {
            memcpy(converted, buf, len);
            cvt.buf = converted;
            cvt.len = (int)len;
            if (SDL_ConvertAudio(&cvt) == 0) {
                pcm = converted;
                n = (Uint32)cvt.len_cvt;
            }
        }
    }
    int16_t *paced = NULL;
    if (c->have.format == AUDIO_S16SYS) {
        speech_apply_gain((int16_t *)pcm, n / 2, c->gain);
        size_t frames = n / 2 / c->have.channels, paced_frames = 0;
        /* the session's speed, at the recording's pitch; as recorded if that fails */
        if (c->speed != 1.0 && speech_change_speed((const int16_t *)pcm, frames, c->have.freq,
                                                   c->have.channels, c->speed, &paced,
                                                   &paced_frames) &&
            paced_frames * 2 * c->have.channels <= UINT32_MAX) {
            pcm = (Uint8 *)paced;
            n = (Uint32)(paced_frames * 2 * c->have.channels);
        }
    }
    if (SDL_QueueAudio(c->device, pcm, n) != 0) {
        log_warn("recorded speech: %s", SDL_GetError());
    } else {
        c->queued_bytes += n;
    }
    free(paced);
    free(converted);
    SDL_FreeWAV(buf);
}

/* The longest clip of lang whose text starts at p, or NULL. */
static const clip_t *clips_match(const clips_t *c, const char *lang, const char *p)
{
    const clip_t *best = NULL;
    for (int i = 0; i < c->count; i++) {
        const clip_t *k = &c->items[i];
        if (strcmp(k->lang, lang) == 0 && (!best || k->text_len > best->text_len) &&
            strncmp(p, k->text, k->text_len) == 0) {
            best = k;
        }
    }
    return best;
}

static void played_add(clips_t *c, const char *key)
{
    size_t n = strlen(c->played);
    snprintf(c->played + n, sizeof c->played - n, "%s%s", n ? " " : "", key);
}

/* Separators between the screen's pieces: skipped, not "unmatched" words. */
static bool is_gap(char ch)
{
    return ch == ' ' || ch == '.' || ch == ',' || ch == '\n' || ch == ':' || ch == ';';
}

static bool clips_say(void *self, const char *lang, const char *utf8)
{
    clips_t *c = self;
    bool audio = clips_open(c);
    if (audio) {
        SDL_ClearQueuedAudio(c->device); /* one request at a time, as the voice */
    }
    c->played[0] = '\0';
    c->unmatched = 0;
    c->queued_bytes = 0;
    bool in_gap = true; /* unmatched text is counted once per run of words */
    for (const char *p = utf8; *p;) {
        const clip_t *k = is_gap(*p) ? NULL : clips_match(c, lang, p);
        if (k) {
            played_add(c, k->key);
            if (audio) {
                clips_queue(c, k->path);
            }
            p += k->text_len;
            in_gap = true;
        } else {
            if (!is_gap(*p) && in_gap) {
                c->unmatched++;
            }
            in_gap = is_gap(*p);
            p++;
        }
    }
    if (audio) {
        SDL_PauseAudioDevice(c->device, 0); /* opened paused: it starts with the first clip */
    }
    return true;
}

static void clips_stop(void *self)
{
    clips_t *c = self;
    if (c->device) {
        SDL_ClearQueuedAudio(c->device);
    }
}

/* On the UI thread, as everything here, so the close (a tenth of a second or more, see
 * speech_device.h) runs on a thread of its own: Quick exit does not wait for it. */
static void clips_release(void *self)
{
    clips_t *c = self;
    if (c->device) {
        SDL_ClearQueuedAudio(c->device); /* silent now, not when the close is done */
        SDL_PauseAudioDevice(c->device, 1);
    }
    speech_device_close_async(&c->closer, c->device);
    c->device = 0;
    c->audio_tried = false;
}

static bool clips_audio_open(void *self)
{
    clips_t *c = self;
    return c->device != 0 || speech_device_closing(&c->closer);
}

static bool clips_busy(void *self)
{
    clips_t *c = self;
    return c->device && SDL_GetQueuedAudioSize(c->device) > 0;
}

static void clips_destroy(void *self)
{
    clips_t *c = self;
    clips_release(c);
    speech_device_close_wait(&c->closer);
    for (int i = 0; i < c->count; i++) {
        free(c->items[i].text);
        free(c->items[i].path);
    }
    free(c->items);
    free(c);
}

static void clips_configure(void *self, double gain, int wpm)
{
    clips_t *c = self;
    c->gain = gain;
    /* as the voice: the default words a minute is the recording's own speed */
    c->speed = (double)wpm / SPEECH_RATE_DEFAULT_WPM;
}

static const speech_backend_t clips_backend = {clips_say,       clips_stop,    clips_busy,
                                               clips_destroy,   clips_configure, clips_release,
                                               clips_audio_open};

speech_t *speech_create_clips(void)
{
    clips_t *c = calloc(1, sizeof *c);
    if (!c) {
        return NULL;
    }
    c->gain = speech_volume_gain(0);
    c->speed = 1.0;
    speech_t *s = speech_create(&clips_backend, c);
    if (!s) {
        free(c);
    }
    return s;
}

static clips_t *clips_of(const speech_t *s)
{
    return speech_backend_is(s, &clips_backend) ? speech_self(s) : NULL;
}

bool speech_clips_add(speech_t *s, const char *lang, const char *key, const char *text,
                      const char *path)
{
    clips_t *c = clips_of(s);
    if (!c || c->count >= SPEECH_CLIPS_MAX || !text[0] || !key[0] ||
        strlen(key) >= SPEECH_CLIP_KEY_MAX) {
        return false;
    }
    if (!c->items) {
        c->items = calloc(SPEECH_CLIPS_MAX, sizeof *c->items);
        if (!c->items) {
            return false;
        }
    }
    clip_t *k = &c->items[c->count];
    k->text = strdup(text);
    k->path = strdup(path);
    if (!k->text || !k->path) {
        free(k->text);
        free(k->path);
        memset(k, 0, sizeof *k);
        return false;
    }
    snprintf(k->lang, sizeof k->lang, "%s", lang);
    snprintf(k->key, sizeof k->key, "%s", key);
    k->text_len = strlen(text);
    c->count++;
    return true;
}

int speech_clips_count(const speech_t *s, const char *lang)
{
    const clips_t *c = clips_of(s);
    int n = 0;
    for (int i = 0; c && i < c->count; i++) {
        n += strcmp(c->items[i].lang, lang) == 0;
    }
    return n;
}

const char *speech_clips_last(const speech_t *s, int *unmatched)
{
    const clips_t *c = clips_of(s);
    *unmatched = c ? c->unmatched : 0;
    return c ? c->played : "";
}

double speech_clips_last_seconds(const speech_t *s)
{
    const clips_t *c = clips_of(s);
    if (!c || !c->device || c->have.freq <= 0 || c->have.channels == 0) {
        return 0;
    }
    return (double)c->queued_bytes / (2.0 * c->have.channels * c->have.freq);
}

typedef struct scan {
    speech_t *s;
    const char *dir, *lang;
    int found;
} scan_t;

static void scan_key(void *user, const char *key, const char *text)
{
    scan_t *sc = user;
    char path[PATH_MAX];
    int n = snprintf(path, sizeof path, "%s/%s/%s.wav", sc->dir, sc->lang, key);
    if (n > 0 && (size_t)n < sizeof path && access(path, R_OK) == 0 &&
        speech_clips_add(sc->s, sc->lang, key, text, path)) {
        sc->found++;
    }
}

int speech_clips_scan(speech_t *s, const char *dir, const char *lang,
                      void (*each_key)(void *user, void (*fn)(void *u, const char *key,
                                                                 const char *text),
                                       void *u),
                      void *user)
{
    scan_t sc = {s, dir, lang, 0};
    each_key(user, scan_key, &sc);
    return sc.found;
}
