/* --render-text and --layout-dump: how people outside the engine check it. Their output
 * formats are an interface (issue 3); add fields, rename none. */
#include "text/text_diag.h"

#include "i18n/languages.h"
#include "platform/config.h"
#include "text/text.h"

#include <SDL_image.h>
#include <cjson/cJSON.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DIAG_MARGIN 10
#define DIAG_ERR_MAX 512

typedef struct diag_args {
    const char *text;
    const char *lang;
    const char *out;
    int px;
    int width;
    int max_lines;
    bool bold;
    kiosk_config_t cfg;
} diag_args_t;

typedef struct diag_ctx {
    text_engine_t *engine;
    lang_registry_t reg;
    const text_layout_t *layout;
} diag_ctx_t;

static int diag_int(const char *s, int *out)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || v < -100000 || v > 100000) {
        return 0;
    }
    *out = (int)v;
    return 1;
}

/* Returns 0 when argv is usable, else 2 (usage) after saying why. */
static int diag_parse(int argc, char **argv, const char *command, diag_args_t *a)
{
    memset(a, 0, sizeof *a);
    config_defaults(&a->cfg);
    a->lang = "en";
    a->px = 32;
    for (int i = 1; i < argc; i++) {
        const char *opt = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
        bool takes = strcmp(opt, command) == 0 || strcmp(opt, "--lang") == 0 ||
                     strcmp(opt, "--px") == 0 || strcmp(opt, "--width") == 0 ||
                     strcmp(opt, "--out") == 0 || strcmp(opt, "--data-dir") == 0 ||
                     strcmp(opt, "--font-dir") == 0 || strcmp(opt, "--max-lines") == 0 ||
                     strcmp(opt, "--config") == 0;
        if (takes && !val) {
            fprintf(stderr, "%s needs a value\n", opt);
            return 2;
        }
        if (strcmp(opt, command) == 0) {
            a->text = val;
        } else if (strcmp(opt, "--lang") == 0) {
            a->lang = val;
        } else if (strcmp(opt, "--out") == 0) {
            a->out = val;
        } else if (strcmp(opt, "--data-dir") == 0) {
            snprintf(a->cfg.data_dir, sizeof a->cfg.data_dir, "%s", val);
        } else if (strcmp(opt, "--font-dir") == 0) {
            snprintf(a->cfg.font_dir, sizeof a->cfg.font_dir, "%s", val);
        } else if (strcmp(opt, "--px") == 0 && !diag_int(val, &a->px)) {
            fprintf(stderr, "--px: not a number: %s\n", val);
            return 2;
        } else if (strcmp(opt, "--width") == 0 && !diag_int(val, &a->width)) {
            fprintf(stderr, "--width: not a number: %s\n", val);
            return 2;
        } else if (strcmp(opt, "--max-lines") == 0 && !diag_int(val, &a->max_lines)) {
            fprintf(stderr, "--max-lines: not a number: %s\n", val);
            return 2;
        } else if (strcmp(opt, "--config") == 0) {
            char err[DIAG_ERR_MAX];
            if (!config_load(&a->cfg, val, err, sizeof err)) {
                fprintf(stderr, "%s\n", err);
                return 2;
            }
        } else if (strcmp(opt, "--bold") == 0) {
            a->bold = true;
        }
        i += takes ? 1 : 0;
    }
    if (!a->text) {
        fprintf(stderr, "usage: %s TEXT --lang L --px N [--width PX]%s\n", command,
                strcmp(command, "--render-text") == 0 ? " --out F.png" : "");
        return 2;
    }
    return 0;
}

static void diag_ctx_deinit(diag_ctx_t *ctx)
{
    text_engine_destroy(ctx->engine);
    ctx->engine = NULL;
}

