#include "print/slip.h"

#include "qr/qr.h"
#include "qr/qr_url.h"

#include <stdio.h>
#include <string.h>

/* Sizes in printer dots (8 per mm): the same physical size on 58 and 80 mm paper. */
#define SLIP_PX_SMALL 20
#define SLIP_PX_BODY 24
#define SLIP_PX_HEADING 28
#define SLIP_PX_REFERENCE 56
#define SLIP_GAP 12
#define SLIP_SECTION_GAP 24
#define SLIP_RULE_DOTS 2
#define SLIP_SIDE_BY_SIDE_MIN 512 /* narrower paper stacks each QR under its text */
#define SLIP_TEXT_MAX 1024

/* Drawing state. The slip is laid out twice with the same code: first with dst NULL to
 * measure its height, then into a surface of exactly that height. */
typedef struct pen {
    text_engine_t *text;
    const i18n_t *i18n;
    const slip_content_t *c;
    SDL_Surface *dst; /* NULL while measuring */
    int width, margin;
    bool rtl;            /* the person's language runs right to left */
    slip_stats_t *stats; /* counted while drawing only */
    const char *error;   /* first failure, or NULL */
    /* slip_words(): each line's words collected here (NULL otherwise), except the English
     * repeats of a bilingual slip (repeat set while they are laid out) */
    char *words;
    size_t words_size;
    bool repeat;
} pen_t;

/* A column of the slip: text flows down it. */
typedef struct column {
    int x, w, y;
} column_t;

static const SDL_Color BLACK = {0, 0, 0, 255};

static bool english_too(const pen_t *p)
{
    return p->c->bilingual && strcmp(p->c->lang, "en") != 0;
}

/* Lays out utf8 and (when drawing) draws it at the column's y; advances y. */
static void pen_text(pen_t *p, column_t *col, const char *utf8, const char *lang, int px, bool bold,
                     text_align_t align)
{
    if (p->error || utf8[0] == '\0') {
        return;
    }
    text_style_t style = {.px = px, .bold = bold, .align = align, .max_lines = 0};
    const text_layout_t *l = text_layout(p->text, utf8, lang, &style, col->w);
    if (!l) {
        p->error = "the text engine could not lay out a line";
        return;
    }
    if (p->dst) {
        text_draw_to_surface(p->text, l, p->dst, col->x, col->y, col->w, BLACK);
        p->stats->layouts++;
        p->stats->overflows += text_layout_width(l) > col->w;
        p->stats->missing_glyphs += text_layout_missing_glyphs(l);
    }
    col->y += text_layout_height(l);
    if (p->words && !p->repeat) {
        size_t n = strlen(p->words);
        snprintf(p->words + n, p->words_size - n, "%s%s", n ? "\n" : "", utf8);
    }
}

/* A catalog string in the person's language, then (with english) in English beneath it,
 * smaller, when the slip is bilingual and the two differ. Placeholders are filled in
 * both. A string not translated yet is English: it is laid out as English (so English
 * fonts draw it) and printed once. */
static void pen_say_in(pen_t *p, column_t *col, const char *key, const char *const *names,
                       const char *const *values, size_t n, int px, bool bold, text_align_t align,
                       bool english)
{
    char text[SLIP_TEXT_MAX], english_text[SLIP_TEXT_MAX];
    const char *mine = i18n_text(p->i18n, p->c->lang, key);
    const char *en = i18n_text(p->i18n, "en", key);
    if (strcmp(mine, key) == 0) {
        return; /* no such string (an optional description): leave it out */
    }
    bool same = strcmp(mine, en) == 0;
    i18n_format(mine, names, values, n, text, sizeof text);
    pen_text(p, col, text, same ? "en" : p->c->lang, px, bold, align);
    if (english && english_too(p) && !same) {
        i18n_format(en, names, values, n, english_text, sizeof english_text);
        p->repeat = true; /* printed for an English reader; read aloud once, in the language */
        pen_text(p, col, english_text, "en", px * 5 / 6, bold, align);
        p->repeat = false;
    }
}

static void pen_say(pen_t *p, column_t *col, const char *key, const char *const *names,
                    const char *const *values, size_t n, int px, bool bold, text_align_t align)
{
    pen_say_in(p, col, key, names, values, n, px, bold, align, true);
}

static void pen_rule(pen_t *p, column_t *col)
{
    col->y += SLIP_GAP;
    if (p->dst) {
        SDL_Rect r = {col->x, col->y, col->w, SLIP_RULE_DOTS};
        SDL_FillRect(p->dst, &r, SDL_MapRGB(p->dst->format, 0, 0, 0));
    }
    col->y += SLIP_RULE_DOTS + SLIP_GAP;
}

