/* done: the reference (large, spaced for reading aloud), what happens next, support,
 * print, Finish. Reached only after the report core committed the report. */
#include "screens/screens_internal.h"
#include "screens/wizard.h"

#include "qr/qr_url.h"

#include <stdio.h>
#include <string.h>

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

/* The code to scan: the follow-up page for this reference when one is configured, else
 * the first support website for the motivations reported. Never personal data. */
static void done_qr_url(const app_t *app, char *out, size_t size)
{
    char err[128];
    out[0] = '\0';
    if (app->cfg->qr_follow_up_url[0] &&
        qr_url_expand(app->cfg->qr_follow_up_url, app->session.reference,
                      app->cfg->qr_allowed_hosts, out, size, err, sizeof err)) {
        return;
    }
    out[0] = '\0';
    const service_t *list[SERVICES_MAX];
    int n = services_filter(&app->content->services, session_motivation_bits(&app->session), list,
                            SERVICES_MAX);
    for (int i = 0; i < n && !out[0]; i++) {
        if (!list[i]->urgent && list[i]->url[0]) {
            snprintf(out, size, "%s", list[i]->url);
        }
    }
}

static void done_frame(app_t *app, ui_t *ui)
{
    const theme_t *t = &ui->theme;
    SDL_Rect area = chrome_frame(app, ui, "report.done.title", NULL);
    int bw = theme_px(t, 480) < area.w / 2 ? theme_px(t, 480) : area.w / 2;
    int nav_h = ui_button_height(ui, app_text(app, "report.done.finish"), bw, theme_px(t, 130));
    nav_h = ui_button_height(ui, app_text(app, "report.done.print"), bw, nav_h);
    SDL_Rect nav = ui_cut_bottom(&area, nav_h);
    ui_cut_bottom(&area, theme_px(t, THEME_GAP));
    SDL_Rect view = area;
    char url[SERVICE_URL_MAX] = "";
    done_qr_url(app, url, sizeof url);
    int qr = chrome_qr_side(app, ui, url);
    SDL_Rect side = {0};
    if (qr > 0) { /* the code for the phone sits beside the text, at the end side */
        int side_w = qr + theme_px(t, 60) > theme_px(t, 420) ? qr + theme_px(t, 60)
                                                              : theme_px(t, 420);
        side = ui_cut_end(ui, &view, side_w);
        ui_cut_end(ui, &view, theme_px(t, THEME_GAP));
    }
    area = chrome_scroll_begin(ui, "report.done.scroll", view);
    int top = area.y;
    area.y += chrome_print_status(app, ui, area); /* first, where it is seen */
    ui_text_opts_t label = ui_body(ui);
    int h = ui_text(ui, "", app_text(app, "report.done.reference"), area, &label);
    area.y += h + theme_px(t, 12);
    char ref[64], isolated[80];
    spaced(app->session.reference, ref, sizeof ref);
    text_isolate(ref, true, isolated, sizeof isolated); /* never reordered in RTL */
    ui_text_opts_t big = ui_title(ui);
    big.size = THEME_FONT_TITLE * 1.5;
    SDL_Rect box = {area.x, area.y, area.w, theme_font_px(t, THEME_FONT_TITLE * 1.5) * 2};
    area.y += box.h + theme_px(t, THEME_GAP * 2);
    ui_fill(ui, box, t->colors.surface);
    ui_frame(ui, box, theme_px(t, 4), t->colors.primary);
    box.y += theme_font_px(t, THEME_FONT_TITLE * 1.5) / 3;
    big.align = TEXT_ALIGN_CENTER;
    ui_text(ui, "report.done.reference", isolated, box, &big);
    ui_text_opts_t body = ui_body(ui);
    area.y += ui_text(ui, "report.done.next", app_text(app, "report.done.next"), area, &body);
    ui_scroll_end(ui, area.y - top);
    if (qr > 0) {
        chrome_qr(app, ui, "report.done.qr", url, app_text(app, "report.done.scan"), side);
    }
    if (ui_button(ui, "report.done.finish", app_text(app, "report.done.finish"),
                  ui_cut_end(ui, &nav, bw), UI_BUTTON_PRIMARY, true)) {
        app_end_session(app);
    }
    ui_cut_end(ui, &nav, theme_px(t, THEME_GAP));
    chrome_print_button(app, ui, "report.done.print", "report.done.print",
                        ui_cut_end(ui, &nav, bw));

}

const screen_def_t SCREEN_REPORT_DONE = {"report.done", 0, NULL, done_frame, NULL};
