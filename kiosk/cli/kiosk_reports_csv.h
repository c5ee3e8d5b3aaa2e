/* CSV cells for spreadsheets, one place for the rules (see kiosk_reports_export.c for
 * why): UTF-8 byte-order mark, CRLF, every field quoted, typed text that could run as a
 * formula prefixed with ', identifiers written as ="..." so no leading zero is lost. */
#ifndef KIOSK_CLI_KIOSK_REPORTS_CSV_H
#define KIOSK_CLI_KIOSK_REPORTS_CSV_H

#include <stdbool.h>
#include <stdio.h>

/** The byte-order mark that starts every CSV this tool writes. */
void kr_csv_begin(FILE *out);

/** One field. as_text: an identifier (phone, reference, id) that must stay text; last:
 *  ends the record with CRLF. */
void kr_csv_cell(FILE *out, const char *value, bool as_text, bool last);

#endif
