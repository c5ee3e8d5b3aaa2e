/* `kiosk --check-content`, and the content checks that need the text engine: built on the
 * one loader (content/content_load.h) that the kiosk uses at start-up and on reload. Glyph
 * coverage asks the engine the kiosk draws with; the fit column is the fit test's engine
 * (content_check_fit(), the one call site of issue 11's app/fit_check.h). */
#ifndef KIOSK_APP_CONTENT_CHECK_H
#define KIOSK_APP_CONTENT_CHECK_H

#include "content/content_load.h"
#include "text/text.h"

#include <stdio.h>

typedef struct content_check_options {
    const char *lang; /* NULL: every offered language */
    int w, h;         /* screen size for the fit check; 0: the sizes the fit test uses */
    bool json;        /* --format json */
    /* --fit: the fit column too. It draws every screen in every language, text size and
     * theme (about 6 s a screen size, 20 s for the four), so the quick check (under 2 s)
     * leaves it out and the column reads "-". */
    bool fit;
} content_check_options_t;

/** Adds a CONTENT_KIND_GLYPH error for each character (once per language) of a language's
 *  own strings that no font of its chain or the fallbacks has: it would not be drawn. */
void content_check_glyphs(const content_set_t *set, text_engine_t *engine, content_report_t *r);

/** Text that does not fit its box, from the fit test's engine (app/fit_check.h), at o's
 *  size or the four specified sizes, every text size and both themes. False (the column
 *  shows "-", with a warning saying why) when the check cannot run. */
bool content_check_fit(const content_set_t *set, const kiosk_config_t *cfg,
                       const content_check_options_t *o, content_report_t *r);

/** Loads cfg's content, runs every check and prints "FILE:LINE: language: problem" lines,
 *  then the per-language table (or one JSON object). Returns 1 when there is an error, 0
 *  with warnings only, 2 when the checker itself cannot run. */
int content_check_cli(const kiosk_config_t *cfg, const content_check_options_t *o, FILE *out);

/** Logs what content_load() (and the glyph check) found, as the checker prints it: every
 *  error, the first warnings and a count of the rest, one status line per language. */
void content_report_log(const content_report_t *r);
/** As content_report_log(), from finding first on; the per-language lines only when
 *  summary (a report logged in two parts: what start-up read, then its checks). */
void content_report_log_from(const content_report_t *r, int first, bool summary);

/** One language's row as the admin screen and the log show it: "412 reviewed, 3 drafts, 0
 *  missing". */
void content_review_line(const i18n_review_t *review, char *out, size_t out_size);

#endif
