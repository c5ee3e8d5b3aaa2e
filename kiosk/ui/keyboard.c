#include "ui/keyboard.h"

#include "ui/text_edit.h"

#include <stdio.h>
#include <string.h>

#define KB_GAP 8
#define KB_ROW_H 68 /* units: keys stay well above the 48 px floor at 1080p */
#define KB_CONTROL_ROW_KEYS 6
#define KB_LABEL_PAD 6          /* units between a label's ink and its key's border */
#define KB_LABEL_MIN_SCALE 0.5  /* labels shrink to fit down to half the body size */

enum { KB_NATIVE, KB_LATIN, KB_DIGITS };

static const keyboard_layout_t *active_layout(const ui_t *ui, const ui_keyboard_layouts_t *k)
{
    if (ui->kb_mode == KB_DIGITS && k->digits) {
        return k->digits;
    }
    if (ui->kb_mode == KB_LATIN && k->latin) {
        return k->latin;
    }
    return k->native ? k->native : k->latin;
}

/* A key: like a button, with a label sized to the key. */
static bool ui_key(ui_t *ui, const char *id, const char *label, SDL_Rect r, bool primary)
{
    const theme_colors_t *c = &ui->theme.colors;
    bool tapped = ui_record(ui, id, r, true, label);
    bool pressed = ui_is_pressed(ui, id);
    SDL_Color fill = pressed ? c->pressed : primary ? c->primary : c->surface;
    SDL_Color fg = pressed || primary ? c->primary_text : c->text;
    if (pressed && ui->theme.high_contrast) {
        fg = c->background;
    }
    ui_fill(ui, r, fill);
    ui_frame(ui, r, theme_px(&ui->theme, 2) > 1 ? theme_px(&ui->theme, 2) : 1, c->border);
    /* the label's ink centred on the key, smaller until it fits inside the border: a
     * Nastaliq letter's ink sits far below its line's middle */
    int pad = theme_px(&ui->theme, KB_LABEL_PAD) > 1 ? theme_px(&ui->theme, KB_LABEL_PAD) : 1;
    const text_layout_t *l = NULL;
    SDL_Rect ink = {0, 0, 0, 0};
    for (double size = THEME_FONT_BODY; size >= THEME_FONT_BODY * KB_LABEL_MIN_SCALE; size *= 0.9) {
        l = text_layout(ui->text, label, ui->lang,
                        &(text_style_t){.px = theme_px(&ui->theme, size),
                                        .align = TEXT_ALIGN_CENTER, .max_lines = 1},
                        r.w);
        if (!text_layout_ink(l, 0, 0, r.w, &ink) ||
            (ink.w <= r.w - 2 * pad && ink.h <= r.h - 2 * pad)) {
            break;
        }
    }
    int y = ink.h > 0 ? r.y + (r.h - ink.h) / 2 - ink.y : r.y + (r.h - text_layout_height(l)) / 2;
    ui_record_ink(ui, l, r.x, y, r.w, r);
    text_draw(ui->text, l, r.x, y, r.w, fg);
    return tapped;
}

int ui_keyboard_height(const ui_t *ui, const keyboard_layout_t *kb)
{
    int rows = (kb ? kb->rows : 4) + 1; /* + the control row */
    return rows * theme_px(&ui->theme, KB_ROW_H) + (rows + 1) * theme_px(&ui->theme, KB_GAP);
}

