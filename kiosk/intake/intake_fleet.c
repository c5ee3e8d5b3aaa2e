/* POST /v1/heartbeat and GET /fleet: which units are healthy, for estates staff. The page
 * is server-rendered HTML in the kiosk's own colours, readable without JavaScript. */
#include "intake/intake.h"

#include "delivery/heartbeat.h"

#include <cjson/cJSON.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define FLEET_LOW_DISK_MB 500
#define FLEET_OLD_BACKLOG_S 3600
#define FLEET_TIME_MAX 32
#define FLEET_WARNINGS_MAX 512

/* ---- POST /v1/heartbeat ---- */

void intake_post_heartbeat(intake_t *in, const char *body, size_t len, bool too_large,
                           intake_reply_t *reply)
{
    char reason[INTAKE_REASON_MAX], err[INTAKE_STORE_ERROR_MAX];
    heartbeat_signed_t hb;
    if (too_large || len > HEARTBEAT_MAX) {
        intake_reply_error(reply, 413, "heartbeat larger than %d bytes", HEARTBEAT_MAX);
        return;
    }
    if (memchr(body, '\0', len)) {
        intake_reply_error(reply, 400, "heartbeat contains a NUL byte");
        return;
    }
    heartbeat_verify_t v = heartbeat_verify(body, len, &hb, reason, sizeof reason);
    if (v != HEARTBEAT_OK) {
        intake_reply_error(reply, v == HEARTBEAT_SIGNATURE ? 403 : 400, "%s", reason);
        return;
    }
    int64_t now = intake_now_ms();
    int status = 0, retry = 0;
    bool stale = false;
    if (!intake_kiosk_id_valid(hb.kiosk_id)) {
        intake_reply_error(reply, 400, "kiosk id must be [A-Za-z0-9._-]{1,63}");
    } else if ((status = intake_check_key(in, hb.kiosk_id, hb.signing_pk, now, reason,
                                          sizeof reason)) != 0) {
        intake_reply_error(reply, status, "%s", reason);
    } else if (!intake_rate_take(in->rate, hb.kiosk_id, now, &retry)) {
        intake_reply_error(reply, 429, "kiosk '%s' is sending too fast", hb.kiosk_id);
        reply->retry_after_s = retry;
    } else if (!intake_store_put_heartbeat(in->store, hb.kiosk_id, hb.status.sent_ms, now,
                                           hb.status_json, &stale, err, sizeof err)) {
        intake_reply_error(reply, 503, "storage unavailable; try again");
        reply->retry_after_s = 1;
    } else if (stale) {
        intake_reply_error(reply, 409, "not newer than the last heartbeat of kiosk '%s'",
                           hb.kiosk_id);
    } else {
        reply->status = 204;
        reply->content_type = "text/plain";
        reply->body = NULL;
        reply->body_len = 0;
    }
    free(hb.status_json);
}

/* ---- the page ---- */

typedef struct fleet_html {
    char *buf;
    size_t len, cap;
    bool failed;
    int64_t now_ms;
    int default_interval_s;
    char site[INTAKE_SITE_MAX + 1]; /* the site whose table is open; "\1" = none yet */
    int units, silent;
} fleet_html_t;

static void fleet_put(fleet_html_t *h, const char *text, size_t n)
{
    if (h->failed) {
        return;
    }
    if (h->len + n + 1 > h->cap) {
        size_t cap = h->cap ? h->cap * 2 : 8192;
        while (cap < h->len + n + 1) {
            cap *= 2;
        }
        char *grown = realloc(h->buf, cap);
        if (!grown) {
            h->failed = true;
            return;
        }
        h->buf = grown;
        h->cap = cap;
    }
    memcpy(h->buf + h->len, text, n);
    h->len += n;
    h->buf[h->len] = '\0';
}

static void fleet_raw(fleet_html_t *h, const char *text)
{
    fleet_put(h, text, strlen(text));
}

