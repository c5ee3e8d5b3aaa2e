/* Test driver for printing and QR codes, until main.c wires the options:
 *   print_driver preview  --config F --lang L --out SLIP.png
 *   print_driver test     --config F [--lang L]
 *   print_driver qr-screen --config F --out SHOT.png [--lang L] [--size WxH]
 *                          [--high-contrast] [--reference REF]
 * qr-screen draws one QR widget per service URL (and the follow-up URL when configured
 * and a reference is given), like the support screen, and prints each URL it drew. */
#include "app/runtime.h"
#include "content/services.h"
#include "print/print_cli.h"
#include "qr/qr_url.h"
#include "ui/qr_widget.h"
#include "ui/widgets.h"

#include <SDL_ttf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct args {
    const char *mode, *config, *lang, *out, *reference;
    int w, h;
    bool high_contrast;
} args_t;

static bool parse(int argc, char **argv, args_t *a)
{
    memset(a, 0, sizeof *a);
    a->w = 1920;
    a->h = 1080;
    if (argc < 2) {
        return false;
    }
    a->mode = argv[1];
    for (int i = 2; i < argc; i++) {
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(argv[i], "--high-contrast") == 0) {
            a->high_contrast = true;
            continue;
        }
        if (!v) {
            return false;
        }
        if (strcmp(argv[i], "--config") == 0) {
            a->config = v;
        } else if (strcmp(argv[i], "--lang") == 0) {
            a->lang = v;
        } else if (strcmp(argv[i], "--out") == 0) {
            a->out = v;
        } else if (strcmp(argv[i], "--reference") == 0) {
            a->reference = v;
        } else if (strcmp(argv[i], "--size") == 0) {
            if (sscanf(v, "%dx%d", &a->w, &a->h) != 2) {
                return false;
            }
        } else {
            return false;
        }
        i++;
    }
    return true;
}

static int qr_screen(const kiosk_config_t *cfg, const args_t *a)
{
    char err[CONFIG_ERROR_MAX], path[CONFIG_PATH_MAX + 64];
    services_t services;
    config_data_path(cfg, "config/services.ini", path, sizeof path);
    if (!services_load(&services, path, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return 1;
    }
    const char *urls[SERVICES_MAX + 1];
    const char *captions[SERVICES_MAX + 1];
    int n = 0;
    for (int i = 0; i < services.count; i++) {
        if (services.items[i].url[0]) {
            urls[n] = services.items[i].url;
            captions[n++] = services.items[i].name;
        }
    }
    char follow[QR_URL_MAX + 1];
    if (a->reference && cfg->qr_follow_up_url[0]) {
        if (!qr_url_expand(cfg->qr_follow_up_url, a->reference, cfg->qr_allowed_hosts, follow,
                           sizeof follow, err, sizeof err)) {
            fprintf(stderr, "follow-up: %s\n", err);
            return 1;
        }
        urls[n] = follow;
        captions[n++] = "Follow up";
    }
    SDL_Init(0);
    runtime_t *rt = calloc(1, sizeof *rt);
    int rc = 1;
    if (!runtime_init(rt, cfg, err, sizeof err) ||
        !runtime_open_headless(rt, a->w, a->h, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        goto done;
    }
    ui_t *ui = &rt->ui;
    theme_init(&ui->theme, a->w, a->h, a->high_contrast, THEME_TEXT_NORMAL);
    ui_begin_frame(ui, a->w, a->h, a->lang ? a->lang : "en", false);
    ui_qr_opts_t o = {.screen_diagonal_in = cfg->screen_diagonal_in,
                      .allowed_hosts = cfg->qr_allowed_hosts};
    int cols = (n + 1) / 2;
    SDL_Rect area = {0, 0, a->w, a->h};
    for (int i = 0; i < n; i++) {
        char id[UI_ID_MAX];
        snprintf(id, sizeof id, "qr.%d", i);
        SDL_Rect cell = ui_grid_cell(ui, area, cols, 2, i, 16);
        if (ui_qr(ui, id, urls[i], captions[i], cell, &o) > 0) {
            printf("%s\n", urls[i]);
        }
    }
    ui_end_frame(ui);
    SDL_RenderPresent(rt->renderer);
    rc = runtime_save_png(rt, a->out, err, sizeof err) ? 0 : 1;
    if (rc) {
        fprintf(stderr, "%s\n", err);
    }
done:
    runtime_deinit(rt);
    free(rt);
    TTF_Quit();
    SDL_Quit();
    return rc;
}

int main(int argc, char **argv)
{
    args_t a;
    if (!parse(argc, argv, &a) || !a.config) {
        fprintf(stderr, "usage: print_driver preview|test|qr-screen --config F [options]\n");
        return 2;
    }
    kiosk_config_t cfg;
    char err[CONFIG_ERROR_MAX];
    config_defaults(&cfg);
    const char *src = getenv("KIOSK_SOURCE_DIR");
    snprintf(cfg.data_dir, sizeof cfg.data_dir, "%s", src ? src : KIOSK_SOURCE_DIR);
    if (!config_load(&cfg, a.config, err, sizeof err)) {
        fprintf(stderr, "%s\n", err);
        return 2;
    }
    if (strcmp(a.mode, "preview") == 0) {
        return print_cli_slip_preview(&cfg, a.lang, a.out);
    } else if (strcmp(a.mode, "test") == 0) {
        return print_cli_test(&cfg, a.lang, stdout);
    } else if (strcmp(a.mode, "qr-screen") == 0 && a.out) {
        return qr_screen(&cfg, &a);
    }
    fprintf(stderr, "print_driver: unknown mode '%s'\n", a.mode);
    return 2;
}
