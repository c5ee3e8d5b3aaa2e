/* Whole reads and writes on a file descriptor (files, pipes), retrying short transfers
 * and EINTR: the one copy of these loops. No SDL. */
#ifndef KIOSK_PLATFORM_FD_IO_H
#define KIOSK_PLATFORM_FD_IO_H

#include <stdbool.h>
#include <stddef.h>

/** Writes all n bytes of data to fd. False (errno set; EIO when the write made no
 *  progress) on an error. */
bool fd_write_all(int fd, const void *data, size_t n);

/** Reads fd to its end into a malloc'd buffer (*len bytes; the caller frees). NULL (errno
 *  set; EFBIG when it holds more than max bytes) on an error. */
char *fd_read_all(int fd, size_t max, size_t *len);

#endif
