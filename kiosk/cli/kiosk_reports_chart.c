/* The chart for the partnership's meetings: reports per month, one line per motivation,
 * drawn with cairo straight to PNG. cairo rather than gnuplot: it is a library called
 * from C (no second program to find, no script language to escape labels for, no
 * temporary data file), draws anti-aliased lines and text through fontconfig, and the
 * same code could write SVG or PDF (cairo_svg_surface_create) if a trust asks.
 *
 * Suppression is the CSV's (kr_stats_suppress): an exact count is a filled dot; "<5" a
 * hollow dot inside the grey band below 5 (its place in the band means nothing), joined
 * by dashed lines; "[c]" is left out, breaking the line. */
#include "cli/kiosk_reports_stats.h"

#include <cairo.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define KR_CHART_W 1280
#define KR_CHART_H 720
#define KR_CHART_LEFT 80
#define KR_CHART_RIGHT 300 /* room for the legend */
#define KR_CHART_TOP 70
#define KR_CHART_BOTTOM 90
#define KR_CHART_DOT 5.0
#define KR_CHART_SMALL_AT 2.5 /* where a "<5" dot sits: the middle of the band */

/* Okabe-Ito colours (distinguishable with colour-blindness), then two more. */
static const double KR_PALETTE[REPORT_MOTIVATION_COUNT][3] = {
    {0.00, 0.45, 0.70}, {0.84, 0.37, 0.00}, {0.00, 0.62, 0.45}, {0.80, 0.47, 0.65},
    {0.90, 0.62, 0.00}, {0.34, 0.71, 0.91}, {0.20, 0.20, 0.20}, {0.94, 0.89, 0.26},
    {0.55, 0.34, 0.16}, {0.60, 0.60, 0.60}};

typedef struct kr_chart {
    cairo_t *cr;
    const kr_stats_t *s;
    const kr_stats_view_t *v;
    double plot_w, plot_h, y_max;
} kr_chart_t;

static double kr_chart_x(const kr_chart_t *c, int month)
{
    int n = c->s->tables[KR_TABLE_MONTH].count;
    return KR_CHART_LEFT + (n <= 1 ? c->plot_w / 2 : c->plot_w * month / (n - 1));
}

static double kr_chart_y(const kr_chart_t *c, double value)
{
    return KR_CHART_TOP + c->plot_h * (1.0 - value / c->y_max);
}

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
    double steps[] = {10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000};
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        if (max <= steps[i]) {
            return steps[i];
        }
    }
    return ceil((double)max / 10000.0) * 10000.0;
}

static void kr_chart_axes(kr_chart_t *c)
{
    cairo_t *cr = c->cr;
    char label[32];
    /* the band where "<5" lives */
    cairo_set_source_rgb(cr, 0.90, 0.90, 0.90);
    cairo_rectangle(cr, KR_CHART_LEFT, kr_chart_y(c, KR_SUPPRESS_BELOW), c->plot_w,
                    kr_chart_y(c, 0) - kr_chart_y(c, KR_SUPPRESS_BELOW));
    cairo_fill(cr);
    cairo_set_line_width(cr, 1);
    for (int i = 0; i <= 5; i++) {
        double value = c->y_max * i / 5, y = kr_chart_y(c, value);
        cairo_set_source_rgb(cr, 0.80, 0.80, 0.80);
        cairo_move_to(cr, KR_CHART_LEFT, y);
        cairo_line_to(cr, KR_CHART_LEFT + c->plot_w, y);
        cairo_stroke(cr);
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        snprintf(label, sizeof label, "%.0f", value);
        kr_chart_text(cr, KR_CHART_LEFT - 10, y + 5, label, 14, 1.0);
    }
    const kr_table_t *months = &c->s->tables[KR_TABLE_MONTH];
    int every = months->count > 18 ? (months->count + 17) / 18 : 1; /* labels that fit */
    for (int i = 0; i < months->count; i += every) {
        kr_chart_text(cr, kr_chart_x(c, i), KR_CHART_TOP + c->plot_h + 25, months->labels[i], 13,
                      0.5);
    }
    kr_chart_text(cr, KR_CHART_LEFT, 35,
                  "Reports per month by motivation (reports allowing statistics)", 22, 0.0);
    kr_chart_text(cr, KR_CHART_LEFT, KR_CHART_TOP + c->plot_h + 60,
                  "Grey band: fewer than 5 (hollow dot, exact number not shown). "
                  "A gap: withheld so a small number cannot be worked out. "
                  "One report may give several motivations.",
                  13, 0.0);
}

