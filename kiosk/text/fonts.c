/* Font files and opened fonts: a language's chain names files; a layout asks for a file at a
 * pixel size and gets a font that stays open (layouts and cached textures point at it, so
 * it is not evicted one by one). TEXT_FONTS_MAX bounds the store; the engine empties it,
 * with every cache, between frames once it is nearly full (text_engine_begin_frame). */
#include "text/text_internal.h"

#include <ft2build.h>
#include FT_FREETYPE_H
#include FT_SIZES_H
#include <fcntl.h>
#include <hb.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

void text_fonts_init(text_fonts_t *fonts, const char *dir)
{
    memset(fonts, 0, sizeof *fonts);
    snprintf(fonts->dir, sizeof fonts->dir, "%s", dir ? dir : ".");
    fonts->measures = text_measure_cache_create();
    FT_Library ft = NULL;
    fonts->ft_library = FT_Init_FreeType(&ft) == 0 ? ft : NULL; /* NULL: no font opens */
}

void text_fonts_close_all(text_fonts_t *fonts)
{
    for (int i = 0; i < fonts->font_count; i++) {
        hb_font_destroy(fonts->fonts[i].hb);
        text_glyph_boxes_free(fonts->fonts[i].boxes);
        FT_Done_Size(fonts->fonts[i].ft_size);
    }
    fonts->font_count = 0;
}

void text_fonts_deinit(text_fonts_t *fonts)
{
    text_measure_cache_destroy(fonts->measures);
    fonts->measures = NULL;
    text_fonts_close_all(fonts);
    for (int i = 0; i < fonts->file_count; i++) {
        if (fonts->files[i].ft_face) {
            FT_Done_Face(fonts->files[i].ft_face);
            fonts->files[i].ft_face = NULL;
        }
    }
    if (fonts->ft_library) {
        FT_Done_FreeType(fonts->ft_library);
        fonts->ft_library = NULL;
    }
    for (int i = 0; i < fonts->file_count; i++) {
        hb_face_destroy(fonts->files[i].hb_face); /* NULL-safe */
        fonts->files[i].hb_face = NULL;
        hb_blob_destroy(fonts->files[i].blob); /* after every font reading from it */
        fonts->files[i].blob = NULL;
    }
}

static int fonts_find_file(const text_fonts_t *fonts, const char *name)
{
    for (int i = 0; i < fonts->file_count; i++) {
        if (strcmp(fonts->files[i].name, name) == 0) {
            return i;
        }
    }
    return -1;
}

/* Whether the file can be read; the system is asked to read it in now, without waiting
 * (the process maps it only at the font's first use): a screen first drawn in a language
 * after a boot otherwise waits for its fonts from the disk (Urdu support: 11 ms, not 7.5). */
static bool font_file_prefetch(const char *path)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        return false;
    }
    (void)posix_fadvise(fd, 0, 0, POSIX_FADV_WILLNEED); /* advice: nothing lost without it */
    close(fd);
    return true;
}

static int fonts_add_file(text_fonts_t *fonts, const char *name, char *err, size_t err_size)
{
    int found = fonts_find_file(fonts, name);
    if (found >= 0) {
        return found;
    }
    if (fonts->file_count >= TEXT_FONT_FILES_MAX) {
        snprintf(err, err_size, "too many font files (at most %d)", TEXT_FONT_FILES_MAX);
        return -1;
    }
    if (strlen(name) >= TEXT_FONT_FILE_MAX || strchr(name, '/')) {
        snprintf(err, err_size, "bad font file name '%s'", name);
        return -1;
    }
    char path[sizeof fonts->dir + TEXT_FONT_FILE_MAX + 2];
    snprintf(path, sizeof path, "%s/%s", fonts->dir, name);
    if (!font_file_prefetch(path)) {
        snprintf(err, err_size, "font file %s is missing", path);
        return -1;
    }
    snprintf(fonts->files[fonts->file_count].name, TEXT_FONT_FILE_MAX, "%s", name);
    fonts->files[fonts->file_count].hb_face = NULL;
    fonts->files[fonts->file_count].blob = NULL;
    return fonts->file_count++;
}

static void trim_copy(const char *from, size_t len, char *out, size_t out_size)
{
    while (len > 0 && (*from == ' ' || *from == '\t')) {
        from++;
        len--;
    }
    while (len > 0 && (from[len - 1] == ' ' || from[len - 1] == '\t')) {
        len--;
    }
    if (len >= out_size) {
        len = out_size - 1;
    }
    memcpy(out, from, len);
    out[len] = '\0';
}

bool text_fonts_parse_chain(text_fonts_t *fonts, const char *list, int *chain, int *len,
                            char *err, size_t err_size)
{
    *len = 0;
    const char *p = list ? list : "";
    while (*p) {
        const char *comma = strchr(p, ',');
        size_t n = comma ? (size_t)(comma - p) : strlen(p);
        char name[TEXT_FONT_FILE_MAX + 1];
        trim_copy(p, n, name, sizeof name);
        if (name[0]) {
            if (*len >= TEXT_CHAIN_MAX) {
                snprintf(err, err_size, "font chain longer than %d", TEXT_CHAIN_MAX);
                return false;
            }
            int file = fonts_add_file(fonts, name, err, err_size);
            if (file < 0) {
                return false;
            }
            chain[(*len)++] = file;
        }
        p = comma ? comma + 1 : p + n;
    }
    if (*len == 0) {
        snprintf(err, err_size, "empty font chain");
        return false;
    }
    return true;
}

