/* libFuzzer: text layout on any UTF-8 (bidi controls, isolates, combining marks,
 * unassigned code points, bytes that are not UTF-8 at all), in any language, width and
 * size. The first 4 bytes choose language, size, width and line limit. */
#include "fuzz_util.h"

#include "i18n/languages.h"
#include "platform/config.h"
#include "text/text.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_PX_MIN 6
#define FUZZ_PX_MAX 160
#define FUZZ_TEXT_MAX 8192 /* longer inputs only slow the search down */

static text_engine_t *g_engine;
static lang_registry_t g_langs;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    char path[1024], err[512];
    snprintf(path, sizeof path, "%s/locales/languages.ini", fuzz_source_dir());
    kiosk_config_t cfg;
    config_defaults(&cfg);
    if (!lang_registry_load(&g_langs, path, err, sizeof err) ||
        !(g_engine = text_engine_create(cfg.font_dir, err, sizeof err)) ||
        !text_engine_add_registry(g_engine, &g_langs, err, sizeof err)) {
        fprintf(stderr, "fuzz_text_layout: %s\n", err);
        abort();
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 4 || size > FUZZ_TEXT_MAX) {
        return 0;
    }
    const char *lang = g_langs.langs[data[0] % g_langs.count].code;
    text_style_t style = {.px = FUZZ_PX_MIN + data[1] % (FUZZ_PX_MAX - FUZZ_PX_MIN + 1),
                          .bold = data[1] & 0x80,
                          .max_lines = data[3] % 4};
    int width = data[2] == 0 ? 0 : data[2] * 8; /* 0: no limit */
    char *text = malloc(size - 4 + 1);
    if (!text) {
        return 0;
    }
    memcpy(text, data + 4, size - 4);
    text[size - 4] = '\0';
    const text_layout_t *l = text_layout(g_engine, text, lang, &style, width);
    if (l) {
        for (int i = 0; i < text_layout_line_count(l); i++) {
            text_layout_line_width(l, i);
        }
        text_layout_height(l);
    }
    text_engine_begin_frame(g_engine);
    free(text);
    return 0;
}
