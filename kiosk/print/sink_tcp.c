/* Raw TCP to a network printer (port 9100, "JetDirect"). Non-blocking socket, every wait
 * bounded by poll() until the deadline; MSG_NOSIGNAL so a dropped connection is an
 * error, not a SIGPIPE that would kill the kiosk. */
#include "print/escpos.h"
#include "print/sink.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

typedef struct tcp_sink {
    print_sink_t base;
    char host[256];
    int port;
    int fd;
} tcp_sink_t;

/* Waits for events on fd until the deadline. 1 ready, 0 timed out, -1 error (errno). */
static bool connect_one(tcp_sink_t *t, const struct addrinfo *ai, uint64_t deadline, char *err,
                        size_t n)
{
    int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, ai->ai_protocol);
    if (fd < 0) {
        snprintf(err, n, "socket: %s", strerror(errno));
        return false;
    }
    if (connect(fd, ai->ai_addr, ai->ai_addrlen) != 0 && errno != EINPROGRESS) {
        snprintf(err, n, "printer %s:%d: %s", t->host, t->port, strerror(errno));
        close(fd);
        return false;
    }
    int rc = print_fd_wait(fd, POLLOUT, deadline);
    int soerr = 0;
    socklen_t len = sizeof soerr;
    if (rc == 1 && getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &len) == 0 && soerr == 0) {
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        t->fd = fd;
        return true;
    }
    snprintf(err, n, "printer %s:%d: %s", t->host, t->port,
             rc == 0 ? "timed out connecting" : strerror(soerr ? soerr : errno));
    close(fd);
    return false;
}

static bool tcp_open(print_sink_t *s, uint64_t deadline, char *err, size_t n)
{
    tcp_sink_t *t = (tcp_sink_t *)s;
    char port[16];
    snprintf(port, sizeof port, "%d", t->port);
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_STREAM};
    struct addrinfo *res = NULL;
    /* getaddrinfo() cannot be bounded; it runs on the print thread, and the job's own
     * watchdog reports the time-out to the UI if a resolver hangs. */
    int rc = getaddrinfo(t->host, port, &hints, &res);
    if (rc != 0) {
        snprintf(err, n, "printer %s: %s", t->host, gai_strerror(rc));
        return false;
    }
    bool ok = false;
    for (const struct addrinfo *ai = res; ai && !ok; ai = ai->ai_next) {
        ok = connect_one(t, ai, deadline, err, n);
    }
    freeaddrinfo(res);
    return ok;
}

static bool tcp_write(print_sink_t *s, const uint8_t *data, size_t len, uint64_t deadline,
                      char *err, size_t n)
{
    tcp_sink_t *t = (tcp_sink_t *)s;
    return print_fd_write_all(t->fd, true, data, len, deadline, "printer connection lost", err,
                              n);
}

static print_sink_status_t tcp_status(print_sink_t *s, uint64_t deadline, char *err, size_t n)
{
    tcp_sink_t *t = (tcp_sink_t *)s;
    uint8_t req[3];
    escpos_status_request(ESCPOS_STATUS_PAPER, req);
    if (!tcp_write(s, req, sizeof req, deadline, err, n)) {
        return PRINT_SINK_STATUS_ERROR;
    }
    for (;;) {
        int rc = print_fd_wait(t->fd, POLLIN, deadline);
        if (rc == 0) {
            return PRINT_SINK_STATUS_NO_ANSWER;
        }
        uint8_t answer = 0;
        ssize_t r = rc > 0 ? recv(t->fd, &answer, 1, 0) : -1;
        if (r == 1) {
            return escpos_status_paper_out(answer) ? PRINT_SINK_STATUS_PAPER_OUT
                                                   : PRINT_SINK_STATUS_OK;
        }
        if (r < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)) {
            continue;
        }
        snprintf(err, n, "printer closed the connection%s%s", r < 0 ? ": " : "",
                 r < 0 ? strerror(errno) : "");
        return PRINT_SINK_STATUS_ERROR;
    }
}

static bool tcp_close(print_sink_t *s, uint64_t deadline, char *err, size_t n)
{
    tcp_sink_t *t = (tcp_sink_t *)s;
    if (t->fd >= 0) {
        shutdown(t->fd, SHUT_WR);
        close(t->fd);
        t->fd = -1;
    }
    return true;
}

static void tcp_destroy(print_sink_t *s)
{
    tcp_sink_t *t = (tcp_sink_t *)s;
    if (t->fd >= 0) {
        close(t->fd);
    }
    free(t);
}

static const print_sink_ops_t TCP_OPS = {
    .kind = "tcp",
    .open = tcp_open,
    .write = tcp_write,
    .status = tcp_status,
    .close = tcp_close,
    .destroy = tcp_destroy,
};

print_sink_t *print_sink_tcp_create(const char *host, int port, char *err, size_t err_size)
{
    tcp_sink_t *t = calloc(1, sizeof *t);
    if (!t) {
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    t->base.ops = &TCP_OPS;
    snprintf(t->host, sizeof t->host, "%s", host);
    t->port = port;
    t->fd = -1;
    return &t->base;
}
