/* The HTTP side of kiosk-intake on libmicrohttpd: routing, bodies, headers, TLS (GnuTLS
 * inside libmicrohttpd). The answers themselves come from intake.c. */
#ifndef KIOSK_INTAKE_INTAKE_HTTP_H
#define KIOSK_INTAKE_INTAKE_HTTP_H

#include "intake/intake.h"

typedef struct intake_server intake_server_t;

/** Listens on cfg's address and port (TLS when tls_cert is set) and serves in->store with
 *  a thread per connection. NULL + err on failure. */
intake_server_t *intake_server_start(intake_t *in, char *err, size_t err_size);
/** The bound port (useful with port = 0). */
int intake_server_port(const intake_server_t *s);
/** Stops listening, finishes and frees. NULL: no-op. */
void intake_server_stop(intake_server_t *s);

#endif
