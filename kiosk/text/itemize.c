/* Itemisation of one paragraph: UTF-8 -> UTF-16 (ICU's unit), bidi embedding levels from ICU
 * ubidi with the language's base direction, a script per character from HarfBuzz's Unicode
 * functions (common and inherited characters join their neighbours), and runs of one level,
 * one script and one font: each grapheme cluster takes the first font of the language's chain
 * that truly has it (cmap, else shaped without .notdef), and runs split where that changes. */
#include "text/text_internal.h"

#include <hb.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/ulocdata.h>
#include <unicode/uset.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

bool text_shaper_init(text_shaper_t *sh, text_fonts_t *fonts, char *err, size_t err_size)
{
    memset(sh, 0, sizeof *sh);
    sh->fonts = fonts;
    UErrorCode st = U_ZERO_ERROR;
    sh->para_bidi = ubidi_open();
    sh->line_bidi = ubidi_open();
    /* The root locale's UAX #14 rules serve every shipped language. */
    sh->line_breaks = ubrk_open(UBRK_LINE, "", NULL, 0, &st);
    if (U_SUCCESS(st)) {
        sh->graphemes = ubrk_open(UBRK_CHARACTER, "", NULL, 0, &st);
    }
    sh->scratch = malloc(TEXT_SCRATCH_MAX);
    if (!sh->para_bidi || !sh->line_bidi || U_FAILURE(st) || !sh->scratch) {
        snprintf(err, err_size, "ICU set-up failed: %s", u_errorName(st));
        text_shaper_deinit(sh);
        return false;
    }
    return true;
}

void text_shaper_deinit(text_shaper_t *sh)
{
    if (sh->line_breaks) {
        ubrk_close(sh->line_breaks);
    }
    if (sh->graphemes) {
        ubrk_close(sh->graphemes);
    }
    if (sh->line_bidi) {
        ubidi_close(sh->line_bidi);
    }
    if (sh->para_bidi) {
        ubidi_close(sh->para_bidi);
    }
    free(sh->scratch);
    memset(sh, 0, sizeof *sh);
}

bool text_is_default_ignorable(Uint32 cp)
{
    /* Joiners, bidi controls and variation selectors: HarfBuzz hides them, so they need no
     * glyph; control characters (tab) are not drawn either. */
    return u_hasBinaryProperty((UChar32)cp, UCHAR_DEFAULT_IGNORABLE_CODE_POINT) ||
           u_charType((UChar32)cp) == U_CONTROL_CHAR;
}

void text_para_deinit(text_para_t *para)
{
    if (para->u16) {
        /* the text itself; as allocated (para_convert), even if converting stopped early */
        sodium_memzero(para->u16, ((size_t)para->bytes + 1) * sizeof *para->u16);
    }
    free(para->u16);
    free(para->byte_at);
    free(para->cp_at);
    for (int r = 0; para->runs && r < para->run_count; r++) {
        text_shaped_free(&para->runs[r].shaped);
    }
    free(para->runs);
    memset(para, 0, sizeof *para);
}

static bool para_convert(text_para_t *para)
{
    size_t cap = (size_t)para->bytes + 1; /* UTF-16 never needs more units than UTF-8 bytes */
    para->u16 = malloc(cap * sizeof *para->u16);
    para->byte_at = malloc(cap * sizeof *para->byte_at);
    para->cp_at = malloc(cap * sizeof *para->cp_at);
    if (!para->u16 || !para->byte_at || !para->cp_at) {
        return false;
    }
    const uint8_t *s = (const uint8_t *)para->utf8;
    int32_t i = 0, n = 0, cps = 0;
    while (i < para->bytes) {
        int32_t at = i;
        UChar32 c;
        U8_NEXT(s, i, para->bytes, c);
        if (c < 0) {
            c = 0xFFFD; /* invalid UTF-8 shows as a replacement, it does not stop the text */
        }
        int32_t first = n;
        U16_APPEND_UNSAFE(para->u16, n, c);
        for (int32_t k = first; k < n; k++) {
            para->byte_at[k] = at;
            para->cp_at[k] = cps;
        }
        cps++;
    }
    para->byte_at[n] = para->bytes;
    para->cp_at[n] = cps;
    para->u16[n] = 0;
    para->n = n;
    return true;
}

