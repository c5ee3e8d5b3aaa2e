/* Itemisation of one paragraph: UTF-8 -> UTF-16 (ICU's unit), bidi embedding levels from ICU
 * ubidi with the language's base direction, a script per character from HarfBuzz's Unicode
 * functions (common and inherited characters join their neighbours), and runs of one level,
 * one script and one font: the first font of the language's chain that has every character
 * of the run; a run no single font covers is split character by character. */
#include "text/text_internal.h"

#include <hb.h>
#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
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
    free(para->u16);
    free(para->byte_at);
    free(para->cp_at);
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

/* Resolves a script for every UTF-16 index (trail units copy their lead). */
static hb_script_t *para_scripts(const text_para_t *para)
{
    hb_script_t *scripts = malloc(((size_t)para->n + 1) * sizeof *scripts);
    if (!scripts) {
        return NULL;
    }
    hb_unicode_funcs_t *uf = hb_unicode_funcs_get_default();
    hb_script_t last = HB_SCRIPT_INVALID;
    for (int i = 0; i < para->n;) {
        UChar32 c = para_char_at(para, i);
        hb_script_t s = hb_unicode_script(uf, (hb_codepoint_t)c);
        if (!script_is_weak(s)) {
            last = s;
        } else {
            s = last; /* joins the preceding strong script; INVALID until one is seen */
        }
        int len = U16_LENGTH(c);
        for (int k = 0; k < len; k++) {
            scripts[i + k] = s;
        }
        i += len;
    }
    /* Weak characters before the first strong one join the next strong script. */
    hb_script_t next = HB_SCRIPT_LATIN;
    for (int i = para->n - 1; i >= 0; i--) {
        if (scripts[i] == HB_SCRIPT_INVALID) {
            scripts[i] = next;
        } else {
            next = scripts[i];
        }
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

/* Index into chain of the first font covering c, -1 if none. */
static int chain_first_covering(text_font_t *const *chain, int len, UChar32 c)
{
    for (int f = 0; f < len; f++) {
        if (text_font_covers(chain[f], (Uint32)c)) {
            return f;
        }
    }
    return -1;
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

typedef struct item_ctx {
    text_shaper_t *sh;
    text_para_t *para;
    text_font_t *chain[TEXT_CHAIN_MAX];
    int chain_len;
    const char *lang;
    int cap;
} item_ctx_t;

/* Splits [start, end) by the first covering font of each character. Ignorable characters
 * and spaces stay with the font before them, so a space does not cut a word's run. */
static bool itemize_split_by_font(item_ctx_t *ctx, const text_run_t *proto, int start, int end)
{
    text_para_t *para = ctx->para;
    text_run_t run = *proto;
    run.start = start;
    int current = -2; /* -2: none yet, -1: missing */
    for (int i = start; i < end;) {
        UChar32 c = para_char_at(para, i);
        int len = U16_LENGTH(c);
        int f;
        if (text_is_default_ignorable((Uint32)c)) {
            f = current == -2 ? 0 : current; /* any font hides it */
        } else if (u_isUWhiteSpace(c) && current >= 0 &&
                   text_font_covers(ctx->chain[current], (Uint32)c)) {
            f = current;
        } else {
            f = chain_first_covering(ctx->chain, ctx->chain_len, c);
            if (f < 0) {
                para->missing++;
                if (ctx->sh->on_missing) {
                    ctx->sh->on_missing(ctx->sh->on_missing_user, ctx->lang, (Uint32)c);
                }
            }
        }
        if (f != current && current != -2) {
            run.end = i;
            run.font = current >= 0 ? ctx->chain[current] : NULL;
            if (!para_push_run(para, &ctx->cap, &run)) {
                return false;
            }
            run.start = i;
        }
        current = f;
        i += len;
    }
    run.end = end;
    run.font = current >= 0 ? ctx->chain[current] : NULL;
    return para_push_run(para, &ctx->cap, &run);
}

static bool itemize_run(item_ctx_t *ctx, const text_run_t *proto)
{
    for (int f = 0; f < ctx->chain_len; f++) {
        if (font_covers_range(ctx->chain[f], ctx->para, proto->start, proto->end)) {
            text_run_t run = *proto;
            run.font = ctx->chain[f];
            return para_push_run(ctx->para, &ctx->cap, &run);
        }
    }
    return itemize_split_by_font(ctx, proto, proto->start, proto->end);
}

static void script_tag(hb_script_t s, char out[5])
{
    hb_tag_t tag = hb_script_to_iso15924_tag(s);
    hb_tag_to_string(tag, out);
    out[4] = '\0';
}

static bool itemize_runs(item_ctx_t *ctx, const UBiDiLevel *levels, const hb_script_t *scripts)
{
    text_para_t *para = ctx->para;
    int start = 0;
    for (int i = 1; i <= para->n; i++) {
        if (i < para->n && levels[i] == levels[start] && scripts[i] == scripts[start]) {
            continue;
        }
        text_run_t proto = {.start = start, .end = i, .level = levels[start], .width = -1};
        script_tag(scripts[start], proto.script);
        if (!itemize_run(ctx, &proto)) {
            return false;
        }
        start = i;
    }
    return true;
}

static bool itemize_set_chain(item_ctx_t *ctx, const text_lang_t *lang, int px, bool bold)
{
    const int *files = bold && lang->bold_chain_len ? lang->bold_chain : lang->chain;
    int len = bold && lang->bold_chain_len ? lang->bold_chain_len : lang->chain_len;
    for (int i = 0; i < len; i++) {
        ctx->chain[i] = text_fonts_get(ctx->sh->fonts, files[i], px, ctx->sh->err,
                                       sizeof ctx->sh->err);
        if (!ctx->chain[i]) {
            return false;
        }
    }
    ctx->chain_len = len;
    return true;
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
        return true;
    }
    UErrorCode st = U_ZERO_ERROR;
    /* The language decides the base direction (DESIGN §4), not the first strong letter:
     * an Urdu sentence that starts with "NHS" is still a right-to-left paragraph. */
    ubidi_setPara(sh->para_bidi, para->u16, para->n, lang->rtl ? 1 : 0, NULL, &st);
    const UBiDiLevel *levels = U_SUCCESS(st) ? ubidi_getLevels(sh->para_bidi, &st) : NULL;
    if (!levels) {
        snprintf(sh->err, sizeof sh->err, "ubidi: %s", u_errorName(st));
        return false;
    }
    hb_script_t *scripts = para_scripts(para);
    bool ok = scripts && itemize_runs(&ctx, levels, scripts);
    free(scripts);
    if (!ok) {
        snprintf(sh->err, sizeof sh->err, "out of memory");
    }
    return ok;
}

int text_para_measure(text_shaper_t *sh, text_para_t *para, int start, int end)
{
    int w = 0;
    for (int r = 0; r < para->run_count; r++) {
        text_run_t *run = &para->runs[r];
        int a = run->start > start ? run->start : start;
        int b = run->end < end ? run->end : end;
        if (a >= b || !run->font) {
            continue;
        }
        bool whole = a == run->start && b == run->end;
        if (whole && run->width >= 0) {
            w += run->width;
            continue;
        }
        int rw = text_measure(run->font, run->level & 1, run->script,
                              para->utf8 + para->byte_at[a], para->byte_at[b] - para->byte_at[a],
                              sh->scratch);
        if (whole) {
            run->width = rw;
        }
        w += rw;
    }
    return w;
}
