/* support: the services for this person as cards in a grid, the most relevant first (by
 * the motivations of their report, when known; services_for_support()), each with what it
 * offers, its phone number and hours and a QR code for its website; emergency numbers in
 * a column beside the grid, or a strip above it, that never scrolls away. Print them on a
 * slip (the button beside the title where it fits). */
#include "screens/screens_internal.h"
#include "screens/wizard.h"

#include "print/print.h"

#include <stdio.h>
#include <string.h>

/* Sizes in units. A card narrower than SUPPORT_CARD_MIN_W would wrap the services' names
 * and the hosts under the codes; more than SUPPORT_COLS_MAX columns make lines too short. */
#define SUPPORT_CARD_MIN_W 440
#define SUPPORT_COLS_MAX 3
#define SUPPORT_CARD_PAD 12
#define SUPPORT_CARD_EDGE 2
#define SUPPORT_URGENT_EDGE 4
#define SUPPORT_LINE_GAP 4
#define SUPPORT_CODE_GAP 8 /* between a card's words and its code */
#define SUPPORT_LINE_MAX 256
#define SUPPORT_SIDE_W 400        /* the emergency column in landscape */
#define SUPPORT_PRINT_W 560
#define SUPPORT_PRINT_H 120
#define SUPPORT_URGENT_SHARE 3 /* above the grid: at most a third of the height */

/* What a card says, in the person's language. */
typedef struct support_card {
    const service_t *sv;
    const char *name;
    const char *description; /* NULL when the catalog has none */
    char phone[SUPPORT_LINE_MAX]; /* "Phone 0800 138 1625", "" when it has no number */
    char hours[SUPPORT_LINE_MAX]; /* "Open 24 hours, every day", "" when not stated */
} support_card_t;

static void card_read(app_t *app, const service_t *sv, support_card_t *c)
{
    c->sv = sv;
    c->name = app_service_name(app, sv);
    const char *key = sv->description_key;
    c->description = strcmp(app_text(app, key), key) != 0 ? app_text(app, key) : NULL;
    c->phone[0] = '\0';
    if (sv->phone[0]) {
        char isolated[96];
        const char *names[] = {"phone"};
        text_isolate(sv->phone, true, isolated, sizeof isolated); /* digits stay in order */
        const char *values[] = {isolated};
        i18n_format(app_text(app, "support.phone"), names, values, 1, c->phone, sizeof c->phone);
    }
    char line[SUPPORT_LINE_MAX];
    snprintf(c->hours, sizeof c->hours, "%s", app_service_hours(app, sv, line, sizeof line));
}

static ui_text_opts_t name_opts(const ui_t *ui)
{
    ui_text_opts_t o = ui_body(ui);
    o.bold = true;
    return o;
}

static ui_text_opts_t small_opts(const ui_t *ui)
{
    ui_text_opts_t o = ui_body(ui);
    o.size = THEME_FONT_SMALL;
    return o;
}

/* The card's words top to bottom in r (drawn, or only measured when draw is false);
 * returns their height. */
static int card_words(ui_t *ui, const support_card_t *c, SDL_Rect r, bool draw)
{
    char id[UI_ID_MAX];
    const char *texts[] = {c->name, c->description, c->phone, c->hours};
    const char *suffix[] = {"", NULL, ".phone", NULL}; /* NULL: a label with no id */
    ui_text_opts_t opts[] = {name_opts(ui), small_opts(ui), name_opts(ui), small_opts(ui)};
    int y = r.y, gap = theme_px(&ui->theme, SUPPORT_LINE_GAP);
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        if (!texts[i] || !texts[i][0]) {
            continue;
        }
        y += y > r.y ? gap : 0;
        if (!draw) {
            y += ui_text_height(ui, texts[i], r.w, &opts[i]);
            continue;
        }
        snprintf(id, sizeof id, "support.%s%s", c->sv->id, suffix[i] ? suffix[i] : "");
        y += ui_text(ui, suffix[i] ? id : "", texts[i], (SDL_Rect){r.x, y, r.w, 0}, &opts[i]);
    }
    return y - r.y;
}

/* Where a card's words and code go inside it: the code under the words (cards in
 * columns), or beside them at the end (one card across a portrait screen). */
typedef struct card_parts {
    SDL_Rect words, code;
    bool beside;
} card_parts_t;

