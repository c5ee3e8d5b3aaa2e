#include "platform/fd_io.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

#define FD_READ_FIRST 65536u /* the first buffer; doubled as needed */

bool fd_write_all(int fd, const void *data, size_t n)
{
    const char *p = data;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR) {
            continue;
        }
        if (w <= 0) {
            if (w == 0) {
                errno = EIO;
            }
            return false;
        }
        p += w;
        n -= (size_t)w;
    }
    return true;
}

char *fd_read_all(int fd, size_t max, size_t *len)
{
    size_t cap = FD_READ_FIRST, n = 0;
    char *buf = malloc(cap);
    while (buf) {
        if (n == cap) {
            char *grown = cap < max ? realloc(buf, cap * 2) : NULL;
            if (!grown) {
                free(buf);
                errno = cap < max ? ENOMEM : EFBIG;
                return NULL;
            }
            buf = grown;
            cap *= 2;
        }
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r < 0) {
            int saved = errno;
            free(buf);
            errno = saved;
            return NULL;
        }
        if (r == 0) {
            break;
        }
        n += (size_t)r;
    }
    *len = n;
    return buf;
}
