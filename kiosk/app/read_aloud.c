/* Read-aloud (issue 13): with it turned on, speech says everything a sighted person reads,
 * in the person's language: a new screen's title and main text (the review in full, the
 * reference character by character), the item a key moved the focus to with its state and
 * position ("Disability, not selected, 1 of 10"), what was tapped, each error at a
 * question, and what the printer did. Volume and speed are the session's (keys), applied
 * before every say. Nothing here keeps what was said: the words come from the screen's
 * widget records each time, which the wipe clears. */
#include "app/runtime.h"

#include "platform/log.h"
#include "speech/speech_clips.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define READ_ALOUD_MAX 8192
#define READ_ALOUD_ITEM_MAX 512

/* The widgets whose words make up a screen's main text, in reading order. */
static const char *const SPOKEN_IDS[] = {
    "attract.title", "attract.body", "title", "timeout.body", "learn.body",
    "report.safety.body", "report.urgent.body", "report.done.reference", "report.done.next",
    "report.start.body", "report.consent.body", "privacy.body", "report.problem",
    "support.body", "report.error.body", "cover.body", "print.status",
};
/* Labels read in full after the main text: the review's questions and answers. */
static const char REVIEW_PREFIX[] = "report.review.";
static const char REVIEW_BUTTON_PREFIX[] = "report.review.edit";

static bool ends_sentence(const char *out, size_t n)
{
    return n > 0 && strchr(".!?:", out[n - 1]) != NULL;
}

/* Adds text as its own sentence. Bullets are not read out ("bullet"): each list line
 * becomes a sentence, so the voice pauses between them as a reader's eye does. */
static void append(char *out, size_t size, const char *text)
{
    size_t n = strlen(out);
    if (!text || !text[0] || n + 2 >= size) {
        return;
    }
    bool start = true; /* at the start of a line: a bullet here is dropped */
    for (const char *p = text; *p && n + 3 < size; p++) {
        if (start && (strncmp(p, "\u2022", 3) == 0 || *p == ' ')) {
            p += *p == ' ' ? 0 : 2;
            continue;
        }
        if (start) {
            n += (size_t)snprintf(out + n, size - n, "%s", n == 0 ? "" : ends_sentence(out, n) ? " " : ". ");
            start = false;
        }
        if (*p == '\n') {
            start = true;
            continue;
        }
        out[n++] = *p;
        out[n] = '\0';
    }
}

void runtime_spell_reference(const char *reference, char *out, size_t size)
{
    size_t n = 0;
    out[0] = '\0';
    for (const char *p = reference; *p && n + 4 < size; p++) {
        if (*p == '-' || *p == ' ') {
            if (n > 0 && out[n - 1] != '.') {
                n += (size_t)snprintf(out + n, size - n, ".");
            }
            continue;
        }
        if (!isalnum((unsigned char)*p)) {
            continue;
        }
        /* ", " between characters, ". " between groups: espeak-ng pauses at both and
         * says a lone letter by its name */
        n += (size_t)snprintf(out + n, size - n, "%s%c", n == 0 ? "" : out[n - 1] == '.' ? " " : ", ",
                              *p);
    }
    if (n > 0 && n + 1 < size && out[n - 1] != '.') {
        snprintf(out + n, size - n, ".");
    }
}

static const char *voice_of(const runtime_t *rt)
{
    const lang_info_t *l = lang_registry_find(&rt->langs, app_lang(&rt->app));
    return l ? l->voice : "";
}

/* Where the person's language is spoken: espeak-ng in its voice, or its recorded clips
 * (the "voice" is then the language code the clips are filed under); NULL for neither. */
static speech_t *speaker_of(runtime_t *rt, const char **voice)
{
    *voice = voice_of(rt);
    if (speech_voice_usable(*voice)) {
        return rt->speech;
    }
    *voice = app_lang(&rt->app);
    return speech_clips_count(rt->clips, *voice) > 0 ? rt->clips : NULL;
}

bool runtime_can_speak(const runtime_t *rt)
{
    const char *voice;
    return speaker_of((runtime_t *)rt, &voice) != NULL;
}

void runtime_speech_stop(runtime_t *rt)
{
    speech_stop(rt->speech);
    speech_stop(rt->clips);
}

void runtime_speech_release(runtime_t *rt)
{
    speech_release_audio(rt->speech);
    speech_release_audio(rt->clips);
}

typedef struct clip_keys {
    const runtime_t *rt;
    const char *lang;
    void (*fn)(void *u, const char *key, const char *text);
    void *u;
} clip_keys_t;

/* Only strings the screen shows in the language: a clip recorded for a draft translation
 * that is hidden (English shown) would say words nobody sees. */
static void shown_key(void *user, const char *key, const char *text)
{
    const clip_keys_t *k = user;
    i18n_state_t st = i18n_state(k->rt->i18n, k->lang, key);
    if (st == I18N_TRANSLATED || (st == I18N_FUZZY && k->rt->cfg.show_unreviewed_translations)) {
        k->fn(k->u, key, i18n_text(k->rt->i18n, k->lang, key));
    }
    (void)text;
}

