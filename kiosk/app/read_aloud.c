/* Read-aloud: espeak-ng (kiosk/speech) speaks the screen in the person's language when
 * they turn it on at home: the title and main text of each new screen, then the label of
 * each thing they tap. Languages without a voice (Somali) stay silent. */
#include "app/runtime.h"

#include <stdio.h>
#include <string.h>

#define READ_ALOUD_MAX 4096

/* The widgets whose words make up a screen's main text, in reading order. */
static const char *const SPOKEN_IDS[] = {
    "attract.title", "attract.body", "title", "timeout.body", "learn.body",
    "report.safety.body", "report.urgent.body", "report.done.reference", "report.done.next",
    "report.start.body", "report.consent.body", "privacy.body", "report.problem",
    "support.body", "report.error.body", "cover.body", "print.status",
};

static void append(char *out, size_t size, const char *text)
{
    size_t n = strlen(out);
    if (text && text[0] && n + 2 < size) {
        snprintf(out + n, size - n, "%s%s", n ? ". " : "", text);
    }
}

static const char *voice_of(const runtime_t *rt)
{
    const lang_info_t *l = lang_registry_find(&rt->langs, app_lang(&rt->app));
    return l ? l->voice : "";
}

void runtime_speak_update(runtime_t *rt)
{
    app_t *app = &rt->app;
    if (!rt->speech) {
        return;
    }
    if (!app->session.speech) {
        if (rt->spoken_screen[0]) {
            speech_stop(rt->speech);
            rt->spoken_screen[0] = '\0';
        }
        rt->ui.tapped_text[0] = '\0';
        return;
    }
    const char *screen = app_screen_id(app);
    bool new_screen = strcmp(screen, rt->spoken_screen) != 0 ||
                      strcmp(app_lang(app), rt->spoken_lang) != 0;
    char text[READ_ALOUD_MAX] = "";
    if (new_screen) {
        for (size_t i = 0; i < sizeof SPOKEN_IDS / sizeof SPOKEN_IDS[0]; i++) {
            const ui_widget_t *w = ui_find(&rt->ui, SPOKEN_IDS[i]);
            append(text, sizeof text, w ? w->text : NULL);
        }
        snprintf(rt->spoken_screen, sizeof rt->spoken_screen, "%s", screen);
        snprintf(rt->spoken_lang, sizeof rt->spoken_lang, "%s", app_lang(app));
    } else if (rt->ui.tapped_text[0]) {
        append(text, sizeof text, rt->ui.tapped_text);
    }
    /* Next found a problem: say it once it is on screen (a new screen says it above) */
    const ui_widget_t *problem = ui_find(&rt->ui, "report.problem");
    if (problem && app->session.problem_seq != rt->spoken_problem_seq) {
        rt->spoken_problem_seq = app->session.problem_seq;
        append(text, sizeof text, new_screen ? NULL : problem->text);
    }
    rt->ui.tapped_text[0] = '\0';
    if (text[0]) {
        speech_stop(rt->speech); /* the person moved on: what was being said is stale */
        speech_say(rt->speech, voice_of(rt), text);
    }
}
