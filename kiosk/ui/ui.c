#include "ui/ui.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

bool ui_init(ui_t *ui, SDL_Renderer *renderer, text_engine_t *text)
{
    memset(ui, 0, sizeof *ui);
    ui->renderer = renderer;
    ui->text = text;
    ui->cur = calloc(1, sizeof *ui->cur);
    ui->last = calloc(1, sizeof *ui->last);
    if (!ui->cur || !ui->last) {
        ui_deinit(ui);
        return false;
    }
    return true;
}

void ui_deinit(ui_t *ui)
{
    free(ui->cur);
    free(ui->last);
    ui->cur = ui->last = NULL;
}

void ui_begin_frame(ui_t *ui, int w, int h, const char *lang, bool rtl)
{
    ui->w = w;
    ui->h = h;
    ui->lang = lang;
    ui->rtl = rtl;
    ui->cur->count = 0;
    ui->cur->arena_used = 0;
    text_engine_begin_frame(ui->text);
    SDL_Color bg = ui->theme.colors.background;
    SDL_SetRenderDrawColor(ui->renderer, bg.r, bg.g, bg.b, 255);
    SDL_RenderClear(ui->renderer);
}

void ui_end_frame(ui_t *ui)
{
    ui_frame_record_t *t = ui->last;
    ui->last = ui->cur;
    ui->cur = t;
    /* A tap nobody consumed this frame (its widget is gone) is dropped. */
    ui->clicked[0] = '\0';
}

static bool inside(SDL_Rect r, int x, int y)
{
    return x >= r.x && y >= r.y && x < r.x + r.w && y < r.y + r.h;
}

const ui_widget_t *ui_hit(const ui_t *ui, int x, int y)
{
    for (int i = ui->last->count - 1; i >= 0; i--) {
        const ui_widget_t *w = &ui->last->widgets[i];
        if (w->interactive && inside(w->rect, x, y)) {
            return w->id[0] && w->enabled ? w : NULL;
        }
    }
    return NULL;
}

const ui_widget_t *ui_find(const ui_t *ui, const char *id)
{
    for (int i = 0; i < ui->last->count; i++) {
        if (strcmp(ui->last->widgets[i].id, id) == 0) {
            return &ui->last->widgets[i];
        }
    }
    return NULL;
}

int ui_widget_count(const ui_t *ui)
{
    return ui->last->count;
}

const ui_widget_t *ui_widget_at(const ui_t *ui, int i)
{
    return i >= 0 && i < ui->last->count ? &ui->last->widgets[i] : NULL;
}

bool ui_pointer_down(ui_t *ui, int x, int y)
{
    const ui_widget_t *w = ui_hit(ui, x, y);
    ui->px = x;
    ui->py = y;
    ui->down = true;
    snprintf(ui->pressed, sizeof ui->pressed, "%s", w ? w->id : "");
    return w != NULL;
}

bool ui_pointer_move(ui_t *ui, int x, int y)
{
    bool was = ui->down && ui_is_pressed(ui, ui->pressed);
    ui->px = x;
    ui->py = y;
    bool now = ui->down && ui_is_pressed(ui, ui->pressed);
    return was != now;
}

bool ui_pointer_up(ui_t *ui, int x, int y)
{
    const ui_widget_t *w = ui_hit(ui, x, y);
    bool tapped = ui->down && w && ui->pressed[0] && strcmp(w->id, ui->pressed) == 0;
    if (tapped) {
        snprintf(ui->clicked, sizeof ui->clicked, "%s", w->id);
    }
    bool had_press = ui->pressed[0] != '\0';
    ui->px = x;
    ui->py = y;
    ui->down = false;
    ui->pressed[0] = '\0';
    return tapped || had_press;
}

void ui_pointer_cancel(ui_t *ui)
{
    ui->down = false;
    ui->pressed[0] = '\0';
    ui->clicked[0] = '\0';
}

bool ui_is_pressed(const ui_t *ui, const char *id)
{
    if (!ui->down || !id[0] || strcmp(ui->pressed, id) != 0) {
        return false;
    }
    const ui_widget_t *w = ui_hit(ui, ui->px, ui->py);
    return w && strcmp(w->id, id) == 0;
}

static const char *arena_copy(ui_frame_record_t *f, const char *s)
{
    if (!s) {
        return "";
    }
    size_t n = strlen(s) + 1;
    if (f->arena_used + n > sizeof f->arena) {
        return "";
    }
    char *out = f->arena + f->arena_used;
    memcpy(out, s, n);
    f->arena_used += n;
    return out;
}

static void record(ui_t *ui, const char *id, SDL_Rect rect, bool enabled, bool interactive,
                   const char *text)
{
    ui_frame_record_t *f = ui->cur;
    if (f->count < UI_WIDGETS_MAX) {
        ui_widget_t *w = &f->widgets[f->count++];
        snprintf(w->id, sizeof w->id, "%s", id);
        w->rect = rect;
        w->enabled = enabled;
        w->interactive = interactive;
        w->text = arena_copy(f, text);
    }
}

void ui_record_label(ui_t *ui, const char *id, SDL_Rect rect, const char *text)
{
    record(ui, id, rect, false, false, text);
}

bool ui_record(ui_t *ui, const char *id, SDL_Rect rect, bool enabled, const char *text)
{
    record(ui, id, rect, enabled, true, text);
    if (enabled && id[0] && strcmp(ui->clicked, id) == 0) {
        ui->clicked[0] = '\0';
        return true;
    }
    return false;
}

void ui_modal_begin(ui_t *ui)
{
    record(ui, "", (SDL_Rect){0, 0, ui->w, ui->h}, false, true, NULL);
}

bool ui_type(ui_t *ui, const char *utf8)
{
    if (!ui->focus[0]) {
        return false;
    }
    size_t used = strlen(ui->typed), n = strlen(utf8);
    if (used + n + 1 > sizeof ui->typed) {
        return false;
    }
    memcpy(ui->typed + used, utf8, n + 1);
    return true;
}

void ui_backspace(ui_t *ui)
{
    if (ui->focus[0]) {
        ui->backspaces++;
    }
}

void ui_focus_clear(ui_t *ui)
{
    sodium_memzero(ui->typed, sizeof ui->typed); /* may hold what someone typed */
    ui->focus[0] = '\0';
    ui->backspaces = 0;
    ui->kb_mode = 0;
    ui->kb_shift = false;
}
