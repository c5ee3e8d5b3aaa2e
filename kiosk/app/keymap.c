#include "app/keymap.h"

#include <stdio.h>
#include <string.h>

SDL_Keycode keymap_parse_key(const char *name)
{
    if (!name || !name[0]) {
        return SDLK_UNKNOWN;
    }
    return SDL_GetKeyFromName(name);
}

typedef struct speech_key_def {
    const char *config_key;
    size_t offset;
} speech_key_def_t;

/* In the order of keymap_t.speech and the KEY_ACTION_SPEECH_REPEAT... run. */
static const speech_key_def_t SPEECH_KEYS[KEYMAP_SPEECH_KEYS] = {
    {"repeat_key", offsetof(kiosk_config_t, speech_repeat_key)},
    {"stop_key", offsetof(kiosk_config_t, speech_stop_key)},
    {"volume_up_key", offsetof(kiosk_config_t, volume_up_key)},
    {"volume_down_key", offsetof(kiosk_config_t, volume_down_key)},
    {"slower_key", offsetof(kiosk_config_t, speech_slower_key)},
    {"faster_key", offsetof(kiosk_config_t, speech_faster_key)},
};

static bool set_key(SDL_Keycode *out, const char *config_key, const char *value, bool ok,
                    char *err, size_t err_size)
{
    *out = keymap_parse_key(value);
    if (*out == SDLK_UNKNOWN && value[0]) {
        if (ok) { /* the first problem is the one reported */
            snprintf(err, err_size, "[input] %s: '%s' is not a key name (such as \"Keypad *\" "
                     "or \"F5\")", config_key, value);
        }
        return false;
    }
    return ok;
}

bool keymap_init(keymap_t *km, const kiosk_config_t *cfg, char *err, size_t err_size)
{
    memset(km, 0, sizeof *km);
    km->keypad_atm = cfg->keypad_atm;
    bool ok = set_key(&km->quick_exit[0], "quick_exit_key", cfg->quick_exit_key, true, err,
                      err_size);
    /* "*" on a keypad is "Keypad *" to SDL; staff write "*" and mean either */
    if (km->quick_exit[0] == SDLK_ASTERISK || km->quick_exit[0] == SDLK_KP_MULTIPLY) {
        km->quick_exit[0] = SDLK_ASTERISK;
        km->quick_exit[1] = SDLK_KP_MULTIPLY;
    }
    for (int i = 0; i < KEYMAP_SPEECH_KEYS; i++) {
        const char *value = (const char *)cfg + SPEECH_KEYS[i].offset;
        ok = set_key(&km->speech[i], SPEECH_KEYS[i].config_key, value, ok, err, err_size);
    }
    return ok;
}

/* The cash-machine layout of the keypad's digits; NONE for other keys. */
static key_action_t atm_action(SDL_Keycode key)
{
    switch (key) {
    case SDLK_KP_2:
    case SDLK_KP_4:
        return KEY_ACTION_FOCUS_PREV;
    case SDLK_KP_8:
    case SDLK_KP_6:
        return KEY_ACTION_FOCUS_NEXT;
    case SDLK_KP_5:
        return KEY_ACTION_ACTIVATE;
    default:
        return KEY_ACTION_NONE;
    }
}

static bool is_keypad_digit(SDL_Keycode key)
{
    return (key >= SDLK_KP_1 && key <= SDLK_KP_0) || key == SDLK_KP_PERIOD;
}

key_action_t keymap_action(const keymap_t *km, SDL_Keycode key, Uint16 mod, bool in_field,
                           bool rtl)
{
    if (key == SDLK_UNKNOWN) {
        return KEY_ACTION_NONE;
    }
    if (key == SDLK_ESCAPE || key == km->quick_exit[0] || key == km->quick_exit[1]) {
        /* Quick exit wins over typing: "*" in a field still leaves at once */
        return KEY_ACTION_QUICK_EXIT;
    }
    bool digit_typed = in_field && is_keypad_digit(key); /* a date typed on the keypad */
    for (int i = 0; i < KEYMAP_SPEECH_KEYS && !digit_typed; i++) {
        if (key == km->speech[i]) {
            return (key_action_t)(KEY_ACTION_SPEECH_REPEAT + i);
        }
    }
    switch (key) {
    case SDLK_TAB:
        return (mod & KMOD_SHIFT) ? KEY_ACTION_FOCUS_PREV : KEY_ACTION_FOCUS_NEXT;
    case SDLK_UP:
        return KEY_ACTION_FOCUS_PREV;
    case SDLK_DOWN:
        return KEY_ACTION_FOCUS_NEXT;
    case SDLK_LEFT:
        return rtl ? KEY_ACTION_FOCUS_NEXT : KEY_ACTION_FOCUS_PREV;
    case SDLK_RIGHT:
        return rtl ? KEY_ACTION_FOCUS_PREV : KEY_ACTION_FOCUS_NEXT;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        return KEY_ACTION_ACTIVATE;
    case SDLK_SPACE:
        return in_field ? KEY_ACTION_NONE : KEY_ACTION_ACTIVATE;
    case SDLK_BACKSPACE:
        return KEY_ACTION_BACKSPACE;
    default:
        return km->keypad_atm && !digit_typed ? atm_action(key) : KEY_ACTION_NONE;
    }
}
