/* Printers that are files: a device node (/dev/usb/lp0) written without blocking, and a
 * plain file for tests and previews, written to a temporary name and renamed into place
 * so a reader never sees half a job. */
#include "print/sink.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define FILE_SINK_PATH_MAX 1024

typedef struct file_sink {
    print_sink_t base;
    char path[FILE_SINK_PATH_MAX];
    char tmp[FILE_SINK_PATH_MAX + 16];
    bool device;
    int fd;
} file_sink_t;

static bool file_open(print_sink_t *s, uint64_t deadline, char *err, size_t n)
{
    file_sink_t *f = (file_sink_t *)s;
    if (f->device) {
        /* O_NONBLOCK: an unplugged or jammed printer must not hang open() or write(). */
        f->fd = open(f->path, O_WRONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
    } else {
        f->fd = open(f->tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    }
    if (f->fd < 0) {
        snprintf(err, n, "printer %s: %s", f->path, strerror(errno));
        return false;
    }
    return true;
}

static bool file_write(print_sink_t *s, const uint8_t *data, size_t len, uint64_t deadline,
                       char *err, size_t n)
{
    file_sink_t *f = (file_sink_t *)s;
    char what[sizeof f->path + 16];
    snprintf(what, sizeof what, "printer %s", f->path);
    return print_fd_write_all(f->fd, false, data, len, deadline, what, err, n);
}

static bool file_close(print_sink_t *s, uint64_t deadline, char *err, size_t n)
{
    file_sink_t *f = (file_sink_t *)s;
    bool ok = true;
    if (!f->device && fsync(f->fd) != 0) {
        snprintf(err, n, "%s: %s", f->tmp, strerror(errno));
        ok = false;
    }
    if (close(f->fd) != 0 && ok) {
        snprintf(err, n, "%s: %s", f->path, strerror(errno));
        ok = false;
    }
    f->fd = -1;
    if (ok && !f->device && rename(f->tmp, f->path) != 0) {
        snprintf(err, n, "%s: %s", f->path, strerror(errno));
        ok = false;
    }
    return ok;
}

static void file_destroy(print_sink_t *s)
{
    file_sink_t *f = (file_sink_t *)s;
    if (f->fd >= 0) {
        close(f->fd);
        if (!f->device) {
            unlink(f->tmp); /* a job that failed half-way leaves nothing behind */
        }
    }
    free(f);
}

static const print_sink_ops_t DEVICE_OPS = {
    .kind = "device",
    .open = file_open,
    .write = file_write,
    .status = NULL, /* USB printer class status is not the ESC/POS one: not asked */
    .close = file_close,
    .destroy = file_destroy,
};

static const print_sink_ops_t FILE_OPS = {
    .kind = "file",
    .open = file_open,
    .write = file_write,
    .status = NULL,
    .close = file_close,
    .destroy = file_destroy,
};

static print_sink_t *make(const char *path, bool device, char *err, size_t err_size)
{
    if (strlen(path) >= FILE_SINK_PATH_MAX) {
        snprintf(err, err_size, "printer path too long");
        return NULL;
    }
    file_sink_t *f = calloc(1, sizeof *f);
    if (!f) {
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    f->base.ops = device ? &DEVICE_OPS : &FILE_OPS;
    f->device = device;
    f->fd = -1;
    snprintf(f->path, sizeof f->path, "%s", path);
    snprintf(f->tmp, sizeof f->tmp, "%s.tmp", path);
    return &f->base;
}

print_sink_t *print_sink_device_create(const char *path, char *err, size_t err_size)
{
    return make(path, true, err, err_size);
}

print_sink_t *print_sink_file_create(const char *path, char *err, size_t err_size)
{
    return make(path, false, err, err_size);
}
