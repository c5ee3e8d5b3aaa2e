/* Types shared by the files of the text engine; nothing outside kiosk/text/ includes this.
 *
 *   fonts.c     font files, opened (file, px) fonts, coverage, per-language chains
 *   measure.c   HarfBuzz shaping of a run once, and the box SDL_ttf renders any slice in
 *   glyphbox.c  each glyph's hinted bitmap box (FreeType), as SDL_ttf draws it
 *   itemize.c   one paragraph: ICU ubidi levels, script and font runs
 *   linebreak.c ICU ubrk line and grapheme breaking, ellipsis
 *   layout.c    text_layout(): paragraphs -> lines of visual runs; accessors
 *   cache.c     layout cache (LRU by text, language, style, width)
 *   atlas.c     glyph atlas: FreeType bitmaps in a few textures, drawn as quads
 *   render.c    text_draw(), text_draw_to_surface(): the one drawing loop
 *   engine.c    engine lifecycle, languages, statistics */
#ifndef KIOSK_TEXT_TEXT_INTERNAL_H
#define KIOSK_TEXT_TEXT_INTERNAL_H

#include "text/text.h"

#include <SDL.h>
#include <unicode/ubidi.h>
#include <unicode/ubrk.h>

#define TEXT_ERROR_MAX 256
#define TEXT_LANGS_MAX 32
#define TEXT_LANG_CODE_MAX 16
#define TEXT_CHAIN_MAX 6          /* fonts in one language's fallback chain */
#define TEXT_FONT_FILES_MAX 64    /* distinct font files */
#define TEXT_FALLBACK_MAX 24      /* fonts tried after a language's own chain */
#define TEXT_FONT_FILE_MAX 128    /* length of a font file name */
#define TEXT_FONTS_MAX 256        /* opened (file, px) pairs (layouts point at them) */
#define TEXT_FONTS_HIGH_WATER 192 /* from here, the next frame starts with none open */
#define TEXT_PX_MIN 4
#define TEXT_PX_MAX 512
#define TEXT_INPUT_MAX (64 * 1024) /* bytes of one string to lay out */
#define TEXT_LAYOUT_CACHE_MAX 1024 /* cached layouts: ~1.6 MiB when full (bench_ui), 20 screens */
#define TEXT_SCRATCH_MAX (TEXT_INPUT_MAX + 8) /* UTF-8 copy of one run, NUL-terminated */

/* 26.6 fixed point (HarfBuzz positions, FreeType metrics) to whole pixels, down and up */
static inline int text_px_floor(long v)
{
    return (int)(v >= 0 ? v / 64 : -((-v + 63) / 64));
}

static inline int text_px_ceil(long v)
{
    return -text_px_floor(-v);
}

/* ---- fonts.c ---- */

/** One font file; its coverage is read from the first size opened. */
typedef struct text_font_file {
    char name[TEXT_FONT_FILE_MAX];
    /* The file mapped into memory once (HarfBuzz maps it read-only), made when the first size
     * is opened: FreeType reads its glyphs from this, not with a seek and a read per glyph,
     * and the HarfBuzz face shares it */
    struct hb_blob_t *blob;
    /* HarfBuzz face of the file, made on first need and shared by every size: the face holds
     * the costly lazily-built tables (Nastaliq's GSUB/GPOS accelerators) */
    struct hb_face_t *hb_face;
    /* FreeType face of the file, made when the first size is opened and shared by every size
     * (each an FT_Size of it): the auto-hinter keeps its analysis of the font per face, tens
     * of KiB for each script the font covers; one face a size held 6 MiB of them after a
     * visit in every language (tests/bench/windowed.sh) */
    struct FT_FaceRec_ *ft_face;
} text_font_file_t;

