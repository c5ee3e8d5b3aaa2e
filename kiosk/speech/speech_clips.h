/* Recorded speech for a language espeak-ng cannot speak (Somali): a backend that plays
 * assets/audio/<lang>/<key>.wav clips, one per string key, through SDL audio.
 *
 *     speech_t *clips = speech_create_clips();
 *     speech_clips_add(clips, "so", text_of_key, "/…/assets/audio/so/home.title.wav");
 *     ...
 *     speech_say(clips, "so", "Title. Body");  // plays the clips whose texts it contains
 *
 * say() takes the same text the voice would get (the screen's words joined) and plays, in
 * order, the clip of each known string found in it, longest match first; words with no
 * clip are skipped and counted, never guessed. Clips are WAV (SDL_LoadWAV: PCM, any rate
 * and channels, converted to the device's) played at the session's speed with the pitch
 * kept (speech_change_speed()), so no other audio library is needed. The
 * device is opened at the first say and closed by speech_release_audio(); without one (no
 * sound card) the clips are still matched and counted, so replays can check what would be
 * heard. */
#ifndef KIOSK_SPEECH_SPEECH_CLIPS_H
#define KIOSK_SPEECH_SPEECH_CLIPS_H

#include "speech/speech.h"

#define SPEECH_CLIPS_MAX 2048       /* clips in all languages */
#define SPEECH_CLIP_KEY_MAX 96       /* a string key, with its NUL */
#define SPEECH_CLIPS_PLAYED_MAX 1024 /* bytes of the played-keys list kept for tests */

/** An empty clip backend (NULL when out of memory). */
speech_t *speech_create_clips(void);

/** Adds the clip at path for text (the string key's text in lang). False when s is not a
 *  clip backend, the table is full, or text or key is empty. The file is read at play. */
bool speech_clips_add(speech_t *s, const char *lang, const char *key, const char *text,
                      const char *path);

/** How many clips lang has (0 when s is not a clip backend). */
int speech_clips_count(const speech_t *s, const char *lang);

/** The keys the last say played, space-separated in order ("" if none), and how many
 *  pieces of its text had no clip. */
const char *speech_clips_last(const speech_t *s, int *unmatched);

/** Seconds of audio the last say queued, at the session's speed (slower: longer); 0
 *  without an audio device. What tests measure. */
double speech_clips_last_seconds(const speech_t *s);

/** Fills the backend with every clip found for lang: dir/<lang>/<key>.wav for each key
 *  (each_key calls back with key and text, as i18n_each_key() does). Returns how many. */
int speech_clips_scan(speech_t *s, const char *dir, const char *lang,
                      void (*each_key)(void *user, void (*fn)(void *u, const char *key,
                                                                 const char *text),
                                       void *u),
                      void *user);

#endif