void text_fonts_add_fallback(int *list, int *list_len, const int *chain, int len, int *first)
{
    for (int i = 0; i < len; i++) {
        int known = -1;
        for (int k = 0; k < *list_len && known < 0; k++) {
            known = list[k] == chain[i] ? k : -1;
        }
        if (first && known >= *first) {
            /* already there as another language's: move it up among the first */
            memmove(&list[*first + 1], &list[*first], (size_t)(known - *first) * sizeof *list);
            list[(*first)++] = chain[i];
        } else if (known < 0 && *list_len < TEXT_FALLBACK_MAX) {
            int at = first ? (*first)++ : *list_len;
            memmove(&list[at + 1], &list[at], (size_t)(*list_len - at) * sizeof *list);
            list[at] = chain[i];
            (*list_len)++;
        }
    }
}

/* Maps the file once for every size of it (read-only, shared with HarfBuzz). */
static bool font_file_map(const text_fonts_t *fonts, text_font_file_t *file, char *err,
                          size_t err_size)
{
    char path[sizeof fonts->dir + TEXT_FONT_FILE_MAX + 2];
    snprintf(path, sizeof path, "%s/%s", fonts->dir, file->name);
    hb_blob_t *blob = hb_blob_create_from_file_or_fail(path);
    if (!blob || hb_blob_get_length(blob) == 0 || hb_blob_get_length(blob) > INT_MAX) {
        snprintf(err, err_size, "font file %s cannot be read", path);
        hb_blob_destroy(blob);
        return false;
    }
    file->blob = blob;
    return true;
}

/* The file's FreeType face, read from its mapping, for every size of it. */
static bool font_file_face(const text_fonts_t *fonts, text_font_file_t *file, char *err,
                           size_t err_size)
{
    unsigned size = 0;
    const char *data = hb_blob_get_data(file->blob, &size);
    FT_Face face = NULL;
    if (!fonts->ft_library ||
        FT_New_Memory_Face(fonts->ft_library, (const FT_Byte *)data, (FT_Long)size, 0, &face) != 0) {
        snprintf(err, err_size, "%s/%s: FreeType cannot open it", fonts->dir, file->name);
        return false;
    }
    if (!FT_IS_SCALABLE(face) || !face->charmap) {
        snprintf(err, err_size, "%s/%s: %s", fonts->dir, file->name,
                 face->charmap ? "no outlines (a bitmap font)" : "no Unicode character map");
        FT_Done_Face(face);
        return false;
    }
    file->ft_face = face;
    return true;
}

/* A size of the file's face at px (points at 72 dpi, as SDL_ttf sets it: points are pixels),
 * with the font box SDL_ttf derives from it (TTF_initFontMetrics; its FT_CEIL is text_px_ceil). */
static bool font_size_open(FT_Face face, int px, text_font_t *f)
{
    FT_Size size = NULL;
    if (FT_New_Size(face, &size) != 0 || FT_Activate_Size(size) != 0 ||
        FT_Set_Char_Size(face, 0, (FT_F26Dot6)px * 64, 0, 0) != 0) {
        if (size) {
            FT_Done_Size(size);
        }
        return false;
    }
    FT_Fixed scale = size->metrics.y_scale;
    f->ft_size = size;
    f->ascent = text_px_ceil(FT_MulFix(face->ascender, scale));
    f->descent = text_px_ceil(FT_MulFix(face->descender, scale));
    f->height = text_px_ceil(FT_MulFix(face->ascender - face->descender, scale));
    return true;
}

text_font_t *text_fonts_get(text_fonts_t *fonts, int file, int px, char *err, size_t err_size)
{
    for (int i = 0; i < fonts->font_count; i++) {
        if (fonts->fonts[i].file == file && fonts->fonts[i].px == px) {
            return &fonts->fonts[i];
        }
    }
    if (fonts->font_count >= TEXT_FONTS_MAX) {
        snprintf(err, err_size, "too many font sizes open (at most %d)", TEXT_FONTS_MAX);
        return NULL;
    }
    text_font_file_t *source = &fonts->files[file];
    if ((!source->blob && !font_file_map(fonts, source, err, err_size)) ||
        (!source->ft_face && !font_file_face(fonts, source, err, err_size))) {
        return NULL;
    }
    text_font_t *f = &fonts->fonts[fonts->font_count];
    memset(f, 0, sizeof *f);
    if (!font_size_open(source->ft_face, px, f)) {
        snprintf(err, err_size, "%s/%s: cannot be sized at %d px", fonts->dir, source->name, px);
        return NULL;
    }
    f->file = file;
    f->px = px;
    f->id = fonts->font_count;
    f->file_name = source->name;
    f->source = source;
    f->measures = fonts->measures;
    fonts->font_count++;
    return f;
}

bool text_font_covers(const text_font_t *font, Uint32 cp)
{
    return FT_Get_Char_Index(font->source->ft_face, cp) != 0;
}

const char *text_font_file_name(const text_fonts_t *fonts, const text_font_t *font)
{
    return font ? fonts->files[font->file].name : NULL;
}
