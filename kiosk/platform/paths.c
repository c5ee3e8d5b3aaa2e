#include "platform/paths.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

void paths_default_state_dir(char *out, size_t size)
{
    const char *unit = getenv("STATE_DIRECTORY");
    const char *xdg = getenv("XDG_STATE_HOME");
    const char *home = getenv("HOME");
    if (unit && unit[0] == '/') {
        /* systemd's StateDirectory=; with several it is a ':' list and the first is ours */
        snprintf(out, size, "%.*s", (int)strcspn(unit, ":"), unit);
    } else if (xdg && xdg[0] == '/') {
        snprintf(out, size, "%s/kiosk", xdg);
    } else if (home && home[0] == '/') {
        snprintf(out, size, "%s/.local/state/kiosk", home);
    } else {
        snprintf(out, size, "/var/lib/kiosk");
    }
}

void paths_default_data_dir(char *out, size_t size)
{
    const char *env = getenv("KIOSK_DATA_DIR");
    if (env && env[0]) {
        snprintf(out, size, "%s", env);
        return;
    }
    /* never the source tree: an installed binary must not read a stale checkout */
    snprintf(out, size, "%s", KIOSK_DATA_INSTALL_DIR);
}

void paths_content_file(const char *config_path, const char *data_dir, const char *name,
                        char *out, size_t size)
{
    if (config_path && config_path[0]) {
        const char *slash = strrchr(config_path, '/');
        int dir_len = slash ? (int)(slash - config_path) : 1;
        snprintf(out, size, "%.*s/%s", dir_len, slash ? config_path : ".", name);
        struct stat st;
        if (stat(out, &st) == 0 && S_ISREG(st.st_mode)) {
            return;
        }
    }
    snprintf(out, size, "%s/config/%s", data_dir, name);
}

bool paths_mkdirs(const char *path, unsigned mode, char *err, size_t err_size)
{
    char buf[1024];
    if (!path[0]) { /* the loop below starts after the first byte */
        snprintf(err, err_size, "empty directory path");
        return false;
    }
    if (snprintf(buf, sizeof buf, "%s", path) >= (int)sizeof buf) {
        snprintf(err, err_size, "path too long: %s", path);
        return false;
    }
    for (char *p = buf + 1;; p++) {
        if (*p == '/' || *p == '\0') {
            char saved = *p;
            *p = '\0';
            if (mkdir(buf, mode) != 0 && errno != EEXIST) {
                snprintf(err, err_size, "cannot create %s: %s", buf, strerror(errno));
                return false;
            }
            *p = saved;
            if (saved == '\0') {
                break;
            }
        }
    }
    return true;
}
