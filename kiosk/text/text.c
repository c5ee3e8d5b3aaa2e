/* FIRST VERSION: one font per language, greedy word wrap, no bidi.
 * Issue 3 replaces this file with the full engine behind the same API. */
#include "text/text.h"

#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TEXT_LANGS_MAX 32
#define TEXT_FONTS_MAX 64
#define TEXT_LINES_MAX 64
#define TEXT_LAYOUTS_MAX 256

typedef struct font_entry {
    char file[128];
    int px;
    TTF_Font *font;
} font_entry_t;

typedef struct lang_entry {
    char code[16];
    bool rtl;
    char font[128];
    char bold_font[128];
    double line_height;
} lang_entry_t;

typedef struct text_line {
    int start, len; /* bytes */
    int width;
} text_line_t;

struct text_layout {
    char *text;
    const lang_entry_t *lang;
    TTF_Font *font;
    text_style_t style;
    int line_height;
    int count;
    text_line_t lines[TEXT_LINES_MAX];
    int width;
};

struct text_engine {
    char font_dir[512];
    SDL_Renderer *renderer;
    lang_entry_t langs[TEXT_LANGS_MAX];
    int lang_count;
    font_entry_t fonts[TEXT_FONTS_MAX];
    int font_count;
    text_layout_t *layouts[TEXT_LAYOUTS_MAX];
    int layout_count;
};

