/* Telling systemd how the kiosk is (sd_notify, libsystemd): READY=1 after the first frame,
 * WATCHDOG=1 from the main loop at a quarter of WatchdogSec (so a UI that stops drawing
 * is restarted), STOPPING=1 on the way out. Without NOTIFY_SOCKET every call does nothing.
 * Called from the UI thread only. */
#ifndef KIOSK_PLATFORM_NOTIFY_H
#define KIOSK_PLATFORM_NOTIFY_H

#include <stdbool.h>
#include <stdint.h>

typedef struct notify {
    uint64_t watchdog_ms; /* 0: no watchdog */
    uint64_t last_ping_ms;
    bool ready;
} notify_t;

/** Reads WATCHDOG_USEC (and WATCHDOG_PID, which must be ours when set). */
void notify_init(notify_t *n);
/** READY=1 with a status line; once. */
void notify_ready(notify_t *n, const char *status);
/** WATCHDOG=1 when a quarter of the watchdog interval has passed since the last. */
void notify_watchdog(notify_t *n, uint64_t now_ms);
/** Longest the main loop may sleep and still ping in time (-1: no limit). */
int notify_max_wait_ms(const notify_t *n);
/** STOPPING=1 with a status line. */
void notify_stopping(notify_t *n, const char *status);

#endif
