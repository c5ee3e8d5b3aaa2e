/* Marker strings for wipe tests: random text typed into fields, kept only in a masked
 * form, so that a scan of the process's memory finds a marker only where the kiosk itself
 * copied what was typed. Used by replay scripts and the monkey. */
#ifndef KIOSK_APP_MARKERS_H
#define KIOSK_APP_MARKERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define MARKERS_MAX 32
#define MARKER_CODEPOINTS 12
#define MARKER_UTF8_MAX (MARKER_CODEPOINTS * 4 + 1)

typedef struct markers {
    uint32_t masked[MARKERS_MAX][MARKER_CODEPOINTS]; /* code point XOR mask */
    uint32_t mask[MARKERS_MAX][MARKER_CODEPOINTS];
    int count;
} markers_t;

/** Makes a new random marker in script ("latin", "digits", "arabic", "gujarati",
 *  "devanagari") and writes it as UTF-8 into out (caller zeroes out after typing it).
 *  False for an unknown script or when MARKERS_MAX are in use. */
bool markers_add(markers_t *m, const char *script, char out[MARKER_UTF8_MAX]);

/** Searches the process's writable memory for every marker, as UTF-8, UTF-16 and UTF-32.
 *  Returns the index of the first one found (describing where in where, where_size),
 *  or -1 when none is. */
int markers_find_any(const markers_t *m, char *where, size_t where_size);
/** Index of the first marker that is NOT in memory, or -1 when all are. */
int markers_find_missing(const markers_t *m);

#endif
