/* Colours and sizes. Sizes are in scaled units: 1 unit = 1 px at 1080 px on the short
 * side, so one layout works from 1280x720 to 3840x2160, landscape or portrait. */
#ifndef KIOSK_UI_THEME_H
#define KIOSK_UI_THEME_H

#include <SDL.h>
#include <stdbool.h>

typedef enum { THEME_TEXT_NORMAL, THEME_TEXT_LARGE, THEME_TEXT_LARGEST, THEME_TEXT_SIZES } theme_text_size_t;

typedef struct theme_colors {
    SDL_Color background, surface, text, text_muted, primary, primary_text, pressed,
        border, danger, danger_text, disabled, disabled_text, focus;
    /* the outline of a track (the progress bar, a scroll bar's channel): a shape a person
     * must see, so at least 3:1 against background and surface (WCAG 1.4.11) */
    SDL_Color track;
} theme_colors_t;

typedef struct theme {
    theme_colors_t colors;
    double unit;       /* px per unit */
    double text_scale; /* 1.0, 1.25, 1.5 by text size */
    bool high_contrast;
} theme_t;

/** Sets the theme for a screen of w x h pixels with the person's choices. */
void theme_init(theme_t *theme, int w, int h, bool high_contrast, theme_text_size_t size);
/** Raises the unit if needed so body text is at least THEME_BODY_MIN_MM high (capital
 *  height) on a screen of this diagonal (inches; <= 0: unknown, no change). */
void theme_fit_screen(theme_t *theme, int w, int h, double diagonal_in);
/** Millimetres per pixel of a w x h screen with this diagonal. */
double theme_mm_per_px(int w, int h, double diagonal_in);

/** Units to pixels (rounded). */
int theme_px(const theme_t *theme, double units);
/** A font size in pixels for a size in units, with the text-size choice applied. */
int theme_font_px(const theme_t *theme, double units);

/** WCAG 2 contrast ratio between two colours (1.0 to 21.0). */
double theme_contrast_ratio(SDL_Color a, SDL_Color b);

/* Type scale, in units (before the text-size choice). */
#define THEME_FONT_BODY 36
#define THEME_FONT_BUTTON 38
#define THEME_FONT_TITLE 60
#define THEME_FONT_SMALL 28
/* Touch targets: never under 96 units (48 px at 1080p is the floor; we double it). */
#define THEME_TARGET_MIN 96
#define THEME_MARGIN 48
/* Body text at least 4.8 mm high at the configured screen size (capital height; Noto's
 * capitals are 0.714 em). */
#define THEME_BODY_MIN_MM 4.8
#define THEME_CAP_HEIGHT_EM 0.714
#define THEME_GAP 24

#endif