static card_parts_t card_split(app_t *app, ui_t *ui, const support_card_t *c, SDL_Rect r,
                               bool beside)
{
    const theme_t *t = &ui->theme;
    card_parts_t p = {.words = ui_inset(r, theme_px(t, SUPPORT_CARD_PAD)), .beside = beside};
    p.code = p.words;
    int code_w = beside ? chrome_qr_width(app, ui, c->sv->url) : 0;
    if (code_w > 0) {
        /* as wide as the host name under the code, never more than half the card */
        code_w = code_w < p.words.w / 2 ? code_w : p.words.w / 2;
        p.code = ui_cut_end(ui, &p.words, code_w);
        ui_cut_end(ui, &p.words, theme_px(t, THEME_GAP));
    }
    return p;
}

static int card_height(app_t *app, ui_t *ui, const support_card_t *c, int w, bool beside)
{
    const theme_t *t = &ui->theme;
    card_parts_t p = card_split(app, ui, c, (SDL_Rect){0, 0, w, 0}, beside);
    int code = chrome_qr_height(app, ui, c->sv->url, "", p.code.w);
    int words = card_words(ui, c, p.words, false);
    int h = p.beside                ? (words > code ? words : code)
            : code > 0 ? words + theme_px(t, SUPPORT_CODE_GAP) + code
                       : words;
    return h + 2 * theme_px(t, SUPPORT_CARD_PAD);
}

/* One card in r: its words at the top, its code at the bottom (so the codes of a row line
 * up) or beside them. The card is recorded as a whole (support.<id>.card), so a view's
 * edge never slices it: the fold moves above the card, not through it. */
static void card_draw(app_t *app, ui_t *ui, const support_card_t *c, SDL_Rect r, bool beside)
{
    const theme_t *t = &ui->theme;
    char id[UI_ID_MAX];
    snprintf(id, sizeof id, "support.%s.card", c->sv->id);
    ui_record_label(ui, id, r, c->name);
    ui_fill(ui, r, t->colors.surface);
    int edge = theme_px(t, SUPPORT_CARD_EDGE) > 1 ? theme_px(t, SUPPORT_CARD_EDGE) : 1;
    ui_frame(ui, r, edge, t->high_contrast ? t->colors.border : t->colors.disabled);
    card_parts_t p = card_split(app, ui, c, r, beside);
    card_words(ui, c, p.words, true);
    int code = chrome_qr_height(app, ui, c->sv->url, "", p.code.w);
    if (code > 0) {
        snprintf(id, sizeof id, "support.%s.qr", c->sv->id);
        int y = p.beside ? p.code.y : p.code.y + p.code.h - code;
        chrome_qr(app, ui, id, c->sv->url, "", (SDL_Rect){p.code.x, y, p.code.w, code});
    }
}

/* Where an emergency box's parts go inside it (inner): the number beside the words at
 * the end (row), or under them. */
typedef struct urgent_layout {
    SDL_Rect words, number;
    int words_h, phone_h, content_h;
    bool row;
} urgent_layout_t;

static urgent_layout_t urgent_plan(ui_t *ui, const support_card_t *c, SDL_Rect inner, bool row)
{
    const theme_t *t = &ui->theme;
    int gap = theme_px(t, SUPPORT_LINE_GAP);
    ui_text_opts_t phone = ui_title(ui), name = name_opts(ui), small = small_opts(ui);
    urgent_layout_t l = {.words = inner, .number = inner, .row = row && c->phone[0]};
    if (l.row) {
        int phone_w = ui_text_width(ui, c->phone, &phone);
        l.number = ui_cut_end(ui, &l.words, phone_w < inner.w / 2 ? phone_w : inner.w / 2);
        ui_cut_end(ui, &l.words, theme_px(t, THEME_GAP));
    }
    l.words_h = ui_text_height(ui, c->name, l.words.w, &name);
    if (c->description) {
        l.words_h += gap + ui_text_height(ui, c->description, l.words.w, &small);
    }
    if (c->phone[0]) { /* one line, smaller when it must be (ui_text_one_line) */
        phone.size = ui_text_size_to_fit(ui, c->phone, l.number.w, &phone, THEME_FONT_BODY);
        phone.max_lines = 1;
        l.phone_h = ui_text_height(ui, c->phone, l.number.w, &phone);
    }
    l.content_h = l.row ? (l.words_h > l.phone_h ? l.words_h : l.phone_h)
                        : l.words_h + (l.phone_h ? gap + l.phone_h : 0);
    return l;
}

/* An emergency number in a box in r: its name and what it is for, and the number large,
 * beside them or under them, whichever is shorter. Drawn, or only measured when draw is
 * false. Returns the height. */
