/* HTTPS transport: each envelope is POSTed by a kiosk-post child process (kiosk/post/),
 * which alone links libcurl and its TLS stack: they are mapped only while a delivery runs,
 * not for the whole life of the kiosk that shows the screens (about 5 MiB of its memory).
 * TLS verification is never turned off (kiosk-post has no switch for it); a private CA and
 * a client certificate can be configured. The envelope goes to the child's standard input
 * (it is sealed: nothing personal is readable in it), the child's one-line answer comes
 * back on its standard output. */
#define _GNU_SOURCE /* pipe2 */
#include "delivery/delivery_transport.h"
#include "platform/fd_io.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef KIOSK_LIBEXEC_DIR
#define KIOSK_LIBEXEC_DIR "/usr/libexec/kiosk"
#endif
#define HTTPS_POST_NAME "kiosk-post"
#define HTTPS_ANSWER_MAX 512
#define HTTPS_POLL_MS 100   /* how often a waiting send looks at the cancel flag */
#define HTTPS_GRACE_S 5     /* beyond [delivery] timeout_s before a silent child is ended */

extern char **environ;

typedef struct https_state {
    char url[CONFIG_PATH_MAX];
    char ca_file[CONFIG_PATH_MAX];
    char client_cert[CONFIG_PATH_MAX];
    char client_key[CONFIG_PATH_MAX];
    char post_bin[PATH_MAX];
    long timeout_s;
} https_state_t;

/* KIOSK_POST_BIN (tests), else kiosk-post beside the running program (a build tree), else
 * the installed one in libexec. */
/* kiosk-post beside the running program into out; false when there is none. */
static bool post_bin_beside_self(char *out, size_t size)
{
    char self[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n <= 0) {
        return false;
    }
    self[n] = '\0';
    char *slash = strrchr(self, '/');
    if (!slash) {
        return false;
    }
    *slash = '\0';
    return snprintf(out, size, "%s/%s", self, HTTPS_POST_NAME) < (int)size &&
           access(out, X_OK) == 0;
}

static bool post_bin_find(char *out, size_t size, char *err, size_t err_size)
{
    const char *env = getenv("KIOSK_POST_BIN");
    if (env && env[0]) {
        snprintf(out, size, "%s", env);
    } else if (!post_bin_beside_self(out, size)) {
        snprintf(out, size, "%s/%s", KIOSK_LIBEXEC_DIR, HTTPS_POST_NAME);
    }
    if (access(out, X_OK) != 0) {
        snprintf(err, err_size, "https: cannot run %s: %s", out, strerror(errno));
        return false;
    }
    return true;
}

/* The child's answer (its standard output to the end) into answer; false when the send was
 * cancelled or the child stayed silent past the time-out (the caller ends it). */
static bool read_answer(const delivery_transport_t *t, int fd, long timeout_s, char *answer,
                        size_t size)
{
    size_t used = 0;
    long waited_ms = 0, limit_ms = (timeout_s + HTTPS_GRACE_S) * 1000;
    answer[0] = '\0';
    while (waited_ms < limit_ms && !(t->cancel && atomic_load(t->cancel))) {
        struct pollfd p = {.fd = fd, .events = POLLIN};
        int ready = poll(&p, 1, HTTPS_POLL_MS);
        if (ready == 0 || (ready < 0 && errno == EINTR)) {
            waited_ms += HTTPS_POLL_MS;
            continue;
        }
        ssize_t r = ready > 0 ? read(fd, answer + used, size - 1 - used) : -1;
        if (r < 0 && errno == EINTR) {
            continue;
        }
        if (r <= 0 || used + (size_t)r >= size - 1) {
            used += r > 0 ? (size_t)r : 0;
            answer[used] = '\0';
            return true; /* the end (or all we keep of it) */
        }
        used += (size_t)r;
        answer[used] = '\0';
    }
    return false;
}

/* What the child's answer means for this send. */
static bool answer_means(delivery_transport_t *t, const char *answer, char *err,
                         size_t err_size)
{
    long status = 0;
    size_t line = strcspn(answer, "\n");
    if (strncmp(answer, "ok\n", 3) == 0) {
        return true;
    }
    if (sscanf(answer, "http %ld", &status) == 1) {
        t->rejected = delivery_http_status_permanent(status);
        snprintf(err, err_size, "https: server answered HTTP %ld%s", status,
                 t->rejected ? " (refused for good)" : "");
    } else if (strncmp(answer, "error ", 6) == 0) {
        snprintf(err, err_size, "https: %.*s", (int)(line - 6), answer + 6);
    } else {
        snprintf(err, err_size, "https: %s gave no answer", HTTPS_POST_NAME);
    }
    return false;
}

