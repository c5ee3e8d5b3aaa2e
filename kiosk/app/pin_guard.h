/* Brute-force protection for the staff PIN: a few free tries, then growing delays, then a
 * lockout, all on the app's clock (virtual in replays and tests). Every failure is logged
 * with its count and the wait, never with what was typed. Lives in app_t, outside the
 * session, so that Quick exit or a timeout does not reset it. */
#ifndef KIOSK_APP_PIN_GUARD_H
#define KIOSK_APP_PIN_GUARD_H

#include <stdbool.h>
#include <stdint.h>

#define PIN_GUARD_LOCKOUT_AFTER 6       /* failures in a row that lock the PIN screen */
#define PIN_GUARD_LOCKOUT_MS (15u * 60u * 1000u)
#define PIN_MIN_DIGITS 6                /* for new hashes (kiosk --hash-pin) */
#define PIN_MAX_DIGITS 16

typedef struct pin_guard {
    int failures;         /* in a row */
    uint64_t next_try_ms; /* no check before this */
} pin_guard_t;

/** Milliseconds until a PIN may be checked again (0: now). */
uint64_t pin_guard_wait_ms(const pin_guard_t *g, uint64_t now_ms);
/** True while the guard is in its lockout (not just a delay). */
bool pin_guard_locked(const pin_guard_t *g, uint64_t now_ms);
/** The delay that follows the n-th failure in a row (table in pin_guard.c). */
uint64_t pin_guard_delay_ms(int failures);
/** A wrong PIN: counts it, sets the wait, logs both (never the PIN). */
void pin_guard_failed(pin_guard_t *g, uint64_t now_ms);
/** The right PIN: the count starts again. */
void pin_guard_succeeded(pin_guard_t *g);

#endif