static int urgent_box(app_t *app, ui_t *ui, const service_t *sv, SDL_Rect r, bool draw)
{
    const theme_t *t = &ui->theme;
    support_card_t c;
    card_read(app, sv, &c);
    int pad = theme_px(t, SUPPORT_CARD_PAD), gap = theme_px(t, SUPPORT_LINE_GAP);
    SDL_Rect inner = ui_inset(r, pad);
    urgent_layout_t l = urgent_plan(ui, &c, inner, false), row = urgent_plan(ui, &c, inner, true);
    l = row.row && row.content_h < l.content_h ? row : l;
    int h = l.content_h + 2 * pad;
    if (!draw) {
        return h;
    }
    SDL_Rect box = {r.x, r.y, r.w, h};
    char id[UI_ID_MAX];
    snprintf(id, sizeof id, "support.%s.card", sv->id); /* whole: a view's edge never slices it */
    ui_record_label(ui, id, box, c.name);
    ui_fill(ui, box, t->colors.surface);
    ui_frame(ui, box, theme_px(t, SUPPORT_URGENT_EDGE), t->colors.danger);
    snprintf(id, sizeof id, "support.%s", sv->id);
    ui_text_opts_t name = name_opts(ui), small = small_opts(ui), phone = ui_title(ui);
    int y = inner.y + (l.content_h - l.words_h) / 2 * l.row;
    y += ui_text(ui, id, c.name, (SDL_Rect){l.words.x, y, l.words.w, 0}, &name);
    if (c.description) {
        y += gap;
        y += ui_text(ui, "", c.description, (SDL_Rect){l.words.x, y, l.words.w, 0}, &small);
    }
    if (c.phone[0]) {
        snprintf(id, sizeof id, "support.%s.phone", sv->id);
        int py = l.row ? inner.y + (l.content_h - l.phone_h) / 2 : y + gap;
        phone.align = l.row ? TEXT_ALIGN_END : TEXT_ALIGN_START;
        ui_text_one_line(ui, id, c.phone, (SDL_Rect){l.number.x, py, l.number.w, 0}, &phone,
                         THEME_FONT_BODY);
    }
    return h;
}

/* The emergency boxes of list[0..n) one under the other in r; returns the height. */
static int urgent_boxes(app_t *app, ui_t *ui, const service_t *const *list, int n, SDL_Rect r,
                        bool draw)
{
    int y = r.y, gap = theme_px(&ui->theme, THEME_GAP);
    for (int i = 0; i < n; i++) {
        y += urgent_box(app, ui, list[i], (SDL_Rect){r.x, y, r.w, 0}, draw) + gap;
    }
    return n > 0 ? y - gap - r.y : 0;
}

/* The cards of list[0..n) in a row of cols (beside: the codes beside the words, one a
 * row) at y, each as tall as the tallest; returns the row's height. Measured only unless
 * draw. */
static int card_row(app_t *app, ui_t *ui, const service_t *const *list, int n, SDL_Rect at,
                    int cols, bool beside, bool draw)
{
    int gap = theme_px(&ui->theme, THEME_GAP);
    int card_w = (at.w - gap * (cols - 1)) / cols, row_h = 0;
    support_card_t row[SUPPORT_COLS_MAX];
    for (int k = 0; k < n; k++) {
        card_read(app, list[k], &row[k]);
        int h = card_height(app, ui, &row[k], card_w, beside);
        row_h = h > row_h ? h : row_h;
    }
    for (int k = 0; k < n && draw; k++) {
        int col = ui->rtl ? cols - 1 - k : k; /* the first card at the reading start */
        card_draw(app, ui, &row[k], (SDL_Rect){at.x + col * (card_w + gap), at.y, card_w, row_h},
                  beside);
    }
    return row_h;
}

/* Whether a row of list[0..n) in cols columns w wide (codes under the words) is taller than
 * limit: measured card by card, stopping at the first too tall (a row that goes one card a
 * row then costs one card's words, not a row's). */
static bool row_taller_than(app_t *app, ui_t *ui, const service_t *const *list, int n, int w,
                            int cols, int limit)
{
    int gap = theme_px(&ui->theme, THEME_GAP);
    int card_w = (w - gap * (cols - 1)) / cols;
    for (int k = 0; k < n; k++) {
        support_card_t c;
        card_read(app, list[k], &c);
        if (card_height(app, ui, &c, card_w, false) > limit) {
            return true;
        }
    }
    return false;
}