static UChar32 para_char_at(const text_para_t *para, int i)
{
    UChar32 c;
    U16_GET(para->u16, 0, i, para->n, c);
    return c;
}

static bool script_is_weak(hb_script_t s)
{
    return s == HB_SCRIPT_COMMON || s == HB_SCRIPT_INHERITED || s == HB_SCRIPT_UNKNOWN;
}

/* Raw scripts per UTF-16 index (trail units copy their lead); weak ones become INVALID. */
static void scripts_raw(const text_para_t *para, hb_script_t *scripts)
{
    hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
    for (int i = 0; i < para->n;) {
        UChar32 c = para_char_at(para, i);
        hb_script_t s = hb_unicode_script(uf, (hb_codepoint_t)c);
        int len = U16_LENGTH(c);
        for (int k = 0; k < len; k++) {
            scripts[i + k] = script_is_weak(s) ? HB_SCRIPT_INVALID : s;
        }
        i += len;
    }
}

/* Weak characters of [start, end) join the strong script before them in the same level run,
 * else the one after; true if the level run has a strong script at all. */
static bool scripts_resolve_level_run(hb_script_t *scripts, int start, int end)
{
    hb_script_t last = HB_SCRIPT_INVALID;
    for (int i = start; i < end; i++) {
        if (scripts[i] == HB_SCRIPT_INVALID) {
            scripts[i] = last;
        } else {
            last = scripts[i];
        }
    }
    hb_script_t next = HB_SCRIPT_INVALID;
    for (int i = end - 1; i >= start; i--) {
        if (scripts[i] == HB_SCRIPT_INVALID) {
            scripts[i] = next;
        } else {
            next = scripts[i];
        }
    }
    return last != HB_SCRIPT_INVALID;
}

/* A script for every UTF-16 index. Resolving within a level run keeps the space between an
 * Urdu word and an embedded English one with the Urdu run. A level run with no letters
 * (digits of a phone number) takes the script before it, else after it, else Latin. */
static hb_script_t *para_scripts(const text_para_t *para, const UBiDiLevel *levels)
{
    hb_script_t *scripts = malloc(((size_t)para->n + 1) * sizeof *scripts);
    if (!scripts) {
        return NULL;
    }
    scripts_raw(para, scripts);
    for (int start = 0, i = 1; i <= para->n; i++) {
        if (i < para->n && levels[i] == levels[start]) {
            continue;
        }
        scripts_resolve_level_run(scripts, start, i);
        start = i;
    }
    hb_script_t last = HB_SCRIPT_INVALID;
    for (int i = 0; i < para->n; i++) {
        scripts[i] = scripts[i] == HB_SCRIPT_INVALID ? last : scripts[i];
        last = scripts[i];
    }
    hb_script_t next = HB_SCRIPT_LATIN;
    for (int i = para->n - 1; i >= 0; i--) {
        scripts[i] = scripts[i] == HB_SCRIPT_INVALID ? next : scripts[i];
        next = scripts[i];
    }
    return scripts;
}

static bool para_push_run(text_para_t *para, int *cap, const text_run_t *run)
{
    if (para->run_count == *cap) {
        int ncap = *cap ? *cap * 2 : 8;
        text_run_t *r = realloc(para->runs, (size_t)ncap * sizeof *r);
        if (!r) {
            return false;
        }
        para->runs = r;
        *cap = ncap;
    }
    para->runs[para->run_count++] = *run;
    return true;
}

static bool font_covers_range(const text_font_t *font, const text_para_t *para, int start,
                              int end)
{
    for (int i = start; i < end;) {
        UChar32 c = para_char_at(para, i);
        if (!text_is_default_ignorable((Uint32)c) && !text_font_covers(font, (Uint32)c)) {
            return false;
        }
        i += U16_LENGTH(c);
    }
    return true;
}

#define TEXT_FULL_CHAIN_MAX (TEXT_CHAIN_MAX + TEXT_FALLBACK_MAX)