text_engine_t *text_engine_create(const char *font_dir, char *err, size_t err_size)
{
    if (!TTF_WasInit() && TTF_Init() != 0) {
        snprintf(err, err_size, "TTF_Init: %s", TTF_GetError());
        return NULL;
    }
    text_engine_t *e = calloc(1, sizeof *e);
    if (!e) {
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    snprintf(e->font_dir, sizeof e->font_dir, "%s", font_dir);
    return e;
}

void text_engine_destroy(text_engine_t *e)
{
    if (!e) {
        return;
    }
    text_engine_begin_frame(e);
    for (int i = 0; i < e->font_count; i++) {
        TTF_CloseFont(e->fonts[i].font);
    }
    free(e);
}

static void first_of_list(const char *list, char *out, size_t size)
{
    snprintf(out, size, "%s", list ? list : "");
    char *comma = strchr(out, ',');
    if (comma) {
        *comma = '\0';
    }
}

bool text_engine_add_language(text_engine_t *e, const text_lang_def_t *def, char *err,
                              size_t err_size)
{
    if (e->lang_count >= TEXT_LANGS_MAX) {
        snprintf(err, err_size, "too many languages");
        return false;
    }
    lang_entry_t *l = &e->langs[e->lang_count++];
    snprintf(l->code, sizeof l->code, "%s", def->code);
    l->rtl = def->rtl;
    first_of_list(def->fonts, l->font, sizeof l->font);
    first_of_list(def->bold_fonts ? def->bold_fonts : def->fonts, l->bold_font,
                  sizeof l->bold_font);
    l->line_height = def->line_height >= 1.0 ? def->line_height : 1.2;
    return true;
}

void text_engine_set_renderer(text_engine_t *e, SDL_Renderer *renderer)
{
    e->renderer = renderer;
}

void text_engine_begin_frame(text_engine_t *e)
{
    for (int i = 0; i < e->layout_count; i++) {
        free(e->layouts[i]->text);
        free(e->layouts[i]);
    }
    e->layout_count = 0;
}

static const lang_entry_t *find_lang(const text_engine_t *e, const char *code)
{
    for (int i = 0; i < e->lang_count; i++) {
        if (strcmp(e->langs[i].code, code) == 0) {
            return &e->langs[i];
        }
    }
    return e->lang_count ? &e->langs[0] : NULL;
}

static TTF_Font *get_font(text_engine_t *e, const char *file, int px)
{
    for (int i = 0; i < e->font_count; i++) {
        if (e->fonts[i].px == px && strcmp(e->fonts[i].file, file) == 0) {
            return e->fonts[i].font;
        }
    }
    if (e->font_count >= TEXT_FONTS_MAX) {
        TTF_CloseFont(e->fonts[0].font);
        memmove(&e->fonts[0], &e->fonts[1], sizeof e->fonts[0] * (TEXT_FONTS_MAX - 1));
        e->font_count--;
    }
    char path[768];
    snprintf(path, sizeof path, "%s/%s", e->font_dir, file);
    TTF_Font *f = TTF_OpenFont(path, px);
    if (!f) {
        return NULL;
    }
    font_entry_t *fe = &e->fonts[e->font_count++];
    snprintf(fe->file, sizeof fe->file, "%s", file);
    fe->px = px;
    fe->font = f;
    return f;
}

static int measure(TTF_Font *font, const char *s, int len)
{
    char buf[4096];
    if (len >= (int)sizeof buf) {
        len = sizeof buf - 1;
    }
    memcpy(buf, s, (size_t)len);
    buf[len] = '\0';
    int w = 0, h = 0;
    TTF_SizeUTF8(font, buf, &w, &h);
    return w;
}

static void add_line(text_layout_t *l, int start, int end)
{
    if (l->count >= TEXT_LINES_MAX) {
        return;
    }
    text_line_t *line = &l->lines[l->count++];
    line->start = start;
    line->len = end - start;
    line->width = measure(l->font, l->text + start, end - start);
    if (line->width > l->width) {
        l->width = line->width;
    }
}

static void wrap(text_layout_t *l, int max_width)
{
    const char *t = l->text;
    int n = (int)strlen(t);
    int line_start = 0, last_break = -1;
    for (int i = 0; i <= n; i++) {
        if (i == n || t[i] == '\n') {
            add_line(l, line_start, i);
            line_start = i + 1;
            last_break = -1;
            continue;
        }
        if (t[i] == ' ') {
            if (max_width > 0 && measure(l->font, t + line_start, i - line_start) > max_width &&
                last_break > line_start) {
                add_line(l, line_start, last_break);
                line_start = last_break + 1;
            }
            last_break = i;
        }
    }
    if (max_width > 0 && l->count > 0) {
        /* The last word may still overflow; split it at the last space. */
        text_line_t *last = &l->lines[l->count - 1];
        if (last->width > max_width && last_break > last->start) {
            int end = last->start + last->len;
            l->count--;
            add_line(l, last->start, last_break);
            add_line(l, last_break + 1, end);
        }
    }
}

const text_layout_t *text_layout(text_engine_t *e, const char *utf8, const char *lang,
                                 const text_style_t *style, int max_width)
{
    if (e->layout_count >= TEXT_LAYOUTS_MAX) {
        return NULL;
    }
    text_layout_t *l = calloc(1, sizeof *l);
    if (!l) {
        return NULL;
    }
    l->text = strdup(utf8 ? utf8 : "");
    l->lang = find_lang(e, lang);
    l->style = *style;
    l->font = l->lang ? get_font(e, style->bold ? l->lang->bold_font : l->lang->font, style->px)
                      : NULL;
    if (!l->text || !l->font) {
        free(l->text);
        free(l);
        return NULL;
    }
    l->line_height = (int)(TTF_FontLineSkip(l->font) * l->lang->line_height / 1.2);
    wrap(l, max_width);
    e->layouts[e->layout_count++] = l;
    return l;
}

int text_layout_width(const text_layout_t *l)
{
    return l ? l->width : 0;
}

int text_layout_height(const text_layout_t *l)
{
    return l ? l->count * l->line_height : 0;
}

int text_layout_line_count(const text_layout_t *l)
{
    return l ? l->count : 0;
}

bool text_layout_is_rtl(const text_layout_t *l)
{
    return l && l->lang->rtl;
}

int text_layout_missing_glyphs(const text_layout_t *l)
{
    return 0;
}

static int line_x(const text_layout_t *l, const text_line_t *line, int x, int box_width)
{
    text_align_t a = l->style.align;
    if (a == TEXT_ALIGN_CENTER) {
        return x + (box_width - line->width) / 2;
    }
    bool right = (a == TEXT_ALIGN_END) != l->lang->rtl;
    return right ? x + box_width - line->width : x;
}

static SDL_Surface *render_line(const text_layout_t *l, const text_line_t *line, SDL_Color c)
{
    char buf[4096];
    int len = line->len < (int)sizeof buf - 1 ? line->len : (int)sizeof buf - 1;
    memcpy(buf, l->text + line->start, (size_t)len);
    buf[len] = '\0';
    if (len == 0) {
        return NULL;
    }
    return TTF_RenderUTF8_Blended(l->font, buf, c);
}

void text_draw(text_engine_t *e, const text_layout_t *l, int x, int y, int box_width,
               SDL_Color color)
{
    if (!l || !e->renderer) {
        return;
    }
    for (int i = 0; i < l->count; i++) {
        SDL_Surface *s = render_line(l, &l->lines[i], color);
        if (!s) {
            continue;
        }
        SDL_Texture *t = SDL_CreateTextureFromSurface(e->renderer, s);
        SDL_Rect dst = {line_x(l, &l->lines[i], x, box_width), y + i * l->line_height, s->w,
                        s->h};
        SDL_RenderCopy(e->renderer, t, NULL, &dst);
        SDL_DestroyTexture(t);
        SDL_FreeSurface(s);
    }
}

void text_draw_to_surface(text_engine_t *e, const text_layout_t *l, SDL_Surface *dst, int x,
                          int y, int box_width, SDL_Color color)
{
    if (!l) {
        return;
    }
    for (int i = 0; i < l->count; i++) {
        SDL_Surface *s = render_line(l, &l->lines[i], color);
        if (!s) {
            continue;
        }
        SDL_Rect r = {line_x(l, &l->lines[i], x, box_width), y + i * l->line_height, s->w, s->h};
        SDL_BlitSurface(s, NULL, dst, &r);
        SDL_FreeSurface(s);
    }
}

bool text_isolate(const char *value, bool ltr, char *out, size_t out_size)
{
    int n = snprintf(out, out_size, "%s%s%s", ltr ? TEXT_ISOLATE_LRI : TEXT_ISOLATE_FSI, value,
                     TEXT_ISOLATE_PDI);
    return n >= 0 && (size_t)n < out_size;
}
