/* The speech_t wrapper (checks shared by every backend), the null backend and the
 * recorder used by tests. */
#include "speech/speech.h"

#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct speech {
    const speech_backend_t *backend;
    void *self; /* owned: freed by backend->destroy */
};

speech_t *speech_create(const speech_backend_t *backend, void *self)
{
    speech_t *s = calloc(1, sizeof *s);
    if (!s) {
        return NULL;
    }
    s->backend = backend;
    s->self = self;
    return s;
}

bool speech_backend_is(const speech_t *s, const speech_backend_t *backend)
{
    return s && s->backend == backend;
}

void *speech_self(const speech_t *s)
{
    return s ? s->self : NULL;
}

bool speech_voice_usable(const char *voice)
{
    return voice && voice[0] != '\0' && strcmp(voice, SPEECH_VOICE_NONE) != 0 &&
           strlen(voice) < SPEECH_VOICE_MAX;
}

bool speech_say(speech_t *s, const char *voice, const char *utf8)
{
    if (!s || !speech_voice_usable(voice) || !utf8 || utf8[0] == '\0' ||
        strlen(utf8) > SPEECH_TEXT_MAX) {
        return false;
    }
    return s->backend->say(s->self, voice, utf8);
}

void speech_stop(speech_t *s)
{
    if (s) {
        s->backend->stop(s->self);
    }
}

bool speech_busy(speech_t *s)
{
    return s && s->backend->busy(s->self);
}

void speech_release_audio(speech_t *s)
{
    if (s && s->backend->release) {
        s->backend->release(s->self);
    }
}

bool speech_audio_is_open(speech_t *s)
{
    return s && s->backend->audio_open && s->backend->audio_open(s->self);
}

void speech_destroy(speech_t *s)
{
    if (!s) {
        return;
    }
    s->backend->destroy(s->self);
    free(s);
}

int speech_step_clamp(int step)
{
    return step < SPEECH_STEP_MIN ? SPEECH_STEP_MIN : step > SPEECH_STEP_MAX ? SPEECH_STEP_MAX : step;
}

double speech_volume_gain(int step)
{
    double db = SPEECH_VOLUME_TOP_DB -
                (SPEECH_STEP_MAX - speech_step_clamp(step)) * SPEECH_VOLUME_DB_PER_STEP;
    return pow(10.0, db / 20.0);
}

int speech_rate_wpm(int step)
{
    return (int)lround(SPEECH_RATE_DEFAULT_WPM *
                       pow(SPEECH_RATE_FACTOR_PER_STEP, speech_step_clamp(step)));
}

void speech_apply_gain(int16_t *pcm, size_t n, double gain)
{
    for (size_t i = 0; i < n; i++) {
        double v = pcm[i] * gain;
        pcm[i] = (int16_t)(v > INT16_MAX ? INT16_MAX : v < INT16_MIN ? INT16_MIN : lround(v));
    }
}

void speech_set_params(speech_t *s, int volume_step, int rate_step)
{
    if (s && s->backend->configure) {
        s->backend->configure(s->self, speech_volume_gain(volume_step),
                              speech_rate_wpm(rate_step));
    }
}

/* ---- null: a kiosk without sound ---- */

static bool null_say(void *self, const char *voice, const char *utf8)
{
    return true; /* accepted and dropped: to the screens, speech "worked" */
}

static void null_stop(void *self)
{
}

static bool null_busy(void *self)
{
    return false;
}

static void null_destroy(void *self)
{
}

static const speech_backend_t null_backend = {null_say, null_stop, null_busy, null_destroy, NULL,
                                               NULL, NULL};

speech_t *speech_create_null(void)
{
    return speech_create(&null_backend, NULL);
}

/* ---- recorder: a fake for tests ---- */

typedef struct recorder {
    char voice[SPEECH_VOICE_MAX];
    char *text; /* last text said, NULL before the first */
    unsigned says;
    unsigned stops;
    bool busy;
    bool silenced; /* stopped since the last say */
    bool audio;    /* a real backend would hold its device: from a say to a release */
    double gain;
    int wpm;
} recorder_t;