/* Dots per module: whole dots only (so every module prints the same), at least
 * SLIP_QR_MIN_MM across and SLIP_QR_MIN_MODULE_DOTS per module. */
static int qr_module_dots(const qr_code_t *qr)
{
    int min_dots = SLIP_QR_MIN_MM * SLIP_DOTS_PER_MM;
    int scale = (min_dots + qr->size - 1) / qr->size;
    return scale < SLIP_QR_MIN_MODULE_DOTS ? SLIP_QR_MIN_MODULE_DOTS : scale;
}

static void pen_qr_modules(pen_t *p, const qr_code_t *qr, int x, int y, int scale)
{
    if (!p->dst) {
        return;
    }
    Uint32 black = SDL_MapRGB(p->dst->format, 0, 0, 0);
    for (int my = 0; my < qr->size; my++) {
        for (int mx = 0; mx < qr->size; mx++) {
            if (qr_code_dark(qr, mx, my)) {
                SDL_Rect r = {x + mx * scale, y + my * scale, scale, scale};
                SDL_FillRect(p->dst, &r, black);
            }
        }
    }
    p->stats->qr_codes++;
    p->stats->qr_module_dots = scale;
}

/* The URL's host, small, so a person can see where a code leads before scanning it. */
static void pen_host(pen_t *p, column_t *col, const char *url, text_align_t align)
{
    char host[QR_HOST_MAX] = "";
    if (qr_url_host(url, host, sizeof host)) {
        pen_text(p, col, host, "en", SLIP_PX_SMALL, false, align);
    }
}

/* Draws qr with its top-left at (x, col->y); advances the column below it. */
static void pen_qr(pen_t *p, column_t *col, const qr_code_t *qr, int x)
{
    int scale = qr_module_dots(qr);
    pen_qr_modules(p, qr, x, col->y, scale);
    col->y += qr->size * scale;
}

static qr_code_t *service_qr(pen_t *p, const char *url)
{
    char why[256];
    if (!url || url[0] == '\0' || !qr_url_check(url, p->c->allowed_hosts, why, sizeof why)) {
        return NULL; /* not allowed: the phone number still prints */
    }
    return qr_code_create(url, QR_ECC_M, why, sizeof why);
}

/* Name, numbers, hours and description of a service. The name is a proper name and
 * numbers read the same in every language, so only the description is given twice. */
static void pen_service_text(pen_t *p, column_t *col, const service_t *sv)
{
    char number[64];
    if (sv->name_key[0]) { /* a name that is not a proper name is translated */
        pen_say_in(p, col, sv->name_key, NULL, NULL, 0, SLIP_PX_BODY, true, TEXT_ALIGN_START,
                   false);
    } else {
        pen_text(p, col, sv->name, "en", SLIP_PX_BODY, true, TEXT_ALIGN_START);
    }
    const char *names[] = {"phone", "number", "hours"};
    if (sv->phone[0] && text_isolate(sv->phone, true, number, sizeof number)) {
        const char *v[] = {number};
        pen_say_in(p, col, "support.phone", names, v, 1, SLIP_PX_BODY, true, TEXT_ALIGN_START,
                   false);
    }
    if (sv->text_number[0] && text_isolate(sv->text_number, true, number, sizeof number)) {
        const char *v[] = {number};
        pen_say_in(p, col, "support.text", names + 1, v, 1, SLIP_PX_BODY, false, TEXT_ALIGN_START,
                   false);
    }
    char hours[sizeof sv->hours + 8];
    if (sv->hours_key[0]) {
        pen_say_in(p, col, sv->hours_key, NULL, NULL, 0, SLIP_PX_SMALL, false, TEXT_ALIGN_START,
                   false);
    }
    /* Plain-text hours (older services.ini) are English data: isolated so an Urdu
     * sentence does not reorder them. */
    if (sv->hours[0] && text_isolate(sv->hours, true, hours, sizeof hours)) {
        const char *v[] = {hours};
        pen_say_in(p, col, "support.hours", names + 2, v, 1, SLIP_PX_SMALL, false, TEXT_ALIGN_START,
                   false);
    }
    pen_say(p, col, sv->description_key, NULL, NULL, 0, SLIP_PX_SMALL, false, TEXT_ALIGN_START);
}

