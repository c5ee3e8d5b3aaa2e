/* Recorded speech slower or faster (issue 13: slower/faster must reach the recordings too,
 * not only espeak-ng). Resampling would be one call but moves the pitch with the speed
 * (15 % a step: a chipmunk voice at the fastest, a growl at the slowest), and a recorded
 * voice must still sound like the person who recorded it. Sonic keeps the pitch: it
 * finds each pitch period and drops or repeats whole periods, overlapping their edges. */
#include "speech/speech.h"

#include <limits.h>
#include <sonic.h>
#include <stdlib.h>
#include <string.h>

#define SPEED_MIN 0.1
#define SPEED_MAX 10.0

bool speech_change_speed(const int16_t *in, size_t frames, int rate, int channels, double speed,
                         int16_t **out, size_t *out_frames)
{
    *out = NULL;
    *out_frames = 0;
    if (!in || rate <= 0 || channels <= 0 || speed < SPEED_MIN || speed > SPEED_MAX ||
        frames > (size_t)INT_MAX / (size_t)channels) {
        return false;
    }
    sonicStream st = sonicCreateStream(rate, channels);
    if (!st) {
        return false;
    }
    sonicSetSpeed(st, (float)speed);
    bool ok = false;
    /* Sonic's write takes a non-const pointer but only reads it */
    if (sonicWriteShortToStream(st, (short *)in, (int)frames) && sonicFlushStream(st)) {
        int have = sonicSamplesAvailable(st);
        int16_t *buf = malloc(((size_t)(have > 0 ? have : 0) + 1) * (size_t)channels * sizeof *buf);
        if (buf) {
            int got = have > 0 ? sonicReadShortFromStream(st, buf, have) : 0;
            *out = buf;
            *out_frames = (size_t)(got > 0 ? got : 0);
            ok = true;
        }
    }
    sonicDestroyStream(st);
    return ok;
}
