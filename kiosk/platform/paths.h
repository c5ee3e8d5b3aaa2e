/* Where things live: the state directory (outbox, keys) and the data directory
 * (locales/, config/, assets/). */
#ifndef KIOSK_PLATFORM_PATHS_H
#define KIOSK_PLATFORM_PATHS_H

#include <stdbool.h>
#include <stddef.h>

/** $STATE_DIRECTORY (systemd), else $XDG_STATE_HOME/kiosk, else
 *  $HOME/.local/state/kiosk, else /var/lib/kiosk. */
void paths_default_state_dir(char *out, size_t size);
/** $KIOSK_DATA_DIR (the test suite sets it), else the install tree. Never the source
 *  tree. */
void paths_default_data_dir(char *out, size_t size);
/** A content file a site may replace (services.ini, areas.ini): the one next to the
 *  configuration file (/etc/kiosk/services.ini) if there is one, else the packaged
 *  DATA_DIR/config/NAME. */
void paths_content_file(const char *config_path, const char *data_dir, const char *name,
                        char *out, size_t size);
/** mkdir -p with the given mode for each created level. */
bool paths_mkdirs(const char *path, unsigned mode, char *err, size_t err_size);

#endif
