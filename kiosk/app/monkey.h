/* kiosk --headless --monkey SEED --events N: seeded random use of the whole kiosk on the
 * virtual clock — taps on widgets and anywhere, drags, keys, typed text in several
 * scripts, language switches, clock jumps (so timeouts happen), Quick exit — checking as
 * it goes: each event handled within a bound, no widget outside the screen, after every
 * wipe none of the typed markers anywhere in writable memory, and the outbox growing only
 * by reports submitted through report.review.submit. The same seed gives the same run. */
#ifndef KIOSK_APP_MONKEY_H
#define KIOSK_APP_MONKEY_H

#include "app/runtime.h"

#include <stdio.h>

#define MONKEY_EVENT_BOUND_MS 5000 /* per event, generous for sanitizer builds */

/** Runs events events from seed; prints figures to out and each broken check to err.
 *  Returns 0 when every check held. */
int monkey_run(runtime_t *rt, unsigned long seed, long events, FILE *out, FILE *err);

#endif
