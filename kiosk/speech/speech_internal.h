/* Test hooks of speech/: not for the screens. */
#ifndef KIOSK_SPEECH_SPEECH_INTERNAL_H
#define KIOSK_SPEECH_SPEECH_INTERNAL_H

#include "speech/speech.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define SPEECH_BUFFER_MAX_SAMPLES (60 * 48000) /* a minute at the highest rate espeak uses */

/** Synthesizes utf8 in voice with espeak-ng into memory, on the calling thread, so tests
 *  can check the sound is real. Shares the process's one espeak-ng (see
 *  speech_create_espeak()): fails while an espeak speech_t exists. On success *pcm holds
 *  *samples 16-bit mono samples at *sample_rate (caller frees *pcm with free()). False with
 *  err for missing data, an unknown voice or more than SPEECH_BUFFER_MAX_SAMPLES. */
bool speech_espeak_synth_to_buffer(const char *data_path, const char *voice, const char *utf8,
                                   int16_t **pcm, size_t *samples, int *sample_rate, char *err,
                                   size_t err_size);

/** Bytes of speech the espeak backend s has queued on its audio device since it opened it,
 *  and how many of those SDL's audio thread has taken to play (a stop's clearing counts
 *  as taken), so a bench can tell when the first sound left. False when s is not espeak or
 *  holds no open device. */
bool speech_espeak_audio_progress(speech_t *s, uint64_t *queued, uint64_t *played);

#endif