/** An opened font: one file at one pixel size. Owned by the font store. */
typedef struct text_font {
    int file;  /* index into text_fonts_t.files */
    int px;
    int id;    /* index into text_fonts_t.fonts, part of texture keys */
    const char *file_name; /* points into text_fonts_t.files */
    struct FT_SizeRec_ *ft_size; /* px on the file's shared face (activated before a load) */
    /* the font's box in pixels, as SDL_ttf gives it (TTF_FontAscent, TTF_FontDescent: below
     * the baseline, negative; TTF_FontHeight) */
    int ascent, descent, height;
    struct hb_font_t *hb; /* HarfBuzz font of the same file, made on first need (measuring) */
    struct text_glyph_boxes *boxes;    /* glyphbox.c, made on first need */
    struct text_font_file *source; /* the file's shared mapping and face */
    struct text_measure_cache *measures; /* the store's, shared by every font; may be NULL */
} text_font_t;

typedef struct text_fonts {
    char dir[1024];
    text_font_file_t files[TEXT_FONT_FILES_MAX];
    int file_count;
    text_font_t fonts[TEXT_FONTS_MAX];
    int font_count;
    /* Every registered language's chain, first registered first: tried after the layout
     * language's own chain, so a name in another script (an Urdu name in English text)
     * still finds a font instead of showing boxes. */
    int fallback[TEXT_FALLBACK_MAX];
    int fallback_len;
    int fallback_first; /* the first this many come from their script's own language */
    int bold_fallback[TEXT_FALLBACK_MAX];
    int bold_fallback_len;
    int bold_fallback_first;
    struct text_measure_cache *measures; /* measure.c; NULL (no caching) if out of memory */
    struct FT_LibraryRec_ *ft_library;   /* FreeType, for glyph boxes; NULL if it failed */
} text_fonts_t;

typedef struct text_lang {
    char code[TEXT_LANG_CODE_MAX];
    char script[5]; /* ISO 15924, "" when not known */
    bool own_script; /* the language its script stands for (ar for Arab, not ur) */
    /* its letters (ICU locale data), read when the language is registered: after a boot that
     * data is on the disk, and a visitor's first frame with a run in another language's
     * script waited 4-5 ms for it (tests/bench/run.sh, after a boot); owned */
    struct USet *exemplars;
    bool rtl;
    double line_height;
    int chain[TEXT_CHAIN_MAX]; /* font file indices, regular */
    int chain_len;
    int bold_chain[TEXT_CHAIN_MAX];
    int bold_chain_len;
} text_lang_t;

void text_fonts_init(text_fonts_t *fonts, const char *dir);
void text_fonts_deinit(text_fonts_t *fonts);
/** Parses a comma-separated chain, registering each file (which must exist). */
bool text_fonts_parse_chain(text_fonts_t *fonts, const char *list, int *chain, int *len,
                            char *err, size_t err_size);
/** Adds chain's files to a fallback list (once each; silently full at TEXT_FALLBACK_MAX). With
 *  first (not NULL) they go before every file not added with first: the chain of the
 *  language a script stands for (Arabic for Arab, not Urdu) is tried before the others, so
 *  Arabic script in another language's text takes Naskh, never Nastaliq. */
void text_fonts_add_fallback(int *list, int *list_len, const int *chain, int len, int *first);
/** Closes every opened font (files stay registered): nothing may point at one after. */
void text_fonts_close_all(text_fonts_t *fonts);
/** Opens (once) file at px. NULL with err when the file cannot be opened or the store is full. */
text_font_t *text_fonts_get(text_fonts_t *fonts, int file, int px, char *err, size_t err_size);
bool text_font_covers(const text_font_t *font, Uint32 cp);
const char *text_font_file_name(const text_fonts_t *fonts, const text_font_t *font);

/* ---- glyphbox.c ---- */

/** A glyph's bitmap as SDL_ttf draws it, in whole pixels from its position (y up). */
typedef struct text_glyph_box {
    bool ink; /* false: nothing drawn (a space) */
    int left, right, top, bottom;
} text_glyph_box_t;

