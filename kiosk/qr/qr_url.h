/* What a QR code may carry (DESIGN §2, §8): only configured support URLs over https,
 * on the host allow-list, and an optional follow-up URL template whose only placeholder
 * is the report's reference. Never personal data or report content. No SDL. */
#ifndef KIOSK_QR_QR_URL_H
#define KIOSK_QR_QR_URL_H

#include <stdbool.h>
#include <stddef.h>

#define QR_URL_MAX 512
#define QR_HOST_MAX 256
#define QR_REFERENCE_MAX 32

/** Writes the host of an https URL ("www.samaritans.org") into host. False when url
 *  is not an https URL with a plain host (no user info, no port). */
bool qr_url_host(const char *url, char *host, size_t host_size);

/** True when host is on allowed_hosts (comma-separated; an entry also allows its
 *  subdomains: "samaritans.org" allows "www.samaritans.org"). */
bool qr_url_host_allowed(const char *host, const char *allowed_hosts);

/** Checks a URL before it becomes a QR code: https, a plain host on allowed_hosts,
 *  printable ASCII without spaces or braces, at most QR_URL_MAX bytes. False with the
 *  reason in err. */
bool qr_url_check(const char *url, const char *allowed_hosts, char *err, size_t err_size);

/** Expands a follow-up URL template. {reference} is the only placeholder allowed (any
 *  other {...} is refused, so no personal field can ever be put in); the reference must
 *  be letters, digits and '-' only. The result must pass qr_url_check(). */
bool qr_url_expand(const char *tmpl, const char *reference, const char *allowed_hosts, char *out,
                   size_t out_size, char *err, size_t err_size);

#endif
