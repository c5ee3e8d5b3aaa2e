/* A screen's read-aloud as a WAV file, for checking a voice by ear and by measurement
 * (kiosk --screenshot SCREEN --lang L --out F.png --speak-wav F.wav). A debug tool: the
 * kiosk itself never writes speech to disk (speech.h). */
#ifndef KIOSK_SPEECH_SPEECH_WAV_H
#define KIOSK_SPEECH_SPEECH_WAV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/** Writes n 16-bit mono samples at rate as a RIFF/WAVE PCM file. False with err. */
bool speech_wav_write(const char *path, const int16_t *pcm, size_t n, int rate, char *err,
                      size_t err_size);

/** Synthesizes utf8 in voice with espeak-ng (the system's data) and writes it to path.
 *  *seconds gets its length. False with err (unknown voice, no data, cannot write). */
bool speech_wav_say(const char *path, const char *voice, const char *utf8, double *seconds,
                    char *err, size_t err_size);

#endif
