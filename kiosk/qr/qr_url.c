#include "qr/qr_url.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

#define HTTPS_PREFIX "https://"
#define PLACEHOLDER "{reference}"

static bool host_char_ok(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '.';
}

bool qr_url_host(const char *url, char *host, size_t host_size)
{
    size_t plen = strlen(HTTPS_PREFIX);
    if (strncasecmp(url, HTTPS_PREFIX, plen) != 0) {
        return false;
    }
    const char *start = url + plen;
    size_t n = strcspn(start, "/?#");
    if (n == 0 || n >= host_size) {
        return false;
    }
    /* Only letters, digits, '-' and '.': refuses user info ('@') and ports (':'). */
    for (size_t i = 0; i < n; i++) {
        if (!host_char_ok(start[i])) {
            return false;
        }
    }
    if (start[0] == '.' || start[n - 1] == '.') {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        char c = start[i];
        host[i] = (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
    }
    host[n] = '\0';
    return true;
}

/* host equals entry, or ends with "." + entry. */
static bool host_matches(const char *host, const char *entry, size_t entry_len)
{
    size_t hlen = strlen(host);
    if (entry_len == 0 || hlen < entry_len) {
        return false;
    }
    const char *tail = host + hlen - entry_len;
    if (strncasecmp(tail, entry, entry_len) != 0) {
        return false;
    }
    return hlen == entry_len || tail[-1] == '.';
}

bool qr_url_host_allowed(const char *host, const char *allowed_hosts)
{
    const char *p = allowed_hosts ? allowed_hosts : "";
    while (*p) {
        p += strspn(p, ", \t");
        size_t n = strcspn(p, ", \t");
        if (n > 0 && host_matches(host, p, n)) {
            return true;
        }
        p += n;
    }
    return false;
}

bool qr_url_check(const char *url, const char *allowed_hosts, char *err, size_t err_size)
{
    size_t len = strlen(url);
    if (len == 0 || len > QR_URL_MAX) {
        snprintf(err, err_size, "URL must be 1 to %d bytes", QR_URL_MAX);
        return false;
    }
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)url[i];
        if (c <= ' ' || c >= 0x7F || c == '{' || c == '}' || c == '"' || c == '\\') {
            snprintf(err, err_size, "URL has a character a QR link may not carry at %zu", i);
            return false;
        }
    }
    char host[QR_HOST_MAX];
    if (!qr_url_host(url, host, sizeof host)) {
        snprintf(err, err_size, "URL must be https:// with a plain host name: %s", url);
        return false;
    }
    if (!qr_url_host_allowed(host, allowed_hosts)) {
        snprintf(err, err_size, "host %s is not on [qr] allowed_hosts", host);
        return false;
    }
    return true;
}

static bool reference_ok(const char *ref)
{
    size_t n = strlen(ref);
    if (n == 0 || n > QR_REFERENCE_MAX) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        char c = ref[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
              c == '-')) {
            return false;
        }
    }
    return true;
}

bool qr_url_expand(const char *tmpl, const char *reference, const char *allowed_hosts, char *out,
                   size_t out_size, char *err, size_t err_size)
{
    if (!reference_ok(reference)) {
        snprintf(err, err_size, "reference must be 1 to %d letters, digits or '-'",
                 QR_REFERENCE_MAX);
        return false;
    }
    size_t used = 0;
    for (const char *p = tmpl; *p;) {
        const char *piece = p;
        size_t n;
        if (*p == '{') {
            if (strncmp(p, PLACEHOLDER, strlen(PLACEHOLDER)) != 0) {
                snprintf(err, err_size, "follow-up URL: only {reference} may be filled in");
                return false;
            }
            piece = reference;
            n = strlen(reference);
            p += strlen(PLACEHOLDER);
        } else {
            n = strcspn(p, "{");
            p += n;
        }
        if (used + n >= out_size) {
            snprintf(err, err_size, "follow-up URL too long");
            return false;
        }
        memcpy(out + used, piece, n);
        used += n;
    }
    out[used] = '\0';
    if (strchr(tmpl, '}') && !strstr(tmpl, PLACEHOLDER)) {
        snprintf(err, err_size, "follow-up URL: stray '}'");
        return false;
    }
    char host_tmpl[QR_HOST_MAX], host_out[QR_HOST_MAX];
    /* The reference may go in the path or query only, never into the host. */
    if (qr_url_host(out, host_out, sizeof host_out) &&
        (!qr_url_host(tmpl, host_tmpl, sizeof host_tmpl) || strcmp(host_tmpl, host_out) != 0)) {
        snprintf(err, err_size, "follow-up URL: {reference} may not be in the host");
        return false;
    }
    return qr_url_check(out, allowed_hosts, err, err_size);
}