/** The box of glyph (an index in font's file) at font's size, loaded once per font. False
 *  when FreeType cannot open the face. */
bool text_glyph_box(text_font_t *font, unsigned glyph, text_glyph_box_t *box);
/** A glyph's coverage as FreeType rasterises it with the same hinting as its box (8-bit,
 *  rows top down), placed from the pen position (top: rows above the baseline). Points into
 *  the font's glyph slot or its last rendered glyph: valid until the font loads or renders
 *  another glyph. */
typedef struct text_glyph_bitmap {
    const unsigned char *pixels;
    int pitch, width, rows, left, top;
} text_glyph_bitmap_t;

/** Rasterises glyph at font's size. False when FreeType cannot (nothing is then drawn). */
bool text_glyph_render(text_font_t *font, unsigned glyph, text_glyph_bitmap_t *out);
/** Forgets the loaded boxes (which glyphs were used says something of the text). */
void text_glyph_boxes_clear(struct text_glyph_boxes *boxes);
void text_glyph_boxes_free(struct text_glyph_boxes *boxes);

/* ---- measure.c ---- */

/* Metrics of texts shaped alone, by (font, direction, script, text): most measuring slices a
 * run's one shaping, but a piece cut where HarfBuzz says cutting changes the shaping (and
 * the ellipsis line) is shaped alone, and layouts of the same words repeat. Bounded:
 * direct-mapped, texts up to TEXT_MEASURE_TEXT_MAX bytes. */
#define TEXT_MEASURE_CACHE_SLOTS 4096 /* power of two */
#define TEXT_MEASURE_TEXT_MAX 1024
/* Runs shaped before (measure.c), by (font, direction, script, text): direct-mapped, their
 * texts and glyphs bounded by bytes. Measured with tests/bench (bench_ui, 1920x1080): every
 * screen of one language keeps at most 449 runs in 687 KiB (Urdu); all twelve languages
 * would want more than 2 MiB (1588 runs when the bound is reached), so the bound holds a
 * session's language, English beside it and the attract screen's languages. */
#define TEXT_SHAPE_CACHE_SLOTS 2048       /* power of two */
#define TEXT_SHAPE_CACHE_BYTES (2u << 20) /* 2 MiB */

struct text_measure_cache *text_measure_cache_create(void);
void text_measure_cache_destroy(struct text_measure_cache *cache);
/** Empties the cache, zeroing the texts it held. */
void text_measure_cache_clear(struct text_measure_cache *cache);
/** Runs whose shaping the cache keeps, and their bytes (statistics). */
void text_measure_cache_stats(const struct text_measure_cache *cache, int *shapes, size_t *bytes);

/** The box a text is drawn in: width and height (taller than the font when ink reaches
 *  beyond the ascent or descent, as Nastaliq's does), the rows of it above the font's ascent
 *  and where the pen starts in it. */
typedef struct text_metrics {
    int width, height, ink_above;
    int pen_x; /* columns from the box's left edge to the pen's start (ink left of it) */
} text_metrics_t;

/** One glyph of a shaped text, in visual (HarfBuzz output) order; lengths in 26.6 pixels. */
typedef struct text_glyph {
    int cluster; /* offset of its cluster's first character in the shaped text */
    unsigned index; /* glyph index in the font file */
    int advance, x_offset, y_offset;
    text_glyph_box_t box; /* its bitmap, from its position (pen plus offsets) */
    bool unsafe; /* HarfBuzz: cutting the text at this cluster's start changes the shaping */
} text_glyph_t;

typedef struct text_shaped {
    text_glyph_t *glyphs; /* heap */
    int count;
    int length; /* of the shaped text, in UTF-16 units */
} text_shaped_t;

/** Shapes u16[0, len) with font, direction and script as SDL_ttf will; clusters are UTF-16
 *  offsets. False when out of memory (out is then empty but safe to free). */
bool text_shape_utf16(text_font_t *font, bool rtl, const char *script, const uint16_t *u16,
                      int len, text_shaped_t *out);