/* Columns of cards at width w: one in portrait; *wide: room for a code beside the words. */
static int grid_cols(const ui_t *ui, int w, bool *wide)
{
    int min_w = theme_px(&ui->theme, SUPPORT_CARD_MIN_W);
    int cols = ui->h > ui->w ? 1 : w / min_w;
    *wide = w >= 2 * min_w;
    return cols < 1 ? 1 : cols > SUPPORT_COLS_MAX ? SUPPORT_COLS_MAX : cols;
}

/* The height of the grid's first row, as card_grid() draws it when it fits room. */
static int first_row_height(app_t *app, ui_t *ui, const service_t *const *list, int n, int w,
                            int room)
{
    bool wide;
    int cols = grid_cols(ui, w, &wide);
    int in_row = n < cols ? n : cols;
    SDL_Rect row = {0, 0, w, 0};
    if (n > 0 && cols > 1 && wide && row_taller_than(app, ui, list, in_row, w, cols, room)) {
        return card_row(app, ui, list, 1, row, 1, true, false);
    }
    return n > 0 ? card_row(app, ui, list, in_row, row, cols, cols == 1 && wide, false) : 0;
}

/* The cards in rows of as many columns as fit (one in portrait, the codes beside the
 * words); returns the height. No card may be taller than a page: a row on the first page
 * has the view less the "More below" cue (first_h, from the grid's top), any later one the
 * view less both cues (page_h). A row of columns taller than that goes one card a row with
 * the code beside the words, which is shorter. */
static int card_grid(app_t *app, ui_t *ui, const service_t *const *list, int n, SDL_Rect at,
                     int first_h, int page_h)
{
    int gap = theme_px(&ui->theme, THEME_GAP);
    bool wide;
    int cols = grid_cols(ui, at.w, &wide);
    int y = at.y, last_h = 0;
    for (int first = 0; first < n;) {
        if (first > 0 && ui_scroll_defer(ui, y)) {
            /* a screen's first frame: the rows out of sight are laid out in the frame
             * after it (shaping every card first made Urdu's screen take 25 ms); until
             * then they count as tall as the last row */
            int rows = (n - first + cols - 1) / cols;
            y += rows * (last_h + gap);
            break;
        }
        int in_row = n - first < cols ? n - first : cols;
        SDL_Rect row = {at.x, y, at.w, 0};
        /* the first row must show on the first page: moved to the next it leaves the
         * first one with the words above and a gap; a row too tall goes one card a row */
        int room = first_h - (y - at.y);
        int limit = first > 0 && page_h > room ? page_h : room;
        int h;
        if (cols > 1 && wide && row_taller_than(app, ui, list + first, in_row, at.w, cols, limit)) {
            in_row = 1;
            h = card_row(app, ui, list + first, 1, row, 1, true, true);
        } else {
            h = card_row(app, ui, list + first, in_row, row, cols, cols == 1 && wide, true);
        }
        y += h + gap;
        last_h = h;
        first += in_row;
    }
    return n > 0 ? y - gap - at.y : 0;
}

static int print_width(const ui_t *ui, int w)
{
    int bw = theme_px(&ui->theme, SUPPORT_PRINT_W);
    return bw < w ? bw : w;
}

/* Height the print button takes with the gap above it in a column w wide (0: no printer,
 * or the button is in the title's row). */
static int print_height(app_t *app, ui_t *ui, int w, bool in_title)
{
    const theme_t *t = &ui->theme;
    if (!print_enabled(app->cfg) || in_title) {
        return 0;
    }
    return ui_button_height(ui, app_text(app, "support.print"), print_width(ui, w),
                            theme_px(t, SUPPORT_PRINT_H)) +
           theme_px(t, THEME_GAP);
}

/* The print button at the bottom of r, which it takes from r (nothing without a printer or
 * when it is in the title's row). */
static void print_button(app_t *app, ui_t *ui, SDL_Rect *r, bool in_title)
{
    int h = print_height(app, ui, r->w, in_title);
    if (h == 0) {
        return;
    }
    SDL_Rect nav = ui_cut_bottom(r, h);
    ui_cut_top(&nav, theme_px(&ui->theme, THEME_GAP)); /* the gap above the button */
    chrome_print_button(app, ui, "support.print", "support.print",
                        ui_cut_end(ui, &nav, print_width(ui, r->w)));
}

/* The title's row: the title at the reading start and, when a printer is set up, the
 * print button at the row's end, when that row is no taller than the title across the
 * width and the button's row under the list would be (a long title wraps beside it), so
 * the list keeps the height. Returns the row's height; *print_shown says where it went. */
