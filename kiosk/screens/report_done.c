/* done: the reference (large, on one line, spaced for reading aloud), what happens next
 * for these answers, QR codes chosen by the answers, print, and Finish, which asks once
 * "Have you noted your reference?". Reached only after the report core committed. */
#include "screens/screens_internal.h"
#include "screens/wizard.h"

#include "print/print.h"
#include "qr/qr_url.h"

#include <stdio.h>
#include <string.h>

#define DONE_CODES_MAX 2
#define DONE_NEXT_MAX 2048
#define DONE_CODES_SCALE_MAX 3 /* codes up to three times their smallest size when the page has room */
#define DONE_BUTTON_W 480
#define DONE_REFERENCE_SIZE (THEME_FONT_TITLE * 1.3)
#define DONE_REFERENCE_MIN_SIZE (THEME_FONT_BODY * 0.8)

/* "6RN-HRM-TPF" -> "6 R N - H R M - T P F": easy to read aloud and copy. */
static void spaced(const char *ref, char *out, size_t size)
{
    size_t n = 0;
    for (const char *p = ref; *p && n + 3 < size; p++) {
        if (n) {
            out[n++] = ' ';
        }
        out[n++] = *p;
    }
    out[n] = '\0';
}

/* ref with every letter and digit made W, the widest letter of the reference alphabet */
static void widest_like(const char *ref, char *out, size_t size)
{
    size_t n = 0;
    for (; ref[n] && n + 1 < size; n++) {
        out[n] = ref[n] == '-' ? '-' : 'W';
    }
    out[n] = '\0';
}

typedef struct done_code {
    char url[SERVICE_URL_MAX];
    const char *caption;
} done_code_t;

/* The codes to scan, chosen by the answers: the follow-up page for this reference when one
 * is configured, then the services that fit (services_for_answers()). Never personal. */
static int done_codes(const app_t *app, done_code_t *codes)
{
    const report_t *r = &app->session.report;
    int n = 0;
    char err[128];
    if (app->cfg->qr_follow_up_url[0] &&
        qr_url_expand(app->cfg->qr_follow_up_url, app->session.reference,
                      app->cfg->qr_allowed_hosts, codes[n].url, sizeof codes[n].url, err,
                      sizeof err)) {
        codes[n++].caption = app_text(app, "report.done.scan");
    }
    const service_t *list[SERVICES_MAX];
    int count = services_for_answers(&app->content->services, session_motivation_bits(&app->session),
                                     r->health_wants_support == REPORT_YES, r->consent_police,
                                     list, SERVICES_MAX);
    for (int i = 0; i < count && n < DONE_CODES_MAX; i++) {
        if (list[i]->url[0] && qr_url_check(list[i]->url, app->cfg->qr_allowed_hosts, err,
                                            sizeof err)) {
            snprintf(codes[n].url, sizeof codes[n].url, "%s", list[i]->url);
            codes[n++].caption = app_service_name(app, list[i]);
        }
    }
    return n;
}

static void add_line(char *out, size_t size, const char *line)
{
    size_t n = strlen(out);
    snprintf(out + n, size - n, "%s• %s", n ? "\n" : "", line);
}

/* What will happen for these answers, one short line each. */
static void next_text(const app_t *app, char *out, size_t size)
{
    const report_t *r = &app->session.report;
    bool named = r->contact_choice == REPORT_CONTACT_NAMED;
    out[0] = '\0';
    if (r->consent_police) {
        add_line(out, size, app_text(app, named ? "report.done.next.police_contact"
                                                : "report.done.next.police_anonymous"));
    } else {
        add_line(out, size, app_text(app, "report.done.next.no_police"));
    }
    const service_t *support = services_find(&app->content->services, app->cfg->support_service);
    if (r->consent_support && named && support) {
        char line[256], name[128];
        text_isolate(app_service_name(app, support), false, name, sizeof name);
        const char *names[] = {"service"};
        const char *values[] = {name};
        i18n_format(app_text(app, "report.done.next.support"), names, values, 1, line, sizeof line);
        add_line(out, size, line);
    }
    if (!named) {
        add_line(out, size, app_text(app, "report.done.next.anonymous"));
    }
    if (r->consent_statistics) {
        add_line(out, size, app_text(app, "report.done.next.statistics"));
    }
    if (r->health_wants_support == REPORT_YES) {
        add_line(out, size, app_text(app, "report.done.next.health"));
    }
    if (app->cfg->receiver_phone[0]) {
        char line[512];
        chrome_format(app, "report.done.next.quote", line, sizeof line);
        add_line(out, size, line);
    }
}

