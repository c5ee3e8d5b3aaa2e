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
/* The monkey checks layout, memory and the outbox, never pixels: it draws into a surface 64
 * times smaller each way (runtime_open_headless_scaled): filling full-size frames was two
 * thirds of an event's time, and at 1/8 the software renderer's fills were still a quarter
 * of a sanitizer run. Every drawing call is still made. */
#define MONKEY_DRAW_DIVISOR 64

typedef struct monkey_options {
    unsigned long seed;
    long events;
    /* scan memory for the typed markers after every wipe; off under valgrind, whose own
     * checks are the point there and which runs the scan a hundred times slower */
    bool memory_scan;
    /* the bound on one event, 0 for MONKEY_EVENT_BOUND_MS; valgrind runs everything some 40
     * times slower, so there the bound is given (--event-bound-ms) */
    long event_bound_ms;
} monkey_options_t;

/** Runs opt->events events from opt->seed; prints figures to out and each broken check to
 *  err. Returns 0 when every check held. */
int monkey_run(runtime_t *rt, const monkey_options_t *opt, FILE *out, FILE *err);

#endif
