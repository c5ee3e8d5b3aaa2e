/* Every check of a kiosk configuration, in one place, for both `kiosk --check-config`
 * and the running kiosk (so what the check passes is what the kiosk runs on): the
 * per-key checks of platform/config.h, then those that need other modules: the site and
 * kiosk ids by the receiver's rule (report/report_ids.h), the receiver key (decodable,
 * never the sample unless allowed), the printer sink, [qr] hosts and follow-up link,
 * the languages against languages.ini, the data directory.
 *
 * What a problem turns off: one in [printer] only turns printing off; any other keeps
 * the kiosk from taking reports (it never falls back to the sample key, another
 * transport or default ids). */
#ifndef KIOSK_APP_CONFIG_CHECK_H
#define KIOSK_APP_CONFIG_CHECK_H

#include "platform/config.h"

typedef struct config_check {
    ini_problems_t problems; /* every problem, "FILE:LINE: problem" */
    bool reports_ok;         /* none outside [printer], [input], [speech]: reports may be taken */
    bool printer_ok;         /* no problem in [printer] */
} config_check_t;

/** Loads path (NULL: built-in defaults only) over cfg and runs every check. Printer
 *  problems set cfg's sink to none. True when there was no problem at all. */
bool config_check_load(kiosk_config_t *cfg, const char *path, config_check_t *out);

/** The whole-file checks only, on a cfg already loaded (appends to out). */
bool config_check_run(kiosk_config_t *cfg, config_check_t *out);

#endif
