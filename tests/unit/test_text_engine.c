/* Behaviour of the text engine beyond the table: lifecycle, language fallback, caches,
 * measurement agreeing with rendering, ellipsis, grapheme-safe breaking, newlines,
 * missing glyphs, isolates, RTL alignment and Nastaliq line height. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <unicode/ubrk.h>
#include <unicode/ustring.h>

#include "text_test_util.h"
#include "text/text_internal.h" /* the atlas's page constants */

typedef text_test_fixture_t fixture_t;

static const text_style_t STYLE_32 = {.px = 32};

static int setup(void **state)
{
    *state = text_test_fixture_open(1200, 400);
    return *state ? 0 : -1;
}

static int teardown(void **state)
{
    text_test_fixture_close(*state);
    return 0;
}

static void test_destroy_null_is_noop(void **state)
{
    (void)state;
    text_engine_destroy(NULL); /* must not crash */
}

static void test_add_language_rejects_missing_font(void **state)
{
    fixture_t *f = *state;
    text_lang_def_t def = {.code = "xx", .fonts = "NoSuchFont-Regular.ttf", .line_height = 1.2};
    char err[256] = "";
    assert_false(text_engine_add_language(f->engine, &def, err, sizeof err));
    if (!strstr(err, "NoSuchFont-Regular.ttf")) {
        fail_msg("error should name the missing font file, got '%s'", err);
    }
}

static void test_unknown_language_uses_english(void **state)
{
    fixture_t *f = *state;
    const text_layout_t *l = text_layout(f->engine, "Hello", "zz", &STYLE_32, 0);
    assert_non_null(l);
    text_run_info_t run;
    assert_true(text_layout_line_run(l, 0, 0, &run));
    if (strcmp(run.font_file, "NotoSans-Regular.ttf") != 0 || text_layout_is_rtl(l)) {
        fail_msg("unknown language should lay out as en (NotoSans, LTR), got %s", run.font_file);
    }
}

/* Text sizes, orientations and languages each open fonts at their own sizes; far more than
 * the store holds must still lay out, the store being emptied between frames. */
static void test_many_font_sizes_keep_laying_out(void **state)
{
    fixture_t *f = *state;
    static const char *const langs[][2] = {{"en", "Report"}, {"ur", "رپورٹ کریں"},
                                           {"gu", "રિપોર્ટ"}, {"hi", "रिपोर्ट"}};
    for (int px = 10; px < 400; px++) {
        text_engine_begin_frame(f->engine);
        for (size_t i = 0; i < sizeof langs / sizeof langs[0]; i++) {
            text_style_t style = {.px = px, .bold = px % 2 == 0};
            const text_layout_t *l = text_layout(f->engine, langs[i][1], langs[i][0], &style, 0);
            if (!l || text_layout_width(l) <= 0) {
                fail_msg("%s at %d px: no layout (%s)", langs[i][0], px,
                         text_engine_last_error(f->engine));
            }
        }
    }
    text_cache_stats_t st;
    text_engine_get_stats(f->engine, &st);
    if (st.font_resets == 0 || st.fonts_open <= 0 || st.fonts_open > 256) {
        fail_msg("%lu resets, %d fonts open: the store should have been emptied and refilled",
                 st.font_resets, st.fonts_open);
    }
    SDL_Color black = {0, 0, 0, 255};
    text_style_t style = {.px = 32};
    text_draw(f->engine, text_layout(f->engine, "Report", "en", &style, 0), 0, 0, 400, black);
}

static void test_layout_cache_hits(void **state)
{
    fixture_t *f = *state;
    text_engine_begin_frame(f->engine);
    text_cache_stats_t before, after;
    text_engine_get_stats(f->engine, &before);
    const text_layout_t *a = text_layout(f->engine, "Cache me", "en", &STYLE_32, 500);
    const text_layout_t *b = text_layout(f->engine, "Cache me", "en", &STYLE_32, 500);
    const text_layout_t *c = text_layout(f->engine, "Cache me", "en", &STYLE_32, 400);
    text_engine_get_stats(f->engine, &after);
    assert_ptr_equal(a, b); /* same key: the cached layout */
    assert_ptr_not_equal(a, c); /* the width is part of the key */
    if (after.layout_hits != before.layout_hits + 1) {
        fail_msg("expected exactly one layout cache hit, got %lu",
                 after.layout_hits - before.layout_hits);
    }
    assert_true(after.layouts >= 2 && after.layout_bytes > 0);
}