static void kr_chart_line(kr_chart_t *c, int m)
{
    cairo_t *cr = c->cr;
    const kr_table_t *months = &c->s->tables[KR_TABLE_MONTH];
    double px = 0, py = 0;
    bool have_prev = false, prev_small = false;
    cairo_set_source_rgb(cr, KR_PALETTE[m][0], KR_PALETTE[m][1], KR_PALETTE[m][2]);
    cairo_set_line_width(cr, 2.5);
    for (int i = 0; i < months->count; i++) {
        long count;
        kr_cell_state_t st = kr_chart_cell(c, m, i, &count);
        if (st == KR_CELL_WITHHELD) {
            have_prev = false;
            continue;
        }
        bool small = st == KR_CELL_SMALL;
        double x = kr_chart_x(c, i), y = kr_chart_y(c, small ? KR_CHART_SMALL_AT : (double)count);
        if (have_prev) {
            double dash[] = {6, 4};
            cairo_set_dash(cr, dash, (small || prev_small) ? 2 : 0, 0);
            cairo_move_to(cr, px, py);
            cairo_line_to(cr, x, y);
            cairo_stroke(cr);
            cairo_set_dash(cr, NULL, 0, 0);
        }
        cairo_new_sub_path(cr);
        cairo_arc(cr, x, y, KR_CHART_DOT, 0, 2 * M_PI);
        if (small) {
            cairo_stroke(cr);
        } else {
            cairo_fill(cr);
        }
        px = x, py = y, have_prev = true, prev_small = small;
    }
}

static void kr_chart_legend(kr_chart_t *c, const bool *drawn)
{
    cairo_t *cr = c->cr;
    double x = KR_CHART_W - KR_CHART_RIGHT + 30, y = KR_CHART_TOP + 10;
    char label[REPORT_CODE_MAX];
    for (int m = 0; m < REPORT_MOTIVATION_COUNT; m++) {
        if (!drawn[m]) {
            continue;
        }
        snprintf(label, sizeof label, "%s", REPORT_MOTIVATION_CODES[m]);
        for (char *p = label; *p; p++) {
            *p = *p == '_' ? ' ' : *p;
        }
        cairo_set_source_rgb(cr, KR_PALETTE[m][0], KR_PALETTE[m][1], KR_PALETTE[m][2]);
        cairo_rectangle(cr, x, y - 10, 24, 6);
        cairo_fill(cr);
        cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
        kr_chart_text(cr, x + 34, y, label, 15, 0.0);
        y += 28;
    }
}

bool kr_stats_write_chart(const kr_stats_t *s, const char *png_path, char *err, size_t err_size)
{
    kr_stats_view_t *v = malloc(sizeof *v);
    cairo_surface_t *surface =
        cairo_image_surface_create(CAIRO_FORMAT_RGB24, KR_CHART_W, KR_CHART_H);
    kr_chart_t c = {.cr = cairo_create(surface),
                    .s = s,
                    .v = v,
                    .plot_w = KR_CHART_W - KR_CHART_LEFT - KR_CHART_RIGHT,
                    .plot_h = KR_CHART_H - KR_CHART_TOP - KR_CHART_BOTTOM};
    bool drawn[REPORT_MOTIVATION_COUNT] = {false};
    long max = 0;
    if (v) {
        kr_stats_suppress(s, v);
        for (int m = 0; m < REPORT_MOTIVATION_COUNT; m++) {
            for (int i = 0; i < s->tables[KR_TABLE_MONTH].count; i++) {
                long count;
                kr_cell_state_t st = kr_chart_cell(&c, m, i, &count);
                drawn[m] = drawn[m] || count > 0;
                max = st == KR_CELL_SHOWN && count > max ? count : max;
            }
        }
        c.y_max = kr_chart_nice_max(max);
        cairo_set_source_rgb(c.cr, 1, 1, 1);
        cairo_paint(c.cr);
        cairo_select_font_face(c.cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
                               CAIRO_FONT_WEIGHT_NORMAL);
        kr_chart_axes(&c);
        for (int m = 0; m < REPORT_MOTIVATION_COUNT; m++) {
            if (drawn[m]) {
                kr_chart_line(&c, m);
            }
        }
        kr_chart_legend(&c, drawn);
    }
    cairo_status_t status = v ? cairo_status(c.cr) : CAIRO_STATUS_NO_MEMORY;
    if (status == CAIRO_STATUS_SUCCESS) {
        status = cairo_surface_write_to_png(surface, png_path);
    }
    cairo_destroy(c.cr);
    cairo_surface_destroy(surface);
    free(v);
    if (status != CAIRO_STATUS_SUCCESS) {
        snprintf(err, err_size, "cannot draw the chart %s: %s", png_path,
                 cairo_status_to_string(status));
        return false;
    }
    return true;
}