void text_shaped_free(text_shaped_t *shaped);
/** The glyphs of clusters [a, b) as glyphs[*first, *first + *count). True when both ends are
 *  safe to cut: then those glyphs are exactly what shaping [a, b) alone gives. */
bool text_shaped_slice(const text_shaped_t *shaped, int a, int b, int *first, int *count);
/** Metrics of a stretch of shaped glyphs drawn from one pen start. */
void text_glyphs_metrics(const text_font_t *font, const text_glyph_t *glyphs, int count,
                         text_metrics_t *m);
/** Metrics of utf8[0, bytes) shaped alone (cached by text, font, direction and script). */
void text_measure(text_font_t *font, bool rtl, const char *script, const char *utf8, int bytes,
                  text_metrics_t *m);

/* ---- itemize.c ---- */

/** The language's letters (ICU's exemplar sets, with case mappings), read once. */
const struct USet *text_lang_exemplars(text_lang_t *lang);

/** A run of one paragraph: one bidi level, one script, one font. Indices are UTF-16. */
typedef struct text_run {
    int start, end;
    UBiDiLevel level;
    char script[5];
    text_font_t *font; /* NULL: no font of the chain covers these characters */
    text_shaped_t shaped; /* [start, end) shaped once, on first measure; count 0 until then */
    bool shaped_done;
} text_run_t;

/** One paragraph (no line separators inside) prepared for line breaking. */
typedef struct text_para {
    const char *utf8;   /* the paragraph's bytes, owned by the layout */
    int bytes;
    int cp_base;        /* code point index of utf8[0] in the layout's logical input */
    UChar *u16;         /* heap, n + 1 */
    int n;
    int *byte_at;       /* heap, n + 1: byte offset of each UTF-16 index */
    int *cp_at;         /* heap, n + 1: code point offset (from cp_base) of each index */
    text_run_t *runs;   /* heap, logical order */
    int run_count;
    int missing;        /* characters no font covers */
    bool rtl;           /* resolved base direction */
} text_para_t;

/** Per-engine tools reused by every layout (ICU objects are costly to open). */
typedef struct text_shaper {
    text_fonts_t *fonts;
    UBiDi *para_bidi;
    UBiDi *line_bidi;
    UBreakIterator *line_breaks;
    UBreakIterator *graphemes;
    char *scratch; /* TEXT_SCRATCH_MAX bytes */
    text_missing_glyph_fn on_missing;
    void *on_missing_user;
    /* the engine's languages: a run in another script takes the chain of the language of
     * that script whose letters it uses (Urdu's ے ہ: Nastaliq; Arabic: Naskh) */
    struct text_lang *langs;
    const int *lang_count;
    char err[TEXT_ERROR_MAX];
} text_shaper_t;

bool text_shaper_init(text_shaper_t *sh, text_fonts_t *fonts, char *err, size_t err_size);
void text_shaper_deinit(text_shaper_t *sh);

/** Converts, resolves bidi levels (base from lang), scripts and fonts. False (sh->err) on
 *  failure; text_para_deinit() is safe either way. */
bool text_para_init(text_shaper_t *sh, text_para_t *para, const char *utf8, int bytes,
                    int cp_base, const text_lang_t *lang, int px, bool bold);
void text_para_deinit(text_para_t *para);
/** Width of [start, end) (UTF-16), as the sum of its runs measured with their fonts. */
int text_para_measure(text_para_t *para, int start, int end);
/** Metrics of run r's part [a, b) drawn in direction rtl: a slice of the run's one shaping
 *  when it can be cut there, else [a, b) shaped alone. */
void text_para_run_metrics(text_para_t *para, int r, int a, int b, bool rtl, text_metrics_t *m);
/** The glyphs run r draws for its part [a, b) in direction rtl: a slice of the run's one
 *  shaping when it can be cut there, else [a, b) shaped alone into *alone (the caller frees
 *  it with text_shaped_free). False when out of memory. */
