#include "app/markers.h"

#include "platform/memscan.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#if defined(__SANITIZE_ADDRESS__)
#define MARKERS_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MARKERS_ASAN 1
#endif
#endif
#ifdef MARKERS_ASAN
#include <sanitizer/asan_interface.h>
#endif

typedef struct marker_script {
    const char *name;
    uint32_t first, count; /* a block of letters (or digits) of the script */
} marker_script_t;

static const marker_script_t MARKER_SCRIPTS[] = {
    {"latin", 'a', 26},        {"digits", '0', 10},         {"arabic", 0x0628, 0x0648 - 0x0628},
    {"gujarati", 0x0A95, 0x0AB9 - 0x0A95 + 1}, {"devanagari", 0x0915, 0x0939 - 0x0915 + 1},
};

/* Writes cp (below U+10000) as UTF-8 at buf; returns the bytes written. */
static size_t utf8_put(uint32_t cp, uint8_t *buf)
{
    if (cp < 0x80) {
        buf[0] = (uint8_t)cp;
        return 1;
    }
    if (cp < 0x800) {
        buf[0] = (uint8_t)(0xC0 | (cp >> 6));
        buf[1] = (uint8_t)(0x80 | (cp & 0x3F));
        return 2;
    }
    buf[0] = (uint8_t)(0xE0 | (cp >> 12));
    buf[1] = (uint8_t)(0x80 | ((cp >> 6) & 0x3F));
    buf[2] = (uint8_t)(0x80 | (cp & 0x3F));
    return 3;
}

typedef enum { FORM_UTF8, FORM_UTF16, FORM_UTF32, FORM_COUNT } marker_form_t;

bool markers_add(markers_t *m, const char *script, char out[MARKER_UTF8_MAX])
{
    const marker_script_t *s = NULL;
    for (size_t i = 0; i < sizeof MARKER_SCRIPTS / sizeof MARKER_SCRIPTS[0]; i++) {
        if (strcmp(MARKER_SCRIPTS[i].name, script) == 0) {
            s = &MARKER_SCRIPTS[i];
        }
    }
    if (!s || m->count >= MARKERS_MAX) {
        return false;
    }
    int k = m->count++;
    size_t len = 0;
    for (int i = 0; i < MARKER_CODEPOINTS; i++) {
        uint32_t cp = s->first + randombytes_uniform(s->count);
        m->mask[k][i] = randombytes_random() | 0x10000000u; /* never 0: the masked value differs */
        m->masked[k][i] = cp ^ m->mask[k][i];
        len += utf8_put(cp, (uint8_t *)out + len);
    }
    out[len] = '\0';
    return true;
}

/* Writes marker k in form into buf; returns its length in bytes. */
static size_t marker_encode(const markers_t *m, int k, marker_form_t form, uint8_t *buf)
{
    size_t n = 0;
    for (int i = 0; i < MARKER_CODEPOINTS; i++) {
        uint32_t cp = m->masked[k][i] ^ m->mask[k][i];
        if (form == FORM_UTF32) {
            memcpy(buf + n, &cp, 4);
            n += 4;
        } else if (form == FORM_UTF16) {
            uint16_t u = (uint16_t)cp;
            memcpy(buf + n, &u, 2);
            n += 2;
        } else {
            n += utf8_put(cp, buf + n);
        }
    }
    return n;
}

#define MARKERS_HITS_LISTED 4
#define MARKER_BYTES_MAX (MARKER_CODEPOINTS * 4)

/* Scans once for markers [from, to) in every form. Returns the hits found (-1 when the
 * scan could not run); where lists the first few. */
static int markers_scan(const markers_t *m, int from, int to, memscan_hit_t *hits, int hits_max)
{
    static const int forms = FORM_COUNT;
    uint8_t bytes[MARKERS_MAX * FORM_COUNT][MARKER_BYTES_MAX];
    memscan_needle_t needles[MARKERS_MAX * FORM_COUNT];
    int n = 0;
    for (int k = from; k < to; k++) {
        for (int f = 0; f < forms; f++, n++) {
            needles[n].bytes = bytes[n];
            needles[n].n = marker_encode(m, k, (marker_form_t)f, bytes[n]);
        }
    }
    memscan_skip_t skip = {bytes, sizeof bytes}; /* our own copy */
    int found = memscan_find(needles, n, &skip, 1, hits, hits_max);
    sodium_memzero(bytes, sizeof bytes);
    for (int i = 0; i < found; i++) {
        hits[i].needle = from + hits[i].needle / forms; /* as a marker index */
    }
    return found;
}

static void describe(const memscan_hit_t *hits, int found, char *where, size_t where_size)
{
    size_t used = 0;
    where[0] = '\0';
    for (int i = 0; i < found && used < where_size; i++) {
        int w = snprintf(where + used, where_size - used, "%smarker %d at %p in %s",
                         i ? "; " : "", hits[i].needle + 1, hits[i].addr, hits[i].mapping);
        used += w > 0 ? (size_t)w : 0;
    }
#ifdef MARKERS_ASAN
    /* under ASan, say which allocation held the first copy (and where it was freed), so
     * a failed wipe check points at the code that kept the text */
    if (found > 0) {
        __asan_describe_address((void *)hits[0].addr);
    }
#endif
}

int markers_find_any(const markers_t *m, char *where, size_t where_size)
{
    memscan_hit_t hits[MARKERS_HITS_LISTED];
    int found = markers_scan(m, 0, m->count, hits, MARKERS_HITS_LISTED);
    if (found < 0) {
        snprintf(where, where_size, "(cannot read /proc/self/maps)");
        return 0;
    }
    describe(hits, found, where, where_size);
    return found > 0 ? hits[0].needle : -1;
}

int markers_find_missing(const markers_t *m)
{
    for (int k = 0; k < m->count; k++) {
        memscan_hit_t hit;
        if (markers_scan(m, k, k + 1, &hit, 1) != 1) {
            return k;
        }
    }
    return -1;
}
