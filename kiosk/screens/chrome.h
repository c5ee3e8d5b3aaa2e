/* What every in-session screen shares: the top bar (Back at the reading start, Quick exit
 * at the end), the title, and the content area. */
#ifndef KIOSK_SCREENS_CHROME_H
#define KIOSK_SCREENS_CHROME_H

#include "app/app.h"
#include "ui/widgets.h"

/** Draws the bar and the title (title_key may be NULL); back_to is the screen Back goes
 *  to (NULL: no Back). Handles both buttons. Returns the content rectangle. */
SDL_Rect chrome_frame(app_t *app, ui_t *ui, const char *title_key, const char *back_to);

/** chrome_frame() with start_key's button (id start_id) at the bar's start instead of
 *  Back (home's privacy page; NULL: none); *start_tapped says whether it was tapped. */
SDL_Rect chrome_frame_start(app_t *app, ui_t *ui, const char *title_key, const char *start_id,
                            const char *start_key, bool *start_tapped);

/** chrome_frame() for a screen whose content scrolls: a title taller than 1/5 of the room
 *  (the largest text in Nastaliq or Tamil) is not drawn above but returned in *scrolled, for
 *  the caller to draw first inside its view with chrome_scrolled_title(); else *scrolled is
 *  NULL. */
SDL_Rect chrome_frame_scrolling(app_t *app, ui_t *ui, const char *title_key, const char *back_to,
                                const char **scrolled);
/** Draws a title returned by chrome_frame_scrolling() at the top of at; returns its height
 *  with the gap after it (0 for NULL). */
int chrome_scrolled_title(ui_t *ui, const char *title, SDL_Rect at);

/** Draws Quick exit in its place, the top right corner in every language, and handles
 *  it; returns its rectangle. chrome_frame() calls it; overlays call it again on top. */
SDL_Rect chrome_quick_exit(app_t *app, ui_t *ui);


/** Who reads reports and who runs the kiosk, from config ([report] receiver_name,
 *  [kiosk] operator_name), or a neutral phrase in the person's language when not set. */
const char *chrome_receiver(const app_t *app);
const char *chrome_operator(const app_t *app);
/** The text of key with {receiver}, {operator} and {phone} filled in from config. */
bool chrome_format(const app_t *app, const char *key, char *out, size_t size);
/** Opens the privacy page; its Back returns to the current screen. */
void chrome_go_privacy(app_t *app);

/** Content width limit for comfortable reading, centred in r. */
SDL_Rect chrome_column(const ui_t *ui, SDL_Rect r);

/** Starts a scroll view over area for a grid of rows x row_h (with gap between rows) and
 *  returns the grid's rectangle; end it with ui_scroll_end(ui, grid.h). */
SDL_Rect chrome_grid_begin(ui_t *ui, const char *scroll_id, SDL_Rect area, int rows, int row_h,
                           int gap);
/** The width chrome_scroll_begin() leaves its content in a view w wide (the bar's room
 *  taken): measure what the view will hold at this width. */
int chrome_scroll_width(const ui_t *ui, int w);
/** Starts a scroll view over area for content of unknown height; returns where content
 *  starts, narrowed to leave room for the scroll bar. End with ui_scroll_end(ui, height). */
SDL_Rect chrome_scroll_begin(ui_t *ui, const char *scroll_id, SDL_Rect area);
/** Row height that fits the tallest of n button labels in cols columns of width. */
int chrome_row_height(ui_t *ui, const char *const *labels, int n, int cols, int width, int gap,
                      int min_h);

/** Draws a QR code for url (allowed hosts only) at the top of r with its caption; returns
 *  the height used (0 if the URL is not allowed). */
int chrome_qr(app_t *app, ui_t *ui, const char *id, const char *url, const char *caption,
              SDL_Rect r);
/** chrome_qr() at a whole multiple of the smallest size (a page with room to spare). */
int chrome_qr_scaled(app_t *app, ui_t *ui, const char *id, const char *url,
                     const char *caption, SDL_Rect r, int scale);
/** Side in pixels chrome_qr() would use for url (0 when it draws nothing). */
int chrome_qr_side(app_t *app, ui_t *ui, const char *url);

/** Height chrome_qr() would use for url with caption in a box w wide (0: draws nothing). */
int chrome_qr_height(app_t *app, ui_t *ui, const char *url, const char *caption, int w);

/** Width chrome_qr() needs for url with its host name on one line (0: draws nothing). */
int chrome_qr_width(app_t *app, ui_t *ui, const char *url);

/** The print button (id) in r; nothing (false) when no printer is configured. */
bool chrome_print_button(app_t *app, ui_t *ui, const char *id, const char *label_key,
                         SDL_Rect r);
/** What the printer is doing ("print.status"): printing, printed, or not working (then
 *  the screen's QR codes are the way to take the details). Returns the height used. */
int chrome_print_status(app_t *app, ui_t *ui, SDL_Rect r);

#define CHROME_INDEX_MAX 16

/** A section's index of pages (learn's topics, the staff pages): names[i]'s button has id
 *  "<section>.<kind>.<name>" and label "<section>.<name>.title", and goes to screen
 *  "<section>.<name>". */
typedef struct chrome_index {
    const char *section;
    const char *kind;
    const char *scroll_id;
    const char *const *names;
    int count;
    int cols;
} chrome_index_t;

/** Draws the index's buttons in x->cols columns in content (a scroll view). */
void chrome_page_index(app_t *app, ui_t *ui, SDL_Rect content, const chrome_index_t *x);
/** Which of x's pages screen_id is (0 when none). */
int chrome_page_number(const char *screen_id, const chrome_index_t *x);

#endif
