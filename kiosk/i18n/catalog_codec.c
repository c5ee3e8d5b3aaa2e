/* The byte form of a catalog (catalog_internal.h): how the PO reader's child process hands
 * its entries back, and how the compiled-catalog cache keeps them. */
#include "i18n/catalog_internal.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define CODEC_FLAG_FUZZY 1u
#define CODEC_FLAG_TRANSLATED 2u
#define CODEC_FLAG_PLURAL 4u
#define CODEC_INITIAL_BYTES 65536u

typedef struct codec_buf {
    char *data;
    size_t len, cap;
    bool failed;
} codec_buf_t;

static void put(codec_buf_t *b, const void *p, size_t n)
{
    if (b->failed) {
        return;
    }
    if (b->len + n > b->cap) {
        size_t cap = b->cap ? b->cap : CODEC_INITIAL_BYTES;
        while (cap < b->len + n) {
            cap *= 2;
        }
        char *grown = realloc(b->data, cap);
        if (!grown) {
            b->failed = true;
            return;
        }
        b->data = grown;
        b->cap = cap;
    }
    memcpy(b->data + b->len, p, n);
    b->len += n;
}

static void put_str(codec_buf_t *b, const char *s)
{
    uint32_t n = (uint32_t)strlen(s);
    put(b, &n, sizeof n);
    put(b, s, n);
}

bool catalog_encode(const i18n_catalog_t *c, char **out, size_t *len)
{
    codec_buf_t b = {0};
    int32_t nplurals = c->nplurals;
    put(&b, &nplurals, sizeof nplurals);
    for (size_t i = 0; i < c->count; i++) {
        const i18n_entry_t *e = &c->entries[i];
        unsigned char flags = (e->fuzzy ? CODEC_FLAG_FUZZY : 0) |
                              (e->translated ? CODEC_FLAG_TRANSLATED : 0) |
                              (e->nforms ? CODEC_FLAG_PLURAL : 0);
        put(&b, &flags, 1);
        put_str(&b, e->key);
        put_str(&b, e->text);
        if (e->nforms) {
            unsigned char nforms = (unsigned char)e->nforms;
            put(&b, &nforms, 1);
            for (int f = 0; f < e->nforms; f++) {
                put_str(&b, e->forms[f]);
            }
        }
    }
    if (b.failed) {
        free(b.data);
        return false;
    }
    *out = b.data;
    *len = b.len;
    return true;
}

/* Takes a u32-length string at *p (bounded by end) as a malloc'd copy. */
static char *take_str(const char **p, const char *end)
{
    uint32_t n;
    if ((size_t)(end - *p) < sizeof n) {
        return NULL;
    }
    memcpy(&n, *p, sizeof n);
    *p += sizeof n;
    if ((size_t)(end - *p) < n) {
        return NULL;
    }
    char *s = malloc((size_t)n + 1);
    if (s) {
        memcpy(s, *p, n);
        s[n] = '\0';
    }
    *p += n;
    return s;
}

/* One entry at *p into e; false when the bytes are short or malformed. */
static bool take_entry(const char **p, const char *end, i18n_entry_t *e)
{
    unsigned char flags = (unsigned char)*(*p)++;
    e->key = take_str(p, end);
    e->text = e->key ? take_str(p, end) : NULL;
    e->fuzzy = flags & CODEC_FLAG_FUZZY;
    e->translated = flags & CODEC_FLAG_TRANSLATED;
    bool ok = e->key && e->text;
    if (ok && (flags & CODEC_FLAG_PLURAL)) {
        ok = *p < end && (unsigned char)**p >= 1 && (unsigned char)**p <= I18N_FORMS_MAX;
        int nforms = ok ? (unsigned char)*(*p)++ : 0;
        for (; ok && e->nforms < nforms; e->nforms++) {
            e->forms[e->nforms] = take_str(p, end);
            ok = e->forms[e->nforms] != NULL;
        }
    }
    return ok;
}

bool catalog_decode(i18n_catalog_t *fresh, const char *buf, size_t len)
{
    const char *p = buf, *end = buf + len;
    int32_t nplurals = 0;
    bool ok = len >= sizeof nplurals;
    if (ok) {
        memcpy(&nplurals, p, sizeof nplurals);
        p += sizeof nplurals;
        fresh->nplurals = nplurals;
    }
    size_t cap = 0;
    while (ok && p < end) {
        i18n_entry_t e = {0};
        ok = take_entry(&p, end, &e);
        if (ok && fresh->count == cap) {
            cap = cap ? cap * 2 : 256;
            i18n_entry_t *grown = realloc(fresh->entries, cap * sizeof *grown);
            ok = grown != NULL;
            fresh->entries = grown ? grown : fresh->entries;
        }
        if (!ok) {
            catalog_entry_free(&e);
            break;
        }
        fresh->entries[fresh->count++] = e;
    }
    if (!ok) {
        catalog_free(fresh);
    }
    return ok;
}
