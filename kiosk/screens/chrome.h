/* What every in-session screen shares: the top bar (Back at the reading start, Quick exit
 * at the end), the title, and the content area. */
#ifndef KIOSK_SCREENS_CHROME_H
#define KIOSK_SCREENS_CHROME_H

#include "app/app.h"
#include "ui/widgets.h"

/** Draws the bar and the title (title_key may be NULL); back_to is the screen Back goes
 *  to (NULL: no Back). Handles both buttons. Returns the content rectangle. */
SDL_Rect chrome_frame(app_t *app, ui_t *ui, const char *title_key, const char *back_to);

/** Content width limit for comfortable reading, centred in r. */
SDL_Rect chrome_column(const ui_t *ui, SDL_Rect r);

/** Starts a scroll view over area for a grid of rows x row_h (with gap between rows) and
 *  returns the grid's rectangle; end it with ui_scroll_end(ui, grid.h). */
SDL_Rect chrome_grid_begin(ui_t *ui, const char *scroll_id, SDL_Rect area, int rows, int row_h,
                           int gap);
/** Starts a scroll view over area for content of unknown height; returns where content
 *  starts, narrowed to leave room for the scroll bar. End with ui_scroll_end(ui, height). */
SDL_Rect chrome_scroll_begin(ui_t *ui, const char *scroll_id, SDL_Rect area);
/** Row height that fits the tallest of n button labels in cols columns of width. */
int chrome_row_height(ui_t *ui, const char *const *labels, int n, int cols, int width, int gap,
                      int min_h);

#endif
