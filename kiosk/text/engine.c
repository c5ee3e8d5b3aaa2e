/* The engine's lifecycle, its languages and its statistics. */
#include "text/text_internal.h"

#include "i18n/languages.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/uloc.h>
#include <unicode/uset.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

/* Forgets the coverage answers: a language's chain, or the fallbacks, changed. */
static void engine_covers_reset(text_engine_t *e)
{
    for (int i = 0; i < TEXT_COVERS_MEMO; i++) {
        e->covers[i] = (text_covers_memo_t){.lang = -1};
    }
    e->covers_last_lang = -1;
}

text_engine_t *text_engine_create(const char *font_dir, char *err, size_t err_size)
{
    text_engine_t *e = calloc(1, sizeof *e);
    if (!e) {
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    text_fonts_init(&e->fonts, font_dir);
    engine_covers_reset(e);
    if (!text_shaper_init(&e->shaper, &e->fonts, err, err_size)) {
        goto fail;
    }
    e->shaper.langs = e->langs;
    e->shaper.lang_count = &e->lang_count;
    e->layouts = text_layout_cache_create();
    e->atlas = text_atlas_create();
    if (!e->layouts || !e->atlas) {
        snprintf(err, err_size, "out of memory");
        goto fail;
    }
    return e;
fail:
    text_engine_destroy(e);
    return NULL;
}

void text_engine_destroy(text_engine_t *e)
{
    if (!e) {
        return;
    }
    /* Layouts and atlas glyphs point at fonts: they go first. */
    text_layout_cache_destroy(e->layouts);
    text_atlas_destroy(e->atlas);
    if (e->shaper.scratch) {
        text_shaper_deinit(&e->shaper);
    }
    text_fonts_deinit(&e->fonts);
    for (int i = 0; i < e->lang_count; i++) {
        if (e->langs[i].exemplars) {
            uset_close(e->langs[i].exemplars);
        }
    }
    free(e);
}

/* Whether code is the language its script stands for (ICU's likely subtags: und-Arab is ar,
 * und-Latn en, und-Gujr gu), not one of the others written in it (ur, pl). */
static bool engine_script_is_own(const char *code, const char *script)
{
    char und[16], likely[ULOC_FULLNAME_CAPACITY], lang[ULOC_LANG_CAPACITY];
    UErrorCode st = U_ZERO_ERROR;
    if (!script[0]) {
        return false;
    }
    snprintf(und, sizeof und, "und-%s", script);
    char id[ULOC_FULLNAME_CAPACITY];
    uloc_forLanguageTag(und, id, sizeof id, NULL, &st);
    uloc_addLikelySubtags(id, likely, sizeof likely, &st);
    uloc_getLanguage(likely, lang, sizeof lang, &st);
    return U_SUCCESS(st) && strncmp(code, lang, strlen(lang)) == 0 &&
           (code[strlen(lang)] == '\0' || code[strlen(lang)] == '-');
}

static text_lang_t *engine_lang_slot(text_engine_t *e, const char *code)
{
    for (int i = 0; i < e->lang_count; i++) {
        if (strcmp(e->langs[i].code, code) == 0) {
            return &e->langs[i]; /* registering again replaces the definition */
        }
    }
    return e->lang_count < TEXT_LANGS_MAX ? &e->langs[e->lang_count] : NULL;
}

bool text_engine_add_language(text_engine_t *e, const text_lang_def_t *def, char *err,
                              size_t err_size)
{
    if (!def->code || !def->code[0] || strlen(def->code) >= TEXT_LANG_CODE_MAX) {
        snprintf(err, err_size, "bad language code");
        return false;
    }
    text_lang_t *slot = engine_lang_slot(e, def->code);
    if (!slot) {
        snprintf(err, err_size, "%s: too many languages (at most %d)", def->code, TEXT_LANGS_MAX);
        return false;
    }
    text_lang_t l = {.rtl = def->rtl, .line_height = def->line_height >= 1.0 ? def->line_height : 1.0};
    snprintf(l.code, sizeof l.code, "%s", def->code);
    snprintf(l.script, sizeof l.script, "%s", def->script ? def->script : "");
    char why[TEXT_ERROR_MAX];
    if (!text_fonts_parse_chain(&e->fonts, def->fonts, l.chain, &l.chain_len, why, sizeof why)) {
        snprintf(err, err_size, "%s: fonts: %s", def->code, why);
        return false;
    }
    if (def->bold_fonts && def->bold_fonts[0] &&
        !text_fonts_parse_chain(&e->fonts, def->bold_fonts, l.bold_chain, &l.bold_chain_len, why,
                                sizeof why)) {
        snprintf(err, err_size, "%s: bold_fonts: %s", def->code, why);
        return false;
    }
    bool own = engine_script_is_own(l.code, l.script);
    l.own_script = own;
    if (slot->exemplars && slot != &e->langs[e->lang_count]) {
        uset_close(slot->exemplars); /* registered again: its letters are read again */
    }
    text_fonts_add_fallback(e->fonts.fallback, &e->fonts.fallback_len, l.chain, l.chain_len,
                            own ? &e->fonts.fallback_first : NULL);
    text_fonts_add_fallback(e->fonts.bold_fallback, &e->fonts.bold_fallback_len, l.bold_chain,
                            l.bold_chain_len, own ? &e->fonts.bold_fallback_first : NULL);
    bool added = slot == &e->langs[e->lang_count];
    *slot = l;
    text_lang_exemplars(slot);
    if (added) {
        e->lang_count++;
    }
    text_layout_cache_clear(e->layouts); /* cached layouts used the old chains */
    engine_covers_reset(e);
    return true;
}

bool text_engine_add_registry(text_engine_t *e, const struct lang_registry *reg, char *err,
                              size_t err_size)
{
    for (int i = 0; i < reg->count; i++) {
        const lang_info_t *info = &reg->langs[i];
        text_lang_def_t def = {.code = info->code,
                               .rtl = info->rtl,
                               .fonts = info->fonts,
                               .bold_fonts = info->bold_fonts,
                               .line_height = info->line_height,
                               .script = info->script};
        if (!text_engine_add_language(e, &def, err, err_size)) {
            return false;
        }
    }
    return true;
}

const text_lang_t *text_engine_find_lang(const text_engine_t *e, const char *code)
{
    for (int i = 0; i < e->lang_count; i++) {
        if (strcmp(e->langs[i].code, code) == 0) {
            return &e->langs[i];
        }
    }
    for (int i = 0; i < e->lang_count; i++) {
        if (strcmp(e->langs[i].code, "en") == 0) {
            return &e->langs[i];
        }
    }
    return e->lang_count ? &e->langs[0] : NULL;
}

void text_engine_set_renderer(text_engine_t *e, SDL_Renderer *renderer)
{
    text_atlas_set_renderer(e->atlas, renderer); /* textures belong to one renderer */
    e->renderer = renderer;
}

void text_engine_set_target(text_engine_t *e, SDL_Surface *surface)
{
    text_atlas_set_target(e->atlas, surface);
}

void text_engine_begin_frame(text_engine_t *e)
{
    if (e->fonts.font_count >= TEXT_FONTS_HIGH_WATER) {
        /* Each language at each text size and orientation opens its fonts at a few sizes;
         * switching through enough of them fills the store. Between frames nothing holds
         * a layout, so everything pointing at a font goes, then the fonts: one slower
         * frame instead of text that can no longer be laid out. */
        text_layout_cache_clear(e->layouts);
        text_atlas_clear(e->atlas, false); /* font ids are reused: glyphs must go */
        text_measure_cache_clear(e->fonts.measures);
        text_fonts_close_all(&e->fonts);
        e->font_resets++;
    }
    text_layout_cache_begin_frame(e->layouts);
}

void text_engine_set_missing_glyph_handler(text_engine_t *e, text_missing_glyph_fn fn, void *user)
{
    e->shaper.on_missing = fn;
    e->shaper.on_missing_user = user;
}

const char *text_engine_last_error(const text_engine_t *e)
{
    return e ? e->err : "no engine";
}

void text_engine_get_stats(const text_engine_t *e, text_cache_stats_t *stats)
{
    memset(stats, 0, sizeof *stats);
    text_layout_cache_stats(e->layouts, stats);
    text_atlas_stats(e->atlas, stats);
    stats->fonts_open = e->fonts.font_count;
    text_measure_cache_stats(e->fonts.measures, &stats->shapes, &stats->shape_bytes);
    stats->font_resets = e->font_resets;
}

bool text_isolate(const char *value, bool ltr, char *out, size_t out_size)
{
    int n = snprintf(out, out_size, "%s%s%s", ltr ? TEXT_ISOLATE_LRI : TEXT_ISOLATE_FSI, value,
                     TEXT_ISOLATE_PDI);
    return n >= 0 && (size_t)n < out_size;
}

void text_engine_forget(text_engine_t *e)
{
    if (e->shaper.scratch) { /* the last run rendered: words of the session */
        sodium_memzero(e->shaper.scratch, TEXT_SCRATCH_MAX);
    }
    text_layout_cache_clear(e->layouts); /* zeroes texts and glyph records */
    text_atlas_forget(e->atlas);         /* and the glyph images (zeroed, pages kept) */
    text_measure_cache_clear(e->fonts.measures);
    for (int i = 0; i < e->fonts.font_count; i++) {
        text_glyph_boxes_clear(e->fonts.fonts[i].boxes);
    }
}

/* Only letters decide: digits, punctuation and marks belong to no one script. */
static bool text_is_english_only(const char *utf8)
{
    bool latin = false;
    int32_t i = 0, n = (int32_t)strlen(utf8);
    while (i < n) {
        UChar32 c;
        U8_NEXT(utf8, i, n, c);
        if (c < 0 || !u_isalpha(c)) {
            continue;
        }
        UErrorCode st = U_ZERO_ERROR;
        UScriptCode s = uscript_getScript(c, &st);
        if (s == USCRIPT_LATIN) {
            latin = true;
        } else if (s != USCRIPT_COMMON && s != USCRIPT_INHERITED) {
            return false;
        }
    }
    return latin;
}

const text_lang_t *text_engine_lang_of_text(const text_engine_t *e, const text_lang_t *lang,
                                            const char *utf8)
{
    if (!lang->script[0] || strcmp(lang->script, "Latn") == 0 || !text_is_english_only(utf8)) {
        return lang;
    }
    for (int i = 0; i < e->lang_count; i++) {
        if (strcmp(e->langs[i].code, "en") == 0) {
            return &e->langs[i];
        }
    }
    return lang;
}

#define TEXT_COVERAGE_PX 32 /* any size: a cmap does not depend on it */

static bool engine_file_covers(text_engine_t *e, int file, Uint32 cp)
{
    char err[TEXT_ERROR_MAX];
    text_font_t *font = text_fonts_get(&e->fonts, file, TEXT_COVERAGE_PX, err, sizeof err);
    return font && text_font_covers(font, cp);
}

static bool engine_covers_chains(text_engine_t *e, const text_lang_t *l, Uint32 cp);

bool text_engine_covers(text_engine_t *e, const char *lang, Uint32 cp)
{
    if (text_is_default_ignorable(cp)) {
        return true;
    }
    int last = e->covers_last_lang;
    const text_lang_t *l = last >= 0 && strcmp(e->langs[last].code, lang) == 0
                               ? &e->langs[last]
                               : text_engine_find_lang(e, lang);
    if (!l) {
        return engine_covers_chains(e, NULL, cp);
    }
    int li = (int)(l - e->langs);
    e->covers_last_lang = li;
    text_covers_memo_t *m = &e->covers[((cp * 2654435761u) ^ (Uint32)li) & (TEXT_COVERS_MEMO - 1)];
    if (m->lang != li || m->cp != cp) {
        *m = (text_covers_memo_t){.cp = cp, .lang = (signed char)li,
                                  .covered = engine_covers_chains(e, l, cp)};
    }
    return m->covered;
}

/* Whether a font of l's chain (l may be NULL), or of the fallbacks, has cp. */
static bool engine_covers_chains(text_engine_t *e, const text_lang_t *l, Uint32 cp)
{
    for (int i = 0; l && i < l->chain_len; i++) {
        if (engine_file_covers(e, l->chain[i], cp)) {
            return true;
        }
    }
    for (int i = 0; i < e->fonts.fallback_len; i++) {
        if (engine_file_covers(e, e->fonts.fallback[i], cp)) {
            return true;
        }
    }
    return false;
}