static int title_row(app_t *app, ui_t *ui, SDL_Rect area, bool *print_shown)
{
    const theme_t *t = &ui->theme;
    ui_text_opts_t o = ui_title(ui);
    const char *title = app_text(app, "support.title"), *label = app_text(app, "support.print");
    *print_shown = false;
    if (!print_enabled(app->cfg)) {
        return ui_text(ui, "title", title, area, &o);
    }
    int gap = theme_px(t, THEME_GAP);
    /* the label on one line if it can be: half the row, or all the title leaves */
    int room = area.w - ui_text_width(ui, title, &o) - gap;
    room = room > area.w / 2 ? room : area.w / 2;
    int bw = ui_button_width(ui, label, print_width(ui, area.w), room);
    int th = ui_text_height(ui, title, area.w - bw - gap, &o);
    /* no taller than the title while a touch target, so the row costs the list nothing */
    int min_h = th < theme_px(t, SUPPORT_PRINT_H) ? th : theme_px(t, SUPPORT_PRINT_H);
    min_h = min_h > theme_px(t, THEME_TARGET_MIN) ? min_h : theme_px(t, THEME_TARGET_MIN);
    int bh = ui_button_height(ui, label, bw, min_h), row_h = th > bh ? th : bh;
    int apart = ui_text_height(ui, title, area.w, &o) + print_height(app, ui, area.w, false);
    if (row_h > apart) {
        return ui_text(ui, "title", title, area, &o);
    }
    *print_shown = true;
    SDL_Rect row = {area.x, area.y, area.w, row_h};
    SDL_Rect button = ui_cut_end(ui, &row, bw);
    button.y += (row_h - bh) / 2;
    button.h = bh;
    chrome_print_button(app, ui, "support.print", "support.print", button);
    ui_cut_end(ui, &row, gap);
    ui_text(ui, "title", title, (SDL_Rect){row.x, row.y + (row_h - th) / 2, row.w, 0}, &o);
    return row_h;
}

/* The screen's whole width inside its margins rather than the reading column: three
 * cards beside the emergency column need it. The title's row is drawn here, across it. */
static SDL_Rect wide_frame(app_t *app, ui_t *ui, bool *print_shown)
{
    const theme_t *t = &ui->theme;
    SDL_Rect column = chrome_frame(app, ui, NULL, "home");
    int margin = theme_px(t, THEME_MARGIN / 2);
    SDL_Rect area = {margin, column.y, ui->w - 2 * margin, column.h};
    int h = title_row(app, ui, area, print_shown);
    ui_cut_top(&area, h + theme_px(t, THEME_GAP * 2));
    return area;
}

static int body_text(app_t *app, ui_t *ui, SDL_Rect r, bool draw)
{
    ui_text_opts_t o = ui_body(ui);
    const char *text = app_text(app, "support.body");
    return draw ? ui_text(ui, "support.body", text, r, &o) : ui_text_height(ui, text, r.w, &o);
}

/* The emergency column: SUPPORT_SIDE_W, or wider when its page cues need it (their labels
 * stay on one line). */
static int side_width(ui_t *ui, int max)
{
    int w = theme_px(&ui->theme, SUPPORT_SIDE_W), inset = theme_px(&ui->theme, 8);
    const char *cues[] = {ui->more_label, ui->previous_label};
    for (size_t i = 0; i < sizeof cues / sizeof cues[0]; i++) {
        if (cues[i]) { /* the cue button, inset in the view's width */
            int need = ui_button_width(ui, cues[i], 0, max) + 2 * inset;
            w = need > w ? need : w;
        }
    }
    return w;
}

/* The emergency column's height w wide: its boxes and its "More below". */
static int column_height(app_t *app, ui_t *ui, const service_t *const *list, int n, int w)
{
    SDL_Rect at = {0, 0, chrome_scroll_width(ui, w), 0};
    return urgent_boxes(app, ui, list, n, at, false) + ui_cue_height(ui, w);
}