static void key_rows(ui_t *ui, const keyboard_layout_t *kb, SDL_Rect area, int rows)
{
    int gap = theme_px(&ui->theme, KB_GAP);
    int row_h = theme_px(&ui->theme, KB_ROW_H);
    bool shifted = ui->kb_shift && kb->has_shift;
    int widest = 10; /* keys keep one size on a keyboard: the longest row sets it */
    for (int r = 0; r < kb->rows; r++) {
        widest = kb->base[r].count > widest ? kb->base[r].count : widest;
    }
    int key_w = (area.w - gap * (widest - 1)) / widest;
    const char *saved = ui->lang;
    ui->lang = kb->rtl ? (strcmp(kb->name, "urdu") == 0 ? "ur" : "ar") : ui->lang;
    for (int r = 0; r < kb->rows; r++) {
        const keyboard_row_t *row = shifted ? &kb->shift[r] : &kb->base[r];
        SDL_Rect line = ui_cut_top(&area, row_h);
        ui_cut_top(&area, gap);
        int used = row->count * key_w + (row->count - 1) * gap;
        line.x += (line.w - used) / 2;
        for (int i = 0; i < row->count; i++) {
            char id[UI_ID_MAX];
            snprintf(id, sizeof id, "keyboard.key.%d.%d", r + 1, i + 1);
            /* RTL layouts run right to left like the script */
            int col = kb->rtl ? row->count - 1 - i : i;
            SDL_Rect key = {line.x + col * (key_w + gap), line.y, key_w, line.h};
            if (ui_key(ui, id, row->keys[i], key, false)) {
                ui_type(ui, row->keys[i]);
                ui->kb_shift = false;
            }
        }
    }
    ui->lang = saved;
}

static void control_row(ui_t *ui, const ui_keyboard_layouts_t *k, SDL_Rect line, bool *done)
{
    int gap = theme_px(&ui->theme, KB_GAP);
    struct {
        const char *id, *label;
        int weight;
    } keys[KB_CONTROL_ROW_KEYS] = {
        {"keyboard.shift", k->shift_label, 2},
        {ui->kb_mode == KB_NATIVE ? "keyboard.letters" : "keyboard.native",
         ui->kb_mode == KB_NATIVE ? k->latin_label : k->native_label, 2},
        {"keyboard.digits", k->digits_label, 2},
        {"keyboard.space", k->space_label, 5},
        {"keyboard.backspace", k->backspace_label, 2},
        {"keyboard.done", k->done_label, 2},
    };
    int total = 0;
    for (int i = 0; i < KB_CONTROL_ROW_KEYS; i++) {
        total += keys[i].weight;
    }
    int unit_w = (line.w - gap * (KB_CONTROL_ROW_KEYS - 1)) / total;
    for (int i = 0; i < KB_CONTROL_ROW_KEYS; i++) {
        SDL_Rect key = ui_cut_start(ui, &line, unit_w * keys[i].weight);
        ui_cut_start(ui, &line, gap);
        bool primary = i == KB_CONTROL_ROW_KEYS - 1 || (i == 0 && ui->kb_shift);
        if (!ui_key(ui, keys[i].id, keys[i].label, key, primary)) {
            continue;
        }
        if (strcmp(keys[i].id, "keyboard.shift") == 0) {
            ui->kb_shift = !ui->kb_shift;
        } else if (strcmp(keys[i].id, "keyboard.letters") == 0) {
            ui->kb_mode = KB_LATIN;
        } else if (strcmp(keys[i].id, "keyboard.native") == 0) {
            ui->kb_mode = KB_NATIVE;
        } else if (strcmp(keys[i].id, "keyboard.digits") == 0) {
            ui->kb_mode = ui->kb_mode == KB_DIGITS ? KB_NATIVE : KB_DIGITS;
        } else if (strcmp(keys[i].id, "keyboard.space") == 0) {
            ui_type(ui, " ");
        } else if (strcmp(keys[i].id, "keyboard.backspace") == 0) {
            ui_backspace(ui);
        } else {
            *done = true;
        }
    }
}

bool ui_keyboard(ui_t *ui, const ui_keyboard_layouts_t *k, SDL_Rect area)
{
    const keyboard_layout_t *kb = active_layout(ui, k);
    bool done = false;
    ui_fill(ui, area, ui->theme.colors.disabled);
    ui_record_label(ui, "keyboard", area, NULL); /* where it is: nothing else may be under it */
    area = ui_inset(area, theme_px(&ui->theme, KB_GAP));
    if (kb) {
        int rows = kb->rows;
        SDL_Rect controls = ui_cut_bottom(&area, theme_px(&ui->theme, KB_ROW_H));
        key_rows(ui, kb, area, rows);
        control_row(ui, k, controls, &done);
    }
    if (done) {
        ui->focus[0] = '\0';
    }
    return done;
}