typedef struct item_ctx {
    text_shaper_t *sh;
    text_para_t *para;
    int files[TEXT_FULL_CHAIN_MAX];          /* the language's chain, then the fallbacks */
    text_font_t *opened[TEXT_FULL_CHAIN_MAX]; /* opened on first use: most text never needs
                                                 a fallback font */
    bool failed[TEXT_FULL_CHAIN_MAX];
    int len;
    int px;
    bool bold;
    const char *lang;
    const text_lang_t *layout_lang;
    int cap;
} item_ctx_t;

static text_font_t *ctx_font(item_ctx_t *ctx, int i)
{
    if (!ctx->opened[i] && !ctx->failed[i]) {
        char err[TEXT_ERROR_MAX];
        ctx->opened[i] = text_fonts_get(ctx->sh->fonts, ctx->files[i], ctx->px, err, sizeof err);
        ctx->failed[i] = ctx->opened[i] == NULL; /* treated as covering nothing */
    }
    return ctx->opened[i];
}

/* Index of the first font covering c, -1 if none. */
static int ctx_first_covering(item_ctx_t *ctx, UChar32 c)
{
    for (int f = 0; f < ctx->len; f++) {
        text_font_t *font = ctx_font(ctx, f);
        if (font && text_font_covers(font, (Uint32)c)) {
            return f;
        }
    }
    return -1;
}

/* Whether font truly has the grapheme cluster [a, b): each character in its cmap (HarfBuzz's
 * nominal glyph), or else the cluster shaped in it without a .notdef (glyph 0): HarfBuzz
 * composes or decomposes a base and its marks into what the font does have. */
static bool font_has_cluster(item_ctx_t *ctx, text_font_t *font, const text_run_t *proto, int a,
                             int b)
{
    if (font_covers_range(font, ctx->para, a, b)) {
        return true;
    }
    if (b - a < 2) {
        return false; /* one BMP character: nothing to compose */
    }
    text_shaped_t shaped = {0};
    bool ok = text_shape_utf16(font, proto->level & 1, proto->script, ctx->para->u16 + a, b - a,
                               &shaped) &&
              shaped.count > 0;
    for (int i = 0; ok && i < shaped.count; i++) {
        ok = shaped.glyphs[i].index != 0;
    }
    text_shaped_free(&shaped);
    return ok;
}

static bool cluster_all(const text_para_t *para, int a, int b, bool (*test)(UChar32))
{
    for (int i = a; i < b;) {
        UChar32 c = para_char_at(para, i);
        if (!test(c)) {
            return false;
        }
        i += U16_LENGTH(c);
    }
    return true;
}

static bool char_ignorable(UChar32 c)
{
    return text_is_default_ignorable((Uint32)c);
}

/* Characters of no script of their own (spaces, digits, punctuation, joiners): "+44 116"
 * stays in one face, and they never pull a letter away from the first font. */
static bool char_scriptless(UChar32 c)
{
    hb_script_t s = hb_unicode_script(hb_unicode_funcs_get_default(), (hb_codepoint_t)c);
    return script_is_weak(s) || text_is_default_ignorable((Uint32)c);
}

/* Counts (and reports) the characters of a cluster that no font has at all. */
static void cluster_missing(item_ctx_t *ctx, int a, int b)
{
    for (int i = a; i < b;) {
        UChar32 c = para_char_at(ctx->para, i);
        if (!text_is_default_ignorable((Uint32)c) && ctx_first_covering(ctx, c) < 0) {
            ctx->para->missing++;
            if (ctx->sh->on_missing) {
                ctx->sh->on_missing(ctx->sh->on_missing_user, ctx->lang, (Uint32)c);
            }
        }
        i += U16_LENGTH(c);
    }
}

/* The font of one grapheme cluster: the first of the chain that truly has it. Ignorable
 * characters, spaces, digits and punctuation stay with the font before them when it has them;
 * a cluster no single font has takes the first font of its base character. */
