/* The SDL audio device of a speech backend, held only while it has something to say.
 *
 * Why: with SDL's audio subsystem initialised, SDL 2.26's ALSA backend runs a hotplug
 * thread that wakes ten times a second and re-reads the sound cards, even when nothing is
 * played (issue 18: the idle kiosk's only CPU use). So a backend opens its device at its
 * first say and closes it (and the subsystem, when no other device holds it) when
 * read-aloud is turned off or the session is wiped: speech_release_audio().
 *
 * SDL_InitSubSystem() and SDL_QuitSubSystem() keep plain, unlocked reference counts, and
 * the espeak backend opens and closes on its worker thread while the clip backend does so
 * on the UI thread, so every open and close here goes through one process-wide lock.
 * Nothing else may init or quit SDL's audio subsystem while speech exists. */
#ifndef KIOSK_SPEECH_SPEECH_DEVICE_H
#define KIOSK_SPEECH_SPEECH_DEVICE_H

#include <SDL.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>

/** Initialises SDL's audio subsystem (counted) and opens the default output device for
 *  want (no format changes allowed: SDL converts), paused: queue the first sound, then
 *  SDL_PauseAudioDevice(device, 0), so SDL's audio thread finds it in its first buffer
 *  rather than playing a buffer of silence first. On success *device is the open device
 *  and *have its spec. False with err (the subsystem released again) when
 *  there is no audio driver or device. */
bool speech_device_open(const SDL_AudioSpec *want, SDL_AudioDeviceID *device, SDL_AudioSpec *have,
                        char *err, size_t err_size);

/** Closes device and releases the subsystem speech_device_open() took. 0 is a no-op. It
 *  waits for SDL: measured 120 ms with the dummy driver (its audio thread ending), and
 *  SDL's ALSA backend sleeps two device buffers before closing and joins its hotplug
 *  thread (which sleeps in 100 ms steps) when the subsystem goes: never on the UI thread
 *  while a person waits (speech_device_close_async()). */
void speech_device_close(SDL_AudioDeviceID device);

/* A close done on a thread of its own, for a backend that lives on the UI thread. */
typedef struct speech_device_closer {
    pthread_t thread;
    SDL_AudioDeviceID device;
    bool started;     /* a thread was started and not yet joined */
    atomic_bool done; /* its close has finished */
} speech_device_closer_t;

/** Starts closing device (speech_device_close()) on a new thread and returns at once;
 *  closes it here when no thread can be started. Waits first for a close c started
 *  before. 0 is a no-op. */
void speech_device_close_async(speech_device_closer_t *c, SDL_AudioDeviceID device);
/** True while the close c started has not finished. */
bool speech_device_closing(speech_device_closer_t *c);
/** Waits for the close c started, if any (before opening again, and at destroy). */
void speech_device_close_wait(speech_device_closer_t *c);

#endif
