#include "screens/speech_controls.h"

#include "app/keymap.h"

#include <stdio.h>

#define SPEECH_CONTROLS 6

typedef struct speech_control {
    const char *id;  /* widget id and string key */
    int action;      /* key_action_t, as the speech keys */
} speech_control_t;

static const speech_control_t CONTROLS[SPEECH_CONTROLS] = {
    {"speech.repeat", KEY_ACTION_SPEECH_REPEAT}, {"speech.stop", KEY_ACTION_SPEECH_STOP},
    {"speech.quieter", KEY_ACTION_VOLUME_DOWN},  {"speech.louder", KEY_ACTION_VOLUME_UP},
    {"speech.slower", KEY_ACTION_SPEECH_SLOWER}, {"speech.faster", KEY_ACTION_SPEECH_FASTER},
};

/* No voice and no recordings: say so, and offer the same screens in English, read aloud. */
static int unavailable_notice(app_t *app, ui_t *ui, SDL_Rect r)
{
    const theme_t *t = &ui->theme;
    int gap = theme_px(t, THEME_GAP / 2);
    const char *label = app_text(app, "speech.use_english");
    int bw = ui_button_width(ui, label, theme_px(t, 300), r.w / 2);
    int bh = ui_button_height(ui, label, bw, theme_px(t, THEME_TARGET_MIN));
    SDL_Rect text = r;
    SDL_Rect button = ui_cut_end(ui, &text, bw);
    ui_cut_end(ui, &text, gap);
    ui_text_opts_t o = ui_body(ui);
    o.bold = true;
    int th = ui_text(ui, "speech.unavailable", app_text(app, "speech.unavailable"), text, &o);
    button.h = bh;
    if (ui_button(ui, "speech.use_english", label, button, UI_BUTTON_SECONDARY, true)) {
        snprintf(app->session.lang, sizeof app->session.lang, "en");
    }
    return (th > bh ? th : bh) + gap;
}

int speech_controls(app_t *app, ui_t *ui, SDL_Rect r)
{
    if (!app->session.speech) {
        return 0;
    }
    if (app->speech_unavailable) {
        return unavailable_notice(app, ui, r);
    }
    const theme_t *t = &ui->theme;
    int gap = theme_px(t, THEME_GAP / 2);
    int cell_w = (r.w - gap * (SPEECH_CONTROLS - 1)) / SPEECH_CONTROLS;
    int h = theme_px(t, THEME_TARGET_MIN);
    for (int i = 0; i < SPEECH_CONTROLS; i++) {
        h = ui_button_height(ui, app_text(app, CONTROLS[i].id), cell_w, h);
    }
    SDL_Rect row = {r.x, r.y, r.w, h};
    for (int i = 0; i < SPEECH_CONTROLS; i++) {
        SDL_Rect cell = ui_grid_cell(ui, row, SPEECH_CONTROLS, 1, i, gap);
        if (ui_button(ui, CONTROLS[i].id, app_text(app, CONTROLS[i].id), cell,
                      UI_BUTTON_SECONDARY, true)) {
            app->speech_command = CONTROLS[i].action;
        }
    }
    return h + gap;
}
