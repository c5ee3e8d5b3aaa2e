#include "ui/keyboard.h"

#include "ui/paint.h"
#include "ui/text_edit.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define KB_GAP 8
#define KB_ROW_H 68 /* units: keys stay well above the 48 px floor at 1080p */
#define KB_CONTROL_ROW_KEYS 10
#define KB_TAP_BOUNDARIES_MAX 4096 /* caret places a tap can choose: a field's graphemes */
#define REPORT_TEXT_PREFIX_MAX 4096  /* the longest field's bytes (details)*/
#define KB_LEFT_LABEL "\u2039"  /* ‹ : Noto Sans has it in every language's chain */
#define KB_RIGHT_LABEL "\u203A" /* › */
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
    ui_draw_layout(ui, l, r.x, y, r.w, fg);
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

/* A keypad (phone, date, PIN): every key a digit or a sign of numbers. It gets no Shift,
 * no change of letters and no Space. */
static bool is_keypad(const keyboard_layout_t *kb)
{
    for (int r = 0; kb && r < kb->rows; r++) {
        for (int i = 0; i < kb->base[r].count; i++) {
            if (strspn(kb->base[r].keys[i], "0123456789+-/.") != strlen(kb->base[r].keys[i])) {
                return false;
            }
        }
    }
    return kb != NULL;
}

typedef struct control_key {
    const char *id, *label;
    int weight;
} control_key_t;

static int control_keys(const ui_t *ui, const ui_keyboard_layouts_t *k, control_key_t *keys)
{
    int n = 0;
    if (!is_keypad(k->native)) {
        keys[n++] = (control_key_t){"keyboard.shift", k->shift_label, 2};
        if (k->native != k->latin) { /* a script of its own: English letters beside it */
            keys[n++] = ui->kb_mode == KB_NATIVE
                            ? (control_key_t){"keyboard.letters", k->latin_label, 2}
                            : (control_key_t){"keyboard.native", k->native_label, 2};
        }
        keys[n++] = (control_key_t){"keyboard.digits", k->digits_label, 2};
    }
    keys[n++] = (control_key_t){"keyboard.left", KB_LEFT_LABEL, 1};
    if (!is_keypad(k->native)) {
        keys[n++] = (control_key_t){"keyboard.space", k->space_label, 4};
    }
    keys[n++] = (control_key_t){"keyboard.right", KB_RIGHT_LABEL, 1};
    if (ui->focus_lines > 1 && k->enter_label) {
        keys[n++] = (control_key_t){"keyboard.enter", k->enter_label, 2};
    }
    keys[n++] = (control_key_t){"keyboard.backspace", k->backspace_label, 2};
    keys[n++] = (control_key_t){"keyboard.done", k->done_label, 2};
    return n;
}

static void control_act(ui_t *ui, const char *id, bool *done)
{
    if (strcmp(id, "keyboard.shift") == 0) {
        ui->kb_shift = !ui->kb_shift;
    } else if (strcmp(id, "keyboard.letters") == 0) {
        ui->kb_mode = KB_LATIN;
    } else if (strcmp(id, "keyboard.native") == 0) {
        ui->kb_mode = KB_NATIVE;
    } else if (strcmp(id, "keyboard.digits") == 0) {
        ui->kb_mode = ui->kb_mode == KB_DIGITS ? KB_NATIVE : KB_DIGITS;
    } else if (strcmp(id, "keyboard.space") == 0) {
        ui_type(ui, " ");
    } else if (strcmp(id, "keyboard.enter") == 0) {
        ui_type(ui, "\n");
    } else if (strcmp(id, "keyboard.backspace") == 0) {
        ui_backspace(ui);
    } else if (strcmp(id, "keyboard.left") == 0 || strcmp(id, "keyboard.right") == 0) {
        /* ‹ one grapheme back towards the text's start, › one on (in typing order: the
         * caret follows what was typed, also in right-to-left text) */
        ui_caret_move(ui, strcmp(id, "keyboard.left") == 0 ? -1 : 1);
    } else {
        *done = true;
    }
}