/* The reference's size and its box's height for a box w wide: the size the widest
 * reference of this length fits at (every letter made W), so the box, and the codes under
 * it, are where they are whatever letters this reference has (one of narrow letters at
 * full size pushed the codes below the fold). */
static int reference_fit(app_t *app, ui_t *ui, int w, ui_text_opts_t *fit)
{
    char widest[64], widest_spaced[64], widest_isolated[80];
    widest_like(app->session.reference, widest, sizeof widest);
    spaced(widest, widest_spaced, sizeof widest_spaced);
    text_isolate(widest_spaced, true, widest_isolated, sizeof widest_isolated);
    ui_text_opts_t big = ui_title(ui);
    big.align = TEXT_ALIGN_CENTER;
    big.size = DONE_REFERENCE_SIZE;
    int pad = theme_px(&ui->theme, THEME_GAP);
    *fit = big;
    fit->size = ui_text_size_to_fit(ui, widest_isolated, w - 2 * pad, &big,
                                    DONE_REFERENCE_MIN_SIZE);
    return ui_text_height(ui, widest_isolated, w - 2 * pad, fit) + 2 * pad;
}

/* The reference on one line, never wrapped or clipped; returns the box's height. */
static int reference_box(app_t *app, ui_t *ui, SDL_Rect at)
{
    const theme_t *t = &ui->theme;
    char ref[64], isolated[80];
    spaced(app->session.reference, ref, sizeof ref);
    text_isolate(ref, true, isolated, sizeof isolated); /* never reordered in RTL */
    ui_text_opts_t fit;
    SDL_Rect box = {at.x, at.y, at.w, reference_fit(app, ui, at.w, &fit)};
    int pad = theme_px(t, THEME_GAP);
    SDL_Rect in = ui_inset((SDL_Rect){at.x, at.y, at.w, 0}, pad);
    ui_fill(ui, box, t->colors.surface);
    ui_frame(ui, box, theme_px(t, 4), t->colors.primary);
    ui_text_one_line(ui, "report.done.reference", isolated, (SDL_Rect){in.x, at.y + pad, in.w, 0},
                     &fit, DONE_REFERENCE_MIN_SIZE);
    return box.h;
}

/* The answers' codes: beside the text in landscape, under it in portrait, scale times the
 * smallest size. */
static int codes_row(app_t *app, ui_t *ui, SDL_Rect at, const done_code_t *codes, int n,
                     int scale)
{
    int gap = theme_px(&ui->theme, THEME_GAP);
    int h = 0;
    for (int i = 0; i < n; i++) {
        char id[UI_ID_MAX];
        snprintf(id, sizeof id, i == 0 ? "report.done.qr" : "report.done.qr.%d", i + 1);
        SDL_Rect cell = ui_grid_cell(ui, (SDL_Rect){at.x, at.y, at.w, 0}, n, 1, i, gap);
        int used = chrome_qr_scaled(app, ui, id, codes[i].url, codes[i].caption, cell, scale);
        h = used > h ? used : h;
    }
    return h;
}

/* Portrait leaves the lower half empty under codes of the smallest size: the largest
 * whole multiple of it, up to DONE_CODES_SCALE_MAX, at which they, their captions and hosts
 * still fit a page of view_h after used (the content above them, measured from its top, so
 * scrolling never changes the choice). */
