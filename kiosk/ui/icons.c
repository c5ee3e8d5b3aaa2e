#include "ui/icons.h"

#include "ui/damage.h"
#include "ui/paint.h"
#include "ui/widgets.h"

#include "platform/log.h"

#include <SDL_image.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct icon_entry {
    const char *id;   /* widget id */
    const char *name; /* assets/icons/<name>.svg */
    bool mirror;      /* its meaning has a direction: flip for right-to-left */
} icon_entry_t;

static const icon_entry_t ICONS[] = {
    {"home.learn", "learn", false},
    {"home.report", "report", true}, /* the pen writes in the reading direction */
    {"home.support", "support", false},
    {"quick_exit", "quick_exit", false}, /* top right in every language: out to the right */
    {"report.why.disability", "disability", false},
    {"report.why.race", "race", false},
    {"report.why.religion", "religion", false},
    {"report.why.sexual_orientation", "sexual_orientation", false},
    {"report.why.transgender", "transgender", false},
    {"report.why.alternative_subculture", "alternative_subculture", false},
    {"report.why.sex_gender", "sex_gender", false},
    {"report.why.age", "age", false},
    {"report.why.other", "other", false},
    {"report.why.not_sure", "not_sure", false},
    {"report.what.verbal_abuse", "verbal_abuse", true}, /* the bubble's tail */
    {"report.what.threats", "threats", false},
    {"report.what.harassment", "harassment", true}, /* someone followed, from behind */
    {"report.what.physical_assault", "physical_assault", false},
    {"report.what.property_damage", "property_damage", false},
    {"report.what.online_abuse", "online_abuse", true},
    {"report.what.spitting", "spitting", false},
    {"report.what.theft", "theft", false},
    {"report.what.sexual_assault", "sexual_assault", false},
    {"report.what.other", "other", false},
};

typedef struct cached {
    const char *name;
    int px;
    SDL_Texture *texture; /* NULL: the file could not be drawn (not tried again) */
} cached_t;

struct ui_icons {
    SDL_Renderer *renderer;
    char dir[PATH_MAX];
    cached_t cache[ICONS_CACHE_MAX];
    int count;
};

ui_icons_t *icons_create(SDL_Renderer *renderer, const char *dir)
{
    ui_icons_t *icons = calloc(1, sizeof *icons);
    if (icons) {
        icons->renderer = renderer;
        snprintf(icons->dir, sizeof icons->dir, "%s", dir);
    }
    return icons;
}

static void cache_clear(ui_icons_t *icons)
{
    for (int i = 0; i < icons->count; i++) {
        if (icons->cache[i].texture) {
            SDL_DestroyTexture(icons->cache[i].texture);
        }
    }
    icons->count = 0;
}

void icons_destroy(ui_icons_t *icons)
{
    if (icons) {
        cache_clear(icons);
        free(icons);
    }
}

const char *icons_name_for(const char *id, bool *mirror)
{
    for (size_t i = 0; i < sizeof ICONS / sizeof ICONS[0]; i++) {
        if (strcmp(ICONS[i].id, id) == 0) {
            *mirror = ICONS[i].mirror;
            return ICONS[i].name;
        }
    }
    *mirror = false;
    return NULL;
}

