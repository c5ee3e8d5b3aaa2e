/* Physical keys to what they do (issue 13): a keyboard or a USB keypad operates the whole
 * kiosk. Escape and the [input] quick_exit_key are Quick exit; Tab / Shift-Tab and the
 * arrows move the focus in reading order (left and right mirrored for right-to-left
 * languages); Enter and Space press what has the focus; with [input] keypad_atm the
 * numeric keypad works as on a cash machine (2/8 up/down, 4/6 previous/next, 5 select);
 * six more keys repeat, stop, and change the volume and speed of read-aloud. */
#ifndef KIOSK_APP_KEYMAP_H
#define KIOSK_APP_KEYMAP_H

#include "platform/config.h"

#include <SDL.h>
#include <stdbool.h>
#include <stddef.h>

typedef enum {
    KEY_ACTION_NONE,       /* not ours: typed text reaches a field through SDL_TEXTINPUT */
    KEY_ACTION_QUICK_EXIT,
    KEY_ACTION_FOCUS_NEXT, /* the next thing in reading order */
    KEY_ACTION_FOCUS_PREV,
    KEY_ACTION_ACTIVATE,   /* press the focused thing */
    KEY_ACTION_BACKSPACE,  /* delete in the focused field */
    KEY_ACTION_SPEECH_REPEAT,
    KEY_ACTION_SPEECH_STOP,
    KEY_ACTION_VOLUME_UP,
    KEY_ACTION_VOLUME_DOWN,
    KEY_ACTION_SPEECH_SLOWER,
    KEY_ACTION_SPEECH_FASTER,
} key_action_t;

#define KEYMAP_SPEECH_KEYS 6

typedef struct keymap {
    SDL_Keycode quick_exit[2]; /* the configured key; "*" means both '*' keys */
    bool keypad_atm;
    SDL_Keycode speech[KEYMAP_SPEECH_KEYS]; /* repeat, stop, vol+, vol-, slower, faster */
} keymap_t;

/** The key named name ("Keypad *", "F5", "*"; SDL_GetKeyFromName() names, any case), or
 *  SDLK_UNKNOWN. */
SDL_Keycode keymap_parse_key(const char *name);

/** Builds the map from cfg's [input] keys. False with err naming the [input] key whose
 *  value is not a key name (that key then does nothing; the rest still work). */
bool keymap_init(keymap_t *km, const kiosk_config_t *cfg, char *err, size_t err_size);

/** What key (with modifiers mod) does. in_field: a text field is being typed into, so
 *  Space, Backspace and keypad digits are its text, not actions. rtl mirrors left/right. */
key_action_t keymap_action(const keymap_t *km, SDL_Keycode key, Uint16 mod, bool in_field,
                           bool rtl);

#endif