bool text_para_run_glyphs(text_para_t *para, int r, int a, int b, bool rtl, text_shaped_t *alone,
                          const text_glyph_t **glyphs, int *count);
bool text_is_default_ignorable(Uint32 cp);

/* ---- layout.c (pieces and lines) ---- */

/** A glyph of a laid-out piece where the atlas draws it: from the piece's pen start, in
 *  26.6 pixels, y up (HarfBuzz's offsets added to the pen). */
typedef struct text_placed_glyph {
    unsigned index; /* in the piece's font file */
    int x, y;
} text_placed_glyph_t;

/** A piece of a line: a run (or part) in visual order. */
typedef struct text_piece {
    const char *utf8; /* into a buffer owned by the layout */
    int bytes;
    int cp_start, cp_len;
    char script[5];
    bool rtl;
    text_font_t *font; /* NULL: missing glyphs, not drawn */
    int x, width;
    int height;    /* rendered height */
    int ink_above; /* rows of it above the font's ascent */
    int pen_x;     /* columns from x to the pen's start */
    int glyph_first, glyph_count; /* in the layout's glyphs */
} text_piece_t;

typedef struct text_line {
    int first_piece, piece_count;
    int width;
    int top;      /* from the layout's top */
    int baseline; /* from the line's top */
    int height;
    bool rtl;     /* its paragraph's direction: START alignment is the right edge */
} text_line_t;

struct text_layout {
    char *text;          /* the logical input, NUL-terminated */
    char *ellipsis_text; /* the truncated last line plus U+2026, or NULL */
    const text_lang_t *lang;
    text_style_t style;
    int max_width;
    text_line_t *lines;
    int line_count, line_cap;
    text_piece_t *pieces;
    int piece_count, piece_cap;
    text_placed_glyph_t *glyphs; /* of every piece, which says what the text was: zeroed */
    int glyph_count, glyph_cap;
    int width, height;
    int missing;
    bool rtl;     /* direction of the first paragraph */
    size_t bytes; /* heap held, for statistics */
    uint64_t key; /* text_layout_key() */
};

/** Appends one line made of para[start, end) (UTF-16, trailing spaces already excluded). */
bool text_layout_add_line(text_shaper_t *sh, text_layout_t *layout, text_para_t *para, int start,
                          int end);
/** Builds a layout (not cached). NULL with sh->err on failure. */
text_layout_t *text_layout_build(text_shaper_t *sh, const char *utf8, const text_lang_t *lang,
                                 const text_style_t *style, int max_width);
void text_layout_free(text_layout_t *layout);
/** The hash of what a layout is built from (the layout cache's key, text_layout_key()). */
uint64_t text_layout_key_hash(const char *utf8, const char *lang, const text_style_t *style,
                              int max_width);

/* ---- linebreak.c ---- */

/** Breaks para into lines within max_width (<= 0: one line) and appends them. When the
 *  style's max_lines is reached with text left (in para, or more_after: paragraphs follow),
 *  the last line ends in an ellipsis and *full is set: the caller stops adding lines. */
bool text_para_break_lines(text_shaper_t *sh, text_layout_t *layout, text_para_t *para,
                           int max_width, bool more_after, bool *full);

/* ---- cache.c ---- */

typedef struct text_layout_cache text_layout_cache_t;

text_layout_cache_t *text_layout_cache_create(void);
void text_layout_cache_destroy(text_layout_cache_t *cache);
/** Finds a cached layout; marks it used in the current frame. */
const text_layout_t *text_layout_cache_find(text_layout_cache_t *cache, const char *utf8,
                                            const char *lang, const text_style_t *style,
                                            int max_width);
/** Takes ownership of layout. False (layout freed) when every entry is in use this frame. */
bool text_layout_cache_put(text_layout_cache_t *cache, const char *utf8, const char *lang,
                           const text_style_t *style, int max_width, text_layout_t *layout);
