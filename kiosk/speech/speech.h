/* Reading text aloud, behind a small backend table so screens and tests never need a sound
 * card. As the screens use it (all calls from the UI thread; none waits for speech):
 *
 *     char err[256];
 *     speech_t *sp = speech_create_espeak(NULL, err, sizeof err);     // at start
 *     if (!sp) { log_warn("speech off: %s", err); sp = speech_create_null(); }
 *     ...new screen with read-aloud on:
 *     speech_stop(sp);                                                // cut the old screen
 *     speech_say(sp, lang->voice, "Title.\nBody");                   // one request
 *     ...
 *     speech_destroy(sp);
 *
 * The sound card is held only while read-aloud is in use: a backend opens its audio device
 * at its first say and closes it at speech_release_audio(), which the read-aloud code calls
 * when read-aloud is off and at every session wipe (an open SDL audio subsystem keeps a
 * thread waking ten times a second: speech/speech_device.h).
 *
 * One request at a time: a say while an earlier one is still waiting to start replaces it,
 * a say while one is already being spoken waits until that has been spoken. So read a
 * screen as one text (title and body joined), and call speech_stop() before speaking a new
 * screen, Quick exit and idle timeout.
 *
 * Privacy: no backend logs the text, and audio goes only to the audio device, never to
 * disk. Text handed to the espeak backend is wiped from memory when it has been spoken. */
#ifndef KIOSK_SPEECH_SPEECH_H
#define KIOSK_SPEECH_SPEECH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SPEECH_VOICE_MAX 48      /* bytes of a voice name, with its NUL */
#define SPEECH_TEXT_MAX 16384    /* bytes of one request; longer text is refused */
#define SPEECH_VOICE_NONE "none" /* languages.ini voice of a language espeak-ng cannot speak */

typedef struct speech speech_t;

/* What a backend does; self is the backend's own state. say() gets a usable voice and
 * non-empty text of at most SPEECH_TEXT_MAX bytes (speech_say() checked) and must not wait
 * for the speech. busy() is true while anything is waiting, being synthesized or playing. */
typedef struct speech_backend {
    bool (*say)(void *self, const char *voice, const char *utf8);
    void (*stop)(void *self);
    bool (*busy)(void *self);
    void (*destroy)(void *self);
    /* optional (NULL: fixed volume and speed): applies to says from now on */
    void (*configure)(void *self, double gain, int words_per_minute);
    /* optional (NULL: the backend never holds an audio device): release() silences and
     * gives the device back, without waiting for it to close; audio_open() is true from a
     * say that opened it until the close has finished */
    void (*release)(void *self);
    bool (*audio_open)(void *self);
} speech_backend_t;

/* Volume and speed are steps round the default (0), changed by key or on screen and reset
 * when the session ends. Volume: 2 dB a step, so the loudest is 12 dB above the quietest
 * (EN 301 549 8.2.1.2 asks for at least 12 dB); the loudest plays espeak-ng's samples as
 * they are, because they already peak near full scale (-2.3 dBFS measured for the done
 * screen in Urdu), so no step amplifies into clipping. The default is 6 dB below that.
 * Speed: 15 % a step round espeak-ng's 175 words a minute. */
#define SPEECH_STEP_MIN (-3)
#define SPEECH_STEP_MAX 3
#define SPEECH_VOLUME_DB_PER_STEP 2.0
#define SPEECH_VOLUME_TOP_DB 0.0 /* at SPEECH_STEP_MAX */
#define SPEECH_RATE_DEFAULT_WPM 175
#define SPEECH_RATE_FACTOR_PER_STEP 1.15

/** step kept within SPEECH_STEP_MIN..SPEECH_STEP_MAX. */
int speech_step_clamp(int step);
/** The linear amplitude factor of volume step (1.0 at SPEECH_STEP_MAX, 0.5 at 0). */
double speech_volume_gain(int step);
/** Words a minute at speed step. */
int speech_rate_wpm(int step);
/** Scales n samples by gain in place, saturating instead of wrapping round. */
void speech_apply_gain(int16_t *pcm, size_t n, double gain);

/** Makes frames of 16-bit speech (channels interleaved, at rate) play speed times as fast
 *  at the same pitch, with Sonic (the speech speed changer espeak-ng itself uses): 0.66 is
 *  slower and longer, 1.5 faster and shorter, 1.0 a copy. On success *out holds *out_frames
 *  frames (caller frees with free()). False when out of memory or an argument is out of
 *  range (speed outside 0.1 to 10, more than INT_MAX samples). */
bool speech_change_speed(const int16_t *in, size_t frames, int rate, int channels, double speed,
                         int16_t **out, size_t *out_frames);

