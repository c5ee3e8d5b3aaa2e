/* The contact sheet of `kiosk --screenshot-all DIR`: for a reviewer with no kiosk, every
 * screen of every language on one page (DIR/index.html), each scroll view rendered whole
 * (DIR/<lang>/<screen>.whole.png: the frames scrolled through, stitched). */
#ifndef KIOSK_APP_CONTACT_SHEET_H
#define KIOSK_APP_CONTACT_SHEET_H

#include "app/runtime.h"

/** After a frame of a headless runtime: when a scroll view of it holds more than it shows,
 *  scrolls it through, stitches the whole content into one tall picture (what is above and
 *  below the view kept) and saves it as PNG to path; *made says whether it did. False with
 *  err when it could not save. The view is scrolled back to the top after. */
bool contact_sheet_save_whole(runtime_t *rt, const char *path, bool *made, char *err,
                              size_t err_size);

/** Writes DIR/index.html: per language (endonym, English name), per screen, the picture
 *  of DIR/<lang>/<screen>.png, or its .whole.png when there is one, linked to full size. */
bool contact_sheet_write_index(const char *dir, const lang_registry_t *langs,
                               const char *const *screens, int screen_count, char *err,
                               size_t err_size);

#endif
