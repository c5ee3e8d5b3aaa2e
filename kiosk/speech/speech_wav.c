#include "speech/speech_wav.h"

#include "speech/speech.h"
#include "speech/speech_internal.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WAV_HEADER_BYTES 44

static void put_u32(unsigned char *p, uint32_t v)
{
    for (int i = 0; i < 4; i++) {
        p[i] = (unsigned char)(v >> (8 * i)); /* RIFF is little-endian */
    }
}

static void put_u16(unsigned char *p, uint16_t v)
{
    p[0] = (unsigned char)v;
    p[1] = (unsigned char)(v >> 8);
}

bool speech_wav_write(const char *path, const int16_t *pcm, size_t n, int rate, char *err,
                      size_t err_size)
{
    if (n > (UINT32_MAX - WAV_HEADER_BYTES) / 2 || rate <= 0) {
        snprintf(err, err_size, "%s: too long for a WAV file, or no sample rate", path);
        return false;
    }
    uint32_t data = (uint32_t)(n * 2);
    unsigned char h[WAV_HEADER_BYTES];
    memcpy(h, "RIFF", 4);
    put_u32(h + 4, 36 + data);
    memcpy(h + 8, "WAVEfmt ", 8);
    put_u32(h + 16, 16);                  /* fmt chunk size */
    put_u16(h + 20, 1);                   /* PCM */
    put_u16(h + 22, 1);                   /* mono */
    put_u32(h + 24, (uint32_t)rate);
    put_u32(h + 28, (uint32_t)rate * 2);  /* bytes a second */
    put_u16(h + 32, 2);                   /* bytes a frame */
    put_u16(h + 34, 16);                  /* bits a sample */
    memcpy(h + 36, "data", 4);
    put_u32(h + 40, data);
    FILE *f = fopen(path, "wb");
    if (!f) {
        snprintf(err, err_size, "%s: %s", path, strerror(errno));
        return false;
    }
    unsigned char le[2];
    bool ok = fwrite(h, 1, sizeof h, f) == sizeof h;
    for (size_t i = 0; ok && i < n; i++) {
        put_u16(le, (uint16_t)pcm[i]);
        ok = fwrite(le, 1, 2, f) == 2;
    }
    ok = fclose(f) == 0 && ok;
    if (!ok) {
        snprintf(err, err_size, "%s: write failed", path);
    }
    return ok;
}

bool speech_wav_say(const char *path, const char *voice, const char *utf8, double *seconds,
                    char *err, size_t err_size)
{
    int16_t *pcm = NULL;
    size_t n = 0;
    int rate = 0;
    if (!speech_espeak_synth_to_buffer(NULL, voice, utf8, &pcm, &n, &rate, err, err_size)) {
        return false;
    }
    bool ok = n > 0 && speech_wav_write(path, pcm, n, rate, err, err_size);
    if (n == 0) {
        snprintf(err, err_size, "espeak-ng made no sound for voice \"%s\"", voice);
    }
    *seconds = rate > 0 ? (double)n / rate : 0;
    free(pcm);
    return ok;
}