static int codes_scale(app_t *app, ui_t *ui, const done_code_t *codes, int n, SDL_Rect at,
                       int used, int view_h)
{
    int gap = theme_px(&ui->theme, THEME_GAP);
    int side = n > 0 ? chrome_qr_side(app, ui, codes[0].url) : 0;
    int cell_w = n > 0 ? (at.w - (n - 1) * gap) / n : 0;
    ui_text_opts_t body = ui_body(ui);
    int captions = 2 * ui_text_height(ui, "Ag", cell_w, &body) + theme_px(&ui->theme, 8);
    int scale = 1;
    while (side > 0 && scale < DONE_CODES_SCALE_MAX && (scale + 1) * side <= cell_w &&
           used + (scale + 1) * side + captions <= view_h) {
        scale++;
    }
    return scale;
}

static void finish_confirm(app_t *app, ui_t *ui)
{
    const theme_t *t = &ui->theme;
    session_t *s = &app->session;
    ui_modal_begin(ui);
    ui_fill(ui, (SDL_Rect){0, 0, ui->w, ui->h}, t->colors.background);
    chrome_quick_exit(app, ui); /* above the overlay too */
    SDL_Rect area = ui_inset((SDL_Rect){0, 0, ui->w, ui->h}, theme_px(t, THEME_MARGIN));
    area.y += theme_px(t, 140);
    area.h -= theme_px(t, 140);
    area = chrome_column(ui, area);
    ui_text_opts_t title = ui_title(ui);
    area.y += ui_text(ui, "title", app_text(app, "report.done.confirm.title"), area, &title) +
              theme_px(t, THEME_GAP);
    ui_text_opts_t body = ui_body(ui);
    area.y += ui_text(ui, "report.done.confirm.body", app_text(app, "report.done.confirm.body"),
                      area, &body) +
              theme_px(t, THEME_GAP);
    area.y += reference_box(app, ui, area) + theme_px(t, THEME_GAP * 2);
    int gap = theme_px(t, THEME_GAP);
    bool printer = print_enabled(app->cfg);
    int n = printer ? 3 : 2;
    bool stacked = ui->h > ui->w || area.w < theme_px(t, 1300);
    int bw = stacked ? area.w : (area.w - (n - 1) * gap) / n;
    int bh = theme_px(t, 130);
    static const char *const KEYS[] = {"report.done.finish_confirm", "report.done.confirm.show",
                                       "report.done.confirm.print"};
    for (int i = 0; i < 3; i++) {
        bh = ui_button_height(ui, app_text(app, KEYS[i]), bw, bh);
    }
    SDL_Rect grid = {area.x, area.y, area.w, stacked ? n * bh + (n - 1) * gap : bh};
    int cols = stacked ? 1 : n, rows = stacked ? n : 1;
    if (ui_button(ui, "report.done.finish_confirm", app_text(app, KEYS[0]),
                  ui_grid_cell(ui, grid, cols, rows, 0, gap), UI_BUTTON_PRIMARY, true)) {
        app_end_session(app);
        return;
    }
    if (ui_button(ui, "report.done.confirm.show", app_text(app, KEYS[1]),
                  ui_grid_cell(ui, grid, cols, rows, 1, gap), UI_BUTTON_SECONDARY, true)) {
        s->finish_confirm = false;
    }
    if (printer && chrome_print_button(app, ui, "report.done.confirm.print", KEYS[2],
                                       ui_grid_cell(ui, grid, cols, rows, 2, gap))) {
        s->finish_confirm = !app->print_requested; /* printing: back to the screen */
    }
}

/* The reference with its label; returns the height used. */
static int reference_block(app_t *app, ui_t *ui, SDL_Rect at)
{
    ui_text_opts_t label = ui_body(ui);
    int h = ui_text(ui, "", app_text(app, "report.done.reference"), at, &label) +
            theme_px(&ui->theme, 12);
    return h + reference_box(app, ui, (SDL_Rect){at.x, at.y + h, at.w, 0});
}

/* The heights reference_block() + codes_row() and next_block() take at width w, measured
 * without drawing. */
static int reference_label_height(app_t *app, ui_t *ui, int w)
{
    ui_text_opts_t label = ui_body(ui);
    return ui_text_height(ui, app_text(app, "report.done.reference"), w, &label) +
           theme_px(&ui->theme, 12);
}