static void fleet_printf(fleet_html_t *h, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
static void fleet_printf(fleet_html_t *h, const char *fmt, ...)
{
    char line[1024];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line, fmt, ap);
    va_end(ap);
    fleet_put(h, line, n < 0 ? 0 : (size_t)n < sizeof line ? (size_t)n : sizeof line - 1);
}

/* Everything that came from a kiosk or the registry goes through here. */
static void fleet_text(fleet_html_t *h, const char *text)
{
    for (const char *p = text; *p; p++) {
        switch (*p) {
        case '<':
            fleet_raw(h, "&lt;");
            break;
        case '>':
            fleet_raw(h, "&gt;");
            break;
        case '&':
            fleet_raw(h, "&amp;");
            break;
        case '"':
            fleet_raw(h, "&quot;");
            break;
        case '\'':
            fleet_raw(h, "&#39;");
            break;
        default:
            fleet_put(h, p, 1);
        }
    }
}

static void fleet_age(int64_t seconds, char *out, size_t size)
{
    if (seconds < 0) {
        snprintf(out, size, "-");
    } else if (seconds < 120) {
        snprintf(out, size, "%lld s", (long long)seconds);
    } else if (seconds < 7200) {
        snprintf(out, size, "%lld min", (long long)(seconds / 60));
    } else if (seconds < 172800) {
        snprintf(out, size, "%lld h", (long long)(seconds / 3600));
    } else {
        snprintf(out, size, "%lld days", (long long)(seconds / 86400));
    }
}

static const char FLEET_HEAD[] =
    "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
    "<title>Kiosk fleet</title><style>"
    "body{font-family:'Noto Sans',sans-serif;background:#F5F7FA;color:#1B232E;margin:0;"
    "font-size:18px}"
    "header{background:#004E9A;color:#fff;padding:16px 24px}"
    "header h1{margin:0;font-size:28px}header p{margin:4px 0 0}"
    "main{padding:8px 24px 24px}h2{font-size:22px;margin:24px 0 8px}"
    "table{border-collapse:collapse;width:100%;background:#fff}"
    "th,td{border:1px solid #5A6675;padding:8px 10px;text-align:left;vertical-align:top}"
    "th{background:#DDE1E6}tbody th{white-space:nowrap}"
    "tr.silent td{background:#FBEAEA}"
    ".flag{display:inline-block;background:#A31F1F;color:#fff;font-weight:bold;"
    "padding:2px 8px;border-radius:4px;margin-right:4px}"
    ".ok{color:#1B5E20;font-weight:bold}.muted{color:#4A5563}"
    "</style></head><body>\n";

static void fleet_open_site(fleet_html_t *h, const char *site)
{
    if (strcmp(h->site, site) == 0) {
        return;
    }
    if (h->site[0] != '\1') {
        fleet_raw(h, "</tbody></table>\n");
    }
    snprintf(h->site, sizeof h->site, "%s", site);
    fleet_raw(h, "<h2>Site: ");
    fleet_text(h, site[0] ? site : "(no site)");
    fleet_raw(h, "</h2>\n<table><thead><tr><th scope=\"col\">Unit</th>"
                 "<th scope=\"col\">Last heard</th><th scope=\"col\">Outbox</th>"
                 "<th scope=\"col\">Oldest unsent</th><th scope=\"col\">Printer</th>"
                 "<th scope=\"col\">Version</th><th scope=\"col\">Warnings</th></tr></thead>"
                 "<tbody>\n");
}

static void fleet_warn(char *w, size_t size, const char *text)
{
    size_t n = strlen(w);
    snprintf(w + n, size - n, "%s%s", n ? "; " : "", text);
}

