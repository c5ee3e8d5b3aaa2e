/* Command-line entry points for printing; main.c wires the options to them:
 *   kiosk --print-test [--lang L]             -> print_cli_test(cfg, L or NULL, stdout)
 *   kiosk --slip-preview --lang L --out F.png -> print_cli_slip_preview(cfg, L, F.png)
 * Both lay out the same sample slip (reference PRINT_SAMPLE_REFERENCE, every service), so
 * a test print can be checked against a preview dot for dot. Both return an exit code. */
#ifndef KIOSK_PRINT_PRINT_CLI_H
#define KIOSK_PRINT_PRINT_CLI_H

#include "platform/config.h"

#include <stdio.h>

#define PRINT_CLI_POLL_MS 10 /* how often the CLI looks at the job, like a UI frame */

/** Prints a test slip in lang (NULL: [content] default_language) to [printer] sink and
 *  waits for the job, polling it as the UI would. Writes the outcome and poll timings
 *  ("print-test: done", "print-test: failed: paper out", "polls=N max_poll_us=U
 *  elapsed_ms=E") to out. 0 when printed, 1 when not, 2 for bad arguments. */
int print_cli_test(const kiosk_config_t *cfg, const char *lang, FILE *out);

/** Renders the sample slip in lang at [printer] width_dots to a PNG at out_png.
 *  0 on success, 1 on failure (message on stderr), 2 for bad arguments. */
int print_cli_slip_preview(const kiosk_config_t *cfg, const char *lang, const char *out_png);

#endif
