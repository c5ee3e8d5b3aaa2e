/* A QR code on screen (DESIGN §8): crisp at a whole-pixel scale, at least UI_QR_MIN_MM
 * across on the configured screen, always dark modules on a light plate (also in the
 * high-contrast theme, where phone cameras fail on light-on-dark codes), with a caption
 * and the link's host under it so a person can see where it goes before scanning. */
#ifndef KIOSK_UI_QR_WIDGET_H
#define KIOSK_UI_QR_WIDGET_H

#include "ui/ui.h"

#define UI_QR_MIN_MM 30.0

typedef struct ui_qr_opts {
    double screen_diagonal_in; /* [display] screen_diagonal_in: turns mm into pixels */
    const char *allowed_hosts; /* [qr] allowed_hosts: other links are never drawn */
    int scale;                 /* whole multiple of the smallest size; 0 or 1: the smallest */
} ui_qr_opts_t;

/** Pixels per module for a code of size modules (quiet zone included) on this screen:
 *  the smallest whole number that makes it at least UI_QR_MIN_MM across. */
int ui_qr_module_px(const ui_t *ui, int size, double screen_diagonal_in);

/** Side in pixels of the code for url (0 when url is not allowed or not encodable), so
 *  screens can plan their layout. */
int ui_qr_side(const ui_t *ui, const char *url, const ui_qr_opts_t *o);

/** Height ui_qr() would use for url with caption in a box w pixels wide (0 when it
 *  draws nothing), so screens can plan their layout. */
int ui_qr_height(ui_t *ui, const char *url, const char *caption, int w,
                 const ui_qr_opts_t *o);

/** Width ui_qr() needs for url to keep the host name under the code on one line: the
 *  wider of the code and the host (0 when it draws nothing). */
int ui_qr_width(ui_t *ui, const char *url, const ui_qr_opts_t *o);

/** Draws the code for url centred at the top of r, then caption (may be "") and the
 *  URL's host under it, and records it as a label id whose text is url. Nothing is
 *  drawn for a URL that fails qr_url_check(). Returns the height used in pixels. */
int ui_qr(ui_t *ui, const char *id, const char *url, const char *caption, SDL_Rect r,
          const ui_qr_opts_t *o);

/** The codes ui->qr_cache holds (made by ui_init()): emptied and zeroed by ui_wipe(), freed
 *  by ui_deinit(). NULL is a no-op. */
void ui_qr_cache_clear(struct ui_qr_cache *cache);
/** Codes the cache holds drawn as pictures, for tests. */
int ui_qr_cache_pictures(const struct ui_qr_cache *cache);
void ui_qr_cache_destroy(struct ui_qr_cache *cache);
struct ui_qr_cache *ui_qr_cache_create(void);

#endif
