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
