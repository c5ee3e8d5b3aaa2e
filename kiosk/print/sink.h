/* Where printed bytes go (DESIGN §3: printer behind a small function-pointer table).
 * Every operation takes an absolute deadline on the monotonic clock and returns by it,
 * so a dead printer can hold up only the print thread, and only until its time-out. */
#ifndef KIOSK_PRINT_SINK_H
#define KIOSK_PRINT_SINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PRINT_SINK_SPEC_MAX 1024
#define PRINT_TCP_DEFAULT_PORT 9100
/* How long to wait for an answer to the first status request: printers that do not
 * implement DLE EOT never answer, and the slip is sent anyway after this. */
#define PRINT_STATUS_FIRST_WAIT_MS 1500

typedef enum {
    PRINT_SINK_STATUS_OK,        /* answered: paper present */
    PRINT_SINK_STATUS_PAPER_OUT, /* answered: no paper */
    PRINT_SINK_STATUS_NO_ANSWER, /* nothing by the deadline (or the sink cannot ask) */
    PRINT_SINK_STATUS_ERROR,     /* connection lost: err says why */
} print_sink_status_t;

typedef struct print_sink print_sink_t;

typedef struct print_sink_ops {
    const char *kind; /* "tcp", "device", "file", "null" */
    bool (*open)(print_sink_t *sink, uint64_t deadline_ms, char *err, size_t err_size);
    bool (*write)(print_sink_t *sink, const uint8_t *data, size_t len, uint64_t deadline_ms,
                  char *err, size_t err_size);
    /* May be NULL: the sink cannot ask the printer. */
    print_sink_status_t (*status)(print_sink_t *sink, uint64_t deadline_ms, char *err,
                                  size_t err_size);
    /* Finishes the job (a file is renamed into place here). */
    bool (*close)(print_sink_t *sink, uint64_t deadline_ms, char *err, size_t err_size);
    void (*destroy)(print_sink_t *sink);
} print_sink_ops_t;

/* Each sink embeds this first; tests make fake sinks the same way. */
struct print_sink {
    const print_sink_ops_t *ops;
};

/** False for "none" or an empty spec: no printer, so the kiosk offers no printing. */
bool print_sink_spec_enabled(const char *spec);

/** Makes the sink for a [printer] sink value: file:PATH, tcp:HOST[:PORT],
 *  device:PATH, or null (accepts and discards: development). Only parses: nothing is
 *  opened yet. NULL with err for "none" or a malformed spec. Caller frees with
 *  print_sink_destroy(). */
print_sink_t *print_sink_create(const char *spec, char *err, size_t err_size);
void print_sink_destroy(print_sink_t *sink);

/* The individual sinks (sink_*.c). Each copies what it needs from its arguments. */
print_sink_t *print_sink_tcp_create(const char *host, int port, char *err, size_t err_size);
print_sink_t *print_sink_device_create(const char *path, char *err, size_t err_size);
print_sink_t *print_sink_file_create(const char *path, char *err, size_t err_size);
print_sink_t *print_sink_null_create(void);

/** Milliseconds on the monotonic clock (the time base of every deadline). */
uint64_t print_now_ms(void);
/** Milliseconds left until deadline (0 when past), capped to fit poll(). */
int print_ms_left(uint64_t deadline_ms);

/** For sinks: waits (poll, EINTR retried) until fd is ready for events or the deadline.
 *  1 ready, 0 timed out, -1 error. */
int print_fd_wait(int fd, short events, uint64_t deadline_ms);
/** For sinks: writes all of data to a non-blocking fd (send() without SIGPIPE when socket),
 *  waiting for room until the deadline. False with "timed out: ..." or "<what>: <errno>". */
bool print_fd_write_all(int fd, bool socket, const uint8_t *data, size_t len, uint64_t deadline,
                        const char *what, char *err, size_t n);

#endif
