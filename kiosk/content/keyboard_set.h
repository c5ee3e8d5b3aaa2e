/* All keyboard layouts of locales/keyboards/, loaded once at start. No SDL. */
#ifndef KIOSK_CONTENT_KEYBOARD_SET_H
#define KIOSK_CONTENT_KEYBOARD_SET_H

#include "content/keyboards.h"

#define KEYBOARD_SET_MAX 24

typedef struct keyboard_set {
    keyboard_layout_t layouts[KEYBOARD_SET_MAX];
    int count;
} keyboard_set_t;

/** Loads every *.ini of dir. Bad files are reported in err (the first one) and skipped;
 *  returns false if any failed. */
bool keyboard_set_load(keyboard_set_t *set, const char *dir, char *err, size_t err_size);
/** The layout called name, or NULL. */
const keyboard_layout_t *keyboard_set_find(const keyboard_set_t *set, const char *name);

#endif
