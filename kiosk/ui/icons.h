/* Pictograms (issue 13): simple line icons (assets/icons/<name>.svg, drawn for this
 * project) beside the home choices, each motivation and incident type, and Quick exit,
 * for people who read with difficulty. SDL2_image rasterises the SVG at the size the text
 * has (so Largest text gets larger icons), the strokes take the theme's text colour, and
 * icons whose meaning has a direction are mirrored in right-to-left layouts. An icon is
 * never the only carrier of meaning: it is drawn only where its label still fits as it
 * would without it, so layouts measured without icons stay right. */
#ifndef KIOSK_UI_ICONS_H
#define KIOSK_UI_ICONS_H

#include "ui/ui.h"

#include <SDL.h>
#include <stdbool.h>

#define ICONS_CACHE_MAX 96 /* rasterised (icon, size) pairs kept as textures */
#define ICONS_EM 1.25      /* icon side, in the label's font size */

typedef struct ui_icons ui_icons_t;

/** Icons from dir (the assets/icons directory) for renderer. NULL when out of memory; a
 *  missing directory is not an error (no icons are drawn, logged once per icon). */
ui_icons_t *icons_create(SDL_Renderer *renderer, const char *dir);
void icons_destroy(ui_icons_t *icons);

/** The icon file name ("disability") for widget id ("report.why.disability"), or NULL
 *  when the widget has none; *mirror: flip it for right-to-left. */
const char *icons_name_for(const char *id, bool *mirror);

/** Draws the icon of widget id (if it has one and ui->icons is set) in colour c (the
 *  label's) for label, a button
 *  or choice label in box (the label's area): above the label (when above_first: a big
 *  button) or at its reading start (a choice row), whichever has room, trying that one
 *  first; beside only when the label keeps its height in what is left. Returns the box left
 *  for the label (box itself when there is no icon or no room). */
SDL_Rect icons_place(ui_t *ui, const char *id, SDL_Rect box, const char *label, SDL_Color c,
                     bool above_first);

/** The icon side in pixels for the current text size (buttons' labels). */
int icons_px(const ui_t *ui);

/** Rasterises name at side px into a surface (tests); NULL with err. Caller frees. */
SDL_Surface *icons_render(const char *dir, const char *name, int px, char *err, size_t err_size);

#endif