/* What was said may be what the person typed (the review is read in full): zeroed before
 * it is freed, and forgotten at every stop, which is how a wipe silences speech. */
static void recorder_forget(recorder_t *r)
{
    if (r->text) {
        sodium_memzero(r->text, strlen(r->text));
        free(r->text);
        r->text = NULL;
    }
}

static bool recorder_say(void *self, const char *voice, const char *utf8)
{
    recorder_t *r = self;
    char *copy = strdup(utf8);
    if (!copy) {
        return false;
    }
    recorder_forget(r);
    r->text = copy;
    snprintf(r->voice, sizeof r->voice, "%s", voice);
    r->says++;
    r->silenced = false;
    r->audio = true;
    return true;
}

static void recorder_stop(void *self)
{
    recorder_t *r = self;
    recorder_forget(r);
    r->stops++;
    r->busy = false;
    r->silenced = true;
}

static void recorder_configure(void *self, double gain, int wpm)
{
    recorder_t *r = self;
    r->gain = gain;
    r->wpm = wpm;
}

/* Silences as a stop does, but is not counted as one: read-aloud releases every frame while
 * it is off, and tests count the stops that people's actions make. */
static void recorder_release(void *self)
{
    recorder_t *r = self;
    if (r->audio) {
        recorder_forget(r);
        r->busy = false;
        r->silenced = true;
        r->audio = false;
    }
}

static bool recorder_audio_open(void *self)
{
    return ((recorder_t *)self)->audio;
}

static bool recorder_busy(void *self)
{
    return ((recorder_t *)self)->busy;
}

static void recorder_destroy(void *self)
{
    recorder_t *r = self;
    recorder_forget(r);
    free(r);
}

static const speech_backend_t recorder_backend = {recorder_say,       recorder_stop,
                                                  recorder_busy,      recorder_destroy,
                                                  recorder_configure, recorder_release,
                                                  recorder_audio_open};

speech_t *speech_create_recorder(void)
{
    recorder_t *r = calloc(1, sizeof *r);
    if (!r) {
        return NULL;
    }
    r->silenced = true;
    r->gain = speech_volume_gain(0);
    r->wpm = SPEECH_RATE_DEFAULT_WPM;
    speech_t *s = speech_create(&recorder_backend, r);
    if (!s) {
        free(r);
    }
    return s;
}

/* The recorder behind s, or NULL when s is something else. */
static recorder_t *recorder_of(const speech_t *s)
{
    return s && s->backend == &recorder_backend ? s->self : NULL;
}

bool speech_recorder_last(const speech_t *s, const char **voice, const char **utf8)
{
    recorder_t *r = recorder_of(s);
    if (!r || !r->text) {
        return false;
    }
    if (voice) {
        *voice = r->voice;
    }
    if (utf8) {
        *utf8 = r->text;
    }
    return true;
}

unsigned speech_recorder_count(const speech_t *s)
{
    recorder_t *r = recorder_of(s);
    return r ? r->says : 0;
}

unsigned speech_recorder_stops(const speech_t *s)
{
    recorder_t *r = recorder_of(s);
    return r ? r->stops : 0;
}

void speech_recorder_set_busy(speech_t *s, bool busy)
{
    recorder_t *r = recorder_of(s);
    if (r) {
        r->busy = busy;
    }
}

/* The step whose value is nearest v (the recorder keeps what the backend was given). */
static int step_of(double v, double (*of)(int))
{
    int best = 0;
    for (int i = SPEECH_STEP_MIN; i <= SPEECH_STEP_MAX; i++) {
        best = fabs(of(i) - v) < fabs(of(best) - v) ? i : best;
    }
    return best;
}

static double rate_of(int step)
{
    return speech_rate_wpm(step);
}

void speech_recorder_params(const speech_t *s, int *volume_step, int *rate_step)
{
    recorder_t *r = recorder_of(s);
    *volume_step = r ? step_of(r->gain, speech_volume_gain) : 0;
    *rate_step = r ? step_of(r->wpm, rate_of) : 0;
}

bool speech_recorder_silenced(const speech_t *s)
{
    recorder_t *r = recorder_of(s);
    return r && r->silenced;
}
