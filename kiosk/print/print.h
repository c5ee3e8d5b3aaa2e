/* Printing a slip, as the screens use it:
 *
 *     print_slip_t slip;
 *     print_slip_prepare(&slip, cfg, services, lang, rtl, reference, motivations, time(NULL));
 *     job = print_slip_start(cfg, text, i18n, &slip, err, sizeof err);   // UI thread
 *     ... each frame: state = print_job_poll(job, NULL, 0);              // never waits
 *     print_job_destroy(job);                                            // never waits
 *
 * The slip is rendered on the calling thread (the text engine is not thread-safe; a
 * slip takes a few tens of milliseconds); only the printer I/O runs on the job thread. */
#ifndef KIOSK_PRINT_PRINT_H
#define KIOSK_PRINT_PRINT_H

#include "content/services.h"
#include "i18n/catalog.h"
#include "platform/config.h"
#include "print/escpos.h"
#include "print/job.h"
#include "print/slip.h"
#include "qr/qr_url.h"

#include <stdbool.h>
#include <time.h>

#define PRINT_SAMPLE_REFERENCE "TEST-0000" /* test slips and previews: never a report's */

/* A slip's content with the storage its strings need. */
typedef struct print_slip {
    slip_content_t content;
    char lang[16];
    char reference[QR_REFERENCE_MAX + 1];
    char date[SLIP_DATE_MAX];
    char follow_up_url[QR_URL_MAX + 1];
} print_slip_t;

/** True when [printer] sink names a printer (the screens offer "Print" only then). */
bool print_enabled(const kiosk_config_t *cfg);

/** Fills slip for a person in lang (rtl from its lang_info_t) with the report's
 *  reference ("" on the support screen) and motivation bits (0: every service). The
 *  follow-up QR is added only when [qr] follow_up_url expands to an allowed URL. */
void print_slip_prepare(print_slip_t *slip, const kiosk_config_t *cfg, const services_t *services,
                        const char *lang, bool rtl, const char *reference, unsigned motivations,
                        time_t now);

/** Renders and encodes slip for the configured printer width and cut. raster_out (may be
 *  NULL) receives the raster (caller frees with print_raster_destroy()). False with err. */
bool print_slip_encode(const kiosk_config_t *cfg, text_engine_t *text, const i18n_t *i18n,
                       const print_slip_t *slip, print_bytes_t *out, print_raster_t **raster_out,
                       char *err, size_t err_size);

/** Renders slip and starts printing it to [printer] sink with [printer] timeout_s.
 *  NULL with err when nothing could be started (no printer, bad sink, render failure):
 *  the screens then show print.failed and keep the QR codes on screen. */
print_job_t *print_slip_start(const kiosk_config_t *cfg, text_engine_t *text, const i18n_t *i18n,
                              const print_slip_t *slip, char *err, size_t err_size);

#endif
