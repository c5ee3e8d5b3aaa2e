#include "intake/intake_http.h"

#include "platform/log.h"

#include <arpa/inet.h>
#include <errno.h>
#include <stdarg.h>
#include <microhttpd.h>
#include <sodium.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#define HTTP_PEM_MAX (256 * 1024)

struct intake_server {
    struct MHD_Daemon *daemon;
    intake_t *in;
    char *tls_cert_pem; /* must outlive the daemon */
    char *tls_key_pem;
    int port;
};

/* One request's state, from its first header to its answer. */
typedef struct http_request {
    char *body;
    size_t len, cap;
    bool too_large;
    bool is_post;
} http_request_t;

static char *http_read_pem(const char *path, char *err, size_t err_size)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, err_size, "%s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    char *buf = malloc(HTTP_PEM_MAX);
    size_t n = buf ? fread(buf, 1, HTTP_PEM_MAX - 1, f) : 0;
    bool ok = buf && !ferror(f) && n > 0 && n < HTTP_PEM_MAX - 1;
    fclose(f);
    if (!ok) {
        free(buf);
        snprintf(err, err_size, "%s: empty, unreadable or larger than %d bytes", path,
                 HTTP_PEM_MAX);
        return NULL;
    }
    buf[n] = '\0';
    return buf;
}

static enum MHD_Result http_send(struct MHD_Connection *c, intake_reply_t *reply,
                                 const char *extra_name, const char *extra_value)
{
    struct MHD_Response *r =
        MHD_create_response_from_buffer(reply->body_len, reply->body, MHD_RESPMEM_MUST_FREE);
    if (!r) {
        intake_reply_clear(reply);
        return MHD_NO;
    }
    reply->body = NULL; /* libmicrohttpd frees it */
    MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE,
                            reply->content_type ? reply->content_type : "text/plain");
    MHD_add_response_header(r, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
    MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
    if (reply->retry_after_s > 0) {
        char seconds[16];
        snprintf(seconds, sizeof seconds, "%d", reply->retry_after_s);
        MHD_add_response_header(r, MHD_HTTP_HEADER_RETRY_AFTER, seconds);
    }
    if (reply->www_authenticate) {
        MHD_add_response_header(r, MHD_HTTP_HEADER_WWW_AUTHENTICATE, reply->www_authenticate);
    }
    if (extra_name) {
        MHD_add_response_header(r, extra_name, extra_value);
    }
    enum MHD_Result ok = MHD_queue_response(c, (unsigned)reply->status, r);
    MHD_destroy_response(r);
    intake_reply_clear(reply);
    return ok;
}

static bool http_append(http_request_t *rq, const char *data, size_t n, size_t max)
{
    if (rq->too_large || rq->len + n > max) {
        rq->too_large = true;
        free(rq->body);
        rq->body = NULL;
        rq->len = rq->cap = 0;
        return true; /* the rest is read and dropped, then 413 */
    }
    if (rq->len + n + 1 > rq->cap) {
        size_t cap = rq->cap ? rq->cap : 4096;
        while (cap < rq->len + n + 1) {
            cap *= 2;
        }
        char *grown = realloc(rq->body, cap);
        if (!grown) {
            return false;
        }
        rq->body = grown;
        rq->cap = cap;
    }
    memcpy(rq->body + rq->len, data, n);
    rq->len += n;
    rq->body[rq->len] = '\0';
    return true;
}

static void http_route(intake_t *in, struct MHD_Connection *c, const char *url, const char *method,
                       http_request_t *rq, intake_reply_t *reply, const char **allow)
{
    bool get = strcmp(method, MHD_HTTP_METHOD_GET) == 0;
    bool post = strcmp(method, MHD_HTTP_METHOD_POST) == 0;
    const char *body = rq->body ? rq->body : "";
    if (strcmp(url, "/v1/reports") == 0 || strcmp(url, "/v1/heartbeat") == 0) {
        *allow = "POST";
        if (!post) {
            intake_reply_error(reply, 405, "use POST");
        } else if (url[4] == 'r') {
            const char *key = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Idempotency-Key");
            intake_post_report(in, key, body, rq->len, rq->too_large, reply);
        } else {
            intake_post_heartbeat(in, body, rq->len, rq->too_large, reply);
        }
        return;
    }
    *allow = "GET";
    if (strcmp(url, "/v1/envelopes") == 0 && get) {
        intake_get_envelopes(
            in, MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_AUTHORIZATION),
            MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "after"),
            MHD_lookup_connection_value(c, MHD_GET_ARGUMENT_KIND, "limit"), reply);
    } else if (strcmp(url, "/v1/health") == 0 && get) {
        intake_get_health(in, reply);
    } else if (strcmp(url, "/fleet") == 0 && get) {
        char *password = NULL;
        char *user = MHD_basic_auth_get_username_password(c, &password);
        intake_get_fleet(in, user, password, reply);
        if (password) {
            sodium_memzero(password, strlen(password));
        }
        MHD_free(user);
        MHD_free(password);
    } else if (strcmp(url, "/v1/envelopes") == 0 || strcmp(url, "/v1/health") == 0 ||
               strcmp(url, "/fleet") == 0) {
        intake_reply_error(reply, 405, "use GET");
    } else {
        *allow = NULL;
        intake_reply_error(reply, 404, "no such resource");
    }
}