static void test_atlas_hits_on_redraw(void **state)
{
    fixture_t *f = *state;
    const text_layout_t *l = text_layout(f->engine, "ہم آپ کی مدد کے لیے یہاں ہیں۔", "ur",
                                         &STYLE_32, 0);
    assert_non_null(l);
    SDL_Color black = {0, 0, 0, 255}, red = {200, 0, 0, 255};
    text_draw(f->engine, l, 0, 0, 800, black);
    text_cache_stats_t s1, s2;
    text_engine_get_stats(f->engine, &s1);
    text_draw(f->engine, l, 0, 0, 800, black);
    text_engine_get_stats(f->engine, &s2);
    if (s2.texture_misses != s1.texture_misses || s2.texture_hits <= s1.texture_hits) {
        fail_msg("redraw should find every glyph in the atlas (misses %lu -> %lu)",
                 s1.texture_misses, s2.texture_misses);
    }
    text_draw(f->engine, l, 0, 0, 800, red); /* glyphs are kept in the colour drawn */
    text_engine_get_stats(f->engine, &s1);
    if (s1.texture_misses <= s2.texture_misses) {
        fail_msg("a new colour should rasterise its glyphs");
    }
    assert_true(s2.textures > 0 && s2.texture_bytes > 0 && s2.glyphs > 0);
}

/* Text at many sizes fills the atlas: it is emptied and refilled, never grows past its
 * pages, and text drawn after that still has its ink. */
static void test_atlas_full_empties_and_keeps_drawing(void **state)
{
    fixture_t *f = *state;
    SDL_Color black = {0, 0, 0, 255};
    text_cache_stats_t st;
    unsigned long resets = 0;
    for (int px = 40; px <= 200 && resets == 0; px += 4) {
        text_engine_begin_frame(f->engine);
        text_style_t style = {.px = px};
        const text_layout_t *l = text_layout(f->engine, "ABCDEFGHIJKLMNOPQRSTUVWXYZ "
                                             "abcdefghijklmnopqrstuvwxyz 0123456789", "en", &style,
                                             0);
        assert_non_null(l);
        text_draw(f->engine, l, 0, 0, 1200, black);
        text_engine_get_stats(f->engine, &st);
        resets = st.atlas_resets;
        if (st.textures > TEXT_ATLAS_PAGES_MAX ||
            st.texture_bytes >
                (size_t)TEXT_ATLAS_PAGES_MAX * TEXT_ATLAS_PAGE_PX * TEXT_ATLAS_PAGE_PX * 4) {
            fail_msg("the atlas holds %d textures, %zu bytes: more than its bound", st.textures,
                     st.texture_bytes);
        }
    }
    if (resets == 0) {
        fail_msg("the alphabet at 41 sizes never filled the atlas: the test tests nothing");
    }
    SDL_FillRect(f->surface, NULL, SDL_MapRGBA(f->surface->format, 255, 255, 255, 255));
    const text_layout_t *l = text_layout(f->engine, "Report", "en", &STYLE_32, 0);
    text_draw(f->engine, l, 0, 0, 400, black);
    SDL_RenderFlush(f->renderer);
    long dark = 0;
    for (int y = 0; y < text_layout_height(l); y++) {
        const Uint32 *row = (const Uint32 *)((Uint8 *)f->surface->pixels + y * f->surface->pitch);
        for (int x = 0; x < text_layout_width(l); x++) {
            dark += (row[x] & 0xFF) < 128;
        }
    }
    if (dark < 100) {
        fail_msg("after the atlas was emptied, \"Report\" drew %ld dark pixels", dark);
    }
}

