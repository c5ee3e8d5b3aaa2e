#include "ui/qr_widget.h"

#include "qr/qr.h"
#include "qr/qr_url.h"
#include "ui/damage.h"
#include "ui/paint.h"
#include "ui/widgets.h"

#include <math.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MM_PER_INCH 25.4
#define UI_QR_TEXT_GAP 8 /* units between the code and its caption */

/* The plate: pure white and black give phone cameras the most contrast. */
static const SDL_Color QR_LIGHT = {0xFF, 0xFF, 0xFF, 0xFF};
static const SDL_Color QR_DARK = {0x00, 0x00, 0x00, 0xFF};

int ui_qr_module_px(const ui_t *ui, int size, double screen_diagonal_in)
{
    double diagonal_px = sqrt((double)ui->w * ui->w + (double)ui->h * ui->h);
    double px_per_mm =
        screen_diagonal_in > 0 ? diagonal_px / (screen_diagonal_in * MM_PER_INCH) : 4.0;
    int px = (int)ceil(UI_QR_MIN_MM * px_per_mm / size);
    return px < 1 ? 1 : px;
}

static int module_px(const ui_t *ui, const qr_code_t *qr, const ui_qr_opts_t *o)
{
    return ui_qr_module_px(ui, qr->size, o->screen_diagonal_in) * (o->scale > 1 ? o->scale : 1);
}

/* Codes encoded once per URL: a screen asks for a code's size while planning its layout and
 * again to draw it, every frame, and libqrencode's mask search costs about 0.2 ms a code
 * (three quarters of the support screen's redraw went there). services.ini links 11
 * services, the staff pages and the done screen one code each: 16 hold every code a
 * session shows; past that the least recently used is encoded again when next needed. */
#define UI_QR_CACHE_MAX 16

typedef struct ui_qr_entry {
    char url[QR_TEXT_MAX + 1];
    qr_code_t *qr; /* NULL: slot free */
    /* its dark modules as rectangles in module units (runs of a row, merged with the same run
     * in the rows below), made on first draw; NULL: not yet, or no memory */
    SDL_Rect *blocks;
    int block_count;
    /* the plate drawn once at picture_px pixels a module, copied whole after (a code's
     * blocks are a few hundred fills: a fifth of the support screen's repaint); NULL: not
     * yet, or no memory */
    SDL_Texture *picture;
    int picture_px;
    unsigned long use;
} ui_qr_entry_t;

struct ui_qr_cache {
    ui_qr_entry_t entries[UI_QR_CACHE_MAX];
    unsigned long tick;
};

/* The picture's pixels overwritten, then freed. */
static void picture_free(ui_qr_entry_t *e)
{
    if (e->picture) {
        int w = 0, h = 0;
        SDL_QueryTexture(e->picture, NULL, NULL, &w, &h);
        Uint32 *zeros = calloc((size_t)w * (size_t)h, sizeof *zeros);
        if (zeros) {
            SDL_UpdateTexture(e->picture, NULL, zeros, w * (int)sizeof *zeros);
            free(zeros);
        }
        SDL_DestroyTexture(e->picture);
    }
    e->picture = NULL;
    e->picture_px = 0;
}

/* The blocks say where the dark modules are: a done screen's code holds the person's
 * reference, and so does its picture. */
static void blocks_free(ui_qr_entry_t *e)
{
    picture_free(e);
    if (e->blocks) {
        sodium_memzero(e->blocks, (size_t)e->block_count * sizeof *e->blocks);
        free(e->blocks);
    }
    e->blocks = NULL;
    e->block_count = 0;
}

struct ui_qr_cache *ui_qr_cache_create(void)
{
    return calloc(1, sizeof(struct ui_qr_cache));
}

void ui_qr_cache_clear(struct ui_qr_cache *c)
{
    for (int i = 0; c && i < UI_QR_CACHE_MAX; i++) {
        blocks_free(&c->entries[i]);
        qr_code_destroy(c->entries[i].qr);
    }
    if (c) {
        sodium_memzero(c, sizeof *c); /* a done screen's code holds the person's reference */
    }
}

int ui_qr_cache_pictures(const struct ui_qr_cache *c)
{
    int n = 0;
    for (int i = 0; c && i < UI_QR_CACHE_MAX; i++) {
        n += c->entries[i].picture != NULL;
    }
    return n;
}

void ui_qr_cache_destroy(struct ui_qr_cache *c)
{
    ui_qr_cache_clear(c);
    free(c);
}

/* The code for an allowed url, from the cache (made on first need) or encoded now; NULL
 * when url is not allowed or not encodable. Owned by the cache: never destroyed by the
 * caller. Without a cache (no memory for one) *owned is set and the caller destroys it. */