static void each_catalog_key(void *user, void (*fn)(void *u, const char *key, const char *text),
                             void *u)
{
    clip_keys_t *k = user;
    k->fn = fn;
    k->u = u;
    i18n_each_key(k->rt->i18n, k->lang, shown_key, k);
}

static void audio_dir(const runtime_t *rt, char *dir, size_t size)
{
    if (rt->cfg.audio_dir[0]) {
        snprintf(dir, size, "%s", rt->cfg.audio_dir);
    } else {
        config_data_path(&rt->cfg, "assets/audio", dir, size);
    }
}

typedef struct missing_clips {
    const char *dir, *lang;
    FILE *out;
    int shown, missing;
} missing_clips_t;

static void note_missing(void *user, const char *key, const char *text)
{
    missing_clips_t *m = user;
    char path[CONFIG_PATH_MAX + 256];
    snprintf(path, sizeof path, "%s/%s/%s.wav", m->dir, m->lang, key);
    m->shown++;
    if (access(path, R_OK) != 0) {
        m->missing++;
        fprintf(m->out, "%s/%s.wav missing: \"%s\"\n", m->lang, key, text);
    }
}

int runtime_check_clips(runtime_t *rt, const char *lang, FILE *out)
{
    char dir[CONFIG_PATH_MAX + 64];
    audio_dir(rt, dir, sizeof dir);
    if (!lang_registry_find(&rt->langs, lang)) {
        fprintf(out, "no enabled language '%s'\n", lang);
        return 2;
    }
    missing_clips_t m = {dir, lang, out, 0, 0};
    clip_keys_t k = {rt, lang, NULL, NULL};
    each_catalog_key(&k, note_missing, &m);
    fprintf(out, "%s: %d of %d strings shown have no recording in %s/%s\n", lang, m.missing,
            m.shown, dir, lang);
    return m.missing ? 1 : 0;
}

int runtime_load_clips(runtime_t *rt)
{
    char dir[CONFIG_PATH_MAX + 64];
    audio_dir(rt, dir, sizeof dir);
    if (!rt->clips) {
        rt->clips = speech_create_clips();
    }
    int total = 0;
    for (int i = 0; rt->clips && i < rt->langs.count; i++) {
        const lang_info_t *l = &rt->langs.langs[i];
        if (speech_voice_usable(l->voice)) {
            continue; /* espeak-ng speaks it */
        }
        clip_keys_t k = {rt, l->code, NULL, NULL};
        int n = speech_clips_scan(rt->clips, dir, l->code, each_catalog_key, &k);
        if (n == 0) {
            log_warn("read-aloud: %s has no espeak-ng voice and no recordings in %s/%s: the "
                     "screen says so and offers English", l->code, dir, l->code);
        }
        total += n;
    }
    return total;
}

/* "Disability, not selected, 1 of 10": the focused item as a screen reader says it. */
static void describe_focus(runtime_t *rt, char *out, size_t size)
{
    const ui_widget_t *w = focus_widget(&rt->focus, &rt->ui);
    out[0] = '\0';
    if (!w) {
        return;
    }
    const app_t *app = &rt->app;
    snprintf(out, size, "%s", w->text[0] ? w->text : "");
    if (w->selected >= 0) {
        size_t n = strlen(out);
        snprintf(out + n, size - n, ", %s",
                 app_text(app, w->selected ? "speech.selected" : "speech.not_selected"));
    }
    int total = 0, pos = focus_position(&rt->focus, &rt->ui, &total);
    if (pos > 0) {
        char a[16], b[16], where[128];
        snprintf(a, sizeof a, "%d", pos);
        snprintf(b, sizeof b, "%d", total);
        const char *names[] = {"n", "total"}, *values[] = {a, b};
        i18n_format(app_text(app, "speech.position"), names, values, 2, where, sizeof where);
        size_t n = strlen(out);
        snprintf(out + n, size - n, ", %s", where);
    }
}

/* The first widget of the top layer: after the topmost modal blocker (an overlay such as
 * the Accessibility panel or the timeout warning), else 0. What lies under an overlay is
 * hidden, so it is not read out either. */
static int top_layer(const ui_t *ui)
{
    for (int i = ui_widget_count(ui) - 1; i >= 0; i--) {
        const ui_widget_t *w = ui_widget_at(ui, i);
        if (w->interactive && !w->id[0]) {
            return i + 1;
        }
    }
    return 0;
}

/* id as drawn last in the top layer, or NULL. */
static const ui_widget_t *find_on_top(const ui_t *ui, const char *id)
{
    for (int i = ui_widget_count(ui) - 1, first = top_layer(ui); i >= first; i--) {
        if (strcmp(ui_widget_at(ui, i)->id, id) == 0) {
            return ui_widget_at(ui, i);
        }
    }
    return NULL;
}