void text_layout_cache_begin_frame(text_layout_cache_t *cache);
void text_layout_cache_clear(text_layout_cache_t *cache);
void text_layout_cache_stats(const text_layout_cache_t *cache, text_cache_stats_t *stats);

/* ---- render.c ---- */

/** Draws one run of a layout alone, through the atlas, with the top left of its box
 *  (text_run_info_t's x, width and height) at (x, y): what test_text_agree checks. */
void text_draw_run(text_engine_t *engine, const text_layout_t *layout, int line, int run, int x,
                   int y, SDL_Color color);

/* ---- atlas.c ---- */

/* Measured with tests/bench (bench_ui, every screen at 1920x1080): every screen of one
 * language fills one page (Urdu the most, 1471 glyphs; English 483); every screen of all
 * twelve languages needs 5695 glyphs, four pages. Two pages (8 MiB) hold a session with a
 * change of text size and the attract screen's languages; touring all twelve languages
 * empties the atlas twice (a slower frame each time). */
#define TEXT_ATLAS_PAGE_PX 1024     /* width of an atlas texture, and its height when full */
#define TEXT_ATLAS_PAGES_MAX 2 /* pages at most: the bound, 8 MiB as textures, 2 MiB in memory */
/* A page starts this many rows tall (256 KiB) and doubles when a shelf does not fit, up to
 * PAGE_PX: a screen that needs few glyphs does not hold 4 MiB. Home at 1920x1080 takes 77
 * glyphs in 140 rows in English (a 256-row page, 1 MiB), 173 in 470 in Urdu (512 rows). A
 * power of two, so texture coordinates stay exact. */
#define TEXT_ATLAS_PAGE_ROWS_MIN 64
#define TEXT_ATLAS_GLYPHS_MAX 8192  /* glyphs held at most (more than two pages hold) */
#define TEXT_ATLAS_BATCH_GLYPHS 512 /* quads queued before one SDL_RenderGeometry call */

/* ---- composite.c ---- */

/** An atlas page in the process's memory: 8-bit coverage, TEXT_ATLAS_PAGE_PX wide. */
typedef struct text_pixels_page {
    Uint8 *pixels; /* NULL: none */
    union pixman_image *image;
    int rows;
} text_pixels_page_t;

/** The surface a software renderer draws on, as pixman sees it, and where this draw may
 *  write: the viewport's offset and the clip on the surface. */
typedef struct text_target {
    union pixman_image *image;
    void *pixels;
    int w, h, pitch;
    int dx, dy;
    SDL_Rect bound;
    union pixman_image *solid; /* the colour last drawn in */
    SDL_Color solid_color;
} text_target_t;

bool text_pixels_page_make(text_pixels_page_t *page, int rows);
/** Overwrites the page's pixels with zeros. */
void text_pixels_page_zero(text_pixels_page_t *page);
/** Zeroes and frees the page. */
void text_pixels_page_free(text_pixels_page_t *page);
/** The glyph's coverage at (x, y) of the page. */
void text_pixels_page_put(text_pixels_page_t *page, int x, int y, const text_glyph_bitmap_t *bm);
/** Whether glyphs can be composited onto this surface (32-bit ARGB or XRGB). */
bool text_target_supported(const SDL_Surface *surface);
/** Before a text is drawn on surface, renderer r's drawing surface: flushes what r queued.
 *  False when it cannot be drawn on (text_surface_bound): then the renderer draws the
 *  glyphs. */
bool text_target_begin(text_target_t *target, SDL_Surface *surface, SDL_Renderer *r);
/** color composited (OVER) through the src rectangle of page at (x, y) of the viewport. */
void text_target_glyph(text_target_t *target, const text_pixels_page_t *page, SDL_Rect src, int x,
                       int y, SDL_Color color);
void text_target_release(text_target_t *target);

/* ---- atlas.c (continued) ---- */

