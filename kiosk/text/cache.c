/* The layout cache, bounded and least-recently-used, by (text, language, style, width): a
 * screen redrawn with the same words does no shaping; an entry used in the current frame is
 * never evicted (callers hold it until text_engine_begin_frame()). Glyph images are the
 * atlas's (atlas.c). */
#include "text/text_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define TEXT_LAYOUT_BUCKETS 2048 /* power of two, > TEXT_LAYOUT_CACHE_MAX */
#define TEXT_NONE (-1)

static uint64_t hash_bytes(uint64_t h, const void *data, size_t n)
{
    const unsigned char *p = data;
    for (size_t i = 0; i < n; i++) {
        h = (h ^ p[i]) * 1099511628211ULL; /* FNV-1a */
    }
    return h;
}

#define HASH_SEED 14695981039346656037ULL

/* ---- layout cache ---- */

typedef struct layout_entry {
    uint64_t hash;
    char lang[TEXT_LANG_CODE_MAX];
    text_style_t style;
    int max_width;
    text_layout_t *layout; /* owned; NULL: slot free. Its text is the key's text. */
    unsigned long frame;   /* last frame it was returned in */
    unsigned long use;     /* last use, for LRU */
    int next;              /* bucket chain */
} layout_entry_t;

struct text_layout_cache {
    layout_entry_t entries[TEXT_LAYOUT_CACHE_MAX];
    int buckets[TEXT_LAYOUT_BUCKETS];
    int count;
    unsigned long frame, tick;
    unsigned long hits, misses;
    size_t bytes;
};

uint64_t text_layout_key_hash(const char *utf8, const char *lang, const text_style_t *style,
                              int max_width)
{
    uint64_t h = hash_bytes(HASH_SEED, utf8, strlen(utf8));
    h = hash_bytes(h, lang, strlen(lang));
    int fields[5] = {style->px, style->bold, (int)style->align, style->max_lines, max_width};
    return hash_bytes(h, fields, sizeof fields);
}

static bool layout_key_equal(const layout_entry_t *e, uint64_t h, const char *utf8,
                             const char *lang, const text_style_t *style, int max_width)
{
    return e->hash == h && e->max_width == max_width && e->style.px == style->px &&
           e->style.bold == style->bold && e->style.align == style->align &&
           e->style.max_lines == style->max_lines && strcmp(e->lang, lang) == 0 &&
           strcmp(e->layout->text, utf8) == 0;
}

text_layout_cache_t *text_layout_cache_create(void)
{
    text_layout_cache_t *c = calloc(1, sizeof *c);
    if (!c) {
        return NULL;
    }
    for (int i = 0; i < TEXT_LAYOUT_BUCKETS; i++) {
        c->buckets[i] = TEXT_NONE;
    }
    c->frame = 1;
    return c;
}

void text_layout_cache_clear(text_layout_cache_t *c)
{
    for (int i = 0; i < TEXT_LAYOUT_CACHE_MAX; i++) {
        text_layout_free(c->entries[i].layout);
        c->entries[i].layout = NULL;
    }
    for (int i = 0; i < TEXT_LAYOUT_BUCKETS; i++) {
        c->buckets[i] = TEXT_NONE;
    }
    c->count = 0;
    c->bytes = 0;
}

void text_layout_cache_destroy(text_layout_cache_t *c)
{
    if (!c) {
        return;
    }
    text_layout_cache_clear(c);
    free(c);
}

const text_layout_t *text_layout_cache_find(text_layout_cache_t *c, const char *utf8,
                                            const char *lang, const text_style_t *style,
                                            int max_width)
{
    uint64_t h = text_layout_key_hash(utf8, lang, style, max_width);
    for (int i = c->buckets[h & (TEXT_LAYOUT_BUCKETS - 1)]; i != TEXT_NONE;
         i = c->entries[i].next) {
        layout_entry_t *e = &c->entries[i];
        if (layout_key_equal(e, h, utf8, lang, style, max_width)) {
            e->frame = c->frame;
            e->use = ++c->tick;
            c->hits++;
            return e->layout;
        }
    }
    c->misses++;
    return NULL;
}

static void layout_unlink(text_layout_cache_t *c, int index)
{
    int *link = &c->buckets[c->entries[index].hash & (TEXT_LAYOUT_BUCKETS - 1)];
    while (*link != index) {
        link = &c->entries[*link].next;
    }
    *link = c->entries[index].next;
}

/* A free slot, or the least recently used one not returned in this frame. */
static int layout_take_slot(text_layout_cache_t *c)
{
    int victim = TEXT_NONE;
    for (int i = 0; i < TEXT_LAYOUT_CACHE_MAX; i++) {
        layout_entry_t *e = &c->entries[i];
        if (!e->layout) {
            return i;
        }
        if (e->frame != c->frame && (victim == TEXT_NONE || e->use < c->entries[victim].use)) {
            victim = i;
        }
    }
    if (victim != TEXT_NONE) {
        layout_unlink(c, victim);
        c->bytes -= c->entries[victim].layout->bytes;
        text_layout_free(c->entries[victim].layout);
        c->entries[victim].layout = NULL;
        c->count--;
    }
    return victim;
}

bool text_layout_cache_put(text_layout_cache_t *c, const char *utf8, const char *lang,
                           const text_style_t *style, int max_width, text_layout_t *layout)
{
    int slot = layout_take_slot(c);
    if (slot == TEXT_NONE) {
        text_layout_free(layout);
        return false;
    }
    layout_entry_t *e = &c->entries[slot];
    e->hash = text_layout_key_hash(utf8, lang, style, max_width);
    snprintf(e->lang, sizeof e->lang, "%s", lang);
    e->style = *style;
    e->max_width = max_width;
    e->layout = layout;
    e->frame = c->frame;
    e->use = ++c->tick;
    int *bucket = &c->buckets[e->hash & (TEXT_LAYOUT_BUCKETS - 1)];
    e->next = *bucket;
    *bucket = slot;
    c->count++;
    c->bytes += layout->bytes;
    return true;
}

void text_layout_cache_begin_frame(text_layout_cache_t *c)
{
    c->frame++;
}

void text_layout_cache_stats(const text_layout_cache_t *c, text_cache_stats_t *s)
{
    s->layout_hits = c->hits;
    s->layout_misses = c->misses;
    s->layouts = c->count;
    s->layout_bytes = c->bytes + sizeof *c;
}
