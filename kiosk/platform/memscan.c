#include "platform/memscan.h"

#include <stdio.h>
#include <stdlib.h>
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

#define MEMSCAN_PAIRS 65536 /* needles are found by their first two bytes */

typedef struct memscan_ctx {
    const memscan_needle_t *needles;
    int count;
    const memscan_skip_t *skip;
    int skip_count;
    memscan_hit_t *hits;
    int hits_max, found;
    /* needles of two bytes or more, chained by their first two bytes (index + 1; 0 ends a
     * chain): a byte of memory costs one lookup, however many markers were typed (with a
     * table of first bytes alone, every lowercase letter in memory tried every needle) */
    uint32_t *head; /* MEMSCAN_PAIRS */
    uint32_t *next; /* count */
    bool one_byte[256]; /* a needle of one byte is this byte */
    bool zero_skip;     /* no needle starts with a zero byte */
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

static void hit(memscan_ctx_t *c, int k, const uint8_t *p)
{
    if (c->found < c->hits_max && !skipped(c, p)) {
        memscan_hit_t *h = &c->hits[c->found++];
        h->needle = k;
        h->addr = p;
        snprintf(h->mapping, sizeof h->mapping, "%s", c->mapping);
    }
}

/* Searches [from, to) (resident, readable) for every needle. */
MEMSCAN_RAW static void search_run(memscan_ctx_t *c, const uint8_t *from, const uint8_t *to)
{
    for (const uint8_t *p = from; p < to && c->found < c->hits_max; p++) {
        /* no needle starts with a zero byte (index_needles), and most memory is zeros:
         * an aligned zero word is passed over whole */
        while (c->zero_skip && ((uintptr_t)p & 7) == 0 && to - p >= 8 &&
               *(const uint64_t *)(const void *)p == 0) {
            p += 8;
        }
        if (p >= to) {
            break;
        }
        if (c->one_byte[*p]) {
            for (int k = 0; k < c->count; k++) {
                if (c->needles[k].n == 1 && c->needles[k].bytes[0] == *p) {
                    hit(c, k, p);
                }
            }
        }
        if (to - p < 2) {
            break;
        }
        for (uint32_t k = c->head[p[0] | (unsigned)p[1] << 8]; k; k = c->next[k - 1]) {
            const memscan_needle_t *nd = &c->needles[k - 1];
            if ((size_t)(to - p) >= nd->n && same(p, nd->bytes, nd->n)) {
                hit(c, (int)k - 1, p);
            }
        }
    }
}

/* Chains the needles by their first two bytes. */
static bool index_needles(memscan_ctx_t *c)
{
    c->head = calloc(MEMSCAN_PAIRS, sizeof *c->head);
    c->next = calloc((size_t)(c->count > 0 ? c->count : 1), sizeof *c->next);
    if (!c->head || !c->next) {
        return false;
    }
    c->zero_skip = true;
    for (int k = c->count - 1; k >= 0; k--) {
        const memscan_needle_t *nd = &c->needles[k];
        c->zero_skip = c->zero_skip && nd->bytes[0] != 0;
        if (nd->n == 1) {
            c->one_byte[nd->bytes[0]] = true;
        } else {
            unsigned pair = nd->bytes[0] | (unsigned)nd->bytes[1] << 8;
            c->next[k] = c->head[pair];
            c->head[pair] = (uint32_t)k + 1;
        }
    }
    return true;
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
    FILE *f = index_needles(&c) ? fopen("/proc/self/maps", "r") : NULL;
    if (!f) {
        free(c.head);
        free(c.next);
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
    free(c.head);
    free(c.next);
    return c.found;
}