static void control_row(ui_t *ui, const ui_keyboard_layouts_t *k, SDL_Rect line, bool *done)
{
    int gap = theme_px(&ui->theme, KB_GAP);
    control_key_t keys[KB_CONTROL_ROW_KEYS];
    int n = control_keys(ui, k, keys), total = 0;
    for (int i = 0; i < n; i++) {
        total += keys[i].weight;
    }
    int unit_w = (line.w - gap * (n - 1)) / total;
    /* the arrows keep their places on screen in both directions */
    bool saved_rtl = ui->rtl;
    ui->rtl = false;
    for (int i = 0; i < n; i++) {
        SDL_Rect key = ui_cut_start(ui, &line, unit_w * keys[i].weight);
        ui_cut_start(ui, &line, gap);
        bool primary = i == n - 1 || (strcmp(keys[i].id, "keyboard.shift") == 0 && ui->kb_shift);
        ui->rtl = saved_rtl;
        /* the arrows in Latin type: a Nastaliq font draws ‹ › as small marks */
        const char *saved_lang = ui->lang;
        bool arrow = strcmp(keys[i].id, "keyboard.left") == 0 ||
                     strcmp(keys[i].id, "keyboard.right") == 0;
        ui->lang = arrow ? "en" : saved_lang;
        bool tapped = ui_key(ui, keys[i].id, keys[i].label, key, primary);
        ui->lang = saved_lang;
        ui->rtl = false;
        if (tapped) {
            control_act(ui, keys[i].id, done);
        }
    }
    ui->rtl = saved_rtl;
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
        int gap = theme_px(&ui->theme, KB_GAP), row_h = theme_px(&ui->theme, KB_ROW_H);
        SDL_Rect controls = ui_cut_bottom(&area, row_h);
        ui_cut_bottom(&area, gap);
        /* fewer rows than the keyboard's height (English letters beside Urdu): the rows sit
         * on the control row, the spare room above them, not a band between */
        int used = rows * row_h + (rows - 1) * gap;
        key_rows(ui, kb, ui_cut_bottom(&area, used), rows);
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
    size_t len = strlen(buf);
    ui->caret = ui->caret > len ? len : ui->caret;
    if (ui->caret_moves && buf[0]) {
        /* ◀ and ▶ move the way they point: in right-to-left text ◀ goes on in the text */
        text_style_t style = {.px = theme_font_px(&ui->theme, THEME_FONT_BODY), .max_lines = 0};
        const text_layout_t *l = text_layout(ui->text, buf, ui->lang, &style, ui->w);
        ui->caret_moves = l && text_layout_is_rtl(l) ? -ui->caret_moves : ui->caret_moves;
    }
    for (; ui->caret_moves < 0; ui->caret_moves++) {
        ui->caret = text_edit_prev(buf, ui->caret);
    }
    for (; ui->caret_moves > 0; ui->caret_moves--) {
        ui->caret = text_edit_next(buf, ui->caret);
    }
    for (; ui->backspaces > 0; ui->backspaces--) {
        text_edit_delete_before(buf, &ui->caret);
    }
    if (ui->typed[0]) {
        text_edit_insert(buf, cap, &ui->caret, ui->typed, max_graphemes);
        sodium_memzero(ui->typed, sizeof ui->typed);
    }
}

/* Where the caret at byte `at` of buf is drawn, from the top left of the text: after the
 * text before it laid out alone (its last line's end), on the paragraph's reading side. */
typedef struct caret_pos {
    int x, y, h;
} caret_pos_t;

static caret_pos_t caret_at(ui_t *ui, const char *buf, size_t at, int w, bool rtl, int line_h)
{
    caret_pos_t c = {rtl ? w : 0, 0, line_h};
    if (at == 0) {
        return c;
    }
    char prefix[REPORT_TEXT_PREFIX_MAX];
    size_t n = at < sizeof prefix - 1 ? at : sizeof prefix - 1;
    memcpy(prefix, buf, n);
    prefix[n] = '\0';
    text_style_t style = {.px = theme_font_px(&ui->theme, THEME_FONT_BODY), .max_lines = 0};
    const text_layout_t *l = text_layout(ui->text, prefix, ui->lang, &style, w);
    int lines = text_layout_line_count(l);
    if (lines > 0) {
        int tw = text_layout_line_width(l, lines - 1);
        c.h = text_layout_height(l) / lines;
        c.y = text_layout_height(l) - c.h;
        c.x = rtl ? w - tw : tw;
        if (prefix[n - 1] == '\n') { /* after Enter: the start of the next line */
            c.y += c.h;
            c.x = rtl ? w : 0;
        }
    }
    sodium_memzero(prefix, n);
    return c;
}

/* Whether caret c comes before a tap at (x, y) in reading order (lines down, then along the
 * line in the paragraph's direction). */
static bool caret_before(caret_pos_t c, int x, int y, bool rtl)
{
    if (y >= c.y + c.h) {
        return true;
    }
    if (y < c.y) {
        return false;
    }
    return rtl ? c.x > x : c.x < x;
}

/* The grapheme boundary nearest a tap at (x, y) from the text's top left. Caret places run
 * in reading order, so a binary search lays out a dozen prefixes, not one per grapheme (a
 * long text and a tap each frame stayed fast under valgrind). */