static bool fleet_unit(void *user, const intake_unit_row_t *row)
{
    fleet_html_t *h = user;
    heartbeat_status_t s = {.outbox_depth = -1, .oldest_unsent_s = -1, .disk_free_mb = -1};
    char heard[FLEET_TIME_MAX], oldest[FLEET_TIME_MAX], warnings[FLEET_WARNINGS_MAX] = "";
    cJSON *o = row->body[0] ? cJSON_Parse(row->body) : NULL;
    const cJSON *it;
#define FLEET_NUM(key, field)                                                                      \
    if (cJSON_IsNumber(it = cJSON_GetObjectItemCaseSensitive(o, key))) {                           \
        s.field = (int64_t)it->valuedouble;                                                        \
    }
#define FLEET_STR(key, field)                                                                      \
    if (cJSON_IsString(it = cJSON_GetObjectItemCaseSensitive(o, key))) {                           \
        snprintf(s.field, sizeof s.field, "%s", it->valuestring);                                  \
    }
    FLEET_NUM("outbox_depth", outbox_depth)
    FLEET_NUM("oldest_unsent_s", oldest_unsent_s)
    FLEET_NUM("disk_free_mb", disk_free_mb)
    FLEET_STR("printer", printer)
    FLEET_STR("version", version)
    FLEET_STR("last_delivery", last_delivery)
    FLEET_STR("content", content)
    int64_t interval = h->default_interval_s;
    if (cJSON_IsNumber(it = cJSON_GetObjectItemCaseSensitive(o, "interval_s")) &&
        it->valuedouble > 0) {
        interval = (int64_t)it->valuedouble;
    }
#undef FLEET_NUM
#undef FLEET_STR
    cJSON_Delete(o);
    int64_t since_s = row->heard_ms ? (h->now_ms - row->heard_ms) / 1000 : -1;
    bool silent = !row->heard_ms || since_s > INTAKE_SILENT_HEARTBEATS * interval;
    h->units++;
    h->silent += silent;
    if (!row->heard_ms) {
        fleet_warn(warnings, sizeof warnings, "never heard from");
    }
    if (s.oldest_unsent_s > FLEET_OLD_BACKLOG_S) {
        fleet_warn(warnings, sizeof warnings, "reports waiting over an hour");
    }
    if (s.disk_free_mb >= 0 && s.disk_free_mb < FLEET_LOW_DISK_MB) {
        fleet_warn(warnings, sizeof warnings, "disk nearly full");
    }
    if (s.last_delivery[0] && strcmp(s.last_delivery, "ok") != 0 &&
        strcmp(s.last_delivery, "never") != 0) {
        char w[HEARTBEAT_STATE_MAX + 32];
        snprintf(w, sizeof w, "delivery failing: %s", s.last_delivery);
        fleet_warn(warnings, sizeof warnings, w);
    }
    if (strncmp(s.printer, "error", 5) == 0) {
        char w[HEARTBEAT_STATE_MAX + 32];
        snprintf(w, sizeof w, "printer: %s", s.printer);
        fleet_warn(warnings, sizeof warnings, w);
    }
    fleet_age(since_s, heard, sizeof heard);
    fleet_age(s.oldest_unsent_s, oldest, sizeof oldest);
    fleet_open_site(h, row->site);
    fleet_printf(h, "<tr class=\"%s\" id=\"unit-", silent ? "silent" : "heard");
    fleet_text(h, row->kiosk_id);
    fleet_raw(h, "\"><th scope=\"row\">");
    if (silent) {
        fleet_raw(h, "<span class=\"flag\">SILENT</span>");
    }
    fleet_text(h, row->kiosk_id);
    fleet_printf(h, "</th><td>%s%s</td><td>", row->heard_ms ? heard : "never",
                 row->heard_ms ? " ago" : "");
    if (s.outbox_depth >= 0) {
        fleet_printf(h, "%lld", (long long)s.outbox_depth);
    } else {
        fleet_raw(h, "-");
    }
    fleet_printf(h, "</td><td>%s</td><td>", oldest);
    fleet_text(h, s.printer[0] ? s.printer : "-");
    fleet_raw(h, "</td><td>");
    fleet_text(h, s.version[0] ? s.version : "-");
    fleet_raw(h, "</td><td>");
    if (silent) {
        fleet_printf(h, "silent: no heartbeat for over %d heartbeats (%lld s); ",
                     INTAKE_SILENT_HEARTBEATS, (long long)(INTAKE_SILENT_HEARTBEATS * interval));
    }
    if (warnings[0]) {
        fleet_text(h, warnings);
    } else if (!silent) {
        fleet_raw(h, "<span class=\"ok\">OK</span>");
    }
    fleet_raw(h, "</td></tr>\n");
    return !h->failed;
}

