/* The text engine: every string the kiosk shows or prints goes through here.
 *
 * text_layout() turns UTF-8 in a language into lines of runs (bidi with ICU ubidi,
 * script itemisation, font fallback per language, line breaking with ICU ubrk);
 * text_draw() draws a layout's glyphs at HarfBuzz's positions from a glyph atlas.
 * Nothing outside text/ knows how runs are shaped or cached (DESIGN §4). */
#ifndef KIOSK_TEXT_TEXT_H
#define KIOSK_TEXT_TEXT_H

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct text_engine text_engine_t;
typedef struct text_layout text_layout_t;

typedef enum { TEXT_ALIGN_START, TEXT_ALIGN_CENTER, TEXT_ALIGN_END } text_align_t;

typedef struct text_style {
    int px;             /* font size in pixels (already scaled by the theme) */
    bool bold;
    text_align_t align; /* START is the right edge in a right-to-left paragraph */
    int max_lines;      /* 0: no limit; else the last line ends with an ellipsis */
} text_style_t;

/* One language as the engine needs it (from locales/languages.ini). */
typedef struct text_lang_def {
    const char *code;       /* BCP 47: "ur", "pa" */
    bool rtl;               /* base paragraph direction */
    const char *fonts;      /* comma-separated regular font files, first choice first */
    const char *bold_fonts; /* comma-separated bold font files, same order */
    double line_height;     /* factor over the font's own height; >= 1.0 */
    const char *script;     /* ISO 15924 of its own script ("Arab"); NULL or "": not known.
                             * A text with Latin letters and none of another script in a
                             * language of another script is English shown untranslated: it
                             * is laid out as "en" (left to right, the Latin face) */
} text_lang_def_t;

#define TEXT_ISOLATE_FSI "\xE2\x81\xA8" /* U+2068 FIRST STRONG ISOLATE */
#define TEXT_ISOLATE_LRI "\xE2\x81\xA6" /* U+2066 LEFT-TO-RIGHT ISOLATE */
#define TEXT_ISOLATE_PDI "\xE2\x81\xA9" /* U+2069 POP DIRECTIONAL ISOLATE */

/** Creates an engine that loads fonts from font_dir. NULL with err on failure.
 *  Caller frees with text_engine_destroy(). */
text_engine_t *text_engine_create(const char *font_dir, char *err, size_t err_size);
void text_engine_destroy(text_engine_t *engine);

/** Registers a language; its fonts are opened lazily. False (with err) when a font file
 *  of its chain does not exist. Unknown languages at layout time use "en". */
bool text_engine_add_language(text_engine_t *engine, const text_lang_def_t *def, char *err,
                              size_t err_size);

/** The renderer text_draw() makes textures for. Changing it empties the glyph atlas. */
void text_engine_set_renderer(text_engine_t *engine, SDL_Renderer *renderer);

/** The surface a software renderer draws on (NULL: none, or not known): glyphs are then
 *  composited onto it with pixman instead of copied by SDL, a third of a repaint faster.
 *  Call before each frame: a window's surface is made anew when it is resized. */
void text_engine_set_target(text_engine_t *engine, SDL_Surface *surface);

/** Where drawing straight into s, the surface software renderer r draws on, may write now:
 *  *bound, r's clip rectangle and viewport on s, as SDL clips; *offset, the viewport's
 *  origin on s. False when r cannot be drawn past (scaled, drawing into a texture, s not
 *  32-bit). One rule for the glyphs (text/composite.c) and the fills (ui/paint.c). */
bool text_surface_bound(SDL_Renderer *r, const SDL_Surface *s, SDL_Rect *bound,
                        SDL_Point *offset);

/** Drops every cached layout, glyph and measurement (zeroing the texts, glyph records and
 *  atlas pixels), so nothing a person typed survives the end of their session. Call between
 *  frames. */
void text_engine_forget(text_engine_t *engine);

/** Marks a frame boundary: layouts returned before this call may be freed by it. */
void text_engine_begin_frame(text_engine_t *engine);

/** Lays out utf8 in language lang within max_width pixels (<= 0: no limit). The result is
 *  owned by the engine (cached) and valid until the next text_engine_begin_frame(). */
const text_layout_t *text_layout(text_engine_t *engine, const char *utf8, const char *lang,
                                 const text_style_t *style, int max_width);

int text_layout_width(const text_layout_t *layout);  /* widest line, pixels */
int text_layout_height(const text_layout_t *layout); /* all lines, pixels */
int text_layout_line_count(const text_layout_t *layout);
/** Direction of the first paragraph: the language's, unless it has no letter of that direction
 *  and some of the other (English shown untranslated in an Urdu screen is left-to-right). */
bool text_layout_is_rtl(const text_layout_t *layout);
/** Characters no font of the language's chain covers (never drawn as boxes). */
int text_layout_missing_glyphs(const text_layout_t *layout);

