/* The chart for the partnership's meetings: reports per month for each motivation, as
 * small multiples (one panel per motivation, the same scale in every panel, so panels
 * compare at a glance and no line hides another), drawn with cairo straight to PNG.
 *
 * cairo rather than gnuplot: it is a library called from C (no second program to find
 * and run, no script language to escape labels for, no temporary data file holding the
 * counts), draws anti-aliased shapes and text through fontconfig, and the same drawing
 * code writes SVG or PDF (cairo_svg_surface_create) should a trust ask for one.
 *
 * Suppression is the CSV's (kr_stats_suppress): an exact count is a solid bar with its
 * number; "<5" a pale bar to the 5 line marked "<5" (its height means "fewer than 5", not
 * a value); "[c]" no bar, a "c" on the axis; a true zero a "0" on the axis. */
#include "cli/kiosk_reports_stats.h"

#include <cairo.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define KR_CHART_W 1280
#define KR_CHART_H 760
#define KR_CHART_MARGIN 40
#define KR_CHART_TITLE_H 70
#define KR_CHART_FOOT_H 50
#define KR_CHART_COLS_MAX 3
#define KR_CHART_PANEL_PAD_TOP 34    /* the panel's title */
#define KR_CHART_PANEL_PAD_BOTTOM 40 /* month labels */
#define KR_CHART_PANEL_PAD_LEFT 36   /* scale labels */
#define KR_CHART_PANEL_GAP 24

/* Okabe-Ito colours (distinguishable with colour-blindness), then two more. */
static const double KR_PALETTE[REPORT_MOTIVATION_COUNT][3] = {
    {0.00, 0.45, 0.70}, {0.84, 0.37, 0.00}, {0.00, 0.62, 0.45}, {0.80, 0.47, 0.65},
    {0.90, 0.62, 0.00}, {0.34, 0.71, 0.91}, {0.20, 0.20, 0.20}, {0.75, 0.68, 0.10},
    {0.55, 0.34, 0.16}, {0.50, 0.50, 0.50}};