/* A new engine drawing on the fixture's renderer: its atlas has never grown. */
static text_engine_t *fresh_engine(fixture_t *f)
{
    text_engine_t *e = text_test_engine();
    assert_non_null(e);
    text_engine_set_renderer(e, f->renderer);
    return e;
}

/* The white-filled surface's top left w x h after e draws layout l there in black. */
static Uint32 *draw_and_copy(fixture_t *f, text_engine_t *e, const text_layout_t *l, int w, int h)
{
    SDL_FillRect(f->surface, NULL, SDL_MapRGBA(f->surface->format, 255, 255, 255, 255));
    text_draw(e, l, 0, 0, w, (SDL_Color){0, 0, 0, 255});
    SDL_RenderFlush(f->renderer);
    Uint32 *px = malloc((size_t)w * (size_t)h * 4);
    assert_non_null(px);
    for (int y = 0; y < h; y++) {
        memcpy(px + (size_t)y * (size_t)w, (Uint8 *)f->surface->pixels + y * f->surface->pitch,
               (size_t)w * 4);
    }
    return px;
}

/* The alphabet at growing sizes until e's atlas holds at least bytes (or 120 px is reached). */
static void grow_atlas(text_engine_t *e, size_t bytes, text_cache_stats_t *st)
{
    text_engine_get_stats(e, st);
    for (int px = 40; px <= 120 && st->texture_bytes < bytes; px += 8) {
        text_style_t style = {.px = px};
        const text_layout_t *l = text_layout(e, "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "en", &style, 0);
        assert_non_null(l);
        text_draw(e, l, 0, 0, 1200, (SDL_Color){0, 0, 0, 255});
        text_engine_get_stats(e, st);
    }
}

/* A new atlas's page is TEXT_ATLAS_PAGE_ROWS_MIN rows tall: one word does not hold a full
 * page. */
static void test_atlas_page_starts_small(void **state)
{
    fixture_t *f = *state;
    text_engine_t *e = fresh_engine(f);
    const text_layout_t *l = text_layout(e, "Report", "en", &STYLE_32, 0);
    assert_non_null(l);
    text_draw(e, l, 0, 0, 400, (SDL_Color){0, 0, 0, 255});
    text_cache_stats_t st;
    text_engine_get_stats(e, &st);
    text_engine_destroy(e);
    size_t small = (size_t)TEXT_ATLAS_PAGE_PX * TEXT_ATLAS_PAGE_ROWS_MIN * 4;
    if (st.textures != 1 || st.texture_bytes != small) {
        fail_msg("one word holds %d pages, %zu bytes (expected 1 page of %zu)", st.textures,
                 st.texture_bytes, small);
    }
}

/* A page that grows keeps every glyph it held: a word drawn before the growth draws the same
 * pixels after it, from the atlas (no glyph rasterised for it again through a miss). */
static void test_atlas_growth_keeps_glyphs(void **state)
{
    fixture_t *f = *state;
    text_engine_t *e = fresh_engine(f);
    const text_layout_t *word = text_layout(e, "Report", "en", &STYLE_32, 0);
    assert_non_null(word);
    int w = text_layout_width(word), h = text_layout_height(word);
    Uint32 *before = draw_and_copy(f, e, word, w, h);
    text_cache_stats_t st;
    text_engine_get_stats(e, &st);
    const size_t first = st.texture_bytes;
    grow_atlas(e, first * 4, &st);
    if (st.texture_bytes < first * 4 || st.textures != 1 || st.atlas_resets != 0) {
        fail_msg("the alphabet at 11 sizes: %d pages of %zu bytes, %lu resets (expected one "
                 "page grown at least twice, no reset)",
                 st.textures, st.texture_bytes, st.atlas_resets);
    }
    unsigned long misses = st.texture_misses;
    word = text_layout(e, "Report", "en", &STYLE_32, 0);
    assert_non_null(word);
    Uint32 *after = draw_and_copy(f, e, word, w, h);
    text_engine_get_stats(e, &st);
    text_engine_destroy(e);
    long dark = 0, differ = 0;
    for (int i = 0; i < w * h; i++) {
        dark += (before[i] & 0xFF) < 128;
        differ += before[i] != after[i];
    }
    free(before);
    free(after);
    if (st.texture_misses != misses) {
        fail_msg("redrawing the word after the growth missed %lu glyphs",
                 st.texture_misses - misses);
    }
    if (dark < 100 || differ != 0) {
        fail_msg("\"Report\" before and after the page grew: %ld dark pixels, %ld differ", dark,
                 differ);
    }
}

/* After a session is forgotten (pages freed), the next page is made as tall as the one
 * before: the cold frame after a wipe does not grow it again step by step. */
static void test_atlas_page_height_kept_across_forget(void **state)
{
    fixture_t *f = *state;
    text_engine_t *e = fresh_engine(f);
    text_cache_stats_t st;
    grow_atlas(e, (size_t)TEXT_ATLAS_PAGE_PX * TEXT_ATLAS_PAGE_ROWS_MIN * 4 * 4, &st);
    const size_t grown = st.texture_bytes;
    text_engine_forget(e);
    text_engine_get_stats(e, &st);
    const int pages_after_forget = st.textures;
    const text_layout_t *l = text_layout(e, "Report", "en", &STYLE_32, 0);
    assert_non_null(l);
    text_draw(e, l, 0, 0, 400, (SDL_Color){0, 0, 0, 255});
    text_engine_get_stats(e, &st);
    text_engine_destroy(e);
    if (pages_after_forget != 0 || st.texture_bytes != grown) {
        fail_msg("grown to %zu bytes; after forgetting %d pages, then one word holds %zu bytes "
                 "(expected 0 pages, then %zu)",
                 grown, pages_after_forget, st.texture_bytes, grown);
    }
}

/* Forgetting a session leaves no layout and no glyph: the atlas is empty and its pages gone. */
static void test_forget_empties_atlas(void **state)
{
    fixture_t *f = *state;
    const text_layout_t *l = text_layout(f->engine, "Jane Smith, 12 High St", "en", &STYLE_32, 0);
    text_draw(f->engine, l, 0, 0, 800, (SDL_Color){0, 0, 0, 255});
    text_cache_stats_t st;
    text_engine_get_stats(f->engine, &st);
    assert_true(st.glyphs > 0 && st.layouts > 0);
    text_engine_forget(f->engine);
    text_engine_get_stats(f->engine, &st);
    if (st.glyphs != 0 || st.textures != 0 || st.layouts != 0) {
        fail_msg("after forgetting: %d glyphs, %d atlas textures, %d layouts", st.glyphs,
                 st.textures, st.layouts);
    }
}

/* A session's wipe keeps the atlas's page for the next session's glyphs, which go into it
 * (no texture made in the next cold frame), and overwrites its pixels first: drawn whole
 * onto white, the kept page leaves every pixel white (a page kept as it was shows the
 * session's words). */
static void test_forget_keeps_page_zeroed(void **state)
{
    fixture_t *f = *state;
    text_engine_t *e = fresh_engine(f);
    const text_layout_t *l = text_layout(e, "Jane Smith, 12 High St", "en", &STYLE_32, 0);
    text_draw(e, l, 0, 0, 800, (SDL_Color){0, 0, 0, 255});
    SDL_RenderFlush(f->renderer);
    SDL_Texture *page = text_atlas_page_texture(e->atlas, 0);
    assert_non_null(page);
    text_engine_forget(e);
    assert_ptr_equal(text_atlas_page_texture(e->atlas, 0), page); /* kept */
    SDL_FillRect(f->surface, NULL, SDL_MapRGBA(f->surface->format, 255, 255, 255, 255));
    SDL_SetTextureAlphaMod(page, 255);
    SDL_RenderCopy(f->renderer, page, NULL, NULL);
    SDL_RenderFlush(f->renderer);
    long inked = 0;
    for (int y = 0; y < f->surface->h; y++) {
        const Uint32 *row = (const Uint32 *)((Uint8 *)f->surface->pixels + y * f->surface->pitch);
        for (int x = 0; x < f->surface->w; x++) {
            inked += (row[x] & 0xFFFFFF) != 0xFFFFFF;
        }
    }
    l = text_layout(e, "Report", "en", &STYLE_32, 0);
    text_draw(e, l, 0, 0, 400, (SDL_Color){0, 0, 0, 255});
    SDL_Texture *after = text_atlas_page_texture(e->atlas, 0);
    text_engine_destroy(e);
    if (inked != 0 || after != page) {
        fail_msg("after forgetting, the kept page drew %ld non-white pixels (want 0); the next "
                 "word went into %s page",
                 inked, after == page ? "the kept" : "another");
    }
}

/* Runs of a line sit side by side (each run's x is the sum of the widths before it) and
 * make up the line's width. */
static void test_runs_abut_and_sum_to_line(void **state)
{
    fixture_t *f = *state;
    static const struct {
        const char *lang, *text;
    } rows[] = {{"gu", "અમે તમારી મદદ માટે ક્ષમા સ્ત્રી"},
                {"ur", "فون کریں \xE2\x81\xA6" "0800 138 1625\xE2\x81\xA9"},
                {"ta", "உங்களுக்கு உதவ க்ஷ"},
                {"en", "Jesteś J"}};
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const text_layout_t *l = text_layout(f->engine, rows[i].text, rows[i].lang, &STYLE_32, 0);
        assert_non_null(l);
        SDL_Surface *dst = SDL_CreateRGBSurfaceWithFormat(0, text_layout_width(l) + 20,
                                                          text_layout_height(l) + 20, 32,
                                                          SDL_PIXELFORMAT_ARGB8888);
        assert_non_null(dst);
        int sum = 0;
        for (int r = 0; r < text_layout_line_run_count(l, 0); r++) {
            text_run_info_t run;
            text_layout_line_run(l, 0, r, &run);
            if (run.x != sum) {
                fail_msg("%s run %d starts at %d, want %d (runs abut)", rows[i].lang, r, run.x,
                         sum);
            }
            sum += run.width;
        }
        if (sum != text_layout_line_width(l, 0)) {
            fail_msg("%s: runs sum to %d px, the line says %d", rows[i].lang, sum,
                     text_layout_line_width(l, 0));
        }
        SDL_FreeSurface(dst);
    }
}