static void pen_service(pen_t *p, column_t *col, const service_t *sv)
{
    qr_code_t *qr = service_qr(p, sv->url);
    int side = qr ? qr->size * qr_module_dots(qr) : 0;
    if (qr && p->width >= SLIP_SIDE_BY_SIDE_MIN) {
        /* QR on the reading-start side, text beside it. */
        int text_w = col->w - side - SLIP_GAP;
        int qr_x = p->rtl ? col->x + col->w - side : col->x;
        int text_x = p->rtl ? col->x : col->x + side + SLIP_GAP;
        column_t text = {text_x, text_w, col->y}, code = {qr_x, side, col->y};
        pen_service_text(p, &text, sv);
        /* Beside the code, where a long host name has room (under it, it would not). */
        pen_host(p, &text, sv->url, TEXT_ALIGN_START);
        pen_qr(p, &code, qr, qr_x);
        col->y = text.y > code.y ? text.y : code.y;
    } else {
        pen_service_text(p, col, sv);
        if (qr) {
            col->y += SLIP_GAP / 2;
            pen_qr(p, col, qr, col->x + (col->w - side) / 2);
            pen_host(p, col, sv->url, TEXT_ALIGN_CENTER);
        }
    }
    qr_code_destroy(qr);
    col->y += SLIP_SECTION_GAP;
}

static void pen_header(pen_t *p, column_t *col)
{
    const slip_content_t *c = p->c;
    if (c->test) {
        pen_say(p, col, "slip.test", NULL, NULL, 0, SLIP_PX_HEADING, true, TEXT_ALIGN_CENTER);
        col->y += SLIP_GAP;
    }
    pen_text(p, col, c->site_name, "en", SLIP_PX_BODY, true, TEXT_ALIGN_CENTER);
    char date[64];
    text_isolate(c->date, true, date, sizeof date);
    const char *date_label = i18n_text(p->i18n, c->lang, "slip.date");
    char line[SLIP_TEXT_MAX];
    snprintf(line, sizeof line, "%s: %s", date_label, date);
    pen_text(p, col, line, c->lang, SLIP_PX_BODY, false, TEXT_ALIGN_CENTER);
    pen_rule(p, col);
}

static void pen_reference(pen_t *p, column_t *col)
{
    const slip_content_t *c = p->c;
    if (!c->reference || c->reference[0] == '\0') {
        return;
    }
    pen_say(p, col, "slip.reference", NULL, NULL, 0, SLIP_PX_HEADING, true, TEXT_ALIGN_CENTER);
    col->y += SLIP_GAP / 2;
    /* The reference is Latin letters and digits: laid out as English so it is never
     * reordered or shaped, and bold and large so it can be read out on the phone. */
    pen_text(p, col, c->reference, "en", SLIP_PX_REFERENCE, true, TEXT_ALIGN_CENTER);
    col->y += SLIP_GAP;
    pen_rule(p, col);
}

static void pen_follow_up(pen_t *p, column_t *col)
{
    const char *url = p->c->follow_up_url;
    qr_code_t *qr = service_qr(p, url);
    if (!qr) {
        return;
    }
    pen_say(p, col, "slip.follow_up", NULL, NULL, 0, SLIP_PX_BODY, true, TEXT_ALIGN_CENTER);
    col->y += SLIP_GAP / 2;
    pen_qr(p, col, qr, col->x + (col->w - qr->size * qr_module_dots(qr)) / 2);
    pen_host(p, col, url, TEXT_ALIGN_CENTER);
    qr_code_destroy(qr);
    pen_rule(p, col);
}

#define SLIP_DISCREET_PHONES 2

/* The discreet slip: what anyone may see over a shoulder. */
static void pen_discreet(pen_t *p, column_t *col)
{
    const slip_content_t *c = p->c;
    if (c->test) {
        pen_say(p, col, "slip.test", NULL, NULL, 0, SLIP_PX_HEADING, true, TEXT_ALIGN_CENTER);
    }
    pen_say(p, col, "slip.discreet.title", NULL, NULL, 0, SLIP_PX_HEADING, true,
            TEXT_ALIGN_CENTER);
    pen_rule(p, col);
    pen_reference(p, col);
    qr_code_t *qr = NULL;
    const char *url = c->follow_up_url;
    for (int i = 0; !(qr = service_qr(p, url)) && i < c->service_count; i++) {
        url = c->services[i]->url;
    }
    if (qr) {
        pen_qr(p, col, qr, col->x + (col->w - qr->size * qr_module_dots(qr)) / 2);
        pen_host(p, col, url, TEXT_ALIGN_CENTER);
        qr_code_destroy(qr);
        col->y += SLIP_GAP;
    }
    pen_say(p, col, "slip.discreet.help", NULL, NULL, 0, SLIP_PX_BODY, true, TEXT_ALIGN_START);
    for (int i = 0, shown = 0; i < c->service_count && shown < SLIP_DISCREET_PHONES; i++) {
        const service_t *sv = c->services[i];
        if (sv->phone[0]) {
            char line[SLIP_TEXT_MAX], phone[64];
            text_isolate(sv->phone, true, phone, sizeof phone);
            snprintf(line, sizeof line, "%s: %s",
                     sv->name_key[0] ? i18n_text(p->i18n, "en", sv->name_key) : sv->name, phone);
            pen_text(p, col, line, "en", SLIP_PX_BODY, false, TEXT_ALIGN_START);
            shown++;
        }
    }
    pen_rule(p, col);
    pen_say(p, col, "slip.keep_safe", NULL, NULL, 0, SLIP_PX_SMALL, false, TEXT_ALIGN_CENTER);
}