static const char *const KR_MONTH_NAMES[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

typedef struct kr_chart {
    cairo_t *cr;
    const kr_stats_t *s;
    const kr_stats_view_t *v;
    double y_max;
} kr_chart_t;

typedef struct kr_panel {
    double x, y, w, h; /* the plot area inside the panel */
} kr_panel_t;

static void kr_chart_text(cairo_t *cr, double x, double y, const char *text, double size,
                          double align)
{
    cairo_text_extents_t ext;
    cairo_set_font_size(cr, size);
    cairo_text_extents(cr, text, &ext);
    cairo_move_to(cr, x - ext.width * align - ext.x_bearing, y);
    cairo_show_text(cr, text);
}

/* The count of motivation m in month index i, and how it may be shown. */
static kr_cell_state_t kr_chart_cell(const kr_chart_t *c, int m, int i, long *count)
{
    const kr_table_t *t = &c->s->by_month[m];
    const char *month = c->s->tables[KR_TABLE_MONTH].labels[i];
    for (int j = 0; j < t->count; j++) {
        if (strcmp(t->labels[j], month) == 0) {
            *count = t->counts[j];
            return c->v->by_month[m][j];
        }
    }
    *count = 0;
    return KR_CELL_SHOWN;
}

static double kr_chart_nice_max(long max)
{
    static const double STEPS[] = {10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000};
    for (size_t i = 0; i < sizeof STEPS / sizeof STEPS[0]; i++) {
        if (max <= STEPS[i]) {
            return STEPS[i];
        }
    }
    return ceil((double)max / 10000.0) * 10000.0;
}

static double kr_panel_y(const kr_chart_t *c, const kr_panel_t *p, double value)
{
    return p->y + p->h * (1.0 - value / c->y_max);
}

static void kr_panel_frame(kr_chart_t *c, const kr_panel_t *p, int m)
{
    cairo_t *cr = c->cr;
    char label[REPORT_CODE_MAX + 32], num[32];
    const kr_table_t *mot = &c->s->tables[KR_TABLE_MOTIVATION];
    snprintf(label, sizeof label, "%s", REPORT_MOTIVATION_CODES[m]);
    for (char *q = label; *q; q++) {
        *q = *q == '_' ? ' ' : *q;
    }
    label[0] = (char)(label[0] - 32 * (label[0] >= 'a' && label[0] <= 'z'));
    size_t n = strlen(label);
    snprintf(
        label + n, sizeof label - n, ": %s",
        kr_suppress_text(mot->counts[m], c->v->tables[KR_TABLE_MOTIVATION][m], num, sizeof num));
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    kr_chart_text(cr, p->x, p->y - 14, label, 17, 0.0);
    cairo_set_line_width(cr, 1);
    for (int i = 0; i <= 4; i++) {
        double value = c->y_max * i / 4, y = kr_panel_y(c, p, value);
        cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
        cairo_move_to(cr, p->x, y);
        cairo_line_to(cr, p->x + p->w, y);
        cairo_stroke(cr);
        cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
        snprintf(num, sizeof num, "%.0f", value);
        kr_chart_text(cr, p->x - 6, y + 4, num, 11, 1.0);
    }
}

static void kr_panel_month_label(kr_chart_t *c, const kr_panel_t *p, double x, int i, int n)
{
    const char *ym = c->s->tables[KR_TABLE_MONTH].labels[i];
    int month = atoi(ym + 5);
    bool year_start = i == 0 || month == 1;
    int every = n > 12 ? (n + 11) / 12 : 1; /* at most 12 labels fit under a panel */
    cairo_set_source_rgb(c->cr, 0.35, 0.35, 0.35);
    if (i % every == 0 && month >= 1 && month <= 12) {
        kr_chart_text(c->cr, x, p->y + p->h + 15, KR_MONTH_NAMES[month - 1], 10, 0.5);
    }
    if (year_start) {
        char year[8];
        snprintf(year, sizeof year, "%.4s", ym);
        kr_chart_text(c->cr, x, p->y + p->h + 29, year, 10, 0.5);
    }
}

static void kr_panel_bars(kr_chart_t *c, const kr_panel_t *p, int m)
{
    cairo_t *cr = c->cr;
    int n = c->s->tables[KR_TABLE_MONTH].count;
    double slot = p->w / (n > 0 ? n : 1), bar = slot * 0.72;
    char num[32];
    for (int i = 0; i < n; i++) {
        long count;
        kr_cell_state_t st = kr_chart_cell(c, m, i, &count);
        double x = p->x + slot * i + (slot - bar) / 2, mid = x + bar / 2;
        double base = kr_panel_y(c, p, 0);
        if (st == KR_CELL_SHOWN && count > 0) {
            double top = kr_panel_y(c, p, (double)count);
            cairo_set_source_rgb(cr, KR_PALETTE[m][0], KR_PALETTE[m][1], KR_PALETTE[m][2]);
            cairo_rectangle(cr, x, top, bar, base - top);
            cairo_fill(cr);
            if (slot >= 18) {
                cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
                snprintf(num, sizeof num, "%ld", count);
                kr_chart_text(cr, mid, top - 3, num, 10, 0.5);
            }
        } else if (st == KR_CELL_SHOWN) { /* a true zero, told apart from "c" */
            cairo_set_source_rgb(cr, 0.45, 0.45, 0.45);
            kr_chart_text(cr, mid, base - 4, "0", 10, 0.5);
        } else if (st == KR_CELL_SMALL) {
            double top = kr_panel_y(c, p, KR_SUPPRESS_BELOW);
            cairo_set_source_rgba(cr, KR_PALETTE[m][0], KR_PALETTE[m][1], KR_PALETTE[m][2], 0.25);
            cairo_rectangle(cr, x, top, bar, base - top);
            cairo_fill(cr);
            cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
            kr_chart_text(cr, mid, top - 3, "<5", 10, 0.5);
        } else if (st == KR_CELL_WITHHELD) {
            cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
            kr_chart_text(cr, mid, base - 4, "c", 11, 0.5);
        }
        kr_panel_month_label(c, p, mid, i, n);
    }
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    cairo_move_to(cr, p->x, kr_panel_y(c, p, 0) + 0.5);
    cairo_line_to(cr, p->x + p->w, kr_panel_y(c, p, 0) + 0.5);
    cairo_stroke(cr);
}

/* Panels in reading order, cols per row; the plot area of panel k. */
static kr_panel_t kr_panel_place(int k, int cols, int rows)
{
    double area_w = KR_CHART_W - 2 * KR_CHART_MARGIN;
    double area_h = KR_CHART_H - KR_CHART_TITLE_H - KR_CHART_FOOT_H;
    double pw = (area_w - (cols - 1) * KR_CHART_PANEL_GAP) / cols;
    double ph = (area_h - (rows - 1) * KR_CHART_PANEL_GAP) / rows;
    double x = KR_CHART_MARGIN + (k % cols) * (pw + KR_CHART_PANEL_GAP);
    double y = KR_CHART_TITLE_H + (k / cols) * (ph + KR_CHART_PANEL_GAP);
    return (kr_panel_t){.x = x + KR_CHART_PANEL_PAD_LEFT,
                        .y = y + KR_CHART_PANEL_PAD_TOP,
                        .w = pw - KR_CHART_PANEL_PAD_LEFT,
                        .h = ph - KR_CHART_PANEL_PAD_TOP - KR_CHART_PANEL_PAD_BOTTOM};
}

static void kr_chart_draw(kr_chart_t *c, const bool *drawn, int panels)
{
    cairo_t *cr = c->cr;
    int cols = panels < KR_CHART_COLS_MAX ? (panels ? panels : 1) : KR_CHART_COLS_MAX;
    int rows = panels ? (panels + cols - 1) / cols : 1;
    cairo_set_source_rgb(cr, 1, 1, 1);
    cairo_paint(cr);
    cairo_select_font_face(cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
    kr_chart_text(cr, KR_CHART_MARGIN, 40,
                  "Hate incident reports per month, by motivation (reports allowing statistics)",
                  22, 0.0);
    int k = 0;
    for (int m = 0; m < REPORT_MOTIVATION_COUNT; m++) {
        if (drawn[m]) {
            kr_panel_t p = kr_panel_place(k++, cols, rows);
            kr_panel_frame(c, &p, m);
            kr_panel_bars(c, &p, m);
        }
    }
    if (!panels) {
        kr_chart_text(cr, KR_CHART_MARGIN, KR_CHART_H / 2, "No reports allowing statistics.", 18,
                      0.0);
    }
    cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
    kr_chart_text(cr, KR_CHART_MARGIN, KR_CHART_H - 20,
                  "<5: between 1 and 4, not shown exactly.  c: withheld so that a small number "
                  "cannot be worked out from the totals.  0: none.  A report may give several "
                  "motivations.",
                  13, 0.0);
}

bool kr_stats_write_chart(const kr_stats_t *s, const char *png_path, char *err, size_t err_size)
{
    kr_stats_view_t *v = malloc(sizeof *v);
    cairo_surface_t *surface =
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, KR_CHART_W, KR_CHART_H);
    kr_chart_t c = {.cr = cairo_create(surface), .s = s, .v = v};
    bool drawn[REPORT_MOTIVATION_COUNT] = {false};
    long max = 0;
    int panels = 0;
    if (v) {
        kr_stats_suppress(s, v);
        for (int m = 0; m < REPORT_MOTIVATION_COUNT; m++) {
            for (int i = 0; i < s->tables[KR_TABLE_MONTH].count; i++) {
                long count;
                kr_cell_state_t st = kr_chart_cell(&c, m, i, &count);
                drawn[m] = drawn[m] || count > 0;
                max = st == KR_CELL_SHOWN && count > max ? count : max;
            }
            panels += drawn[m];
        }
        c.y_max = kr_chart_nice_max(max);
        kr_chart_draw(&c, drawn, panels);
    }
    cairo_status_t status = v ? cairo_status(c.cr) : CAIRO_STATUS_NO_MEMORY;
    if (status == CAIRO_STATUS_SUCCESS) {
        status = cairo_surface_write_to_png(surface, png_path);
    }
    cairo_destroy(c.cr);
    cairo_surface_destroy(surface);
    cairo_debug_reset_static_data(); /* the font caches: the chart is drawn once a run */
    free(v);
    if (status != CAIRO_STATUS_SUCCESS) {
        snprintf(err, err_size, "cannot draw the chart %s: %s", png_path,
                 cairo_status_to_string(status));
        return false;
    }
    return true;
}
