/* The printed slip (DESIGN §8): laid out by the kiosk's own text engine into a 1-bit
 * raster of the printer's width, so every script prints as it shows on screen. It carries
 * the site, the date, the reference, what happens next and support services with QR
 * codes; never a name, contact detail or anything of what was reported. */
#ifndef KIOSK_PRINT_SLIP_H
#define KIOSK_PRINT_SLIP_H

#include "content/services.h"
#include "i18n/catalog.h"
#include "print/raster.h"
#include "text/text.h"

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

#define SLIP_SERVICES_MAX 12
#define SLIP_DOTS_PER_MM 8 /* 203 dpi, the usual thermal head on 58 and 80 mm paper */
#define SLIP_QR_MIN_MM 20  /* printed QR codes at least this wide (quiet zone included) */
#define SLIP_QR_MIN_MODULE_DOTS 4
#define SLIP_DATE_MAX 16

typedef struct slip_content {
    const char *site_name; /* [kiosk] site_name */
    const char *date;      /* "2025-01-31": see slip_format_date() */
    const char *reference; /* the report's reference; "" for a support-only slip */
    const char *lang;      /* the person's language */
    bool rtl;              /* lang runs right to left (lang_info_t.rtl): mirrors */
    bool bilingual;        /* also English when lang is not English */
    const service_t *services[SLIP_SERVICES_MAX]; /* chosen for the report's motivations */
    int service_count;
    const char *allowed_hosts; /* a service whose URL fails qr_url_check() gets no QR */
    const char *follow_up_url; /* an already expanded follow-up URL, or "" */
    bool test;                 /* a test slip or preview: says so at the top */
    /* discreet ([printer] slip = discreet, the default): a neutral heading, the reference,
     * one code (the first service with a link) and the phones of the first two services;
     * services[] then holds only general ones, so nothing says why the kiosk was used */
    bool discreet;
} slip_content_t;

/* What the layout did, for tests and the content linter. */
typedef struct slip_stats {
    int layouts;        /* text blocks laid out */
    int overflows;      /* blocks wider than their box (would be clipped) */
    int missing_glyphs; /* characters no font covers */
    int qr_codes;       /* QR codes drawn */
    int qr_module_dots; /* dots per module of the last QR code */
} slip_stats_t;

/** Lays out and draws the slip into a new raster width_dots wide (rounded up to a
 *  multiple of 8). Runs on the thread that owns text (the engine is not thread-safe) and
 *  starts a text frame on it, so no layout may be held across this call. stats may be
 *  NULL. NULL with err on failure. Caller frees with print_raster_destroy(). */
print_raster_t *slip_render(text_engine_t *text, const i18n_t *i18n, const slip_content_t *c,
                            int width_dots, slip_stats_t *stats, char *err, size_t err_size);

/** The words slip_render() prints for c (at width_dots), line by line with "\n" between,
 *  in print order, without the English repeats of a bilingual slip: what read-aloud says
 *  was printed (the codes are pictures: their hosts are words). Same thread rule as
 *  slip_render(). False with err; out is cut short when size is too small. */
bool slip_words(text_engine_t *text, const i18n_t *i18n, const slip_content_t *c, int width_dots,
                char *out, size_t size, char *err, size_t err_size);

/** The slip's date: ISO 8601 (2025-01-31), the same in every language and never
 *  ambiguous between day-first and month-first readers. */
void slip_format_date(time_t when, char out[SLIP_DATE_MAX]);

#endif
