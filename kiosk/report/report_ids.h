/* The one rule for site and kiosk ids (DESIGN §7): what the kiosk may put in a report and
 * an envelope, and what the receiver accepts, pins in known_kiosks and exports. Both sides
 * call this, so a kiosk can never acknowledge reports its receiver will refuse. */
#ifndef KIOSK_REPORT_REPORT_IDS_H
#define KIOSK_REPORT_REPORT_IDS_H

#include <stdbool.h>
#include <stddef.h>

#define REPORT_ID_TEXT_MAX 63 /* bytes; fits REPORT_KIOSK_ID_MAX and REPORT_SITE_ID_MAX */

/** True when id is 1 to REPORT_ID_TEXT_MAX of ASCII letters, digits, '.', '_' and '-',
 *  starting with a letter or digit: one word in known_kiosks, a safe file name part, a
 *  CSV cell needing no quotes. Otherwise false with the reason in err (may be NULL), which
 *  names what ("kiosk id"). */
bool report_id_check(const char *id, const char *what, char *err, size_t err_size);

/** A random (version 4) UUID from the system CSPRNG, as 36 lowercase characters, into out
 *  (at least 37 bytes): report ids, heartbeat ids. */
void report_make_uuid(char *out);

#endif
