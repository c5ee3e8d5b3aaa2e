#include "ui/disc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define DISC_MARGIN 2 /* pixels round the circle the truncated vertices may reach */

typedef struct disc_spans {
    int radius; /* 0: slot free */
    int centre; /* the centre's column and row in the rasterised square */
    int rows;   /* 2 * centre + 1 */
    /* each row's covered columns, from the centre: left .. right - 1 (left == right: none) */
    short *left, *right;
    int vx[DISC_SEGMENTS], vy[DISC_SEGMENTS]; /* the fan's vertices there, from the centre */
} disc_spans_t;

struct disc_cache {
    bool software; /* SDL's software renderer: the spans are what it would draw */
    SDL_Renderer *renderer;
    disc_spans_t spans[DISC_RADII_MAX];
    int next; /* the slot replaced when all are in use */
    unsigned long span_draws;
};

disc_cache_t *disc_cache_create(SDL_Renderer *renderer)
{
    disc_cache_t *c = calloc(1, sizeof *c);
    SDL_RendererInfo info;
    if (c) {
        c->renderer = renderer;
        c->software = renderer && SDL_GetRendererInfo(renderer, &info) == 0 &&
                      (info.flags & SDL_RENDERER_SOFTWARE) != 0;
    }
    return c;
}

static void spans_free(disc_spans_t *s)
{
    free(s->left);
    free(s->right);
    memset(s, 0, sizeof *s);
}

void disc_cache_destroy(disc_cache_t *c)
{
    for (int i = 0; c && i < DISC_RADII_MAX; i++) {
        spans_free(&c->spans[i]);
    }
    free(c);
}

/* The fan's vertices as SDL_RenderGeometry() gets them: the one place they are computed. */
static void fan_vertices(int cx, int cy, int radius, SDL_Color color, SDL_Vertex *v, int *index)
{
    v[0] = (SDL_Vertex){{(float)cx, (float)cy}, color, {0, 0}};
    for (int i = 0; i < DISC_SEGMENTS; i++) {
        double a = 2.0 * M_PI * i / DISC_SEGMENTS;
        v[i + 1] = (SDL_Vertex){{(float)(cx + radius * cos(a)), (float)(cy + radius * sin(a))},
                                color, {0, 0}};
        index[3 * i] = 0;
        index[3 * i + 1] = i + 1;
        index[3 * i + 2] = (i + 1) % DISC_SEGMENTS + 1;
    }
}

void disc_draw_triangles(SDL_Renderer *renderer, int cx, int cy, int radius, SDL_Color color)
{
    SDL_Vertex v[DISC_SEGMENTS + 1];
    int index[DISC_SEGMENTS * 3];
    fan_vertices(cx, cy, radius, color, v, index);
    SDL_RenderGeometry(renderer, NULL, v, DISC_SEGMENTS + 1, index, DISC_SEGMENTS * 3);
}

/* The whole pixels SDL's software renderer moves each vertex to (it truncates), from the
 * centre. */
static void fan_pixels(int cx, int cy, int radius, int *vx, int *vy)
{
    SDL_Vertex v[DISC_SEGMENTS + 1];
    int index[DISC_SEGMENTS * 3];
    fan_vertices(cx, cy, radius, (SDL_Color){0, 0, 0, 0}, v, index);
    for (int i = 0; i < DISC_SEGMENTS; i++) {
        vx[i] = (int)v[i + 1].position.x - cx;
        vy[i] = (int)v[i + 1].position.y - cy;
    }
}

/* Rasterises the fan by SDL's software renderer into a square of its own and reads back
 * each row's covered columns. False (no memory, or a row SDL covered in two pieces) leaves
 * s empty. */
