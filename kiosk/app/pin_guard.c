#include "app/pin_guard.h"

#include "platform/log.h"

/* After the free tries each failure waits longer; from PIN_GUARD_LOCKOUT_AFTER on, every
 * failure locks for PIN_GUARD_LOCKOUT_MS. 200 guesses then take days, not seconds. */
static const uint64_t PIN_GUARD_DELAYS_MS[PIN_GUARD_LOCKOUT_AFTER] = {
    0, 0, 0, 30u * 1000u, 2u * 60u * 1000u, 5u * 60u * 1000u,
};

uint64_t pin_guard_delay_ms(int failures)
{
    if (failures <= 0) {
        return 0;
    }
    if (failures >= PIN_GUARD_LOCKOUT_AFTER) {
        return PIN_GUARD_LOCKOUT_MS;
    }
    return PIN_GUARD_DELAYS_MS[failures];
}

uint64_t pin_guard_wait_ms(const pin_guard_t *g, uint64_t now_ms)
{
    return g->next_try_ms > now_ms ? g->next_try_ms - now_ms : 0;
}

bool pin_guard_locked(const pin_guard_t *g, uint64_t now_ms)
{
    return g->failures >= PIN_GUARD_LOCKOUT_AFTER && pin_guard_wait_ms(g, now_ms) > 0;
}

void pin_guard_failed(pin_guard_t *g, uint64_t now_ms)
{
    if (g->failures < PIN_GUARD_LOCKOUT_AFTER * 1000) { /* saturates, never wraps */
        g->failures++;
    }
    uint64_t delay = pin_guard_delay_ms(g->failures);
    g->next_try_ms = now_ms + delay;
    log_warn("admin: wrong staff PIN (%d in a row); next try in %llu s%s", g->failures,
             (unsigned long long)(delay / 1000u),
             g->failures >= PIN_GUARD_LOCKOUT_AFTER ? " (PIN screen locked)" : "");
}

void pin_guard_succeeded(pin_guard_t *g)
{
    if (g->failures > 0) {
        log_info("admin: staff PIN accepted after %d wrong tries", g->failures);
    } else {
        log_info("admin: staff PIN accepted");
    }
    g->failures = 0;
    g->next_try_ms = 0;
}