bool intake_fleet_render(intake_t *in, int64_t now_ms, char **html, size_t *len, char *err,
                         size_t err_size)
{
    fleet_html_t h = {.now_ms = now_ms, .default_interval_s = in->cfg->heartbeat_s};
    char stamp[FLEET_TIME_MAX];
    time_t t = (time_t)(now_ms / 1000);
    struct tm tm;
    gmtime_r(&t, &tm);
    strftime(stamp, sizeof stamp, "%Y-%m-%d %H:%M:%S UTC", &tm);
    h.site[0] = '\1';
    fleet_raw(&h, FLEET_HEAD);
    fleet_raw(&h, "<header><h1>Kiosk fleet</h1><p>Report &amp; Support kiosks: every "
                  "registered unit, by site. ");
    fleet_printf(&h, "Page made %s.</p></header>\n<main>\n", stamp);
    size_t summary_at = h.len;
    if (!intake_store_list_units(in->store, fleet_unit, &h, err, err_size) || h.failed) {
        free(h.buf);
        if (h.failed) {
            snprintf(err, err_size, "out of memory");
        }
        return false;
    }
    if (h.site[0] != '\1') {
        fleet_raw(&h, "</tbody></table>\n");
    } else {
        fleet_raw(&h, "<p>No kiosk is registered yet (kiosk-intake register).</p>\n");
    }
    fleet_raw(&h, "</main></body></html>\n");
    /* the summary goes above the tables, once the counts are known */
    char summary[256];
    int n = snprintf(summary, sizeof summary,
                     "<p id=\"summary\"><strong>%d unit%s, %d silent</strong> (silent: nothing "
                     "heard for more than %d heartbeat intervals).</p>\n",
                     h.units, h.units == 1 ? "" : "s", h.silent, INTAKE_SILENT_HEARTBEATS);
    size_t tail = h.len - summary_at;
    fleet_put(&h, summary, (size_t)n); /* grow first */
    if (h.failed) {
        free(h.buf);
        snprintf(err, err_size, "out of memory");
        return false;
    }
    memmove(h.buf + summary_at + n, h.buf + summary_at, tail);
    memcpy(h.buf + summary_at, summary, (size_t)n);
    h.buf[h.len] = '\0';
    *html = h.buf;
    *len = h.len;
    return true;
}

/* ---- GET /fleet ---- */

static bool fleet_login_ok(const intake_t *in, const char *user, const char *password)
{
    const intake_config_t *cfg = in->cfg;
    if (!user || !password || strlen(user) != strlen(cfg->fleet_user) ||
        sodium_memcmp(user, cfg->fleet_user, strlen(user)) != 0) {
        return false;
    }
    return crypto_pwhash_str_verify(cfg->fleet_password_hash, password, strlen(password)) == 0;
}

void intake_get_fleet(intake_t *in, const char *user, const char *password, intake_reply_t *reply)
{
    char err[INTAKE_STORE_ERROR_MAX];
    if (!in->cfg->fleet_password_hash[0]) {
        intake_reply_error(reply, 403, "the fleet page is off: no [fleet] password_hash");
        return;
    }
    if (!fleet_login_ok(in, user, password)) {
        intake_reply_error(reply, 401, "log in as the [fleet] user");
        reply->www_authenticate = "Basic realm=\"kiosk fleet\", charset=\"UTF-8\"";
        return;
    }
    char *html = NULL;
    size_t len = 0;
    if (!intake_fleet_render(in, intake_now_ms(), &html, &len, err, sizeof err)) {
        intake_reply_error(reply, 503, "storage unavailable; try again");
        return;
    }
    reply->status = 200;
    reply->content_type = "text/html; charset=utf-8";
    reply->body = html;
    reply->body_len = len;
}
