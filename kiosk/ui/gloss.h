/* Side by side (issue 19): English under a title or an answer shown in the person's
 * language, so a member of staff who does not read that language can follow. The widgets
 * ask here; which text has an English form, and whether side by side is on, the app
 * decides (app/side_by_side.h) through ui->gloss. The person's language comes first; the
 * English follows at the reading start, smaller, in the same colour, laid out as English
 * (left to right, Latin face) on a right-to-left screen too. */
#ifndef KIOSK_UI_GLOSS_H
#define KIOSK_UI_GLOSS_H

#include "ui/widgets.h"

/** The English to show under text, or NULL (side by side off, or text has none). */
const char *gloss_of(const ui_t *ui, const char *text);
/** Height the English line(s) take under a label drawn with label_opts in width w,
 *  with the gap above them (0 for NULL). */
int gloss_height(ui_t *ui, const char *gloss, int w, const ui_text_opts_t *label_opts);
/** Draws gloss at the top of r (after the gap) and adds its ink to the widget recorded
 *  last, which it must stay inside (box); returns the height used, as gloss_height(). */
int gloss_draw(ui_t *ui, const char *gloss, SDL_Rect r, SDL_Rect box,
               const ui_text_opts_t *label_opts);

#endif
