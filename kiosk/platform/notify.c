#include "platform/notify.h"

#include <stdio.h>
#include <string.h>
#include <systemd/sd-daemon.h>

void notify_init(notify_t *n)
{
    uint64_t usec = 0;
    memset(n, 0, sizeof *n);
    if (sd_watchdog_enabled(0, &usec) > 0) {
        n->watchdog_ms = usec / 1000u ? usec / 1000u : 1;
    }
}

void notify_ready(notify_t *n, const char *status)
{
    if (n->ready) {
        return;
    }
    n->ready = true;
    sd_notifyf(0, "READY=1\nSTATUS=%s", status);
}

void notify_watchdog(notify_t *n, uint64_t now_ms)
{
    if (n->watchdog_ms == 0 || (n->last_ping_ms && now_ms - n->last_ping_ms < n->watchdog_ms / 4)) {
        return;
    }
    n->last_ping_ms = now_ms;
    sd_notify(0, "WATCHDOG=1");
}

int notify_max_wait_ms(const notify_t *n)
{
    if (n->watchdog_ms == 0) {
        return -1;
    }
    uint64_t quarter = n->watchdog_ms / 4;
    return quarter > 60000 ? 60000 : (int)(quarter ? quarter : 1);
}

void notify_stopping(notify_t *n, const char *status)
{
    sd_notifyf(0, "STOPPING=1\nSTATUS=%s", status);
}
