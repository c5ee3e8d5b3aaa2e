/* Logging to syslog and stderr. Never log personal data: no free text, names,
 * contact details, report content or references. Log codes, counts and states. */
#ifndef KIOSK_PLATFORM_LOG_H
#define KIOSK_PLATFORM_LOG_H

#include <stdbool.h>

typedef enum { LOG_LEVEL_DEBUG, LOG_LEVEL_INFO, LOG_LEVEL_WARN, LOG_LEVEL_ERROR } log_level_t;

/** Opens syslog under ident; to_stderr also echoes lines to stderr. */
void log_init(const char *ident, bool to_stderr, log_level_t min_level);
void log_msg(log_level_t level, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#define log_debug(...) log_msg(LOG_LEVEL_DEBUG, __VA_ARGS__)
#define log_info(...) log_msg(LOG_LEVEL_INFO, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_LEVEL_WARN, __VA_ARGS__)
#define log_error(...) log_msg(LOG_LEVEL_ERROR, __VA_ARGS__)

#endif
