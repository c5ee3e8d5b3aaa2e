/* SIGTERM and SIGINT (stop) and SIGHUP (reload content) as ordinary events. The signals are blocked in every thread (so
 * create this before starting any thread: threads inherit the mask) and one watcher
 * thread takes them from a signalfd. With a handler set, the handler runs on the watcher
 * thread (the kiosk's pushes an SDL event, so the main loop stops cleanly: session
 * wiped, delivery stopped, outbox closed). Without one, the signal does what it did
 * before: the process ends. */
#ifndef KIOSK_PLATFORM_SIGNALS_H
#define KIOSK_PLATFORM_SIGNALS_H

#include <stdbool.h>
#include <stddef.h>

typedef struct signals signals_t;

/** Called on the watcher thread with the signal number; must be thread-safe. */
typedef void (*signals_stop_fn)(void *user, int signo);

/** Blocks SIGTERM and SIGINT in the calling thread and starts the watcher. NULL with err
 *  on failure (the signals then keep their default action). */
signals_t *signals_create(char *err, size_t err_size);
/** Sets (or, with NULL, clears) what a stop signal does. */
void signals_set_handler(signals_t *s, signals_stop_fn fn, void *user);
/** Stops the watcher. NULL: no-op. */
void signals_destroy(signals_t *s);

#endif
