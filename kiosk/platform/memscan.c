#include "platform/memscan.h"

#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* Mappings bigger than this are sanitizer shadow or reserved address space, not data a
 * session wrote (the kiosk's own heap stays far below it). */
#define MEMSCAN_MAPPING_MAX ((size_t)1 << 33)
#define MEMSCAN_WINDOW_PAGES 256

/* The scan reads memory no object owns (freed chunks, dead stack, sanitizer redzones):
 * exactly the point. So the functions that touch it are not instrumented, and compare
 * bytes themselves rather than through memmem()/memcmp(), which ASan checks. */
#define MEMSCAN_RAW __attribute__((no_sanitize_address))

typedef struct memscan_ctx {
    const memscan_needle_t *needles;
    int count;
    const memscan_skip_t *skip;
    int skip_count;
    memscan_hit_t *hits;
    int hits_max, found;
    bool first[256]; /* some needle starts with this byte */
    const char *mapping;
} memscan_ctx_t;

static bool skipped(const memscan_ctx_t *c, const uint8_t *p)
{
    for (int i = 0; i < c->skip_count; i++) {
        const uint8_t *s = c->skip[i].addr;
        if (p >= s && p < s + c->skip[i].size) {
            return true;
        }
    }
    return false;
}

MEMSCAN_RAW static bool same(const uint8_t *p, const uint8_t *q, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        if (p[i] != q[i]) {
            return false;
        }
    }
    return true;
}

/* Searches [from, to) (resident, readable) for every needle. */
MEMSCAN_RAW static void search_run(memscan_ctx_t *c, const uint8_t *from, const uint8_t *to)
{
    for (const uint8_t *p = from; p < to && c->found < c->hits_max; p++) {
        if (!c->first[*p]) {
            continue;
        }
        for (int k = 0; k < c->count && c->found < c->hits_max; k++) {
            const memscan_needle_t *nd = &c->needles[k];
            if ((size_t)(to - p) >= nd->n && nd->bytes[0] == *p && same(p, nd->bytes, nd->n) &&
                !skipped(c, p)) {
                memscan_hit_t *h = &c->hits[c->found++];
                h->needle = k;
                h->addr = p;
                snprintf(h->mapping, sizeof h->mapping, "%s", c->mapping);
            }
        }
    }
}

/* Scans one mapping, run of resident pages by run of resident pages. */
static void scan_mapping(memscan_ctx_t *c, uint8_t *start, uint8_t *end)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    unsigned char resident[MEMSCAN_WINDOW_PAGES];
    uint8_t *run = NULL; /* start of the current resident run */
    for (uint8_t *w = start; w < end; w += page * MEMSCAN_WINDOW_PAGES) {
        size_t left = (size_t)(end - w);
        size_t len = left < page * MEMSCAN_WINDOW_PAGES ? left : page * MEMSCAN_WINDOW_PAGES;
        if (mincore(w, len, resident) != 0) {
            memset(resident, 0, sizeof resident);
        }
        for (size_t i = 0; i < len / page; i++) {
            uint8_t *pg = w + i * page;
            if (resident[i] & 1) {
                run = run ? run : pg;
            } else if (run) {
                search_run(c, run, pg);
                run = NULL;
            }
        }
    }
    if (run) {
        search_run(c, run, end);
    }
}

int memscan_find(const memscan_needle_t *needles, int count, const memscan_skip_t *skip,
                 int skip_count, memscan_hit_t *hits, int hits_max)
{
    memscan_ctx_t c = {.needles = needles, .count = count, .skip = skip,
                       .skip_count = skip_count, .hits = hits, .hits_max = hits_max};
    for (int k = 0; k < count; k++) {
        c.first[needles[k].bytes[0]] = true;
    }
    FILE *f = fopen("/proc/self/maps", "r");
    if (!f) {
        return -1;
    }
    char line[512];
    while (c.found < hits_max && fgets(line, sizeof line, f)) {
        unsigned long lo, hi;
        char perms[8] = "";
        int name_at = 0;
        if (sscanf(line, "%lx-%lx %7s %*s %*s %*s %n", &lo, &hi, perms, &name_at) < 3) {
            continue;
        }
        /* private writable data only: device and shared mappings are not the heap */
        if (perms[0] != 'r' || perms[1] != 'w' || perms[3] != 'p' || hi - lo > MEMSCAN_MAPPING_MAX) {
            continue;
        }
        char *name = line + name_at;
        name[strcspn(name, "\n")] = '\0';
        c.mapping = name[0] ? name : "anonymous";
        scan_mapping(&c, (uint8_t *)lo, (uint8_t *)hi);
    }
    fclose(f);
    return c.found;
}