typedef struct text_atlas text_atlas_t;

text_atlas_t *text_atlas_create(void);
void text_atlas_destroy(text_atlas_t *atlas);
/** Empties the atlas and frees its textures; with zero, overwrites their pixels first. */
void text_atlas_clear(text_atlas_t *atlas, bool zero);
/** Forgets every glyph (a session's wipe): the pages' pixels are overwritten with zeros and
 *  the textures kept, so the next frame's glyphs go into them without making new ones. */
void text_atlas_forget(text_atlas_t *atlas);
/** Page i's texture, in use or kept by text_atlas_forget() (NULL: none), for tests. */
SDL_Texture *text_atlas_page_texture(const text_atlas_t *atlas, int i);
/** Page i's coverage when pages are in memory (NULL: none), TEXT_ATLAS_PAGE_PX bytes wide and
 *  *rows tall, for tests. */
const Uint8 *text_atlas_page_pixels(const text_atlas_t *atlas, int i, int *rows);
/** Textures are made for renderer; changing it empties the atlas. */
void text_atlas_set_renderer(text_atlas_t *atlas, SDL_Renderer *renderer);
/** The surface the renderer (a software one) draws on, or NULL: with one, pages are kept in
 *  memory and glyphs composited onto it (composite.c). Changing between the two empties
 *  the atlas; a new surface of the same kind does not. */
void text_atlas_set_target(text_atlas_t *atlas, SDL_Surface *surface);
/** Before a text's glyphs. */
void text_atlas_begin(text_atlas_t *atlas);
/** Queues glyph index of font with its pen at (pen_x, baseline) in color (rasterised into the
 *  atlas on first use). Drawn by text_atlas_flush(), or earlier when the queue fills. */
void text_atlas_draw_glyph(text_atlas_t *atlas, text_font_t *font, unsigned index, int pen_x,
                           int baseline, SDL_Color color);
/** Draws every queued glyph. */
void text_atlas_flush(text_atlas_t *atlas);
/** On SDL's software renderer each glyph is copied as a rectangle (SDL_RenderCopy), else
 *  queued as a quad (SDL_RenderGeometry); false queues quads there too (the tests compare
 *  the two). */
void text_atlas_use_copies(text_atlas_t *atlas, bool copies);
void text_atlas_stats(const text_atlas_t *atlas, text_cache_stats_t *stats);

/* ---- engine.c ---- */

/* text_engine_covers() answers, by (language, code point): the content check asks for every
 * character of every catalog text at start-up (67 M instructions of `kiosk --screenshot`
 * went to finding the language and its fonts again for each). Direct-mapped. */
#define TEXT_COVERS_MEMO 4096 /* power of two */

typedef struct text_covers_memo {
    Uint32 cp;
    signed char lang; /* index in text_engine_t.langs; -1: empty */
    bool covered;
} text_covers_memo_t;

struct text_engine {
    text_fonts_t fonts;
    text_covers_memo_t covers[TEXT_COVERS_MEMO];
    int covers_last_lang; /* the language text_engine_covers() was last asked about, or -1 */
    text_shaper_t shaper;
    text_lang_t langs[TEXT_LANGS_MAX];
    int lang_count;
    SDL_Renderer *renderer;
    text_layout_cache_t *layouts;
    text_atlas_t *atlas;
    unsigned long font_resets; /* times the font store was emptied between frames */
    char err[TEXT_ERROR_MAX];
};

const text_lang_t *text_engine_find_lang(const text_engine_t *engine, const char *code);
/** The language a text is laid out in: lang, or "en" when lang has a script other than
 *  Latin and the text has Latin letters and no letter of any other script (a string that
 *  fell back to English, or English typed in): left to right, in the Latin face, never
 *  mirrored and never in lang's face. */
const text_lang_t *text_engine_lang_of_text(const text_engine_t *engine, const text_lang_t *lang,
                                            const char *utf8);

#endif