static void support_frame(app_t *app, ui_t *ui)
{
    const theme_t *t = &ui->theme;
    bool print_shown;
    SDL_Rect area = wide_frame(app, ui, &print_shown);
    const service_t *list[SERVICES_MAX];
    int n = services_for_support(&app->content->services,
                                 session_motivation_bits(&app->session), list, SERVICES_MAX);
    int urgent = 0;
    while (urgent < n && list[urgent]->urgent) {
        urgent++;
    }
    /* Landscape: the emergency numbers, then what to do, in a column at the reading start
     * (it scrolls on its own when the words are long), so the grid has the whole height
     * for a row of codes; at larger text the column widens until it holds the numbers. In
     * portrait, or when no column can hold them (the largest text in long scripts), they
     * go above the grid across the width and what to do at the top of the grid. */
    int side_w = side_width(ui, area.w), gap = theme_px(t, THEME_GAP);
    int min_w = theme_px(t, SUPPORT_CARD_MIN_W), bar = area.w - chrome_scroll_width(ui, area.w);
    int wide_w = area.w - 2 * min_w - bar - gap; /* the cards keep one code beside its words */
    bool landscape = ui->w > ui->h;
    bool side = landscape && area.w - side_w - gap >= SUPPORT_COLS_MAX * min_w;
    /* measured only where a column could be: in portrait it would shape the boxes twice */
    int column_h = side ? column_height(app, ui, list, urgent, side_w) : 0;
    side = side && column_h <= area.h;
    for (int w = side_w + min_w / 4; landscape && !side && w <= wide_w; w += min_w / 4) {
        /* the larger texts: the boxes are too tall for the column, and across the top they
         * leave the cards pages shorter than one. The narrowest wider column that holds
         * them, down to what leaves the cards one a row with their codes beside, gives
         * both the whole height. */
        column_h = column_height(app, ui, list, urgent, w);
        side = column_h <= area.h;
        side_w = side ? w : side_w;
    }
    /* the print button goes under the column when it fits there too, else under the grid:
     * taking the column away for it would leave the cards a strip too short for one */
    bool print_in_column = side && column_h + print_height(app, ui, side_w, print_shown) <= area.h;
    /* across the width above the grid while they leave it most of the height; else (the
     * largest text in long scripts) they scroll, first in the grid's view */
    bool above = !side && urgent_boxes(app, ui, list, urgent, (SDL_Rect){0, 0, area.w, 0},
                                       false) <= area.h / SUPPORT_URGENT_SHARE;
    if (side) {
        SDL_Rect column = ui_cut_start(ui, &area, side_w);
        ui_cut_start(ui, &area, gap);
        print_button(app, ui, print_in_column ? &column : &area, print_shown);
        SDL_Rect at = chrome_scroll_begin(ui, "support.side", column);
        int y = at.y + urgent_boxes(app, ui, list, urgent, at, true);
        y += y > at.y ? gap : 0;
        y += body_text(app, ui, (SDL_Rect){at.x, y, at.w, 0}, true);
        ui_scroll_end(ui, y - at.y);
    } else {
        print_button(app, ui, &area, print_shown);
    }
    if (above) {
        int h = urgent_boxes(app, ui, list, urgent, area, true);
        ui_cut_top(&area, h > 0 ? h + gap : 0);
    }
    SDL_Rect at = chrome_scroll_begin(ui, "support.list", area);
    int y = at.y + chrome_print_status(app, ui, at);
    if (!side && !above) {
        int h = urgent_boxes(app, ui, list, urgent, (SDL_Rect){at.x, y, at.w, 0}, true);
        y += h > 0 ? h + gap : 0;
    }
    /* a page between the "Previous" and "More below" cues, the first with no "Previous" */
    int cue = ui_cue_height(ui, area.w);
    /* what to do above the cards, unless then not one card fits the first page: the
     * page would hold those words alone; they go under the cards instead */
    int body_h = side ? 0 : body_text(app, ui, (SDL_Rect){at.x, y, at.w, 0}, false) + gap;
    int room = at.h - cue - (y - at.y);
    bool body_first = !side && body_h + first_row_height(app, ui, list + urgent, n - urgent,
                                                         at.w, room - body_h) <= room;
    if (body_first) {
        y += body_text(app, ui, (SDL_Rect){at.x, y, at.w, 0}, true) + gap;
    }
    y += card_grid(app, ui, list + urgent, n - urgent, (SDL_Rect){at.x, y, at.w, 0},
                   at.h - cue - (y - at.y), at.h - 2 * cue);
    if (!side && !body_first && !ui_scroll_defer(ui, y + gap)) {
        y += gap + body_text(app, ui, (SDL_Rect){at.x, y + gap, at.w, 0}, true);
    }
    ui_scroll_end(ui, y - at.y);
}

const screen_def_t SCREEN_SUPPORT = {"support", 0, NULL, support_frame, NULL};