/** Sets volume and speed steps (clamped) for what s says from now on. NULL is a no-op. */
void speech_set_params(speech_t *s, int volume_step, int rate_step);

/** Wraps a backend (backend is not copied and must outlive the result; self becomes owned
 *  and is passed to backend->destroy by speech_destroy()). NULL when out of memory: self is
 *  then still the caller's. */
speech_t *speech_create(const speech_backend_t *backend, void *self);

/** espeak-ng synthesis played through SDL audio (16-bit mono PCM at espeak-ng's rate).
 *  data_path: the espeak-ng-data directory or its parent, NULL for the system's. Synthesis
 *  runs on a worker thread, which also opens SDL's audio subsystem and device before the
 *  first say is spoken and closes both after speech_release_audio(), so the UI never waits
 *  for the sound card. Without a sound card says are accepted and dropped: the failed open
 *  is logged once and tried again only after a release (the next session). espeak-ng is
 *  process-global, so only one espeak speech_t may exist at a time: a second create fails.
 *  The library is initialised on first use and kept for the life of the process (espeak-ng
 *  1.51 hangs in espeak_ng_Terminate() after a re-initialisation), so a later create must
 *  use the same data_path. NULL with err when the data is missing or one already exists.
 *  Call at start-up from the UI thread (it briefly changes LC_CTYPE, which is not
 *  thread-safe). Free it with speech_destroy() before SDL_Quit(). */
speech_t *speech_create_espeak(const char *data_path, char *err, size_t err_size);

/** True when s wraps backend (for a backend's own accessors). */
bool speech_backend_is(const speech_t *s, const speech_backend_t *backend);
/** The backend state s owns. */
void *speech_self(const speech_t *s);

/** Says nothing, records nothing: for kiosks without sound and as a fallback. */
speech_t *speech_create_null(void);

/** A fake for tests: records the last (voice, text) said and counts says and stops. */
speech_t *speech_create_recorder(void);

/** The recorder's last accepted (voice, text); either out pointer may be NULL. The strings
 *  are the recorder's, valid until its next say or destroy. False when s is not a recorder
 *  or nothing has been said. */
bool speech_recorder_last(const speech_t *s, const char **voice, const char **utf8);
/** How many says the recorder accepted (0 when s is not a recorder). */
unsigned speech_recorder_count(const speech_t *s);
/** How many times the recorder was stopped (0 when s is not a recorder). */
unsigned speech_recorder_stops(const speech_t *s);
/** The recorder's volume and speed steps as last set (0, 0 before any). */
void speech_recorder_params(const speech_t *s, int *volume_step, int *rate_step);
/** True when the recorder was stopped after its last say (or never said anything): what
 *  was being spoken has been cut (and forgotten) and nothing new started. */
bool speech_recorder_silenced(const speech_t *s);
/** What the recorder's busy() answers from now on (until a stop clears it). */
void speech_recorder_set_busy(speech_t *s, bool busy);

/** True when voice names a voice: not NULL, "" or "none" (Somali has none), and short
 *  enough. The screens offer read-aloud only for such languages. */
bool speech_voice_usable(const char *voice);

/** Starts saying utf8 in voice (an espeak-ng voice name from languages.ini: "en", "ur"...).
 *  False, saying nothing, when s is NULL, the voice is not usable, the text is NULL, empty
 *  or longer than SPEECH_TEXT_MAX, or the backend refused. Never waits for the speech. An
 *  unknown voice is found only on the worker: it is then logged (the name, never the text)
 *  and skipped. */
bool speech_say(speech_t *s, const char *voice, const char *utf8);

/** Silences s now: drops queued audio and text not yet spoken. NULL is a no-op. */
void speech_stop(speech_t *s);

/** True while s has text to say or audio still to play. False for NULL. */
bool speech_busy(speech_t *s);

/** Silences s and gives its audio device back (SDL's audio subsystem too, when nothing
 *  else holds it) until the next say, which opens it again. Does not wait for the close:
 *  speech_audio_is_open() turns false when it is done (SDL takes a tenth of a second or
 *  more, so espeak closes on its worker and the clips on a thread of their own). Cheap
 *  when nothing is open: read-aloud calls it every frame while it is off. NULL is a no-op. */
void speech_release_audio(speech_t *s);

/** True while s holds an audio device: from a say that opened it until a release has
 *  closed it. False for NULL and for backends without a device (null). The recorder
 *  pretends: a say "opens", a release "closes", so replays check the rule too. */
bool speech_audio_is_open(speech_t *s);

/** Stops and frees s, joining any worker thread. NULL is a no-op. */
void speech_destroy(speech_t *s);

#endif