/* Lays out the whole slip; returns its height in dots. */
static int pen_slip(pen_t *p)
{
    column_t col = {p->margin, p->width - 2 * p->margin, p->margin};
    text_engine_begin_frame(p->text);
    if (p->c->discreet) {
        pen_discreet(p, &col);
        return col.y + p->margin;
    }
    pen_header(p, &col);
    pen_reference(p, &col);
    pen_follow_up(p, &col);
    if (p->c->service_count > 0) {
        pen_say(p, &col, "slip.support", NULL, NULL, 0, SLIP_PX_HEADING, true, TEXT_ALIGN_START);
        col.y += SLIP_GAP;
    }
    for (int i = 0; i < p->c->service_count && i < SLIP_SERVICES_MAX; i++) {
        pen_service(p, &col, p->c->services[i]);
    }
    pen_rule(p, &col);
    pen_say(p, &col, "slip.keep_safe", NULL, NULL, 0, SLIP_PX_SMALL, false, TEXT_ALIGN_CENTER);
    return col.y + p->margin;
}

print_raster_t *slip_render(text_engine_t *text, const i18n_t *i18n, const slip_content_t *c,
                            int width_dots, slip_stats_t *stats, char *err, size_t err_size)
{
    slip_stats_t local;
    stats = stats ? stats : &local;
    memset(stats, 0, sizeof *stats);
    int width = (width_dots + 7) / 8 * 8;
    if (width < 128 || width > PRINT_RASTER_WIDTH_MAX) {
        snprintf(err, err_size, "slip width %d dots is out of range", width_dots);
        return NULL;
    }
    pen_t p = {.text = text,
               .i18n = i18n,
               .c = c,
               .width = width,
               .margin = width / 24,
               .rtl = c->rtl,
               .stats = stats};
    int height = pen_slip(&p);
    if (p.error || height > PRINT_RASTER_HEIGHT_MAX) {
        snprintf(err, err_size, "slip: %s", p.error ? p.error : "too long to print");
        return NULL;
    }
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, width, height, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s) {
        snprintf(err, err_size, "slip surface: %s", SDL_GetError());
        return NULL;
    }
    SDL_FillRect(s, NULL, SDL_MapRGB(s->format, 255, 255, 255));
    p.dst = s;
    pen_slip(&p);
    print_raster_t *r = p.error ? NULL : print_raster_from_surface(s);
    SDL_FreeSurface(s);
    if (!r) {
        snprintf(err, err_size, "slip: %s", p.error ? p.error : "out of memory");
    }
    return r;
}

bool slip_words(text_engine_t *text, const i18n_t *i18n, const slip_content_t *c, int width_dots,
                char *out, size_t size, char *err, size_t err_size)
{
    slip_stats_t stats;
    int width = (width_dots + 7) / 8 * 8;
    if (size == 0 || width < 128 || width > PRINT_RASTER_WIDTH_MAX) {
        snprintf(err, err_size, "slip width %d dots is out of range", width_dots);
        return false;
    }
    out[0] = '\0';
    pen_t p = {.text = text, .i18n = i18n, .c = c, .width = width, .margin = width / 24,
               .rtl = c->rtl, .stats = &stats, .words = out, .words_size = size};
    pen_slip(&p); /* measuring: the same layout as printed, nothing drawn */
    if (p.error) {
        snprintf(err, err_size, "slip: %s", p.error);
        return false;
    }
    return true;
}

void slip_format_date(time_t when, char out[SLIP_DATE_MAX])
{
    struct tm tm;
    localtime_r(&when, &tm);
    strftime(out, SLIP_DATE_MAX, "%Y-%m-%d", &tm);
}