static int reference_height(app_t *app, ui_t *ui, int w)
{
    ui_text_opts_t fit;
    return reference_label_height(app, ui, w) + reference_fit(app, ui, w, &fit);
}

static int codes_height(app_t *app, ui_t *ui, int w, const done_code_t *codes, int n)
{
    ui_text_opts_t body = ui_body(ui);
    int gap = theme_px(&ui->theme, THEME_GAP);
    int cell_w = n > 0 ? (w - (n - 1) * gap) / n : 0;
    int h = 0;
    for (int i = 0; i < n; i++) {
        int c = chrome_qr_side(app, ui, codes[i].url) + theme_px(&ui->theme, 8) +
                ui_text_height(ui, codes[i].caption, cell_w, &body) +
                ui_text_height(ui, codes[i].url, cell_w, &body);
        h = c > h ? c : h;
    }
    return h;
}

static int max_int(int a, int b)
{
    return a > b ? a : b;
}

static int next_height(app_t *app, ui_t *ui, int w)
{
    int gap = theme_px(&ui->theme, THEME_GAP);
    ui_text_opts_t heading = ui_body(ui), body = ui_body(ui);
    heading.bold = true;
    char next[DONE_NEXT_MAX];
    next_text(app, next, sizeof next);
    return ui_text_height(ui, app_text(app, "report.done.next.title"), w, &heading) + gap / 2 +
           ui_text_height(ui, next, w, &body) + gap;
}

/* "What happens next" and its lines; returns the height used. */
static int next_block(app_t *app, ui_t *ui, SDL_Rect at)
{
    int gap = theme_px(&ui->theme, THEME_GAP);
    ui_text_opts_t heading = ui_body(ui);
    heading.bold = true;
    int h = ui_text(ui, "", app_text(app, "report.done.next.title"), at, &heading) + gap / 2;
    char next[DONE_NEXT_MAX];
    next_text(app, next, sizeof next);
    ui_text_opts_t body = ui_body(ui);
    return h + ui_text(ui, "report.done.next", next, (SDL_Rect){at.x, at.y + h, at.w, 0}, &body) +
           gap;
}

/* With a member of staff helping (issue 19): what they do next, in English (staff
 * strings are English only), with where to record it from the site's [staff] record_where.
 * Returns the height used (0 for a person alone). */
static int staff_block(app_t *app, ui_t *ui, SDL_Rect at)
{
    if (!app->session.report.assisted_by[0]) {
        return 0;
    }
    int gap = theme_px(&ui->theme, THEME_GAP);
    ui_text_opts_t heading = ui_body(ui);
    heading.bold = true;
    int h = ui_text(ui, "staff.done.title", app_text(app, "staff.done.title"), at, &heading) +
            gap / 2;
    char text[DONE_NEXT_MAX] = "", record[512];
    add_line(text, sizeof text, app_text(app, "staff.done.slip"));
    add_line(text, sizeof text, app_text(app, "staff.done.support"));
    const char *where = app->cfg->staff_record_where;
    if (where[0]) {
        const char *names[] = {"where"};
        const char *values[] = {where};
        i18n_format(app_text(app, "staff.done.record"), names, values, 1, record, sizeof record);
        add_line(text, sizeof text, record);
    } else {
        add_line(text, sizeof text, app_text(app, "staff.done.record_unset"));
    }
    ui_text_opts_t body = ui_body(ui);
    return h + ui_text(ui, "staff.done", text, (SDL_Rect){at.x, at.y + h, at.w, 0}, &body) + gap;
}

/* The height of the Finish / Print row for buttons bw wide. */
static int done_nav_height(app_t *app, ui_t *ui, int bw)
{
    int h = ui_button_height(ui, app_text(app, "report.done.finish"), bw, theme_px(&ui->theme, 130));
    return ui_button_height(ui, app_text(app, "report.done.print"), bw, h);
}

