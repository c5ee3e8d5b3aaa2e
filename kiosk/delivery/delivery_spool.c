/* Spool transport: the default. A directory another process (or a person with a USB
 * stick, or rsync) collects from; files appear whole or not at all. */
#include "delivery/delivery_transport.h"

#include "platform/paths.h"
#include "report/report_files.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define SPOOL_NAME_MAX 64
/* A temp file older than this belongs to a writer that was killed, not to one writing now
 * (a write takes milliseconds; kiosk --deliver may run beside the kiosk). */
#define SPOOL_STALE_TEMP_S 60

/* Removes temp files (".<id>.json.XXXXXX", see report_file_write_atomic()) that a killed
 * writer left: the envelope is still in the outbox and is sent again. */
static void spool_remove_stale_temps(const char *dir)
{
    DIR *d = opendir(dir);
    if (!d) {
        return;
    }
    time_t now = time(NULL);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        const char *n = e->d_name;
        if (n[0] != '.' || !strstr(n, ".json.")) {
            continue;
        }
        char path[CONFIG_PATH_MAX + 300];
        struct stat st;
        snprintf(path, sizeof path, "%s/%s", dir, n);
        if (lstat(path, &st) == 0 && S_ISREG(st.st_mode) &&
            now - st.st_mtime > SPOOL_STALE_TEMP_S) {
            unlink(path);
        }
    }
    closedir(d);
}

typedef struct spool_state {
    char dir[CONFIG_PATH_MAX];
} spool_state_t;

static bool spool_send(delivery_transport_t *t, const char *report_id,
                       const unsigned char *envelope, size_t len, char *err, size_t err_size)
{
    spool_state_t *s = t->state;
    char name[SPOOL_NAME_MAX];
    if (!delivery_report_id_valid(report_id)) {
        snprintf(err, err_size, "spool: malformed report id");
        return false;
    }
    snprintf(name, sizeof name, "%s.json", report_id);
    return report_file_write_atomic(s->dir, name, envelope, len, 0600, false, NULL, err, err_size);
}

static void spool_destroy(delivery_transport_t *t)
{
    free(t->state);
    free(t);
}

delivery_transport_t *delivery_spool_create(const char *dir, char *err, size_t err_size)
{
    if (!paths_mkdirs(dir, 0700, err, err_size)) {
        return NULL;
    }
    delivery_transport_t *t = calloc(1, sizeof *t);
    spool_state_t *s = calloc(1, sizeof *s);
    if (!t || !s) {
        free(t);
        free(s);
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    snprintf(s->dir, sizeof s->dir, "%s", dir);
    spool_remove_stale_temps(s->dir);
    t->name = "spool";
    t->send = spool_send;
    t->destroy = spool_destroy;
    t->state = s;
    return t;
}
