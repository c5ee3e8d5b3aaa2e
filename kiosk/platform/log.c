#include "platform/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <syslog.h>

/* Logging is process-wide by nature (syslog is); these are set once at start-up. */
static bool g_to_stderr = true;
static log_level_t g_min_level = LOG_LEVEL_INFO;

void log_init(const char *ident, bool to_stderr, log_level_t min_level)
{
    g_to_stderr = to_stderr;
    g_min_level = min_level;
    openlog(ident, LOG_PID | LOG_NDELAY, LOG_USER);
}

void log_msg(log_level_t level, const char *fmt, ...)
{
    static const int prio[] = {LOG_DEBUG, LOG_INFO, LOG_WARNING, LOG_ERR};
    static const char *name[] = {"debug", "info", "warning", "error"};
    if (level < g_min_level) {
        return;
    }
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    syslog(prio[level], "%s", line);
    if (g_to_stderr) {
        fprintf(stderr, "kiosk: %s: %s\n", name[level], line);
    }
}