static enum MHD_Result http_access(void *cls, struct MHD_Connection *c, const char *url,
                                   const char *method, const char *version, const char *upload_data,
                                   size_t *upload_data_size, void **con_cls)
{
    intake_server_t *s = cls;
    size_t max = (size_t)s->in->cfg->max_envelope_bytes;
    http_request_t *rq = *con_cls;
    if (!rq) {
        rq = calloc(1, sizeof *rq);
        if (!rq) {
            return MHD_NO;
        }
        rq->is_post = strcmp(method, MHD_HTTP_METHOD_POST) == 0;
        const char *length =
            MHD_lookup_connection_value(c, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
        if (length && strtoull(length, NULL, 10) > max) {
            rq->too_large = true;
        }
        *con_cls = rq;
        return MHD_YES;
    }
    if (*upload_data_size) {
        if (!http_append(rq, upload_data, *upload_data_size, max)) {
            return MHD_NO;
        }
        *upload_data_size = 0;
        return MHD_YES;
    }
    intake_reply_t reply = {0};
    const char *allow = NULL;
    http_route(s->in, c, url, method, rq, &reply, &allow);
    if (reply.status >= 400 && reply.status != 404) {
        /* no report content here: a status and the one-line reason only */
        log_info("%s %s -> %d %.*s", method, url, reply.status,
                 reply.body_len ? (int)reply.body_len - 1 : 0, reply.body ? reply.body : "");
    }
    bool fleet = strcmp(url, "/fleet") == 0 && reply.status == 200;
    if (reply.status == 405) {
        return http_send(c, &reply, MHD_HTTP_HEADER_ALLOW, allow ? allow : "GET");
    }
    return http_send(c, &reply, fleet ? "Content-Security-Policy" : NULL,
                     "default-src 'none'; style-src 'unsafe-inline'");
}

/* libmicrohttpd's own messages ("closed with incomplete request" for every client that hangs
 * up mid-upload) are routine for a fleet on flaky networks: debug level, not warnings. */
static void http_mhd_log(void *cls, const char *fmt, va_list ap)
{
    char line[256];
    vsnprintf(line, sizeof line, fmt, ap);
    line[strcspn(line, "\n")] = '\0';
    log_debug("libmicrohttpd: %s", line);
}

static void http_completed(void *cls, struct MHD_Connection *c, void **con_cls,
                           enum MHD_RequestTerminationCode toe)
{
    http_request_t *rq = *con_cls;
    if (rq) {
        free(rq->body);
        free(rq);
        *con_cls = NULL;
    }
}

static bool http_address(const intake_config_t *cfg, struct sockaddr_storage *ss, bool *v6)
{
    memset(ss, 0, sizeof *ss);
    struct sockaddr_in *a4 = (struct sockaddr_in *)ss;
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)ss;
    if (inet_pton(AF_INET, cfg->listen, &a4->sin_addr) == 1) {
        a4->sin_family = AF_INET;
        a4->sin_port = htons((uint16_t)cfg->port);
        *v6 = false;
        return true;
    }
    if (inet_pton(AF_INET6, cfg->listen, &a6->sin6_addr) == 1) {
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t)cfg->port);
        *v6 = true;
        return true;
    }
    return false;
}

intake_server_t *intake_server_start(intake_t *in, char *err, size_t err_size)
{
    const intake_config_t *cfg = in->cfg;
    struct sockaddr_storage ss;
    bool v6 = false;
    if (!http_address(cfg, &ss, &v6)) {
        snprintf(err, err_size, "[server] listen '%s' is not an IP address", cfg->listen);
        return NULL;
    }
    intake_server_t *s = calloc(1, sizeof *s);
    if (!s) {
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    s->in = in;
    unsigned flags = MHD_USE_THREAD_PER_CONNECTION | MHD_USE_INTERNAL_POLLING_THREAD |
                     MHD_USE_ERROR_LOG | (v6 ? MHD_USE_IPv6 : 0);
    bool tls = intake_config_tls(cfg);
    if (tls) {
        if (MHD_is_feature_supported(MHD_FEATURE_TLS) != MHD_YES) {
            snprintf(err, err_size, "this libmicrohttpd was built without TLS");
            goto fail;
        }
        s->tls_cert_pem = http_read_pem(cfg->tls_cert, err, err_size);
        s->tls_key_pem = s->tls_cert_pem ? http_read_pem(cfg->tls_key, err, err_size) : NULL;
        if (!s->tls_key_pem) {
            goto fail;
        }
        flags |= MHD_USE_TLS;
    }
    s->daemon = MHD_start_daemon(flags, 0, NULL, NULL, http_access, s, MHD_OPTION_SOCK_ADDR,
                                 (struct sockaddr *)&ss, MHD_OPTION_EXTERNAL_LOGGER, http_mhd_log,
                                 NULL, MHD_OPTION_NOTIFY_COMPLETED, http_completed, s,
                                 MHD_OPTION_CONNECTION_LIMIT, (unsigned)cfg->max_connections,
                                 MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)cfg->timeout_s,
                                 tls ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, s->tls_cert_pem,
                                 MHD_OPTION_HTTPS_MEM_KEY, s->tls_key_pem, MHD_OPTION_END);
    if (!s->daemon) {
        snprintf(err, err_size, "cannot listen on %s port %d (in use, or a bad certificate)",
                 cfg->listen, cfg->port);
        goto fail;
    }
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
    s->port = info ? info->port : cfg->port;
    return s;
fail:
    intake_server_stop(s);
    return NULL;
}

int intake_server_port(const intake_server_t *s)
{
    return s->port;
}

void intake_server_stop(intake_server_t *s)
{
    if (!s) {
        return;
    }
    if (s->daemon) {
        MHD_stop_daemon(s->daemon);
    }
    if (s->tls_key_pem) {
        sodium_memzero(s->tls_key_pem, strlen(s->tls_key_pem));
    }
    free(s->tls_key_pem);
    free(s->tls_cert_pem);
    free(s);
}