SDL_Surface *icons_render(const char *dir, const char *name, int px, char *err, size_t err_size)
{
    char path[PATH_MAX];
    snprintf(path, sizeof path, "%s/%s.svg", dir, name);
    SDL_RWops *rw = SDL_RWFromFile(path, "rb");
    if (!rw) {
        snprintf(err, err_size, "%s: %s", path, SDL_GetError());
        return NULL;
    }
    SDL_Surface *raw = IMG_LoadSizedSVG_RW(rw, px, px);
    SDL_RWclose(rw);
    SDL_Surface *s = raw ? SDL_ConvertSurfaceFormat(raw, SDL_PIXELFORMAT_ARGB8888, 0) : NULL;
    SDL_FreeSurface(raw);
    if (!s) {
        snprintf(err, err_size, "%s: %s", path, IMG_GetError());
        return NULL;
    }
    /* white strokes, whatever the file says: the colour comes from the theme at draw */
    SDL_LockSurface(s);
    for (int y = 0; y < s->h; y++) {
        Uint32 *row = (Uint32 *)((Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch);
        for (int x = 0; x < s->w; x++) {
            row[x] |= 0x00FFFFFFu;
        }
    }
    SDL_UnlockSurface(s);
    return s;
}

static SDL_Texture *icon_texture(ui_icons_t *icons, const char *name, int px)
{
    for (int i = 0; i < icons->count; i++) {
        if (icons->cache[i].name == name && icons->cache[i].px == px) {
            return icons->cache[i].texture;
        }
    }
    if (icons->count == ICONS_CACHE_MAX) {
        cache_clear(icons); /* text size changed a few times: start again */
    }
    char err[PATH_MAX + 128];
    SDL_Surface *s = icons_render(icons->dir, name, px, err, sizeof err);
    SDL_Texture *t = s ? SDL_CreateTextureFromSurface(icons->renderer, s) : NULL;
    SDL_FreeSurface(s);
    if (!t) {
        log_warn("icon %s not drawn: %s", name, s ? SDL_GetError() : err);
    } else {
        SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
    }
    icons->cache[icons->count++] = (cached_t){name, px, t};
    return t;
}

/* Pictogram name at px (its texture t) in at. */
static void draw(ui_t *ui, SDL_Texture *t, const char *name, int px, SDL_Rect at, bool mirror,
                 SDL_Color c)
{
    bool flip = mirror && ui->rtl;
    uint64_t what[3] = {damage_hash(0, name, strlen(name)), (uint64_t)px << 1 | flip,
                        paint_rgba(c)};
    paint_draws(ui->paint, at, what, sizeof what); /* it blends onto the background */
    if (ui->dry) {
        return;
    }
    SDL_SetTextureColorMod(t, c.r, c.g, c.b);
    SDL_RenderCopyEx(ui->renderer, t, NULL, &at, 0, NULL,
                     flip ? SDL_FLIP_HORIZONTAL : SDL_FLIP_NONE);
}

int icons_px(const ui_t *ui)
{
    return (int)(theme_font_px(&ui->theme, THEME_FONT_BUTTON) * ICONS_EM + 0.5);
}

/* As widgets.c measures button and choice labels: in both weights (a choice turns bold
 * when selected), the taller. */
/* gloss: the label's English follows it (a choice, side by side: ui/gloss.h) */
static int label_height(ui_t *ui, const char *label, int w, bool gloss)
{
    ui_text_opts_t o = {.size = THEME_FONT_BUTTON, .bold = true, .gloss = gloss};
    int bold = ui_text_height(ui, label, w, &o);
    o.bold = false;
    int regular = ui_text_height(ui, label, w, &o);
    return bold > regular ? bold : regular;
}

SDL_Rect icons_place(ui_t *ui, const char *id, SDL_Rect box, const char *label, SDL_Color c,
                     bool above_first)
{
    bool mirror = false;
    ui_icons_t *icons = ui->icons;
    const char *name = icons ? icons_name_for(id, &mirror) : NULL;
    if (!name || box.w <= 0 || box.h <= 0) {
        return box;
    }
    int px = icons_px(ui);
    int gap = px / 3;
    bool gloss = !above_first; /* choices show English beside their language, buttons not */
    int need = label_height(ui, label, box.w, gloss);
    bool above = box.h - need >= px + gap;
    bool beside =
        px + gap < box.w / 3 && label_height(ui, label, box.w - px - gap, gloss) <= need;
    SDL_Texture *t = above || beside ? icon_texture(icons, name, px) : NULL;
    if (t && above && (above_first || !beside)) {
        int top = box.y + (box.h - need - px - gap) / 2;
        draw(ui, t, name, px, (SDL_Rect){box.x + (box.w - px) / 2, top, px, px}, mirror, c);
        box.h = box.y + box.h - (top + px + gap);
        box.y = top + px + gap;
    } else if (t && beside) {
        SDL_Rect at = {ui_start_x(ui, box, px), box.y + (box.h - px) / 2, px, px};
        draw(ui, t, name, px, at, mirror, c);
        box.w -= px + gap;
        box.x += ui->rtl ? 0 : px + gap;
    }
    return box;
}
