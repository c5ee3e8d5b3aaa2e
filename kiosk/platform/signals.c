#include "platform/signals.h"

#include <errno.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/signalfd.h>
#include <unistd.h>

struct signals {
    pthread_t thread;
    pthread_mutex_t lock; /* guards fn and user */
    signals_stop_fn fn;
    void *user;
    int sig_fd;  /* SIGTERM, SIGINT */
    int quit_fd; /* eventfd: signals_destroy() wakes the watcher */
};

static void signals_stop_set(sigset_t *set)
{
    sigemptyset(set);
    sigaddset(set, SIGTERM);
    sigaddset(set, SIGINT);
    sigaddset(set, SIGHUP); /* reload content: the handler tells it from a stop by signo */
}

/* No handler: end the process as the default action would (exit status 128 + signo). */
static void signals_default(int signo)
{
    sigset_t one;
    sigemptyset(&one);
    sigaddset(&one, signo);
    signal(signo, SIG_DFL);
    pthread_sigmask(SIG_UNBLOCK, &one, NULL);
    raise(signo);
}

static void *signals_watch(void *arg)
{
    signals_t *s = arg;
    struct pollfd fds[2] = {{.fd = s->sig_fd, .events = POLLIN},
                            {.fd = s->quit_fd, .events = POLLIN}};
    for (;;) {
        if (poll(fds, 2, -1) < 0) {
            if (errno == EINTR) {
                continue;
            }
            break;
        }
        if (fds[1].revents) {
            break;
        }
        struct signalfd_siginfo info;
        if (read(s->sig_fd, &info, sizeof info) != (ssize_t)sizeof info) {
            continue;
        }
        pthread_mutex_lock(&s->lock);
        signals_stop_fn fn = s->fn;
        void *user = s->user;
        pthread_mutex_unlock(&s->lock);
        if (fn) {
            fn(user, (int)info.ssi_signo);
        } else {
            signals_default((int)info.ssi_signo);
        }
    }
    return NULL;
}

signals_t *signals_create(char *err, size_t err_size)
{
    sigset_t set;
    signals_stop_set(&set);
    signals_t *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    s->sig_fd = -1;
    s->quit_fd = -1;
    pthread_mutex_init(&s->lock, NULL);
    if (pthread_sigmask(SIG_BLOCK, &set, NULL) != 0 ||
        (s->sig_fd = signalfd(-1, &set, SFD_CLOEXEC)) < 0 ||
        (s->quit_fd = eventfd(0, EFD_CLOEXEC)) < 0 ||
        pthread_create(&s->thread, NULL, signals_watch, s) != 0) {
        snprintf(err, err_size, "cannot watch for SIGTERM: %s", strerror(errno));
        pthread_sigmask(SIG_UNBLOCK, &set, NULL);
        if (s->sig_fd >= 0) {
            close(s->sig_fd);
        }
        if (s->quit_fd >= 0) {
            close(s->quit_fd);
        }
        pthread_mutex_destroy(&s->lock);
        free(s);
        return NULL;
    }
    return s;
}

void signals_set_handler(signals_t *s, signals_stop_fn fn, void *user)
{
    if (!s) {
        return;
    }
    pthread_mutex_lock(&s->lock);
    s->fn = fn;
    s->user = user;
    pthread_mutex_unlock(&s->lock);
}

void signals_destroy(signals_t *s)
{
    if (!s) {
        return;
    }
    uint64_t one = 1;
    if (write(s->quit_fd, &one, sizeof one) == (ssize_t)sizeof one) {
        pthread_join(s->thread, NULL);
    } else {
        pthread_detach(s->thread);
    }
    close(s->sig_fd);
    close(s->quit_fd);
    pthread_mutex_destroy(&s->lock);
    free(s);
}