static bool spans_make(disc_spans_t *s, int radius)
{
    int centre = radius + DISC_MARGIN, side = 2 * centre + 1;
    SDL_Surface *sq = SDL_CreateRGBSurfaceWithFormat(0, side, side, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = sq ? SDL_CreateSoftwareRenderer(sq) : NULL;
    s->left = calloc((size_t)side, sizeof *s->left);
    s->right = calloc((size_t)side, sizeof *s->right);
    bool ok = r && s->left && s->right;
    if (ok) {
        SDL_FillRect(sq, NULL, 0);
        disc_draw_triangles(r, centre, centre, radius, (SDL_Color){255, 255, 255, 255});
        SDL_RenderFlush(r);
    }
    for (int y = 0; ok && y < side; y++) {
        const Uint32 *row = (const Uint32 *)((const Uint8 *)sq->pixels + (ptrdiff_t)y * sq->pitch);
        int x = 0;
        while (x < side && !row[x]) {
            x++;
        }
        int left = x;
        while (x < side && row[x]) {
            x++;
        }
        int right = x;
        while (x < side && !row[x]) {
            x++;
        }
        ok = x == side; /* one piece a row (the fan is convex), else not spans */
        s->left[y] = (short)(left - centre);
        s->right[y] = (short)(right == left ? left - centre : right - centre);
    }
    if (r) {
        SDL_DestroyRenderer(r);
    }
    SDL_FreeSurface(sq);
    if (!ok) {
        spans_free(s);
        return false;
    }
    s->radius = radius;
    s->centre = centre;
    s->rows = side;
    fan_pixels(centre, centre, radius, s->vx, s->vy);
    return true;
}

/* The spans of radius, made on first need; NULL when they cannot be made. */
static const disc_spans_t *spans_get(disc_cache_t *c, int radius)
{
    for (int i = 0; i < DISC_RADII_MAX; i++) {
        if (c->spans[i].radius == radius) {
            return &c->spans[i];
        }
    }
    disc_spans_t *s = &c->spans[c->next];
    c->next = (c->next + 1) % DISC_RADII_MAX;
    spans_free(s);
    return spans_make(s, radius) ? s : NULL;
}

#define DISC_BATCH_ROWS 64 /* rows handed to paint_fill_shape() in one call */

void disc_draw(disc_cache_t *c, paint_t *paint, int cx, int cy, int radius, SDL_Color color)
{
    if (radius <= 0) {
        return;
    }
    float sx = 1, sy = 1;
    SDL_RenderGetScale(c ? c->renderer : NULL, &sx, &sy);
    const disc_spans_t *s = c && c->software && sx == 1.0f && sy == 1.0f &&
                                    radius <= DISC_RADIUS_MAX
                                ? spans_get(c, radius)
                                : NULL;
    int vx[DISC_SEGMENTS], vy[DISC_SEGMENTS];
    if (s) {
        fan_pixels(cx, cy, radius, vx, vy);
    }
    /* the triangles' pixels lie within DISC_MARGIN of the circle, the spans' too */
    int m = radius + DISC_MARGIN;
    int what[4] = {cx, cy, radius, (int)paint_rgba(color)};
    paint_draws(paint, (SDL_Rect){cx - m, cy - m, 2 * m + 1, 2 * m + 1}, what, sizeof what);
    if (paint_is_dry(paint)) {
        return;
    }
    if (!s || memcmp(vx, s->vx, sizeof vx) != 0 || memcmp(vy, s->vy, sizeof vy) != 0) {
        disc_draw_triangles(c ? c->renderer : NULL, cx, cy, radius, color);
        return;
    }
    c->span_draws++;
    SDL_Rect rows[DISC_BATCH_ROWS];
    int n = 0;
    for (int y = 0; y < s->rows; y++) {
        if (s->right[y] > s->left[y]) {
            if (n == DISC_BATCH_ROWS) {
                paint_fill_shape(paint, rows, n, color);
                n = 0;
            }
            rows[n++] = (SDL_Rect){cx + s->left[y], cy - s->centre + y, s->right[y] - s->left[y], 1};
        }
    }
    if (n > 0) {
        paint_fill_shape(paint, rows, n, color);
    }
}

unsigned long disc_cache_span_draws(const disc_cache_t *c)
{
    return c ? c->span_draws : 0;
}
