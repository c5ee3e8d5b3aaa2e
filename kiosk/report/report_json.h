/* Report <-> JSON ("schema": "kiosk-report/1", DESIGN §7) with cJSON.
 * Every cJSON tree holding report text is wiped before it is freed, and output goes
 * into a caller buffer (not a cJSON allocation) so the caller can wipe it. */
#ifndef KIOSK_REPORT_REPORT_JSON_H
#define KIOSK_REPORT_REPORT_JSON_H

#include "report/report.h"

#include <stdbool.h>
#include <stddef.h>

/* The largest JSON a valid report can produce: every text field full of characters that
 * JSON escapes as two bytes, plus structure. A unit test checks the worst case fits. */
#define REPORT_JSON_MAX 16384

/** Writes r as compact JSON into buf (NUL-terminated); *len_out gets strlen.
 *  Fails (false + err) when buf is too small. The caller wipes buf. */
bool report_json_write(const report_t *r, char *buf, size_t size, size_t *len_out, char *err,
                       size_t err_size);

struct cJSON;

/** cJSON_ParseWithLength, refusing what cJSON lets through: anything but whitespace after
 *  the document, a NUL byte anywhere (cJSON would cut a string there), and an object that
 *  names the same key twice (readers would disagree on which one counts). Returns the tree
 *  (caller deletes) or NULL with *why set to a static English message. The one strict
 *  parser for reports and envelopes. */
struct cJSON *report_json_parse_strict(const char *text, size_t len, const char **why);

/** cJSON_Delete after clearing every string in the tree (report text must not linger in
 *  freed memory). NULL is a no-op. */
void report_json_delete_wiped(struct cJSON *root);

/** Parses json into r (wiped first), strictly (report_json_parse_strict). Checks schema, types, codes and lengths; missing
 *  optional fields stay unset; unknown fields are ignored (the dictionary may grow).
 *  Run report_validate() afterwards for the required answers. */
bool report_json_read(const char *json, size_t len, report_t *r, char *err, size_t err_size);

#endif