static void test_ellipsis_at_max_lines(void **state)
{
    fixture_t *f = *state;
    text_style_t style = {.px = 32, .max_lines = 2};
    const char *text = "Hate crime is any crime that is targeted at a person because of hostility "
                       "or prejudice towards that person's disability or race.";
    const text_layout_t *l = text_layout(f->engine, text, "en", &style, 400);
    assert_non_null(l);
    assert_int_equal(text_layout_line_count(l), 2);
    if (text_layout_line_width(l, 1) > 400) {
        fail_msg("ellipsised line is %d px, over 400", text_layout_line_width(l, 1));
    }
    int n = text_layout_line_run_count(l, 1);
    text_run_info_t last;
    text_layout_line_run(l, 1, n - 1, &last);
    const char *ellipsis = "\xE2\x80\xA6";
    if (last.bytes < 3 || memcmp(last.utf8 + last.bytes - 3, ellipsis, 3) != 0) {
        fail_msg("the last line should end with U+2026, ends with '%.*s'", last.bytes, last.utf8);
    }
    /* RTL: the ellipsis is at the left end (the end of the line for a reader). */
    const text_layout_t *u = text_layout(
        f->engine, "نفرت پر مبنی جرم کوئی بھی ایسا جرم ہے جو کسی شخص کو اس کی معذوری کی وجہ سے نشانہ بنائے",
        "ur", &style, 300);
    assert_non_null(u);
    assert_int_equal(text_layout_line_count(u), 2);
    text_run_info_t left;
    text_layout_line_run(u, 1, 0, &left);
    if (!left.rtl || left.bytes < 3 || memcmp(left.utf8 + left.bytes - 3, ellipsis, 3) != 0) {
        fail_msg("Urdu: leftmost run should be RTL text ending (logically) with U+2026");
    }
}

