#include "speech/speech_device.h"

#include <pthread.h>
#include <stdio.h>

/* SDL's audio subsystem is process-global; so is the lock that orders its init and quit
 * (see speech_device.h). It guards no data of ours. */
static pthread_mutex_t g_device_lock = PTHREAD_MUTEX_INITIALIZER;

bool speech_device_open(const SDL_AudioSpec *want, SDL_AudioDeviceID *device, SDL_AudioSpec *have,
                        char *err, size_t err_size)
{
    *device = 0;
    pthread_mutex_lock(&g_device_lock);
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
        snprintf(err, err_size, "SDL audio: %s", SDL_GetError());
    } else if ((*device = SDL_OpenAudioDevice(NULL, 0, want, have, 0)) == 0) {
        snprintf(err, err_size, "SDL audio device: %s", SDL_GetError());
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
    }
    pthread_mutex_unlock(&g_device_lock);
    return *device != 0;
}

void speech_device_close(SDL_AudioDeviceID device)
{
    if (device == 0) {
        return;
    }
    pthread_mutex_lock(&g_device_lock);
    SDL_CloseAudioDevice(device);
    SDL_QuitSubSystem(SDL_INIT_AUDIO);
    pthread_mutex_unlock(&g_device_lock);
}

static void *closer_main(void *arg)
{
    speech_device_closer_t *c = arg;
    speech_device_close(c->device);
    atomic_store(&c->done, true);
    SDL_TLSCleanup(); /* SDL's per-thread data: it frees that only for threads it made */
    return NULL;
}

void speech_device_close_wait(speech_device_closer_t *c)
{
    if (c->started) {
        pthread_join(c->thread, NULL);
        c->started = false;
    }
}

void speech_device_close_async(speech_device_closer_t *c, SDL_AudioDeviceID device)
{
    if (device == 0) {
        return;
    }
    speech_device_close_wait(c);
    c->device = device;
    atomic_store(&c->done, false);
    c->started = pthread_create(&c->thread, NULL, closer_main, c) == 0;
    if (!c->started) {
        speech_device_close(device); /* no thread: the wait is the caller's */
        atomic_store(&c->done, true);
    }
}

bool speech_device_closing(speech_device_closer_t *c)
{
    return c->started && !atomic_load(&c->done);
}
