#include "report/report_files.h"
#include "platform/fd_io.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define REPORT_FILE_PATH_MAX 1200

bool report_file_sync_dir(const char *dir, char *err, size_t err_size)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        snprintf(err, err_size, "cannot open directory %s: %s", dir, strerror(errno));
        return false;
    }
    bool ok = fsync(fd) == 0;
    if (!ok) {
        snprintf(err, err_size, "cannot sync directory %s: %s", dir, strerror(errno));
    }
    close(fd);
    return ok;
}

bool report_file_write_atomic(const char *dir, const char *name, const void *data, size_t len,
                              mode_t mode, bool exclusive, bool *existed, char *err,
                              size_t err_size)
{
    char tmp[REPORT_FILE_PATH_MAX], final[REPORT_FILE_PATH_MAX];
    if (existed) {
        *existed = false;
    }
    /* The temp name starts with '.' so readers of a spool directory skip it. */
    if (snprintf(tmp, sizeof tmp, "%s/.%s.XXXXXX", dir, name) >= (int)sizeof tmp ||
        snprintf(final, sizeof final, "%s/%s", dir, name) >= (int)sizeof final) {
        snprintf(err, err_size, "path too long in %s", dir);
        return false;
    }
    int fd = mkstemp(tmp);
    if (fd < 0) {
        snprintf(err, err_size, "cannot create a file in %s: %s", dir, strerror(errno));
        return false;
    }
    const char *step = "write";
    bool ok = fchmod(fd, mode) == 0 && fd_write_all(fd, data, len) &&
              (step = "sync", fsync(fd) == 0);
    int saved = errno;
    if (close(fd) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    if (ok && exclusive) {
        /* link() fails if the name exists: no second writer can replace a first key */
        step = "link";
        ok = link(tmp, final) == 0;
        saved = errno;
        unlink(tmp);
        if (!ok && saved == EEXIST && existed) {
            *existed = true;
        }
    } else if (ok) {
        step = "rename";
        ok = rename(tmp, final) == 0;
        saved = errno;
    }
    if (!ok) {
        unlink(tmp);
        snprintf(err, err_size, "cannot %s %s: %s", step, final, strerror(saved));
        return false;
    }
    return report_file_sync_dir(dir, err, err_size);
}

bool report_file_read(const char *path, size_t max, unsigned char **data, size_t *len, char *err,
                      size_t err_size)
{
    *data = NULL;
    *len = 0;
    /* non-blocking: a FIFO or device must fail at fstat below, not hang the open */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
    if (fd < 0) {
        snprintf(err, err_size, "cannot open %s: %s", path, strerror(errno));
        return false;
    }
    struct stat st;
    if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (size_t)st.st_size > max) {
        snprintf(err, err_size, "%s is not a regular file of at most %zu bytes", path, max);
        close(fd);
        return false;
    }
    unsigned char *buf = malloc((size_t)st.st_size + 1);
    size_t got = 0;
    while (buf && got < (size_t)st.st_size) {
        ssize_t n = read(fd, buf + got, (size_t)st.st_size - got);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break;
        }
        got += (size_t)n;
    }
    close(fd);
    if (!buf || got != (size_t)st.st_size) {
        snprintf(err, err_size, "cannot read %s", path);
        free(buf);
        return false;
    }
    buf[got] = '\0';
    *data = buf;
    *len = got;
    return true;
}