/** Draws layout with its top at y, lines aligned within [x, x + box_width). */
void text_draw(text_engine_t *engine, const text_layout_t *layout, int x, int y, int box_width,
               SDL_Color color);

/** The rectangle the ink of layout covers when text_draw() draws it at (x, y) in box_width:
 *  the union of every glyph's hinted bitmap box, as drawn (issue 11: fit checks see ink, not
 *  advance widths). False, with ink zeroed, when nothing would be inked (only spaces). */
bool text_layout_ink(const text_layout_t *layout, int x, int y, int box_width, SDL_Rect *ink);

/** What layout was made from (its words, language, style and width) as one hash: two
 *  layouts with the same key draw the same pixels. */
uint64_t text_layout_key(const text_layout_t *layout);

/** The first line's baseline, in pixels from the layout's top. */
int text_layout_baseline(const text_layout_t *layout);
/** How tall the first line's letters look: the lower quartile of its letters' ink heights,
 *  marks (dots, vowel signs: under 40% of the tallest glyph) left out (Latin: the x-height,
 *  whatever capitals and ascenders a word has; Nastaliq and Naskh: their bowls, not the
 *  tall alef). For sizing words in different scripts alike. */
int text_layout_body_height(const text_layout_t *layout);

/** Same, into an ARGB8888 surface (for the printed slip raster). */
void text_draw_to_surface(text_engine_t *engine, const text_layout_t *layout, SDL_Surface *dst,
                          int x, int y, int box_width, SDL_Color color);

/** Wraps an inserted value (phone number, reference, URL) in a directional isolate so
 *  the surrounding sentence's direction cannot reorder it. Returns false if out is short. */
bool text_isolate(const char *value, bool ltr, char *out, size_t out_size);

/* ---- Additions (issue 3): registry, diagnostics, inspection, cache statistics ---- */

struct lang_registry; /* i18n/languages.h */

/** Registers every language of reg (enabled or not, so a fallback never lacks fonts).
 *  False with "CODE: problem" in err on the first language that fails. */
bool text_engine_add_registry(text_engine_t *engine, const struct lang_registry *reg, char *err,
                              size_t err_size);

/** Called once per character that no font of the language's chain covers, when a layout is
 *  computed (not on cache hits). lang is the language the layout used. */
typedef void (*text_missing_glyph_fn)(void *user, const char *lang, Uint32 codepoint);
void text_engine_set_missing_glyph_handler(text_engine_t *engine, text_missing_glyph_fn fn,
                                           void *user);

/** Whether a font of lang's chain, or of the fallbacks tried after it, has cp (as
 *  text_layout() looks for one): for the content checker. Ignorable characters are covered. */
bool text_engine_covers(text_engine_t *engine, const char *lang, Uint32 cp);

/** Why the last text_layout() returned NULL ("" if it did not). Owned by the engine. */
const char *text_engine_last_error(const text_engine_t *engine);

typedef struct text_cache_stats {
    unsigned long texture_hits, texture_misses; /* glyph atlas lookups */
    int textures;         /* atlas textures held now */
    size_t texture_bytes; /* their pixels, 4 bytes each */
    int glyphs;           /* glyphs in the atlas now */
    unsigned long atlas_resets; /* times the atlas was full and emptied */
    unsigned long layout_hits, layout_misses;
    int layouts;         /* layouts held now */
    size_t layout_bytes; /* their heap memory */
    int fonts_open;      /* (font file, pixel size) pairs open now */
    int shapes;          /* runs whose shaping is kept (measure.c) */
    size_t shape_bytes;  /* their texts and glyphs */
    unsigned long font_resets; /* times every font was closed to make room */
} text_cache_stats_t;

void text_engine_get_stats(const text_engine_t *engine, text_cache_stats_t *stats);

/** One run of a line as laid out: single direction, script and font. */
typedef struct text_run_info {
    const char *utf8;      /* the run's text, NOT NUL-terminated; owned by the layout */
    int bytes;             /* its length in bytes */
    int start, length;     /* code points of the logical input (an ellipsis has length 0) */
    char script[5];        /* ISO 15924, e.g. "Arab" */
    bool rtl;              /* run direction */
    const char *font_file; /* e.g. "NotoNastaliqUrdu-Regular.ttf"; NULL: no font covers it */
    int x, width;          /* pixels from the line's left edge */
    int height;            /* of its rendered image: the font's, or more where ink reaches out */
} text_run_info_t;

int text_layout_line_width(const text_layout_t *layout, int line);
/** Runs of a line, in visual (left to right on screen) order. */
int text_layout_line_run_count(const text_layout_t *layout, int line);
bool text_layout_line_run(const text_layout_t *layout, int line, int run, text_run_info_t *out);

#endif