/* Each line of a broken long word starts at a grapheme boundary (no half conjuncts). */
static void test_long_word_breaks_between_graphemes(void **state)
{
    fixture_t *f = *state;
    const char *word = "क्षत्रियक्षत्रियक्षत्रियक्षत्रियक्षत्रिय";
    const text_layout_t *l = text_layout(f->engine, word, "hi", &STYLE_32, 120);
    assert_non_null(l);
    assert_true(text_layout_line_count(l) > 1);
    UChar u16[256];
    int32_t n = 0;
    UErrorCode st = U_ZERO_ERROR;
    u_strFromUTF8(u16, 256, &n, word, -1, &st);
    UBreakIterator *bi = ubrk_open(UBRK_CHARACTER, "", u16, n, &st);
    assert_true(U_SUCCESS(st));
    for (int k = 0; k < text_layout_line_count(l); k++) {
        if (text_layout_line_width(l, k) > 120) {
            fail_msg("line %d is %d px, over 120", k, text_layout_line_width(l, k));
        }
        text_run_info_t run;
        text_layout_line_run(l, k, 0, &run);
        /* code point index -> UTF-16 index (all BMP here) */
        if (!ubrk_isBoundary(bi, run.start)) {
            fail_msg("line %d starts at code point %d, inside a grapheme cluster", k, run.start);
        }
    }
    ubrk_close(bi);
}