/* Engine with every language of data_dir/locales/languages.ini, and the layout. */
static bool diag_ctx_init(diag_ctx_t *ctx, const diag_args_t *a)
{
    char err[DIAG_ERR_MAX], path[CONFIG_PATH_MAX + 64];
    memset(ctx, 0, sizeof *ctx);
    config_data_path(&a->cfg, "locales/languages.ini", path, sizeof path);
    if (!lang_registry_load(&ctx->reg, path, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return false;
    }
    if (!lang_registry_find(&ctx->reg, a->lang)) {
        fprintf(stderr, "unknown language '%s' (not in %s)\n", a->lang, path);
        return false;
    }
    ctx->engine = text_engine_create(a->cfg.font_dir, err, sizeof err);
    if (!ctx->engine || !text_engine_add_registry(ctx->engine, &ctx->reg, err, sizeof err)) {
        fprintf(stderr, "text engine: %s\n", err);
        return false;
    }
    text_style_t style = {.px = a->px, .bold = a->bold, .max_lines = a->max_lines};
    ctx->layout = text_layout(ctx->engine, a->text, a->lang, &style, a->width);
    if (!ctx->layout) {
        fprintf(stderr, "layout: %s\n", text_engine_last_error(ctx->engine));
        return false;
    }
    return true;
}

static cJSON *diag_run_json(const text_run_info_t *r)
{
    cJSON *o = cJSON_CreateObject();
    char *text = malloc((size_t)r->bytes + 1);
    if (!o || !text) {
        free(text);
        cJSON_Delete(o);
        return NULL;
    }
    memcpy(text, r->utf8, (size_t)r->bytes);
    text[r->bytes] = '\0';
    cJSON_AddStringToObject(o, "text", text);
    free(text);
    cJSON_AddNumberToObject(o, "start", r->start);
    cJSON_AddNumberToObject(o, "length", r->length);
    cJSON_AddStringToObject(o, "script", r->script);
    cJSON_AddStringToObject(o, "dir", r->rtl ? "rtl" : "ltr");
    if (r->font_file) {
        cJSON_AddStringToObject(o, "font", r->font_file);
    } else {
        cJSON_AddNullToObject(o, "font");
    }
    cJSON_AddNumberToObject(o, "x", r->x);
    cJSON_AddNumberToObject(o, "width", r->width);
    return o;
}

static cJSON *diag_layout_json(const text_layout_t *layout)
{
    cJSON *root = cJSON_CreateObject();
    cJSON *lines = cJSON_AddArrayToObject(root, "lines");
    for (int i = 0; lines && i < text_layout_line_count(layout); i++) {
        cJSON *line = cJSON_CreateObject();
        cJSON *runs = cJSON_AddArrayToObject(line, "runs");
        for (int k = 0; runs && k < text_layout_line_run_count(layout, i); k++) {
            text_run_info_t r;
            if (text_layout_line_run(layout, i, k, &r)) {
                cJSON_AddItemToArray(runs, diag_run_json(&r));
            }
        }
        cJSON_AddNumberToObject(line, "width", text_layout_line_width(layout, i));
        cJSON_AddItemToArray(lines, line);
    }
    cJSON_AddNumberToObject(root, "missing_glyphs", text_layout_missing_glyphs(layout));
    cJSON_AddNumberToObject(root, "width", text_layout_width(layout));
    cJSON_AddNumberToObject(root, "height", text_layout_height(layout));
    return root;
}

int text_diag_layout_dump(int argc, char **argv)
{
    diag_args_t a;
    int rc = diag_parse(argc, argv, "--layout-dump", &a);
    if (rc != 0) {
        return rc;
    }
    diag_ctx_t ctx;
    if (!diag_ctx_init(&ctx, &a)) {
        diag_ctx_deinit(&ctx);
        return 1;
    }
    cJSON *root = diag_layout_json(ctx.layout);
    char *json = root ? cJSON_PrintUnformatted(root) : NULL;
    rc = json ? 0 : 1;
    if (json) {
        printf("%s\n", json);
    }
    cJSON_free(json);
    cJSON_Delete(root);
    diag_ctx_deinit(&ctx);
    return rc;
}

/* Draws through text_draw() on a software renderer, the path the kiosk uses. */
static bool diag_render_png(diag_ctx_t *ctx, const char *out)
{
    int w = text_layout_width(ctx->layout) + 2 * DIAG_MARGIN;
    int h = text_layout_height(ctx->layout) + 2 * DIAG_MARGIN;
    SDL_Surface *surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *renderer = surface ? SDL_CreateSoftwareRenderer(surface) : NULL;
    bool ok = renderer != NULL;
    if (ok) {
        SDL_SetRenderDrawColor(renderer, 255, 255, 255, 255);
        SDL_RenderClear(renderer);
        text_engine_set_renderer(ctx->engine, renderer);
        SDL_Color black = {0, 0, 0, 255};
        text_draw(ctx->engine, ctx->layout, DIAG_MARGIN, DIAG_MARGIN,
                  text_layout_width(ctx->layout), black);
        SDL_RenderPresent(renderer);
        text_engine_set_renderer(ctx->engine, NULL); /* drops textures of this renderer */
        ok = IMG_SavePNG(surface, out) == 0;
    }
    if (!ok) {
        fprintf(stderr, "render to %s: %s\n", out, SDL_GetError());
    }
    if (renderer) {
        SDL_DestroyRenderer(renderer);
    }
    SDL_FreeSurface(surface);
    return ok;
}

int text_diag_render(int argc, char **argv)
{
    diag_args_t a;
    int rc = diag_parse(argc, argv, "--render-text", &a);
    if (rc != 0) {
        return rc;
    }
    if (!a.out) {
        fprintf(stderr, "--render-text needs --out F.png\n");
        return 2;
    }
    diag_ctx_t ctx;
    if (!diag_ctx_init(&ctx, &a)) {
        diag_ctx_deinit(&ctx);
        return 1;
    }
    int missing = text_layout_missing_glyphs(ctx.layout);
    if (missing > 0) {
        fprintf(stderr, "warning: %d character(s) no font of '%s' covers (not drawn)\n",
                missing, a.lang);
    }
    rc = diag_render_png(&ctx, a.out) ? 0 : 1;
    diag_ctx_deinit(&ctx);
    return rc;
}
