/* Looks for a byte string in every writable mapping of this process (heap, stacks, data,
 * anonymous mappings): the proof that a wipe left nothing of what someone typed. Used by
 * replay scripts (expect-no-markers) and the monkey, never by the kiosk's normal run. */
#ifndef KIOSK_PLATFORM_MEMSCAN_H
#define KIOSK_PLATFORM_MEMSCAN_H

#include <stdbool.h>
#include <stddef.h>

#define MEMSCAN_SKIP_MAX 8

typedef struct memscan_hit {
    const void *addr;   /* where the needle starts */
    char mapping[160];  /* the /proc/self/maps line's name ("[heap]", "[stack]", a path
                           or "anonymous") */
} memscan_hit_t;

/** A region the scan must not report (the caller's own copy of the needle). */
typedef struct memscan_skip {
    const void *addr;
    size_t size;
} memscan_skip_t;

/** Scans every writable mapping for needle (n bytes), ignoring matches that start inside
 *  one of the skip regions. True when found (hit says where); false when absent.
 *  Only pages that are resident are read (pages never touched hold zeros); mappings
 *  larger than MEMSCAN_MAPPING_MAX (sanitizer shadow memory) are skipped. On a read
 *  error of /proc/self/maps, err is set and false returned with *failed = true. */
bool memscan_find(const void *needle, size_t n, const memscan_skip_t *skip, int skip_count,
                  memscan_hit_t *hit, bool *failed);

#endif