static void test_newlines_make_lines(void **state)
{
    fixture_t *f = *state;
    const text_layout_t *l = text_layout(f->engine, "One\n\nThree", "en", &STYLE_32, 0);
    assert_non_null(l);
    assert_int_equal(text_layout_line_count(l), 3); /* the empty paragraph is a line */
    text_run_info_t run;
    text_layout_line_run(l, 2, 0, &run);
    if (run.start != 5 || run.length != 5) {
        fail_msg("third line should be code points 5..10 of the input, got %d+%d", run.start,
                 run.length);
    }
}

typedef struct missing_log {
    int calls;
    Uint32 last;
} missing_log_t;

static void on_missing(void *user, const char *lang, Uint32 cp)
{
    missing_log_t *log = user;
    log->calls++;
    log->last = cp;
}

static void test_missing_glyphs_counted_and_reported(void **state)
{
    fixture_t *f = *state;
    missing_log_t log = {0};
    text_engine_set_missing_glyph_handler(f->engine, on_missing, &log);
    /* U+10900 PHOENICIAN LETTER ALF: in no shipped font */
    const text_layout_t *l = text_layout(f->engine, "A\xF0\x90\xA4\x80" "B", "en", &STYLE_32, 0);
    text_engine_set_missing_glyph_handler(f->engine, NULL, NULL);
    assert_non_null(l);
    assert_int_equal(text_layout_missing_glyphs(l), 1);
    if (log.calls != 1 || log.last != 0x10900) {
        fail_msg("handler should be called once with U+10900 (calls %d, last U+%04X)", log.calls,
                 log.last);
    }
    for (int r = 0; r < text_layout_line_run_count(l, 0); r++) {
        text_run_info_t run;
        text_layout_line_run(l, 0, r, &run);
        if (!run.font_file && run.width != 0) {
            fail_msg("an uncovered run must not take space (drawn as nothing, not boxes)");
        }
    }
}

static void test_isolate_wraps_value(void **state)
{
    (void)state;
    char out[64];
    assert_true(text_isolate("0800 138 1625", true, out, sizeof out));
    assert_string_equal(out, TEXT_ISOLATE_LRI "0800 138 1625" TEXT_ISOLATE_PDI);
    assert_false(text_isolate("0800 138 1625", true, out, 8)); /* too short: says so */
}