static int cluster_font(item_ctx_t *ctx, const text_run_t *proto, int a, int b, int current)
{
    if (cluster_all(ctx->para, a, b, char_ignorable)) {
        return current == -2 ? 0 : current; /* any font hides it */
    }
    text_font_t *before = current >= 0 ? ctx_font(ctx, current) : NULL;
    if (before && cluster_all(ctx->para, a, b, char_scriptless) &&
        font_has_cluster(ctx, before, proto, a, b)) {
        return current; /* a space, digit or punctuation mark keeps the face before it */
    }
    for (int f = 0; f < ctx->len; f++) {
        text_font_t *font = ctx_font(ctx, f);
        if (font && font_has_cluster(ctx, font, proto, a, b)) {
            return f;
        }
    }
    cluster_missing(ctx, a, b);
    return ctx_first_covering(ctx, para_char_at(ctx->para, a));
}

/* Fallback per grapheme cluster, never per run: each cluster takes the first font of the
 * language's chain that truly has it, and runs split where that font changes. A run is never
 * moved as a whole to a later font because the first lacks one character (an Arabic sentence
 * ending in "{" stays in Naskh; the brace alone takes the next font). */
static bool itemize_run(item_ctx_t *ctx, const text_run_t *proto)
{
    text_para_t *para = ctx->para;
    text_run_t run = *proto;
    int current = -2; /* -2: none yet, -1: missing */
    for (int a = proto->start; a < proto->end;) {
        int32_t b = ubrk_following(ctx->sh->graphemes, a);
        if (b == UBRK_DONE || b > proto->end || b <= a) {
            b = proto->end;
        }
        int f = cluster_font(ctx, proto, a, b, current);
        if (f != current && current != -2) {
            run.end = a;
            run.font = current >= 0 ? ctx_font(ctx, current) : NULL;
            if (!para_push_run(para, &ctx->cap, &run)) {
                return false;
            }
            run.start = a;
        }
        current = f;
        a = b;
    }
    run.end = proto->end;
    run.font = current >= 0 ? ctx_font(ctx, current) : NULL;
    return para_push_run(para, &ctx->cap, &run);
}

static void script_tag(hb_script_t s, char out[5])
{
    hb_tag_t tag = hb_script_to_iso15924_tag(s);
    hb_tag_to_string(tag, out);
    out[4] = '\0';
}

static void ctx_append(item_ctx_t *ctx, const int *files, int len);

/* The letters of lang: ICU's exemplar characters of its locale, standard and auxiliary
 * (Urdu's include ئ and ة only as auxiliary), read once. */
const USet *text_lang_exemplars(text_lang_t *lang)
{
    if (!lang->exemplars) {
        UErrorCode st = U_ZERO_ERROR;
        ULocaleData *data = ulocdata_open(lang->code, &st);
        USet *all = uset_openEmpty();
        for (int type = ULOCDATA_ES_STANDARD; U_SUCCESS(st) && type <= ULOCDATA_ES_AUXILIARY;
             type++) {
            USet *part = ulocdata_getExemplarSet(data, NULL, USET_ADD_CASE_MAPPINGS,
                                                 (ULocaleDataExemplarSetType)type, &st);
            if (part) {
                uset_addAll(all, part);
                uset_close(part);
            }
        }
        ulocdata_close(data);
        lang->exemplars = all; /* empty when ICU has no data: scores 0, the tie rule decides */
    }
    return lang->exemplars;
}

/* For a run in a script other than the layout language's: the registered language of that
 * script whose letters the run uses most (a tie goes to the language the script stands for);
 * NULL when there is none, or it is the layout language. */
static const text_lang_t *run_language(item_ctx_t *ctx, const text_run_t *run)
{
    const text_lang_t *layout = ctx->layout_lang;
    if (!layout->script[0] || strcmp(run->script, layout->script) == 0 || !ctx->sh->langs) {
        return NULL;
    }
    const text_lang_t *best = NULL;
    int best_score = -1;
    for (int i = 0; i < *ctx->sh->lang_count; i++) {
        text_lang_t *l = &ctx->sh->langs[i];
        if (strcmp(l->script, run->script) != 0) {
            continue;
        }
        const USet *letters = text_lang_exemplars(l);
        int score = 0;
        for (int k = run->start; letters && k < run->end;) {
            UChar32 c = para_char_at(ctx->para, k);
            score += u_isalpha(c) && uset_contains(letters, c);
            k += U16_LENGTH(c);
        }
        if (score > best_score || (score == best_score && l->own_script && !best->own_script)) {
            best = l;
            best_score = score;
        }
    }
    return best == layout ? NULL : best;
}