/* Starts the child with its standard input and output on pipes. */
static bool spawn_post(const https_state_t *s, const char *report_id, pid_t *pid, int *to,
                       int *from, char *err, size_t err_size)
{
    int in[2], out[2];
    if (pipe2(in, O_CLOEXEC) != 0) {
        snprintf(err, err_size, "https: pipe: %s", strerror(errno));
        return false;
    }
    if (pipe2(out, O_CLOEXEC) != 0) {
        snprintf(err, err_size, "https: pipe: %s", strerror(errno));
        close(in[0]);
        close(in[1]);
        return false;
    }
    char timeout[24];
    snprintf(timeout, sizeof timeout, "%ld", s->timeout_s);
    char *argv[] = {(char *)s->post_bin, (char *)s->url, timeout, (char *)s->ca_file,
                    (char *)s->client_cert, (char *)s->client_key, (char *)report_id, NULL};
    /* the kiosk blocks SIGTERM in every thread (platform/signals.h reads it from a file
     * descriptor): the child must not inherit that, or ending it would wait for its
     * time-out */
    sigset_t none, defaults;
    sigemptyset(&none);
    sigemptyset(&defaults);
    sigaddset(&defaults, SIGTERM);
    sigaddset(&defaults, SIGINT);
    sigaddset(&defaults, SIGPIPE);
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t attr;
    int rc = posix_spawn_file_actions_init(&fa);
    if (rc == 0) {
        rc = posix_spawnattr_init(&attr);
        if (rc == 0) {
            rc = posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF);
            rc = rc ? rc : posix_spawnattr_setsigmask(&attr, &none);
            rc = rc ? rc : posix_spawnattr_setsigdefault(&attr, &defaults);
            rc = rc ? rc : posix_spawn_file_actions_adddup2(&fa, in[0], STDIN_FILENO);
            rc = rc ? rc : posix_spawn_file_actions_adddup2(&fa, out[1], STDOUT_FILENO);
            rc = rc ? rc : posix_spawn(pid, s->post_bin, &fa, &attr, argv, environ);
            posix_spawnattr_destroy(&attr);
        }
        posix_spawn_file_actions_destroy(&fa);
    }
    close(in[0]);
    close(out[1]);
    if (rc != 0) {
        snprintf(err, err_size, "https: cannot run %s: %s", s->post_bin, strerror(rc));
        close(in[1]);
        close(out[0]);
        return false;
    }
    *to = in[1];
    *from = out[0];
    return true;
}

static bool https_send(delivery_transport_t *t, const char *report_id,
                       const unsigned char *envelope, size_t len, char *err, size_t err_size)
{
    const https_state_t *s = t->state;
    if (!delivery_report_id_valid(report_id)) {
        snprintf(err, err_size, "https: malformed report id");
        return false;
    }
    t->rejected = false;
    pid_t pid;
    int to, from;
    if (!spawn_post(s, report_id, &pid, &to, &from, err, err_size)) {
        return false;
    }
    bool written = fd_write_all(to, envelope, len); /* the child reads it all first */
    close(to);
    char answer[HTTPS_ANSWER_MAX];
    bool answered = read_answer(t, from, s->timeout_s, answer, sizeof answer);
    close(from);
    if (!answered) {
        kill(pid, SIGTERM); /* cancelled (the worker is stopping), or silent too long */
    }
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    if (!answered) {
        snprintf(err, err_size, "https: %s", t->cancel && atomic_load(t->cancel)
                                                 ? "cancelled"
                                                 : "no answer in time");
        return false;
    }
    if (!written || !WIFEXITED(status) || WEXITSTATUS(status) != 0) {
        snprintf(err, err_size, "https: %s %s", HTTPS_POST_NAME,
                 WIFSIGNALED(status) ? "crashed" : "failed");
        return false;
    }
    return answer_means(t, answer, err, err_size);
}

bool delivery_http_status_permanent(long status)
{
    return status >= 400 && status < 500 && status != 408 && status != 429;
}

static void https_destroy(delivery_transport_t *t)
{
    free(t->state);
    free(t);
}

/* A configured file as an absolute path, or "" when not configured. */
static void path_or_none(const kiosk_config_t *cfg, const char *value, char *out, size_t size)
{
    out[0] = '\0';
    if (value[0]) {
        config_data_path(cfg, value, out, size);
    }
}

delivery_transport_t *delivery_https_create(const kiosk_config_t *cfg, char *err, size_t err_size)
{
    if (strncmp(cfg->url, "https://", 8) != 0) {
        snprintf(err, err_size, "[delivery] url must start with https://");
        return NULL;
    }
    delivery_transport_t *t = calloc(1, sizeof *t);
    https_state_t *s = calloc(1, sizeof *s);
    if (!t || !s) {
        free(t);
        free(s);
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    if (!post_bin_find(s->post_bin, sizeof s->post_bin, err, err_size)) {
        free(t);
        free(s);
        return NULL;
    }
    snprintf(s->url, sizeof s->url, "%s", cfg->url);
    path_or_none(cfg, cfg->ca_file, s->ca_file, sizeof s->ca_file);
    path_or_none(cfg, cfg->client_cert, s->client_cert, sizeof s->client_cert);
    path_or_none(cfg, cfg->client_key, s->client_key, sizeof s->client_key);
    s->timeout_s = cfg->timeout_s;
    t->name = "https";
    t->send = https_send;
    t->destroy = https_destroy;
    t->state = s;
    return t;
}