static size_t caret_from_tap(ui_t *ui, const char *buf, int x, int y, int w, bool rtl, int line_h)
{
    size_t at[KB_TAP_BOUNDARIES_MAX];
    int n = 0;
    size_t len = strlen(buf);
    for (size_t b = 0; n < KB_TAP_BOUNDARIES_MAX; b = text_edit_next(buf, b)) {
        at[n++] = b;
        if (b >= len) {
            break;
        }
    }
    /* a finger in the padding above the first line (or below the last) means that line */
    caret_pos_t last = caret_at(ui, buf, len, w, rtl, line_h);
    y = y < 0 ? 0 : y >= last.y + last.h ? last.y + last.h - 1 : y;
    int lo = 0, hi = n - 1; /* the last boundary before the tap */
    while (lo < hi) {
        int mid = (lo + hi + 1) / 2;
        if (caret_before(caret_at(ui, buf, at[mid], w, rtl, line_h), x, y, rtl)) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    if (lo + 1 < n) { /* the nearer of it and the next */
        caret_pos_t a = caret_at(ui, buf, at[lo], w, rtl, line_h);
        caret_pos_t b = caret_at(ui, buf, at[lo + 1], w, rtl, line_h);
        bool same_line = b.y == a.y;
        int da = a.x > x ? a.x - x : x - a.x, db = b.x > x ? b.x - x : x - b.x;
        if (same_line && db < da) {
            return at[lo + 1];
        }
    }
    return at[lo];
}

static int field_box_height(const ui_t *ui, const ui_field_opts_t *o)
{
    const theme_t *t = &ui->theme;
    int line_h = theme_font_px(t, THEME_FONT_BODY) * 3 / 2;
    int h = line_h * (o->lines > 0 ? o->lines : 1) + theme_px(t, 32);
    return h > theme_px(t, THEME_TARGET_MIN) ? h : theme_px(t, THEME_TARGET_MIN);
}

int ui_field_height(ui_t *ui, int w, const ui_field_opts_t *o)
{
    ui_text_opts_t label = ui_body(ui);
    label.bold = true;
    int h = o->label ? ui_text_height(ui, o->label, w, &label) + theme_px(&ui->theme, 8) : 0;
    if (o->limit_text) {
        ui_text_opts_t small = ui_body(ui);
        small.size = THEME_FONT_SMALL;
        h += theme_px(&ui->theme, 8) + ui_text_height(ui, o->limit_text, w, &small);
    }
    return h + field_box_height(ui, o);
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
    SDL_Rect box = {r.x, r.y + h, r.w, field_box_height(ui, o)}; /* fields size themselves */
    bool tapped = ui_record(ui, id, box, true, buf);
    if (ui->cur->count > 0) {
        ui->cur->widgets[ui->cur->count - 1].editable = true;
    }
    SDL_Rect in = ui_inset(box, theme_px(t, 16));
    text_style_t style = {.px = theme_font_px(t, THEME_FONT_BODY), .max_lines = 0};
    const text_layout_t *l = buf[0] ? text_layout(ui->text, buf, ui->lang, &style, in.w) : NULL;
    bool rtl = l ? text_layout_is_rtl(l) : ui->rtl;
    int th = l ? text_layout_height(l) : line_h;
    if (tapped && focused && buf[0]) { /* a tap in the text moves the caret there */
        caret_pos_t end = caret_at(ui, buf, strlen(buf), in.w, rtl, line_h);
        int scroll_then = end.y + end.h > in.h ? end.y + end.h - in.h : 0;
        ui->caret = caret_from_tap(ui, buf, ui->px - in.x, ui->py - in.y + scroll_then, in.w, rtl,
                                   line_h);
    } else if (tapped) {
        ui_focus_set(ui, id);
        focused = true;
    }
    if (focused) {
        ui->focus_lines = lines;
    }
    ui_fill(ui, box, t->colors.surface);
    ui_frame(ui, box, theme_px(t, focused ? 6 : 3), focused ? t->colors.primary : t->colors.border);
    size_t len = strlen(buf);
    caret_pos_t caret = caret_at(ui, buf, focused && ui->caret < len ? ui->caret : len, in.w, rtl,
                                 line_h);
    /* Text taller than the box scrolls inside it so the caret's line stays in view; nothing
     * is drawn outside the box. The clip nests inside a scroll view's. */
    int scroll = caret.y + caret.h > in.h ? caret.y + caret.h - in.h : 0;
    scroll = scroll > th - in.h && th > in.h ? th - in.h : scroll;
    SDL_Rect outer_clip, clip = in;
    bool had_clip = paint_get_clip(ui->paint, &outer_clip);
    if (had_clip && !SDL_IntersectRect(&outer_clip, &in, &clip)) {
        clip = (SDL_Rect){in.x, in.y, 0, 0};
    }
    paint_clip(ui->paint, &clip);
    if (l) {
        ui_draw_layout(ui, l, in.x, in.y - scroll, in.w, body.color);
    }
    if (focused) {
        int cw = theme_px(t, 4) > 2 ? theme_px(t, 4) : 2;
        int cx = in.x + caret.x + (rtl ? -cw - 2 : 2);
        cx = cx < in.x ? in.x : cx > in.x + in.w - cw ? in.x + in.w - cw : cx;
        SDL_Rect bar = {cx, in.y - scroll + caret.y, cw, caret.h};
        char caret_id[UI_ID_MAX];
        snprintf(caret_id, sizeof caret_id, "%.56s.caret", id);
        ui_record_label(ui, caret_id, bar, NULL); /* replays check it stays in view */
        ui_fill(ui, bar, t->colors.text);
    }
    paint_clip(ui->paint, had_clip ? &outer_clip : NULL);
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