static const qr_code_t *encode(const ui_t *ui, const char *url, const ui_qr_opts_t *o,
                               qr_code_t **owned)
{
    char why[256];
    *owned = NULL;
    if (!url || !qr_url_check(url, o->allowed_hosts, why, sizeof why)) {
        return NULL;
    }
    struct ui_qr_cache *c = ui->qr_cache;
    if (!c || strlen(url) > QR_TEXT_MAX) {
        return *owned = qr_code_create(url, QR_ECC_M, why, sizeof why);
    }
    ui_qr_entry_t *slot = &c->entries[0];
    for (int i = 0; i < UI_QR_CACHE_MAX; i++) {
        ui_qr_entry_t *e = &c->entries[i];
        if (e->qr && strcmp(e->url, url) == 0) {
            e->use = ++c->tick;
            return e->qr;
        }
        if (!e->qr ? slot->qr != NULL : (slot->qr && e->use < slot->use)) {
            slot = e; /* a free slot, else the least recently used */
        }
    }
    qr_code_t *qr = qr_code_create(url, QR_ECC_M, why, sizeof why);
    if (!qr) {
        return NULL;
    }
    blocks_free(slot);
    qr_code_destroy(slot->qr);
    sodium_memzero(slot->url, sizeof slot->url);
    snprintf(slot->url, sizeof slot->url, "%s", url);
    slot->qr = qr;
    slot->use = ++c->tick;
    return qr;
}

int ui_qr_side(const ui_t *ui, const char *url, const ui_qr_opts_t *o)
{
    qr_code_t *owned;
    const qr_code_t *qr = encode(ui, url, o, &owned);
    int side = qr ? qr->size * module_px(ui, qr, o) : 0;
    qr_code_destroy(owned);
    return side;
}

#define QR_BLOCKS_BATCH 64 /* rectangles handed to the renderer in one call */

/* The dark modules of qr as rectangles in module units: each run of dark modules in a row,
 * merged with the same run in the rows below it (a code has a few thousand runs; drawing
 * each was most of the support screen's fills). NULL when out of memory. */
static SDL_Rect *blocks_make(const qr_code_t *qr, int *count)
{
    int most = qr->size * ((qr->size + 1) / 2); /* runs of a row are apart */
    SDL_Rect *b = malloc((size_t)most * sizeof *b);
    int *last = malloc((size_t)(qr->size + 1) * sizeof *last);
    int *now = malloc((size_t)(qr->size + 1) * sizeof *now);
    int n = 0, last_n = 0;
    for (int my = 0; b && last && now && my < qr->size; my++) {
        int now_n = 0, k = 0;
        for (int mx = 0; mx < qr->size;) {
            if (!qr_code_dark(qr, mx, my)) {
                mx++;
                continue;
            }
            int run = 1;
            while (qr_code_dark(qr, mx + run, my)) {
                run++;
            }
            while (k < last_n && b[last[k]].x < mx) {
                k++; /* the row above's blocks, left to right as these runs are */
            }
            if (k < last_n && b[last[k]].x == mx && b[last[k]].w == run) {
                b[last[k]].h++;
                now[now_n++] = last[k++];
            } else {
                b[n] = (SDL_Rect){mx, my, run, 1};
                now[now_n++] = n++;
            }
            mx += run;
        }
        int *t = last;
        last = now;
        now = t;
        last_n = now_n;
    }
    free(last);
    free(now);
    *count = n;
    return b;
}

/* Whole modules as whole pixels, the blocks a batch at a time. */
static void draw_blocks(ui_t *ui, const SDL_Rect *blocks, int count, int x, int y, int px)
{
    SDL_Rect rects[QR_BLOCKS_BATCH];
    int queued = 0;
    for (int i = 0; i < count; i++) {
        if (queued == QR_BLOCKS_BATCH) {
            paint_fill_rects(ui->paint, rects, queued, QR_DARK);
            queued = 0;
        }
        const SDL_Rect *b = &blocks[i];
        rects[queued++] = (SDL_Rect){x + b->x * px, y + b->y * px, b->w * px, b->h * px};
    }
    if (queued > 0) {
        paint_fill_rects(ui->paint, rects, queued, QR_DARK);
    }
}

/* The plate of e's code at px pixels a module, light with its dark blocks, as a texture
 * of ui's renderer (NULL: no memory). Drawn with SDL's own fills, as draw_blocks() fills. */
static SDL_Texture *picture_make(const ui_t *ui, const ui_qr_entry_t *e, int px)
{
    int side = e->qr->size * px;
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, side, side, 32, SDL_PIXELFORMAT_RGB888);
    if (!s) {
        return NULL;
    }
    SDL_FillRect(s, NULL, SDL_MapRGB(s->format, QR_LIGHT.r, QR_LIGHT.g, QR_LIGHT.b));
    Uint32 dark = SDL_MapRGB(s->format, QR_DARK.r, QR_DARK.g, QR_DARK.b);
    for (int i = 0; i < e->block_count; i++) {
        const SDL_Rect *b = &e->blocks[i];
        SDL_FillRect(s, &(SDL_Rect){b->x * px, b->y * px, b->w * px, b->h * px}, dark);
    }
    SDL_Texture *t = SDL_CreateTextureFromSurface(ui->renderer, s);
    if (t) {
        SDL_SetTextureBlendMode(t, SDL_BLENDMODE_NONE); /* opaque: copied, not blended */
    }
    sodium_memzero(s->pixels, (size_t)s->pitch * (size_t)s->h);
    SDL_FreeSurface(s);
    return t;
}

