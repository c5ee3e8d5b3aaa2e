#include "print/sink.h"

#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

uint64_t print_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

int print_ms_left(uint64_t deadline_ms)
{
    uint64_t now = print_now_ms();
    if (now >= deadline_ms) {
        return 0;
    }
    uint64_t left = deadline_ms - now;
    return left > INT_MAX ? INT_MAX : (int)left;
}

bool print_sink_spec_enabled(const char *spec)
{
    return spec && spec[0] != '\0' && strcmp(spec, "none") != 0;
}

/* "HOST[:PORT]", HOST may be [v6]. */
static print_sink_t *tcp_from_spec(const char *rest, char *err, size_t err_size)
{
    char host[256];
    int port = PRINT_TCP_DEFAULT_PORT;
    const char *colon = NULL;
    if (rest[0] == '[') {
        const char *close = strchr(rest, ']');
        if (!close || (size_t)(close - rest - 1) >= sizeof host) {
            snprintf(err, err_size, "printer sink tcp: bad [address]");
            return NULL;
        }
        snprintf(host, sizeof host, "%.*s", (int)(close - rest - 1), rest + 1);
        colon = close[1] == ':' ? close + 1 : NULL;
    } else {
        colon = strrchr(rest, ':');
        size_t n = colon ? (size_t)(colon - rest) : strlen(rest);
        if (n == 0 || n >= sizeof host) {
            snprintf(err, err_size, "printer sink tcp: needs a host");
            return NULL;
        }
        snprintf(host, sizeof host, "%.*s", (int)n, rest);
    }
    if (colon) {
        char *end = NULL;
        long p = strtol(colon + 1, &end, 10);
        if (!end || *end != '\0' || p < 1 || p > 65535) {
            snprintf(err, err_size, "printer sink tcp: bad port '%s'", colon + 1);
            return NULL;
        }
        port = (int)p;
    }
    return print_sink_tcp_create(host, port, err, err_size);
}

print_sink_t *print_sink_create(const char *spec, char *err, size_t err_size)
{
    if (!print_sink_spec_enabled(spec)) {
        snprintf(err, err_size, "no printer configured");
        return NULL;
    }
    if (strncmp(spec, "file:", 5) == 0 && spec[5]) {
        return print_sink_file_create(spec + 5, err, err_size);
    } else if (strncmp(spec, "device:", 7) == 0 && spec[7]) {
        return print_sink_device_create(spec + 7, err, err_size);
    } else if (strncmp(spec, "tcp:", 4) == 0 && spec[4]) {
        return tcp_from_spec(spec + 4, err, err_size);
    } else if (strcmp(spec, "null") == 0) {
        return print_sink_null_create();
    }
    snprintf(err, err_size,
             "printer sink must be none, null, file:PATH, tcp:HOST[:PORT] or device:PATH");
    return NULL;
}

void print_sink_destroy(print_sink_t *sink)
{
    if (sink) {
        sink->ops->destroy(sink);
    }
}

/* ---- null sink: accepts and discards ---- */

static bool null_open(print_sink_t *s, uint64_t d, char *err, size_t n)
{
    return true;
}

static bool null_write(print_sink_t *s, const uint8_t *data, size_t len, uint64_t d, char *err,
                       size_t n)
{
    return true;
}

static bool null_close(print_sink_t *s, uint64_t d, char *err, size_t n)
{
    return true;
}

static void null_destroy(print_sink_t *s)
{
    free(s);
}

static const print_sink_ops_t NULL_OPS = {
    .kind = "null",
    .open = null_open,
    .write = null_write,
    .status = NULL,
    .close = null_close,
    .destroy = null_destroy,
};

print_sink_t *print_sink_null_create(void)
{
    print_sink_t *s = calloc(1, sizeof *s);
    if (s) {
        s->ops = &NULL_OPS;
    }
    return s;
}

int print_fd_wait(int fd, short events, uint64_t deadline_ms)
{
    for (;;) {
        struct pollfd p = {.fd = fd, .events = events};
        int rc = poll(&p, 1, print_ms_left(deadline_ms));
        if (rc < 0 && errno == EINTR) {
            continue;
        }
        return rc < 0 ? -1 : rc;
    }
}

bool print_fd_write_all(int fd, bool socket, const uint8_t *data, size_t len, uint64_t deadline,
                        const char *what, char *err, size_t n)
{
    size_t done = 0;
    while (done < len) {
        ssize_t w = socket ? send(fd, data + done, len - done, MSG_NOSIGNAL)
                           : write(fd, data + done, len - done);
        if (w > 0) {
            done += (size_t)w;
            continue;
        }
        if (w < 0 && errno == EINTR) {
            continue;
        }
        if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            int rc = print_fd_wait(fd, POLLOUT, deadline);
            if (rc == 0) {
                snprintf(err, n, "timed out: the printer stopped taking data");
                return false;
            }
            if (rc > 0) {
                continue;
            }
        }
        snprintf(err, n, "%s: %s", what, w == 0 ? "wrote nothing" : strerror(errno));
        return false;
    }
    return true;
}