void ui_field_apply(ui_t *ui, const char *id, char *buf, size_t cap, int max_graphemes)
{
    if (strcmp(ui->focus, id) != 0) {
        return;
    }
    for (; ui->backspaces > 0; ui->backspaces--) {
        text_edit_backspace(buf);
    }
    if (ui->typed[0]) {
        text_edit_append(buf, cap, ui->typed, max_graphemes);
        memset(ui->typed, 0, sizeof ui->typed);
    }
}

int ui_field(ui_t *ui, const char *id, char *buf, size_t cap, SDL_Rect r,
             const ui_field_opts_t *o)
{
    const theme_t *t = &ui->theme;
    bool focused = strcmp(ui->focus, id) == 0;
    ui_field_apply(ui, id, buf, cap, o->max_graphemes);
    ui_text_opts_t label = ui_body(ui);
    label.bold = true;
    int h = o->label ? ui_text(ui, "", o->label, r, &label) + theme_px(t, 8) : 0;
    ui_text_opts_t body = ui_body(ui);
    int line_h = theme_font_px(t, THEME_FONT_BODY) * 3 / 2;
    int lines = o->lines > 0 ? o->lines : 1;
    int box_h = line_h * lines + theme_px(t, 32) > theme_px(t, THEME_TARGET_MIN)
                    ? line_h * lines + theme_px(t, 32)
                    : theme_px(t, THEME_TARGET_MIN);
    SDL_Rect box = {r.x, r.y + h, r.w, box_h}; /* r.h is ignored: fields size themselves */
    bool tapped = ui_record(ui, id, box, true, buf);
    ui->cur->widgets[ui->cur->count - 1].editable = true;
    if (tapped) {
        snprintf(ui->focus, sizeof ui->focus, "%s", id);
        ui->focus_new = true;
        focused = true;
    }
    ui_fill(ui, box, t->colors.surface);
    ui_frame(ui, box, theme_px(t, focused ? 6 : 3), focused ? t->colors.primary : t->colors.border);
    SDL_Rect in = ui_inset(box, theme_px(t, 16));
    const text_layout_t *l = NULL;
    int th = line_h, scroll = 0;
    /* Text taller than the box scrolls inside it so its end (where the caret is) stays in
     * view; nothing is drawn outside the box. The clip nests inside a scroll view's. */
    SDL_Rect outer_clip, clip = in;
    bool had_clip = SDL_RenderIsClipEnabled(ui->renderer);
    SDL_RenderGetClipRect(ui->renderer, &outer_clip);
    if (had_clip && !SDL_IntersectRect(&outer_clip, &in, &clip)) {
        clip = (SDL_Rect){in.x, in.y, 0, 0};
    }
    SDL_RenderSetClipRect(ui->renderer, &clip);
    if (buf[0]) {
        text_style_t style = {.px = theme_font_px(t, THEME_FONT_BODY), .max_lines = 0};
        l = text_layout(ui->text, buf, ui->lang, &style, in.w);
        th = text_layout_height(l);
        scroll = th > in.h ? th - in.h : 0;
        text_draw(ui->text, l, in.x, in.y - scroll, in.w, body.color);
    }
    if (focused) {
        /* the caret after the end of the last line, on the reading side */
        int shown = l ? text_layout_line_count(l) : 0;
        int tw = shown > 0 ? text_layout_line_width(l, shown - 1) : 0;
        int lh = shown > 0 ? th / shown : line_h;
        bool rtl = l ? text_layout_is_rtl(l) : ui->rtl;
        int cx = rtl ? in.x + in.w - tw - 4 : in.x + tw + 2;
        ui_fill(ui, (SDL_Rect){cx, in.y - scroll + th - lh, theme_px(t, 4) > 2 ? theme_px(t, 4) : 2,
                               lh},
                t->colors.text);
    }
    SDL_RenderSetClipRect(ui->renderer, had_clip ? &outer_clip : NULL);
    int used = box.y + box.h - r.y;
    if (o->limit_text) {
        ui_text_opts_t small = ui_body(ui);
        small.size = THEME_FONT_SMALL;
        small.color = t->colors.text_muted;
        used += theme_px(t, 8) + ui_text(ui, "", o->limit_text,
                                         (SDL_Rect){r.x, box.y + box.h + theme_px(t, 8), r.w, 0},
                                         &small);
    }
    return used;
}
