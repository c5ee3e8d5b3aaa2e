/* The two caches of the engine, both bounded and least-recently-used:
 *  - layouts by (text, language, style, width): a screen redrawn with the same words does no
 *    shaping; an entry used in the current frame is never evicted (callers hold it until
 *    text_engine_begin_frame());
 *  - textures by (font, direction, script, colour, run text). */
#include "text/text_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define TEXT_LAYOUT_BUCKETS 2048 /* power of two, > TEXT_LAYOUT_CACHE_MAX */
#define TEXT_TEXTURE_BUCKETS 4096
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

static uint64_t layout_key_hash(const char *utf8, const char *lang, const text_style_t *style,
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
    uint64_t h = layout_key_hash(utf8, lang, style, max_width);
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
    e->hash = layout_key_hash(utf8, lang, style, max_width);
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

/* ---- texture cache ---- */

typedef struct tex_entry {
    uint64_t hash;
    int font_id;
    Uint32 rgb;
    bool rtl;
    char script[5];
    char *text; /* owned copy of the run's bytes */
    int bytes;
    SDL_Texture *texture; /* owned; NULL: slot free */
    size_t pixels_bytes;
    int prev, next; /* LRU list, most recent at head */
    int hnext;      /* bucket chain */
} tex_entry_t;

struct text_texture_cache {
    tex_entry_t entries[TEXT_TEXTURE_CACHE_MAX];
    int buckets[TEXT_TEXTURE_BUCKETS];
    int head, tail;
    int count;
    size_t bytes;
    unsigned long hits, misses;
};

text_texture_cache_t *text_texture_cache_create(void)
{
    text_texture_cache_t *c = calloc(1, sizeof *c);
    if (!c) {
        return NULL;
    }
    for (int i = 0; i < TEXT_TEXTURE_BUCKETS; i++) {
        c->buckets[i] = TEXT_NONE;
    }
    c->head = c->tail = TEXT_NONE;
    return c;
}

void text_texture_cache_clear(text_texture_cache_t *c)
{
    for (int i = 0; i < TEXT_TEXTURE_CACHE_MAX; i++) {
        tex_entry_t *e = &c->entries[i];
        if (e->texture) {
            SDL_DestroyTexture(e->texture);
            free(e->text);
            e->texture = NULL;
            e->text = NULL;
        }
    }
    for (int i = 0; i < TEXT_TEXTURE_BUCKETS; i++) {
        c->buckets[i] = TEXT_NONE;
    }
    c->head = c->tail = TEXT_NONE;
    c->count = 0;
    c->bytes = 0;
}

void text_texture_cache_destroy(text_texture_cache_t *c)
{
    if (!c) {
        return;
    }
    text_texture_cache_clear(c);
    free(c);
}

static Uint32 color_rgb(SDL_Color c)
{
    return (Uint32)c.r << 16 | (Uint32)c.g << 8 | c.b;
}

static uint64_t piece_hash(const text_piece_t *p, Uint32 rgb)
{
    uint64_t h = hash_bytes(HASH_SEED, p->utf8, (size_t)p->bytes);
    int fields[3] = {p->font->id, p->rtl, (int)rgb};
    h = hash_bytes(h, fields, sizeof fields);
    return hash_bytes(h, p->script, 4);
}

static void lru_unlink(text_texture_cache_t *c, int i)
{
    tex_entry_t *e = &c->entries[i];
    if (e->prev != TEXT_NONE) {
        c->entries[e->prev].next = e->next;
    } else {
        c->head = e->next;
    }
    if (e->next != TEXT_NONE) {
        c->entries[e->next].prev = e->prev;
    } else {
        c->tail = e->prev;
    }
}

static void lru_push_front(text_texture_cache_t *c, int i)
{
    tex_entry_t *e = &c->entries[i];
    e->prev = TEXT_NONE;
    e->next = c->head;
    if (c->head != TEXT_NONE) {
        c->entries[c->head].prev = i;
    }
    c->head = i;
    if (c->tail == TEXT_NONE) {
        c->tail = i;
    }
}

static void tex_evict(text_texture_cache_t *c, int i)
{
    tex_entry_t *e = &c->entries[i];
    lru_unlink(c, i);
    int *link = &c->buckets[e->hash & (TEXT_TEXTURE_BUCKETS - 1)];
    while (*link != i) {
        link = &c->entries[*link].hnext;
    }
    *link = e->hnext;
    SDL_DestroyTexture(e->texture);
    free(e->text);
    e->texture = NULL;
    e->text = NULL;
    c->bytes -= e->pixels_bytes;
    c->count--;
}

static int tex_find(text_texture_cache_t *c, const text_piece_t *p, Uint32 rgb, uint64_t h)
{
    for (int i = c->buckets[h & (TEXT_TEXTURE_BUCKETS - 1)]; i != TEXT_NONE;
         i = c->entries[i].hnext) {
        const tex_entry_t *e = &c->entries[i];
        if (e->hash == h && e->font_id == p->font->id && e->rtl == p->rtl && e->rgb == rgb &&
            e->bytes == p->bytes && memcmp(e->script, p->script, 4) == 0 &&
            memcmp(e->text, p->utf8, (size_t)p->bytes) == 0) {
            return i;
        }
    }
    return TEXT_NONE;
}

/* Makes room for one more texture of size bytes; returns a free slot. */
static int tex_take_slot(text_texture_cache_t *c, size_t size)
{
    while (c->tail != TEXT_NONE &&
           (c->count >= TEXT_TEXTURE_CACHE_MAX || c->bytes + size > TEXT_TEXTURE_CACHE_BYTES)) {
        tex_evict(c, c->tail);
    }
    for (int i = 0; i < TEXT_TEXTURE_CACHE_MAX; i++) {
        if (!c->entries[i].texture) {
            return i;
        }
    }
    return TEXT_NONE;
}

static SDL_Texture *tex_render(SDL_Renderer *renderer, const text_piece_t *p, SDL_Color color,
                               char *scratch)
{
    color.a = 255;
    SDL_Surface *s = text_piece_render(p, color, scratch);
    if (!s) {
        return NULL;
    }
    SDL_Texture *t = SDL_CreateTextureFromSurface(renderer, s);
    SDL_FreeSurface(s);
    if (t) {
        SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
    }
    return t;
}

SDL_Texture *text_texture_cache_get(text_texture_cache_t *c, SDL_Renderer *renderer,
                                    const text_piece_t *p, SDL_Color color, char *scratch)
{
    if (!p->font || p->bytes <= 0) {
        return NULL;
    }
    Uint32 rgb = color_rgb(color);
    uint64_t h = piece_hash(p, rgb);
    int i = tex_find(c, p, rgb, h);
    if (i != TEXT_NONE) {
        c->hits++;
        lru_unlink(c, i);
        lru_push_front(c, i);
        return c->entries[i].texture;
    }
    c->misses++;
    SDL_Texture *t = tex_render(renderer, p, color, scratch);
    char *copy = t ? malloc((size_t)p->bytes) : NULL;
    int w = 0, hgt = 0;
    if (t) {
        SDL_QueryTexture(t, NULL, NULL, &w, &hgt);
    }
    size_t size = (size_t)w * (size_t)hgt * 4;
    int slot = copy ? tex_take_slot(c, size) : TEXT_NONE;
    if (slot == TEXT_NONE) {
        free(copy);
        SDL_DestroyTexture(t);
        return NULL;
    }
    memcpy(copy, p->utf8, (size_t)p->bytes);
    tex_entry_t *e = &c->entries[slot];
    *e = (tex_entry_t){.hash = h, .font_id = p->font->id, .rgb = rgb, .rtl = p->rtl, .text = copy,
                       .bytes = p->bytes, .texture = t, .pixels_bytes = size};
    memcpy(e->script, p->script, sizeof e->script);
    int *bucket = &c->buckets[h & (TEXT_TEXTURE_BUCKETS - 1)];
    e->hnext = *bucket;
    *bucket = slot;
    lru_push_front(c, slot);
    c->count++;
    c->bytes += size;
    return t;
}

void text_texture_cache_stats(const text_texture_cache_t *c, text_cache_stats_t *s)
{
    s->texture_hits = c->hits;
    s->texture_misses = c->misses;
    s->textures = c->count;
    s->texture_bytes = c->bytes;
}
