/* Where things live: the state directory (outbox, keys) and the data directory
 * (locales/, config/, assets/). */
#ifndef KIOSK_PLATFORM_PATHS_H
#define KIOSK_PLATFORM_PATHS_H

#include <stdbool.h>
#include <stddef.h>

/** $XDG_STATE_HOME/kiosk, else $HOME/.local/state/kiosk, else /var/lib/kiosk. */
void paths_default_state_dir(char *out, size_t size);
/** $KIOSK_DATA_DIR, else the source tree if it has locales/, else the install tree. */
void paths_default_data_dir(char *out, size_t size);
/** mkdir -p with the given mode for each created level. */
bool paths_mkdirs(const char *path, unsigned mode, char *err, size_t err_size);

#endif