/* Title, main text, the review's rows and (once keys are in use) the focused item. */
static void screen_text(runtime_t *rt, char *text, size_t size)
{
    for (size_t i = 0; i < sizeof SPOKEN_IDS / sizeof SPOKEN_IDS[0]; i++) {
        const ui_widget_t *w = find_on_top(&rt->ui, SPOKEN_IDS[i]);
        if (w && strcmp(SPOKEN_IDS[i], "report.done.reference") == 0) {
            char spelled[READ_ALOUD_ITEM_MAX];
            runtime_spell_reference(rt->app.session.reference, spelled, sizeof spelled);
            append(text, size, spelled);
        } else {
            append(text, size, w ? w->text : NULL);
        }
    }
    for (int i = top_layer(&rt->ui); i < ui_widget_count(&rt->ui); i++) {
        const ui_widget_t *w = ui_widget_at(&rt->ui, i);
        if (!w->interactive && strncmp(w->id, REVIEW_PREFIX, sizeof REVIEW_PREFIX - 1) == 0 &&
            strncmp(w->id, REVIEW_BUTTON_PREFIX, sizeof REVIEW_BUTTON_PREFIX - 1) != 0) {
            append(text, size, w->text);
        }
    }
    if (rt->focus.shown) {
        char item[READ_ALOUD_ITEM_MAX];
        describe_focus(rt, item, sizeof item);
        append(text, size, item);
    }
}

/* What the printed slip says, line by line; the reference spelled out as on screen. */
static void append_slip(const runtime_t *rt, char *text, size_t size)
{
    const char *reference = rt->app.session.reference;
    for (const char *p = rt->print_words; *p;) {
        const char *end = strchr(p, '\n');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        char line[READ_ALOUD_ITEM_MAX];
        snprintf(line, sizeof line, "%.*s", (int)(n < sizeof line ? n : sizeof line - 1), p);
        if (reference[0] && strcmp(line, reference) == 0) {
            runtime_spell_reference(reference, line, sizeof line);
        }
        append(text, size, line);
        p += n + (end ? 1 : 0);
    }
}

void runtime_speak_update(runtime_t *rt)
{
    app_t *app = &rt->app;
    if (!rt->speech) {
        return;
    }
    if (!app->session.speech) {
        if (rt->spoken_screen[0]) {
            runtime_speech_stop(rt);
            rt->spoken_screen[0] = '\0';
        }
        runtime_speech_release(rt); /* off: no sound card held (a no-op once closed) */
        rt->ui.tapped_text[0] = '\0';
        rt->spoken_focus_moves = rt->focus.moves;
        return;
    }
    const char *voice = NULL;
    speech_t *speaker = speaker_of(rt, &voice);
    speech_set_params(speaker, app->session.speech_volume, app->session.speech_rate);
    const char *screen = app_screen_id(app);
    bool new_screen = strcmp(screen, rt->spoken_screen) != 0 ||
                      strcmp(app_lang(app), rt->spoken_lang) != 0;
    char text[READ_ALOUD_MAX] = "";
    if (new_screen) {
        screen_text(rt, text, sizeof text);
        snprintf(rt->spoken_screen, sizeof rt->spoken_screen, "%s", screen);
        snprintf(rt->spoken_lang, sizeof rt->spoken_lang, "%s", app_lang(app));
    } else if (rt->focus.moves != rt->spoken_focus_moves && rt->focus.shown) {
        describe_focus(rt, text, sizeof text); /* a key moved or pressed: say where it is */
    } else if (rt->ui.tapped_text[0]) {
        append(text, sizeof text, rt->ui.tapped_text);
    }
    rt->spoken_focus_moves = rt->focus.moves;
    /* Next found a problem: say it once it is on screen (a new screen says it above) */
    const ui_widget_t *problem = ui_find(&rt->ui, "report.problem");
    if (problem && app->session.problem_seq != rt->spoken_problem_seq) {
        rt->spoken_problem_seq = app->session.problem_seq;
        append(text, sizeof text, new_screen ? NULL : problem->text);
    }
    /* the printer finished or failed while the screen stayed: say what it did */
    const ui_widget_t *printed = ui_find(&rt->ui, "print.status");
    if ((int)app->print_state != rt->spoken_print_state) {
        rt->spoken_print_state = (int)app->print_state;
        append(text, sizeof text, new_screen || !printed ? NULL : printed->text);
        if (printed && app->print_state == APP_PRINT_DONE) {
            append_slip(rt, text, sizeof text); /* and what the slip says */
        }
    }
    rt->ui.tapped_text[0] = '\0';
    if (text[0]) {
        runtime_speech_stop(rt); /* the person moved on: what was being said is stale */
        /* no voice, no clips: nothing is said, and the chrome says so on screen */
        speech_say(speaker, voice, text);
    }
}
