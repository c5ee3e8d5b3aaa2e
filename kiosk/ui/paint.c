#include "ui/paint.h"

#define PAINT_BATCH_RECTS 30 /* rectangles handed to SDL in one call (10 split ones) */

bool paint_splits_fills(SDL_Renderer *renderer)
{
    SDL_RendererInfo info;
    return renderer && SDL_GetRendererInfo(renderer, &info) == 0 &&
           (info.flags & SDL_RENDERER_SOFTWARE) != 0;
}

/* Rounded towards minus infinity: a rectangle may start left of the screen. */
static int align_down(int x)
{
    return x >= 0 ? x / PAINT_ALIGN_PX * PAINT_ALIGN_PX
                  : -((-x + PAINT_ALIGN_PX - 1) / PAINT_ALIGN_PX * PAINT_ALIGN_PX);
}

int paint_split_rect(SDL_Rect r, SDL_Rect out[3])
{
    int right = r.x + r.w;
    int core_x = align_down(r.x + PAINT_ALIGN_PX - 1);
    int core_end = align_down(right);
    if (r.w <= 0 || r.h <= 0 || core_end <= core_x) {
        out[0] = r; /* narrower than one line: SDL fills it with plain stores alone */
        return 1;
    }
    int n = 0;
    out[n++] = (SDL_Rect){core_x, r.y, core_end - core_x, r.h};
    if (core_x > r.x) {
        out[n++] = (SDL_Rect){r.x, r.y, core_x - r.x, r.h};
    }
    if (right > core_end) {
        out[n++] = (SDL_Rect){core_end, r.y, right - core_end, r.h};
    }
    return n;
}

void paint_fill_rects(SDL_Renderer *renderer, bool split, const SDL_Rect *rects, int n,
                      SDL_Color c)
{
    SDL_SetRenderDrawColor(renderer, c.r, c.g, c.b, c.a);
    if (!split) {
        SDL_RenderFillRects(renderer, rects, n);
        return;
    }
    SDL_Rect batch[PAINT_BATCH_RECTS];
    int queued = 0;
    for (int i = 0; i < n; i++) {
        if (queued + 3 > PAINT_BATCH_RECTS) {
            SDL_RenderFillRects(renderer, batch, queued);
            queued = 0;
        }
        queued += paint_split_rect(rects[i], &batch[queued]);
    }
    if (queued > 0) {
        SDL_RenderFillRects(renderer, batch, queued);
    }
}
