#include "ui/theme.h"

#include <math.h>

static const theme_colors_t NORMAL = {
    .background = {0xF5, 0xF7, 0xFA, 0xFF},
    .surface = {0xFF, 0xFF, 0xFF, 0xFF},
    .text = {0x1B, 0x23, 0x2E, 0xFF},
    .text_muted = {0x4A, 0x55, 0x63, 0xFF},
    .primary = {0x00, 0x4E, 0x9A, 0xFF}, /* deep blue: 8.0:1 with white */
    .primary_text = {0xFF, 0xFF, 0xFF, 0xFF},
    .pressed = {0x00, 0x30, 0x60, 0xFF},
    .border = {0x5A, 0x66, 0x75, 0xFF},
    .danger = {0xA3, 0x1F, 0x1F, 0xFF},
    .danger_text = {0xFF, 0xFF, 0xFF, 0xFF},
    .disabled = {0xDD, 0xE1, 0xE6, 0xFF},
    .disabled_text = {0x4A, 0x55, 0x63, 0xFF},
    .focus = {0xFF, 0xB8, 0x1C, 0xFF},
    .track = {0x6B, 0x76, 0x85, 0xFF}, /* 4.3:1 on background, 4.6:1 on white */
};

static const theme_colors_t HIGH_CONTRAST = {
    .background = {0x00, 0x00, 0x00, 0xFF},
    .surface = {0x00, 0x00, 0x00, 0xFF},
    .text = {0xFF, 0xFF, 0xFF, 0xFF},
    .text_muted = {0xFF, 0xFF, 0x00, 0xFF},
    .primary = {0xFF, 0xFF, 0x00, 0xFF},
    .primary_text = {0x00, 0x00, 0x00, 0xFF},
    .pressed = {0xFF, 0xFF, 0xFF, 0xFF},
    .border = {0xFF, 0xFF, 0xFF, 0xFF},
    /* Quick exit stays an alarm red with white words (pale pink read as disabled): 5.9:1
     * for its words, 3.6:1 for the button on black, and a white edge (widgets.c) */
    .danger = {0xCC, 0x00, 0x00, 0xFF},
    .danger_text = {0xFF, 0xFF, 0xFF, 0xFF},
    .disabled = {0x00, 0x00, 0x00, 0xFF},
    .disabled_text = {0xC0, 0xC0, 0xC0, 0xFF},
    .focus = {0x00, 0xFF, 0xFF, 0xFF},
    .track = {0xFF, 0xFF, 0xFF, 0xFF}, /* "disabled" is black here: a track in it vanished */
};

void theme_init(theme_t *theme, int w, int h, bool high_contrast, theme_text_size_t size)
{
    static const double scales[THEME_TEXT_SIZES] = {1.0, 1.25, 1.5};
    int short_side = w < h ? w : h;
    theme->colors = high_contrast ? HIGH_CONTRAST : NORMAL;
    theme->unit = short_side / 1080.0;
    theme->text_scale = scales[size < THEME_TEXT_SIZES ? size : 0];
    theme->high_contrast = high_contrast;
}

int theme_px(const theme_t *theme, double units)
{
    return (int)lround(units * theme->unit);
}

int theme_font_px(const theme_t *theme, double units)
{
    return (int)lround(units * theme->unit * theme->text_scale);
}

static double channel(Uint8 c)
{
    double s = c / 255.0;
    return s <= 0.04045 ? s / 12.92 : pow((s + 0.055) / 1.055, 2.4);
}

static double luminance(SDL_Color c)
{
    return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

double theme_contrast_ratio(SDL_Color a, SDL_Color b)
{
    double la = luminance(a), lb = luminance(b);
    return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}

double theme_mm_per_px(int w, int h, double diagonal_in)
{
    return diagonal_in * 25.4 / sqrt((double)w * w + (double)h * h);
}

void theme_fit_screen(theme_t *theme, int w, int h, double diagonal_in)
{
    if (diagonal_in <= 0) {
        return;
    }
    double cap_px = THEME_BODY_MIN_MM / theme_mm_per_px(w, h, diagonal_in);
    double min_unit = cap_px / (THEME_CAP_HEIGHT_EM * THEME_FONT_BODY);
    if (theme->unit < min_unit) {
        theme->unit = min_unit;
    }
}