/* A run in another language's script: that language's chain first, then the layout's. */
static bool itemize_foreign_run(item_ctx_t *ctx, const text_lang_t *lang, const text_run_t *proto)
{
    item_ctx_t alt = *ctx;
    bool use_bold = ctx->bold && lang->bold_chain_len;
    alt.len = 0;
    memset(alt.opened, 0, sizeof alt.opened);
    memset(alt.failed, 0, sizeof alt.failed);
    ctx_append(&alt, use_bold ? lang->bold_chain : lang->chain,
               use_bold ? lang->bold_chain_len : lang->chain_len);
    ctx_append(&alt, ctx->files, ctx->len);
    bool ok = itemize_run(&alt, proto);
    ctx->cap = alt.cap; /* the paragraph's runs array may have grown */
    return ok;
}

static bool itemize_runs(item_ctx_t *ctx, const UBiDiLevel *levels, const hb_script_t *scripts)
{
    text_para_t *para = ctx->para;
    int start = 0;
    for (int i = 1; i <= para->n; i++) {
        if (i < para->n && levels[i] == levels[start] && scripts[i] == scripts[start]) {
            continue;
        }
        text_run_t proto = {.start = start, .end = i, .level = levels[start]};
        script_tag(scripts[start], proto.script);
        const text_lang_t *foreign = run_language(ctx, &proto);
        if (!(foreign ? itemize_foreign_run(ctx, foreign, &proto) : itemize_run(ctx, &proto))) {
            return false;
        }
        start = i;
    }
    return true;
}

static void ctx_append(item_ctx_t *ctx, const int *files, int len)
{
    for (int i = 0; i < len && ctx->len < TEXT_FULL_CHAIN_MAX; i++) {
        bool known = false;
        for (int k = 0; k < ctx->len; k++) {
            known = known || ctx->files[k] == files[i];
        }
        if (!known) {
            ctx->files[ctx->len++] = files[i];
        }
    }
}

/* The chain for a style; its first font must open (it sets the line metrics). */
static bool itemize_set_chain(item_ctx_t *ctx, const text_lang_t *lang, int px, bool bold)
{
    const text_fonts_t *fonts = ctx->sh->fonts;
    bool use_bold = bold && lang->bold_chain_len;
    ctx->px = px;
    ctx->bold = bold;
    ctx->layout_lang = lang;
    ctx_append(ctx, use_bold ? lang->bold_chain : lang->chain,
               use_bold ? lang->bold_chain_len : lang->chain_len);
    ctx_append(ctx, use_bold ? fonts->bold_fallback : fonts->fallback,
               use_bold ? fonts->bold_fallback_len : fonts->fallback_len);
    ctx->opened[0] = text_fonts_get(ctx->sh->fonts, ctx->files[0], px, ctx->sh->err,
                                    sizeof ctx->sh->err);
    return ctx->opened[0] != NULL;
}

/* The language's direction, unless the paragraph has no strong letter of that direction but
 * does have the other: English shown in an Urdu screen (an untranslated string) must not
 * read "?How can we help", and an Urdu sentence starting with "NHS" stays right-to-left. */
static bool para_base_rtl(const text_para_t *para, bool lang_rtl)
{
    bool has_l = false, has_r = false;
    for (int i = 0; i < para->n;) {
        UChar32 c = para_char_at(para, i);
        UCharDirection d = u_charDirection(c);
        has_l = has_l || d == U_LEFT_TO_RIGHT;
        has_r = has_r || d == U_RIGHT_TO_LEFT || d == U_RIGHT_TO_LEFT_ARABIC;
        i += U16_LENGTH(c);
    }
    if (lang_rtl) {
        return has_r || !has_l;
    }
    return has_r && !has_l;
}

