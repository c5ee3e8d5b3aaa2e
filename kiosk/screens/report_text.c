/* The wizard steps where people type: details (free text in any script) and contact. */
#include "screens/screens_internal.h"
#include "screens/wizard.h"
#include "ui/keyboard.h"
#include "ui/text_edit.h"

#include <stdio.h>
#include <string.h>

#define DETAILS_MAX_CHARS 1000 /* what a person sees; REPORT_DETAILS_MAX bytes hold it */
#define FIELD_GAP 28

int wizard_details_content(app_t *app, ui_t *ui, SDL_Rect at, int view_h)
{
    report_t *r = &app->session.report;
    int h = 0;
    if (!ui->focus[0]) { /* while typing, the keyboard needs the room */
        ui_text_opts_t hint = ui_body(ui);
        hint.color = ui->theme.colors.text_muted;
        h = ui_text(ui, "report.details.hint", app_text(app, "report.details.hint"), at, &hint) +
            theme_px(&ui->theme, THEME_GAP);
    }
    ui_field_apply(ui, "report.details.text", r->details, sizeof r->details, DETAILS_MAX_CHARS);
    char used[16], max[16], limit[128];
    snprintf(used, sizeof used, "%d", text_edit_graphemes(r->details));
    snprintf(max, sizeof max, "%d", DETAILS_MAX_CHARS);
    const char *names[] = {"used", "max"};
    const char *values[] = {used, max};
    i18n_format(app_text_count(app, "field.limit", DETAILS_MAX_CHARS), names, values, 2, limit,
                sizeof limit);
    /* as many lines as the view holds under the hint, with the box's padding, the limit
     * line below it: the whole box stays above the keyboard while typing */
    const theme_t *t = &ui->theme;
    int line_h = theme_font_px(t, THEME_FONT_BODY) * 3 / 2;
    ui_text_opts_t small = ui_body(ui);
    small.size = THEME_FONT_SMALL;
    int below = theme_px(t, 32) + theme_px(t, 16) + ui_text_height(ui, limit, at.w, &small);
    int lines = (view_h - h - below) / (line_h ? line_h : 1);
    ui_field_opts_t o = {.limit_text = limit, .max_graphemes = DETAILS_MAX_CHARS,
                         .lines = lines < 1 ? 1 : lines > 8 ? 8 : lines};
    return h + ui_field(ui, "report.details.text", r->details, sizeof r->details,
                        (SDL_Rect){at.x, at.y + h, at.w, 0}, &o);
}

typedef struct contact_field {
    const char *code;
    size_t offset, size;
    int max_chars;
} contact_field_t;

#define FIELD(code, member, chars) \
    {code, offsetof(report_contact_t, member), sizeof(((report_contact_t *)0)->member), chars}

static const contact_field_t CONTACT_FIELDS[] = {
    FIELD("name", name, 80),
    FIELD("phone", phone, 20),
    FIELD("email", email, 120),
    FIELD("safe_times", safe_times, 160),
    FIELD("interpreter", interpreter, 40),
    FIELD("access_needs", access_needs, 320),
};
#define CONTACT_FIELD_COUNT ((int)(sizeof CONTACT_FIELDS / sizeof CONTACT_FIELDS[0]))

static int contact_fields(app_t *app, ui_t *ui, SDL_Rect at)
{
    report_contact_t *c = &app->session.report.contact;
    int y = at.y;
    for (int i = 0; i < CONTACT_FIELD_COUNT; i++) {
        const contact_field_t *f = &CONTACT_FIELDS[i];
        char id[UI_ID_MAX];
        snprintf(id, sizeof id, "report.contact.%s", f->code);
        ui_field_opts_t o = {.label = app_text(app, id), .max_graphemes = f->max_chars, .lines = 1};
        y += ui_field(ui, id, (char *)c + f->offset, f->size, (SDL_Rect){at.x, y, at.w, 0}, &o) +
             theme_px(&ui->theme, FIELD_GAP);
    }
    y += wizard_yes_no(app, ui, "report.contact.leave_message", "report.contact.leave_message",
                       (SDL_Rect){at.x, y, at.w, 0}, &c->leave_message);
    return y - at.y;
}

int wizard_contact_content(app_t *app, ui_t *ui, SDL_Rect at, int view_h)
{
    (void)view_h;
    report_t *r = &app->session.report;
    static const char *const CHOICES[] = {"anonymous", "named"};
    char code[REPORT_CODE_MAX];
    snprintf(code, sizeof code, "%s",
             r->contact_choice == REPORT_CONTACT_ANONYMOUS ? "anonymous"
             : r->contact_choice == REPORT_CONTACT_NAMED   ? "named"
                                                           : "");
    wizard_choices_t c = {"report.contact.", "report.contact.", CHOICES, 2, false, NULL, code, 0};
    int h = wizard_choice_grid(app, ui, at, &c) + theme_px(&ui->theme, THEME_GAP * 2);
    r->contact_choice = strcmp(code, "anonymous") == 0 ? REPORT_CONTACT_ANONYMOUS
                        : strcmp(code, "named") == 0   ? REPORT_CONTACT_NAMED
                                                       : REPORT_CONTACT_UNSET;
    if (r->contact_choice == REPORT_CONTACT_NAMED) {
        h += contact_fields(app, ui, (SDL_Rect){at.x, at.y + h, at.w, 0});
    }
    return h;
}
