/* Command-line entry points main.c wires in (DESIGN §9). No SDL. */
#ifndef KIOSK_REPORT_REPORT_CLI_H
#define KIOSK_REPORT_REPORT_CLI_H

#include "platform/config.h"

#include <stdio.h>

/** kiosk --deliver: delivers everything in the outbox once through the configured transport,
 *  printing "delivered REPORT-ID" or "deferred REPORT-ID: reason" per envelope to out.
 *  Exit code: 0 all delivered (or nothing queued), 2 some deferred, 1 setup error. */
int report_cli_deliver(const kiosk_config_t *cfg, FILE *out);

/** kiosk --signing-key: prints the kiosk's Ed25519 public key as one line of base64 (for
 *  `kiosk-reports trust KIOSK-ID KEY`), creating the key on first use (0600 in the state
 *  dir).
 *  Exit code 0, or 1 with a message on out. */
int report_cli_signing_key(const kiosk_config_t *cfg, FILE *out);

#endif