bool text_para_init(text_shaper_t *sh, text_para_t *para, const char *utf8, int bytes,
                    int cp_base, const text_lang_t *lang, int px, bool bold)
{
    memset(para, 0, sizeof *para);
    para->utf8 = utf8;
    para->bytes = bytes;
    para->cp_base = cp_base;
    item_ctx_t ctx = {.sh = sh, .para = para, .lang = lang->code};
    if (!itemize_set_chain(&ctx, lang, px, bold)) {
        return false;
    }
    if (!para_convert(para)) {
        snprintf(sh->err, sizeof sh->err, "out of memory");
        return false;
    }
    if (para->n == 0) {
        para->rtl = lang->rtl;
        return true;
    }
    UErrorCode st = U_ZERO_ERROR;
    para->rtl = para_base_rtl(para, lang->rtl);
    ubidi_setPara(sh->para_bidi, para->u16, para->n, para->rtl ? 1 : 0, NULL, &st);
    const UBiDiLevel *levels = U_SUCCESS(st) ? ubidi_getLevels(sh->para_bidi, &st) : NULL;
    if (!levels) {
        snprintf(sh->err, sizeof sh->err, "ubidi: %s", u_errorName(st));
        return false;
    }
    hb_script_t *scripts = para_scripts(para, levels);
    ubrk_setText(sh->graphemes, para->u16, para->n, &st); /* clusters for font fallback */
    bool ok = scripts && U_SUCCESS(st) && itemize_runs(&ctx, levels, scripts);
    free(scripts);
    if (!ok) {
        snprintf(sh->err, sizeof sh->err, "out of memory");
    }
    return ok;
}

/* The run shaped once (on first need); glyphs of [a, b) as a slice of it, or false when it
 * cannot be cut there or is drawn against its own direction. */
static bool run_slice(text_para_t *para, int r, int a, int b, bool rtl, int *first, int *count)
{
    text_run_t *run = &para->runs[r];
    if (!run->shaped_done) {
        /* one shaping of the whole run serves every word and line measured in it */
        text_shape_utf16(run->font, run->level & 1, run->script, para->u16 + run->start,
                         run->end - run->start, &run->shaped);
        run->shaped_done = true;
    }
    return (run->level & 1) == rtl && run->shaped.length > 0 &&
           text_shaped_slice(&run->shaped, a - run->start, b - run->start, first, count);
}

void text_para_run_metrics(text_para_t *para, int r, int a, int b, bool rtl, text_metrics_t *m)
{
    text_run_t *run = &para->runs[r];
    int first = 0, count = 0;
    if (run_slice(para, r, a, b, rtl, &first, &count)) {
        text_glyphs_metrics(run->font, run->shaped.glyphs + first, count, m);
        return;
    }
    /* cut where the shaping changes (rare), or drawn against the run's direction */
    text_measure(run->font, rtl, run->script, para->utf8 + para->byte_at[a],
                 para->byte_at[b] - para->byte_at[a], m);
}

bool text_para_run_glyphs(text_para_t *para, int r, int a, int b, bool rtl, text_shaped_t *alone,
                          const text_glyph_t **glyphs, int *count)
{
    text_run_t *run = &para->runs[r];
    int first = 0;
    memset(alone, 0, sizeof *alone);
    if (run_slice(para, r, a, b, rtl, &first, count)) {
        *glyphs = run->shaped.glyphs + first;
        return true;
    }
    /* shaped alone as text_measure() shapes it, so the box is the one the breaker measured */
    bool ok = text_shape_utf16(run->font, rtl, run->script, para->u16 + a, b - a, alone);
    *glyphs = alone->glyphs;
    *count = alone->count;
    return ok;
}

int text_para_measure(text_para_t *para, int start, int end)
{
    int w = 0;
    for (int r = 0; r < para->run_count; r++) {
        const text_run_t *run = &para->runs[r];
        int a = run->start > start ? run->start : start;
        int b = run->end < end ? run->end : end;
        if (a < b && run->font) {
            text_metrics_t m;
            text_para_run_metrics(para, r, a, b, run->level & 1, &m);
            w += m.width;
        }
    }
    return w;
}
