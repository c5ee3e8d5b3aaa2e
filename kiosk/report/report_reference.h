/* Reference numbers a person can read aloud or type on a phone (DESIGN §7).
 *
 * Form: "TTN-NNN-NNC" shown in groups of three, 9 characters from a 31-character alphabet
 * without 0/O, 1/I/L (digits 2-9 and A-Z less I, L, O):
 *   TT       two characters from a hash of the kiosk id (tells the receiver which unit),
 *   NNNNNN   the kiosk's report counter put through a keyed permutation, so references are
 *            unique per kiosk (a permutation never repeats) without revealing how many
 *            reports a unit has taken,
 *   C        a check character: weighted sum mod 31 (prime), which catches every single
 *            wrong character and every swap of two characters. */
#ifndef KIOSK_REPORT_REPORT_REFERENCE_H
#define KIOSK_REPORT_REPORT_REFERENCE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define REPORT_REFERENCE_ALPHABET "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
#define REPORT_REFERENCE_RADIX 31
#define REPORT_REFERENCE_CHARS 9                   /* without separators */
#define REPORT_REFERENCE_TEXT_MAX 12               /* "TTN-NNN-NNC" + NUL */
#define REPORT_REFERENCE_KEY_BYTES 16              /* permutation key, kept in the outbox */
#define REPORT_REFERENCE_SEQUENCE_MAX 887503681ull /* 31^6: counters 0 .. this - 1 */

/** Builds the reference for counter value sequence (< REPORT_REFERENCE_SEQUENCE_MAX)
 *  into out ("TTN-NNN-NNC"). False when the counter is exhausted or out is too small. */
bool report_reference_make(const char *kiosk_id, uint64_t sequence,
                           const unsigned char key[REPORT_REFERENCE_KEY_BYTES], char *out,
                           size_t out_size);

/** True when text is a well-formed reference with a correct check character. Accepts
 *  lower case and ignores spaces and dashes, as a person would type it. */
bool report_reference_valid(const char *text);

/** Normalises what a person typed (upper case, no separators) into out
 *  (REPORT_REFERENCE_CHARS + 1 bytes). False when it cannot be a reference. */
bool report_reference_normalise(const char *text, char *out, size_t out_size);

/** The check character for the first REPORT_REFERENCE_CHARS - 1 characters. */
char report_reference_check_char(const char *body);

#endif