/* START is the right edge in RTL: ink only in the right part of a wide box. */
static void test_rtl_start_alignment(void **state)
{
    fixture_t *f = *state;
    const text_layout_t *l = text_layout(f->engine, "مدد", "ur", &STYLE_32, 0);
    assert_non_null(l);
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 600, text_layout_height(l), 32,
                                                    SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(s);
    SDL_FillRect(s, NULL, 0xFFFFFFFF);
    text_draw_to_surface(f->engine, l, s, 0, 0, 600, (SDL_Color){0, 0, 0, 255});
    int leftmost = 600;
    const Uint32 *px = s->pixels;
    for (int y = 0; y < s->h; y++) {
        for (int x = 0; x < s->w; x++) {
            if ((px[y * (s->pitch / 4) + x] & 0xFF) < 128 && x < leftmost) {
                leftmost = x;
            }
        }
    }
    SDL_FreeSurface(s);
    if (leftmost < 600 - text_layout_width(l) - 2) {
        fail_msg("RTL start-aligned ink begins at x=%d, want >= %d", leftmost,
                 600 - text_layout_width(l) - 2);
    }
}

/* Nastaliq reaches far above and below its ascent and descent: drawn with 20 px of room
 * around it, all ink stays inside the line box the layout reserved (nothing would be cut
 * off by a box of the layout's height, and no line overlaps the next). */
static void test_nastaliq_not_clipped(void **state)
{
    fixture_t *f = *state;
    static const char *const texts[] = {"ٹھیک کیجیے گئی پہنچ بچّے ﷲ",
                                        "نفرت پر مبنی جرم کوئی بھی ایسا جرم ہے جو کسی شخص",
                                        "کیجیے\nکیجیے"};
    const int room = 20;
    for (size_t t = 0; t < sizeof texts / sizeof texts[0]; t++) {
        const text_layout_t *l = text_layout(f->engine, texts[t], "ur", &STYLE_32, 0);
        assert_non_null(l);
        int h = text_layout_height(l);
        SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, text_layout_width(l), h + 2 * room,
                                                        32, SDL_PIXELFORMAT_ARGB8888);
        assert_non_null(s);
        SDL_FillRect(s, NULL, 0xFFFFFFFF);
        text_draw_to_surface(f->engine, l, s, 0, room, text_layout_width(l),
                             (SDL_Color){0, 0, 0, 255});
        const Uint32 *px = s->pixels;
        int ink_top = -1, ink_bottom = -1;
        for (int y = 0; y < s->h; y++) {
            for (int x = 0; x < s->w; x++) {
                if ((px[y * (s->pitch / 4) + x] & 0xFF) < 250) {
                    ink_top = ink_top < 0 ? y : ink_top;
                    ink_bottom = y;
                }
            }
        }
        SDL_FreeSurface(s);
        if (ink_top < room || ink_bottom >= room + h) {
            fail_msg("text %zu: ink spans rows %d..%d, outside the line box %d..%d", t,
                     ink_top, ink_bottom, room, room + h - 1);
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_destroy_null_is_noop),
        cmocka_unit_test(test_add_language_rejects_missing_font),
        cmocka_unit_test(test_unknown_language_uses_english),
        cmocka_unit_test(test_layout_cache_hits),
        cmocka_unit_test(test_many_font_sizes_keep_laying_out),
        cmocka_unit_test(test_atlas_hits_on_redraw),
        cmocka_unit_test(test_atlas_full_empties_and_keeps_drawing),
        cmocka_unit_test(test_atlas_page_starts_small),
        cmocka_unit_test(test_atlas_growth_keeps_glyphs),
        cmocka_unit_test(test_atlas_page_height_kept_across_forget),
        cmocka_unit_test(test_forget_empties_atlas),
        cmocka_unit_test(test_forget_keeps_page_zeroed),
        cmocka_unit_test(test_runs_abut_and_sum_to_line),
        cmocka_unit_test(test_ellipsis_at_max_lines),
        cmocka_unit_test(test_long_word_breaks_between_graphemes),
        cmocka_unit_test(test_newlines_make_lines),
        cmocka_unit_test(test_missing_glyphs_counted_and_reported),
        cmocka_unit_test(test_isolate_wraps_value),
        cmocka_unit_test(test_rtl_start_alignment),
        cmocka_unit_test(test_nastaliq_not_clipped),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
