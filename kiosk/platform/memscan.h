/* Looks for byte strings in every writable mapping of this process (heap, stacks, data,
 * anonymous mappings): the proof that a wipe left nothing of what someone typed. Used by
 * replay scripts (expect-no-markers) and the monkey, never by the kiosk's normal run. */
#ifndef KIOSK_PLATFORM_MEMSCAN_H
#define KIOSK_PLATFORM_MEMSCAN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct memscan_needle {
    const uint8_t *bytes;
    size_t n; /* at least 1 */
} memscan_needle_t;

typedef struct memscan_hit {
    int needle;         /* index into the needles */
    const void *addr;   /* where it starts */
    char mapping[128];  /* the /proc/self/maps name ("[heap]", "[stack]", a path, or
                           "anonymous") */
} memscan_hit_t;

/** A region the scan must not report (the caller's own copy of the needles). */
typedef struct memscan_skip {
    const void *addr;
    size_t size;
} memscan_skip_t;

/** Scans every private writable mapping once for all needles, ignoring matches that start
 *  inside a skip region. Writes up to hits_max hits and returns how many it found, or -1
 *  when /proc/self/maps cannot be read. Only resident pages are read (pages never touched
 *  hold zeros); mappings larger than MEMSCAN_MAPPING_MAX (sanitizer shadow) are skipped. */
int memscan_find(const memscan_needle_t *needles, int count, const memscan_skip_t *skip,
                 int skip_count, memscan_hit_t *hits, int hits_max);

#endif
