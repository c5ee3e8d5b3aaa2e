#define _GNU_SOURCE /* memmem */
#include "platform/memscan.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* Mappings bigger than this are sanitizer shadow or reserved address space, not data a
 * session wrote (the kiosk's own heap stays far below it). */
#define MEMSCAN_MAPPING_MAX ((size_t)1 << 33)
#define MEMSCAN_WINDOW_PAGES 256

static bool skipped(const uint8_t *p, const memscan_skip_t *skip, int count)
{
    for (int i = 0; i < count; i++) {
        const uint8_t *s = skip[i].addr;
        if (p >= s && p < s + skip[i].size) {
            return true;
        }
    }
    return false;
}

/* Searches [from, to) (resident, readable) for the needle. */
static const uint8_t *search_run(const uint8_t *from, const uint8_t *to, const void *needle,
                                 size_t n, const memscan_skip_t *skip, int skip_count)
{
    while (from < to) {
        const uint8_t *p = memmem(from, (size_t)(to - from), needle, n);
        if (!p) {
            return NULL;
        }
        if (!skipped(p, skip, skip_count)) {
            return p;
        }
        from = p + 1;
    }
    return NULL;
}

/* Scans one mapping, run of resident pages by run of resident pages. */
static const uint8_t *scan_mapping(uint8_t *start, uint8_t *end, const void *needle, size_t n,
                                   const memscan_skip_t *skip, int skip_count)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    unsigned char resident[MEMSCAN_WINDOW_PAGES];
    uint8_t *run = NULL; /* start of the current resident run */
    for (uint8_t *w = start; w < end; w += page * MEMSCAN_WINDOW_PAGES) {
        size_t len = (size_t)(end - w) < page * MEMSCAN_WINDOW_PAGES ? (size_t)(end - w)
                                                                      : page * MEMSCAN_WINDOW_PAGES;
        if (mincore(w, len, resident) != 0) {
            memset(resident, 0, sizeof resident);
        }
        for (size_t i = 0; i < len / page; i++) {
            uint8_t *pg = w + i * page;
            if (resident[i] & 1) {
                run = run ? run : pg;
                continue;
            }
            if (run) {
                const uint8_t *hit = search_run(run, pg, needle, n, skip, skip_count);
                if (hit) {
                    return hit;
                }
                run = NULL;
            }
        }
    }
    return run ? search_run(run, end, needle, n, skip, skip_count) : NULL;
}

bool memscan_find(const void *needle, size_t n, const memscan_skip_t *skip, int skip_count,
                  memscan_hit_t *hit, bool *failed)
{
    *failed = false;
    FILE *f = fopen("/proc/self/maps", "r");
    if (!f) {
        *failed = true;
        return false;
    }
    char line[512];
    bool found = false;
    while (!found && fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        char perms[8] = "";
        int name_at = 0;
        if (sscanf(line, "%lx-%lx %7s %*s %*s %*s %n", &lo, &hi, perms, &name_at) < 3) {
            continue;
        }
        /* writable private data only: device and shared mappings are not the heap */
        if (perms[0] != 'r' || perms[1] != 'w' || perms[3] != 'p' || hi - lo > MEMSCAN_MAPPING_MAX) {
            continue;
        }
        const uint8_t *p = scan_mapping((uint8_t *)lo, (uint8_t *)hi, needle, n, skip, skip_count);
        if (p) {
            found = true;
            hit->addr = p;
            char *name = line + name_at;
            name[strcspn(name, "\n")] = '\0';
            snprintf(hit->mapping, sizeof hit->mapping, "%s", name[0] ? name : "anonymous");
        }
    }
    fclose(f);
    return found;
}