static void done_frame(app_t *app, ui_t *ui)
{
    const theme_t *t = &ui->theme;
    int gap = theme_px(t, THEME_GAP);
    const char *title_scrolls; /* a tall title (Tamil at the largest size) scrolls */
    SDL_Rect area = chrome_frame_scrolling(app, ui, "report.done.title", NULL, &title_scrolls);
    int bw = theme_px(t, DONE_BUTTON_W) < area.w / 2 ? theme_px(t, DONE_BUTTON_W) : area.w / 2;
    int nav_h = done_nav_height(app, ui, bw);
    if (nav_h > theme_px(t, 130)) {
        /* labels that wrap (Tamil at the largest text) take half the width each rather than
         * the height the reference and its codes need */
        bw = (area.w - gap) / 2;
        nav_h = done_nav_height(app, ui, bw);
    }
    SDL_Rect nav = ui_cut_bottom(&area, nav_h);
    ui_cut_bottom(&area, gap);
    done_code_t codes[DONE_CODES_MAX];
    int n = done_codes(app, codes);
    bool portrait = ui->h > ui->w;
    SDL_Rect at = chrome_scroll_begin(ui, "report.done.scroll", area);
    int top = at.y;
    at.y += chrome_scrolled_title(ui, title_scrolls, at);
    at.y += chrome_print_status(app, ui, at); /* first, where it is seen */
    SDL_Rect right = {at.x, at.y, at.w, 0};
    SDL_Rect left = ui_cut_start(ui, &right, at.w * 9 / 20);
    ui_cut_start(ui, &right, gap * 2);
    /* two columns only when both fit the page: a page edge across two columns whose rows
     * interleave cuts something in one or the other wherever it goes, and moved up past
     * all of them it left the headings alone on the page */
    /* the page, less the pager strip it has when the rest goes on another page */
    int room = area.h - ui_cue_height(ui, area.w) - (at.y - top);
    int ref_h = reference_height(app, ui, left.w);
    int codes_h = codes_height(app, ui, left.w, codes, n);
    bool columns = !portrait && ref_h + theme_px(t, THEME_GAP) + codes_h <= room &&
                   next_height(app, ui, right.w) <= room;
    bool row = !portrait && max_int(ref_h, codes_height(app, ui, right.w, codes, n)) <= room;
    if (columns) { /* landscape: the reference and its codes, what happens next beside */
        int hl = reference_block(app, ui, left) + gap;
        hl += codes_row(app, ui, (SDL_Rect){left.x, left.y + hl, left.w, 0}, codes, n, 1);
        int hr = next_block(app, ui, right);
        at.y += hl > hr ? hl : hr;
        /* across the width, under both columns: a view edge then never falls in one
         * column's code and the other's words at once */
        at.y += staff_block(app, ui, at);
    } else if (row) { /* the reference with its codes beside it, then the lines */
        int hl = reference_block(app, ui, left);
        int hc = codes_row(app, ui, right, codes, n, 1);
        at.y += (hl > hc ? hl : hc) + gap;
        at.y += next_block(app, ui, at);
        at.y += staff_block(app, ui, at);
    } else if (!portrait) { /* a page each, if need be: the reference, its codes, the lines */
        at.y += reference_block(app, ui, left) + gap;
        at.y += codes_row(app, ui, at, codes, n, 1) + gap;
        at.y += next_block(app, ui, at);
        at.y += staff_block(app, ui, at);
    } else {
        at.y += reference_block(app, ui, at) + gap;
        at.y += next_block(app, ui, at);
        at.y += staff_block(app, ui, at);
        at.y += codes_row(app, ui, at, codes, n,
                          codes_scale(app, ui, codes, n, at, at.y - top, area.h));
    }
    ui_scroll_end(ui, at.y - top);
    if (ui_button(ui, "report.done.finish", app_text(app, "report.done.finish"),
                  ui_cut_end(ui, &nav, bw), UI_BUTTON_PRIMARY, true)) {
        app->session.finish_confirm = true;
    }
    ui_cut_end(ui, &nav, gap);
    chrome_print_button(app, ui, "report.done.print", "report.done.print",
                        ui_cut_end(ui, &nav, bw));
    if (app->session.finish_confirm) {
        finish_confirm(app, ui);
    }
}

const screen_def_t SCREEN_REPORT_DONE = {"report.done", 0, NULL, done_frame, NULL};