/* The code's dark modules drawn with the plate's top left at (x, y): the cache's picture
 * of the plate when it holds the code, else its blocks, else blocks made for this draw. */
static void draw_modules(ui_t *ui, const qr_code_t *qr, int x, int y, int px)
{
    struct ui_qr_cache *c = ui->qr_cache;
    for (int i = 0; c && i < UI_QR_CACHE_MAX; i++) {
        ui_qr_entry_t *e = &c->entries[i];
        if (e->qr == qr) {
            if (!e->blocks) {
                e->blocks = blocks_make(qr, &e->block_count);
            }
            if (e->blocks && ui->renderer && e->picture_px != px) {
                picture_free(e);
                e->picture = picture_make(ui, e, px);
                e->picture_px = e->picture ? px : 0;
            }
            if (e->picture) {
                int side = qr->size * px;
                if (!ui->dry) {
                    SDL_RenderCopy(ui->renderer, e->picture, NULL,
                                   &(SDL_Rect){x, y, side, side});
                }
                return;
            }
            if (e->blocks) {
                draw_blocks(ui, e->blocks, e->block_count, x, y, px);
                return;
            }
        }
    }
    int count = 0;
    SDL_Rect *blocks = blocks_make(qr, &count);
    if (blocks) {
        draw_blocks(ui, blocks, count, x, y, px);
        sodium_memzero(blocks, (size_t)count * sizeof *blocks);
        free(blocks);
    }
}

/* The caption and the URL's host under a code, in r: drawn (draw) or only measured.
 * Returns the height they take. */
static int under_code(ui_t *ui, const char *url, const char *caption, SDL_Rect r, bool draw)
{
    int h = 0;
    ui_text_opts_t t = ui_body(ui);
    t.align = TEXT_ALIGN_CENTER;
    if (caption && caption[0]) {
        h += draw ? ui_text(ui, "", caption, r, &t) : ui_text_height(ui, caption, r.w, &t);
    }
    char host[QR_HOST_MAX], shown[QR_HOST_MAX + 8];
    /* Isolated so an Urdu or Arabic paragraph cannot reorder the dots of the name. */
    if (qr_url_host(url, host, sizeof host) && text_isolate(host, true, shown, sizeof shown)) {
        t.size = THEME_FONT_SMALL;
        t.color = ui->theme.colors.text_muted;
        SDL_Rect at = {r.x, r.y + h, r.w, r.h > h ? r.h - h : 0};
        h += draw ? ui_text(ui, "", shown, at, &t) : ui_text_height(ui, shown, r.w, &t);
    }
    return h;
}

int ui_qr_height(ui_t *ui, const char *url, const char *caption, int w,
                 const ui_qr_opts_t *o)
{
    int side = ui_qr_side(ui, url, o);
    if (side == 0) {
        return 0;
    }
    return side + theme_px(&ui->theme, UI_QR_TEXT_GAP) +
           under_code(ui, url, caption, (SDL_Rect){0, 0, w, 0}, false);
}

int ui_qr_width(ui_t *ui, const char *url, const ui_qr_opts_t *o)
{
    int side = ui_qr_side(ui, url, o);
    char host[QR_HOST_MAX], shown[QR_HOST_MAX + 8];
    if (side == 0 || !qr_url_host(url, host, sizeof host) ||
        !text_isolate(host, true, shown, sizeof shown)) {
        return side;
    }
    ui_text_opts_t t = ui_body(ui);
    t.size = THEME_FONT_SMALL; /* as under_code() draws it */
    int host_w = ui_text_width(ui, shown, &t);
    return host_w > side ? host_w : side;
}

int ui_qr(ui_t *ui, const char *id, const char *url, const char *caption, SDL_Rect r,
          const ui_qr_opts_t *o)
{
    qr_code_t *owned;
    const qr_code_t *qr = encode(ui, url, o, &owned);
    if (!qr) {
        return 0;
    }
    int px = module_px(ui, qr, o);
    int side = qr->size * px;
    SDL_Rect plate = {r.x + (r.w - side) / 2, r.y, side, side};
    ui_fill(ui, plate, QR_LIGHT); /* the quiet zone is part of the plate */
    uint64_t what[2] = {damage_hash(0, url, strlen(url)), (uint64_t)px << 32 | (uint32_t)qr->size};
    paint_draws(ui->paint, plate, what, sizeof what); /* the modules' picture, as blocks */
    draw_modules(ui, qr, plate.x, plate.y, px);
    ui_record_label(ui, id, plate, url);
    qr_code_destroy(owned);

    int y = r.y + side + theme_px(&ui->theme, UI_QR_TEXT_GAP);
    SDL_Rect below = {r.x, y, r.w, r.h > y - r.y ? r.h - (y - r.y) : 0};
    return y - r.y + under_code(ui, url, caption, below, true);
}
