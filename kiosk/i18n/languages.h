/* The language registry: locales/languages.ini (DESIGN §5). No SDL. */
#ifndef KIOSK_I18N_LANGUAGES_H
#define KIOSK_I18N_LANGUAGES_H

#include <stdbool.h>
#include <stddef.h>

#define LANG_MAX 32
#define LANG_CODE_MAX 16

typedef struct lang_info {
    char code[LANG_CODE_MAX]; /* BCP 47 */
    char endonym[96];         /* the language's own name, in its own script */
    char english_name[64];
    char script[8];           /* ISO 15924 */
    bool rtl;
    char fonts[512];          /* comma-separated font files */
    char bold_fonts[512];
    double line_height;
    char voice[32];           /* espeak-ng voice, or "none" */
    char keyboard[32];        /* locales/keyboards/<keyboard>.ini */
    bool enabled;
} lang_info_t;

typedef struct lang_registry {
    lang_info_t langs[LANG_MAX];
    int count;
} lang_registry_t;

/** Loads languages.ini. False with "FILE:LINE: problem" in err; languages read before
 *  the error stay usable. */
bool lang_registry_load(lang_registry_t *reg, const char *path, char *err, size_t err_size);

/** NULL when code is not registered. */
const lang_info_t *lang_registry_find(const lang_registry_t *reg, const char *code);

/** Keeps only languages in the comma-separated list (empty list keeps all enabled ones),
 *  in the list's order. Unknown codes are reported in err (the rest still apply). */
bool lang_registry_select(lang_registry_t *reg, const char *list, char *err, size_t err_size);

#endif
