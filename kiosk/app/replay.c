#include "app/replay.h"

#include "app/reporting.h"

#include "app/markers.h"
#include "speech/speech_clips.h"

#include <sodium.h>

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#define REPLAY_LINE_MAX 4096
#define REPLAY_HISTORY_MAX 256
#define REPLAY_CLOCK_START_MS 1000000u
#define REPLAY_DELIVERY_WAIT_MS 20000

typedef struct replay {
    runtime_t *rt;
    const char *path;
    int line;
    FILE *err;
    char history[REPLAY_HISTORY_MAX][UI_ID_MAX]; /* screens shown since last expect-visited */
    int history_count;
    markers_t markers; /* typed with type-marker, looked for with expect-no-markers */
} replay_t;

static int fail(replay_t *r, const char *fmt, const char *a, const char *b)
{
    fprintf(r->err, "%s:%d: ", r->path, r->line);
    fprintf(r->err, fmt, a, b);
    fputc('\n', r->err);
    return 1;
}

static void note_screen(replay_t *r)
{
    const char *id = app_screen_id(&r->rt->app);
    if (r->history_count > 0 && strcmp(r->history[r->history_count - 1], id) == 0) {
        return;
    }
    if (r->history_count < REPLAY_HISTORY_MAX) {
        snprintf(r->history[r->history_count++], UI_ID_MAX, "%s", id);
    }
}

static void settle(replay_t *r)
{
    runtime_frame(r->rt);
    runtime_lint_content(r->rt); /* as the kiosk does after its first frame */
    note_screen(r);
}

static bool screen_matches(const char *have, const char *want)
{
    size_t n = strlen(want);
    return strncmp(have, want, n) == 0 && (have[n] == '\0' || have[n] == '.');
}

static void list_widgets(replay_t *r)
{
    fprintf(r->err, "  widgets on screen:");
    for (int i = 0; i < ui_widget_count(&r->rt->ui); i++) {
        const ui_widget_t *w = ui_widget_at(&r->rt->ui, i);
        if (w->id[0] && w->interactive) {
            fprintf(r->err, " %s", w->id);
        }
    }
    fputc('\n', r->err);
}

static int tap_point(replay_t *r, const char *id, double fx, double fy);

static int cmd_tap(replay_t *r, const char *id)
{
    return tap_point(r, id, 0.5, 0.5);
}

/* tap-at ID FX FY: a tap at a fraction of the widget's width and height from its top
 * left (a tap in a field's text places the caret there). */
static int cmd_tap_at(replay_t *r, const char *arg)
{
    char id[UI_ID_MAX];
    double fx, fy;
    char extra;
    if (sscanf(arg, "%63s %lf %lf %c", id, &fx, &fy, &extra) != 3 || !(fx >= 0 && fx <= 1) ||
        !(fy >= 0 && fy <= 1)) {
        return fail(r, "tap-at: expected 'ID FX FY' with FX and FY from 0 to 1, got '%s'%s", arg,
                    "");
    }
    return tap_point(r, id, fx, fy);
}

static int tap_point(replay_t *r, const char *id, double fx, double fy)
{
    /* like a person, scroll a list until the choice is in sight */
    for (int i = 0; i < 3 && ui_scroll_to_widget(&r->rt->ui, id, 0); i++) {
        settle(r);
    }
    const ui_widget_t *w = ui_find(&r->rt->ui, id);
    if (!w || !w->interactive) {
        int rc = fail(r, "expected widget '%s' on screen '%s'", id, app_screen_id(&r->rt->app));
        list_widgets(r);
        return rc;
    }
    if (!w->enabled) {
        return fail(r, "expected widget '%s' to be enabled on '%s'", id,
                    app_screen_id(&r->rt->app));
    }
    int x = w->rect.x + (int)(fx * (w->rect.w - 1)), y = w->rect.y + (int)(fy * (w->rect.h - 1));
    const ui_widget_t *top = ui_hit(&r->rt->ui, x, y);
    if (top != w) {
        return fail(r, "expected widget '%s' to be reachable, but '%s' covers it", id,
                    top ? top->id : "(a blocker or nothing)");
    }
    app_input(&r->rt->app);
    ui_pointer_down(&r->rt->ui, x, y);
    settle(r); /* the pressed state is drawn */
    ui_pointer_up(&r->rt->ui, x, y);
    settle(r);
    return 0;
}

#define REPLAY_DRAG_STEPS 8
#define REPLAY_DRAG_MAX 100000 /* pixels: far beyond any screen, far below int overflow */
#define REPLAY_FRAME_MS 16
#define REPLAY_FLING_FRAMES_MAX 600

/* drag WIDGET DY: a finger drags from the widget's centre by DY pixels, then lets go. */
static int cmd_drag(replay_t *r, char *args)
{
    char *space = strchr(args, ' ');
    char *end = NULL;
    long dy = space ? strtol(space + 1, &end, 10) : 0;
    if (space && (end == space + 1 || *end || dy < -REPLAY_DRAG_MAX || dy > REPLAY_DRAG_MAX)) {
        return fail(r, "expected 'drag WIDGET DY' with DY a number of pixels within +-%s, "
                       "found '%s'", "100000", space + 1);
    }
    if (space) {
        *space = '\0';
    }
    const ui_widget_t *w = ui_find(&r->rt->ui, args);
    if (!w || !space) {
        return fail(r, "expected 'drag WIDGET DY' with WIDGET on screen '%s', found '%s'",
                    app_screen_id(&r->rt->app), args);
    }
    ui_t *ui = &r->rt->ui;
    uint32_t t = (uint32_t)r->rt->app.now_ms;
    int x = w->rect.x + w->rect.w / 2, y = w->rect.y + w->rect.h / 2;
    app_input(&r->rt->app);
    ui_set_time(ui, t);
    ui_pointer_down(ui, x, y);
    for (int i = 1; i <= REPLAY_DRAG_STEPS; i++) {
        ui_set_time(ui, t + (uint32_t)(i * REPLAY_FRAME_MS));
        ui_pointer_move(ui, x, y + (int)(dy * i / REPLAY_DRAG_STEPS));
        settle(r);
    }
    ui_pointer_up(ui, x, y + (int)dy);
    for (int i = 0; i < REPLAY_FLING_FRAMES_MAX && ui_animate(ui, REPLAY_FRAME_MS / 1000.0); i++) {
        settle(r);
    }
    settle(r);
    return 0;
}

#define REPLAY_PRINT_POLL_MS 50
#define REPLAY_WAIT_MAX_S 3600.0 /* an hour of virtual time: far beyond any timer */

/* A replay's SECONDS: a finite number from 0 to an hour (nan, inf and huge values would
 * make a target time undefined, or never reached). */
static bool parse_seconds(const char *arg, double *out)
{
    char *end = NULL;
    double s = strtod(arg, &end);
    if (end == arg || *end || !isfinite(s) || s < 0 || s > REPLAY_WAIT_MAX_S) {
        return false;
    }
    *out = s;
    return true;
}

/* wait-print SECONDS: waits in real time (the printer is real) until the slip is printed
 * or has failed, at most SECONDS; frames keep being drawn meanwhile, as on a kiosk. */
static int cmd_wait_print(replay_t *r, const char *arg)
{
    double s;
    if (!parse_seconds(arg, &s)) {
        return fail(r, "expected a number of seconds (0 to 3600), found '%s'%s", arg, "");
    }
    int rounds = (int)(s * 1000 / REPLAY_PRINT_POLL_MS);
    for (int i = 0; i < rounds && r->rt->app.print_state == APP_PRINT_PRINTING; i++) {
        SDL_Delay(REPLAY_PRINT_POLL_MS);
        settle(r);
    }
    if (r->rt->app.print_state == APP_PRINT_PRINTING) {
        return fail(r, "expected the print job to end within %s s, found it still %s", arg,
                    "printing");
    }
    settle(r);
    return 0;
}

#define REPLAY_REPORTING_POLL_MS 200

/* wait-reporting SECONDS: waits in real time (someone outside is clearing a fault) until
 * the kiosk takes reports again, at most SECONDS; each poll moves the virtual clock on by
 * one retry interval, so the kiosk's own retry (app/reporting.h) is what brings it back. */
static int cmd_wait_reporting(replay_t *r, const char *arg)
{
    double s;
    if (!parse_seconds(arg, &s)) {
        return fail(r, "expected a number of seconds (0 to 3600), found '%s'%s", arg, "");
    }
    int rounds = (int)(s * 1000 / REPLAY_REPORTING_POLL_MS);
    app_t *app = &r->rt->app;
    for (int i = 0; i < rounds && app->reporting_fault[0]; i++) {
        SDL_Delay(REPLAY_REPORTING_POLL_MS);
        app_input(app); /* someone is at the screen: no idle time-out while waiting */
        app_tick(app, app->now_ms + REPORTING_RETRY_MS);
        settle(r);
    }
    if (app->reporting_fault[0]) {
        return fail(r, "expected reporting back within %s s, still off: %s", arg,
                    app->reporting_fault);
    }
    settle(r);
    return 0;
}

static int cmd_wait(replay_t *r, const char *arg)
{
    double s;
    if (!parse_seconds(arg, &s)) {
        return fail(r, "expected a number of seconds (0 to 3600), found '%s'%s", arg, "");
    }
    app_t *app = &r->rt->app;
    uint64_t target = app->now_ms + (uint64_t)(s * 1000.0);
    for (;;) {
        uint64_t d = app_next_deadline(app);
        if (d > target) {
            break;
        }
        app_tick(app, d);
        settle(r);
    }
    app_tick(app, target);
    settle(r);
    return 0;
}

static int cmd_expect_visited(replay_t *r, const char *id)
{
    for (int i = 0; i < r->history_count; i++) {
        if (screen_matches(r->history[i], id)) {
            r->history_count = 0;
            note_screen(r);
            return 0;
        }
    }
    return fail(r, "expected screen '%s' to have been shown, found only up to '%s'", id,
                app_screen_id(&r->rt->app));
}

static int cmd_expect_text(replay_t *r, char *args)
{
    char *space = strchr(args, ' ');
    if (!space) {
        return fail(r, "expected 'expect-text WIDGET TEXT', found '%s'%s", args, "");
    }
    *space = '\0';
    const char *want = space + 1;
    const ui_widget_t *w = ui_find(&r->rt->ui, args);
    if (!w) {
        return fail(r, "expected widget '%s' on screen '%s'", args, app_screen_id(&r->rt->app));
    }
    if (!strstr(w->text, want)) {
        return fail(r, "expected text containing '%s', found '%s'", want, w->text);
    }
    return 0;
}

/* type-marker SCRIPT: types a fresh random marker (never written in the script, so the
 * script's own bytes cannot be mistaken for a copy the kiosk kept). */
static int cmd_type_marker(replay_t *r, const char *script)
{
    char text[MARKER_UTF8_MAX];
    if (!markers_add(&r->markers, script, text)) {
        return fail(r, "expected a marker script (latin, digits, arabic, gujarati, devanagari) "
                       "and at most %s markers, found '%s'", "32", script);
    }
    app_input(&r->rt->app);
    bool typed = runtime_type(r->rt, text);
    sodium_memzero(text, sizeof text);
    if (!typed) {
        return fail(r, "expected a text field with focus on '%s' to type a %s marker",
                    app_screen_id(&r->rt->app), script);
    }
    settle(r);
    return 0;
}

/* expect-no-markers: none of the markers typed so far is anywhere in writable memory. */
static int cmd_expect_no_markers(replay_t *r)
{
    char where[512];
    if (markers_find_any(&r->markers, where, sizeof where) < 0) {
        return 0;
    }
    return fail(r, "expected no typed marker left in memory, found %s%s", where, "");
}

/* expect-markers-in-memory: every marker typed so far IS in memory (the scan sees them
 * while the session holds them: the proof that expect-no-markers can fail). */
static int cmd_expect_markers_present(replay_t *r)
{
    char which[16];
    int k = markers_find_missing(&r->markers);
    if (k < 0 && r->markers.count > 0) {
        return 0;
    }
    snprintf(which, sizeof which, "%d", k + 1);
    return fail(r, "expected every typed marker in memory, found marker %s missing%s",
                r->markers.count ? which : "(none typed)", "");
}

/* expect-selected / expect-unselected WIDGET: the choice's tick as drawn this frame. */
static int cmd_expect_selected(replay_t *r, const char *id, bool want)
{
    const ui_widget_t *w = ui_find(&r->rt->ui, id);
    if (!w || w->selected != (want ? 1 : 0)) {
        return fail(r, want ? "expected choice '%s' ticked on '%s'"
                            : "expected choice '%s' not ticked on '%s'",
                    id, app_screen_id(&r->rt->app));
    }
    return 0;
}

static void blank_frame(app_t *app, ui_t *ui)
{
    (void)app;
    (void)ui;
}

/* The bytes of row y of r in s (r inside s). */
static const Uint8 *row_at(const SDL_Surface *s, SDL_Rect r, int y)
{
    return (const Uint8 *)s->pixels + (size_t)y * (size_t)s->pitch +
           (size_t)r.x * s->format->BytesPerPixel;
}

/* expect-covered WIDGET: the widget is still in the frame, but a person can neither see
 * nor reach it: its rectangle looks exactly as it does when the screen under the overlay
 * draws nothing at all (so nothing shows through, not even dimmed), and a tap there does
 * not reach it. */
static int cmd_expect_covered(replay_t *r, const char *id)
{
    runtime_t *rt = r->rt;
    const ui_widget_t *w = ui_find(&rt->ui, id);
    SDL_Surface *s = rt->surface;
    SDL_Rect a;
    if (!w || !s || !SDL_IntersectRect(&w->rect, &(SDL_Rect){0, 0, s->w, s->h}, &a)) {
        return fail(r, "expected widget '%s' under an overlay on '%s' (headless)", id,
                    app_screen_id(&rt->app));
    }
    if (ui_hit(&rt->ui, a.x + a.w / 2, a.y + a.h / 2) == w) {
        return fail(r, "expected widget '%s' covered, but a tap reaches it on '%s'", id,
                    app_screen_id(&rt->app));
    }
    SDL_Surface *seen = SDL_DuplicateSurface(s);
    const screen_def_t blank = {"replay.blank", 0, NULL, blank_frame, NULL};
    const screen_def_t *screen = rt->app.screen;
    rt->app.screen = &blank;
    runtime_frame(rt);
    rt->app.screen = screen;
    size_t bytes = (size_t)a.w * s->format->BytesPerPixel;
    int differ = 0;
    for (int y = a.y; seen && y < a.y + a.h; y++) {
        differ += memcmp(row_at(seen, a, y), row_at(s, a, y), bytes) != 0;
    }
    SDL_FreeSurface(seen);
    settle(r); /* the real frame again */
    char rows[16];
    snprintf(rows, sizeof rows, "%d", differ);
    return differ == 0 ? 0
                       : fail(r, "expected widget '%s' hidden, but %s rows of it show through",
                              id, rows);
}

static int cmd_lang(replay_t *r, const char *code)
{
    if (!lang_registry_find(&r->rt->langs, code)) {
        return fail(r, "expected an enabled language, found '%s'%s", code, "");
    }
    snprintf(r->rt->app.session.lang, sizeof r->rt->app.session.lang, "%s", code);
    app_input(&r->rt->app);
    settle(r);
    return 0;
}

typedef struct replay_key {
    const char *name;
    SDL_Keycode key;
    Uint16 mod;
} replay_key_t;

static const replay_key_t REPLAY_KEYS[] = {
    {"escape", SDLK_ESCAPE, KMOD_NONE},   {"backspace", SDLK_BACKSPACE, KMOD_NONE},
    {"return", SDLK_RETURN, KMOD_NONE},   {"space", SDLK_SPACE, KMOD_NONE},
    {"tab", SDLK_TAB, KMOD_NONE},         {"shift+tab", SDLK_TAB, KMOD_LSHIFT},
    {"up", SDLK_UP, KMOD_NONE},           {"down", SDLK_DOWN, KMOD_NONE},
    {"left", SDLK_LEFT, KMOD_NONE},       {"right", SDLK_RIGHT, KMOD_NONE},
};

/* key NAME: one of REPLAY_KEYS, or any SDL key name ("Keypad 5", "Keypad *", "F5"). */
static int cmd_key(replay_t *r, const char *name)
{
    SDL_Keycode key = SDLK_UNKNOWN;
    Uint16 mod = KMOD_NONE;
    for (size_t i = 0; i < sizeof REPLAY_KEYS / sizeof REPLAY_KEYS[0]; i++) {
        if (strcmp(name, REPLAY_KEYS[i].name) == 0) {
            key = REPLAY_KEYS[i].key;
            mod = REPLAY_KEYS[i].mod;
        }
    }
    if (key == SDLK_UNKNOWN) {
        key = keymap_parse_key(name);
    }
    if (key == SDLK_UNKNOWN) {
        return fail(r, "expected a key name (escape, backspace, return, space, tab, shift+tab, "
                       "up, down, left, right, or an SDL name such as 'Keypad 5'), found '%s'%s",
                    name, "");
    }
    runtime_key_mod(r->rt, key, mod);
    settle(r);
    return 0;
}

/* expect-focus ID: the keyboard focus is on ID, and the ring is drawn round it. */
static int cmd_expect_focus(replay_t *r, const char *id)
{
    const ui_widget_t *w = focus_widget(&r->rt->focus, &r->rt->ui);
    if (!w || strcmp(w->id, id) != 0) {
        return fail(r, "expected the focus on '%s', found it on '%s'", id,
                    w ? w->id : "(nothing)");
    }
    return 0;
}

/* focus-to ID [MAX]: presses Tab until ID has the focus (at most MAX times, 60 unless
 * given), as a person would step through; each step is read aloud as usual. */
static int cmd_focus_to(replay_t *r, char *args)
{
    char *space = strchr(args, ' ');
    long max = 60;
    if (space) {
        *space = '\0';
        char *end = NULL;
        max = strtol(space + 1, &end, 10);
        if (end == space + 1 || *end || max < 1 || max > UI_WIDGETS_MAX) {
            return fail(r, "expected 'focus-to WIDGET [MAX]' with MAX 1 to 384, found '%s'%s",
                        space + 1, "");
        }
    }
    const ui_widget_t *w = NULL;
    for (long i = 0; i < max; i++) {
        w = focus_widget(&r->rt->focus, &r->rt->ui);
        if (w && strcmp(w->id, args) == 0) {
            return 0;
        }
        runtime_key_mod(r->rt, SDLK_TAB, KMOD_NONE);
        settle(r);
        /* with read-aloud on, every step says the item it reached */
        w = focus_widget(&r->rt->focus, &r->rt->ui);
        const char *said = NULL;
        speech_recorder_last(r->rt->speech, NULL, &said);
        if (r->rt->app.session.speech && w && w->text[0] && (!said || !strstr(said, w->text))) {
            return fail(r, "expected read-aloud to say '%s' when the focus reached it, found '%s'",
                        w->text, said ? said : "(nothing)");
        }
    }
    w = focus_widget(&r->rt->focus, &r->rt->ui);
    if (w && strcmp(w->id, args) == 0) {
        return 0;
    }
    int rc = fail(r, "expected Tab to reach '%s', but the focus went round without it (on '%s')",
                  args, w ? w->id : "(nothing)");
    list_widgets(r);
    return rc;
}

/* expect-spoken-reference: the last thing said holds the reference spelled out. */
static int cmd_expect_spoken_reference(replay_t *r)
{
    char spelled[128];
    const char *said = NULL;
    runtime_spell_reference(r->rt->app.session.reference, spelled, sizeof spelled);
    speech_recorder_last(r->rt->speech, NULL, &said);
    if (!spelled[0] || !said || !strstr(said, spelled)) {
        return fail(r, "expected read-aloud to spell the reference '%s', found '%s'", spelled,
                    said ? said : "(nothing)");
    }
    return 0;
}

/* expect-clips KEY...: the recorded-speech backend's last say played these clips, in
 * this order (and maybe more around them). */
static int cmd_expect_clips(replay_t *r, const char *keys)
{
    int unmatched = 0;
    const char *played = speech_clips_last(r->rt->clips, &unmatched);
    return strstr(played, keys) ? 0
                                : fail(r, "expected recorded clips '%s' played, found '%s'", keys,
                                       played[0] ? played : "(none)");
}

/* expect-silent: what was being said has been stopped and nothing new started. */
static int cmd_expect_silent(replay_t *r)
{
    const char *said = NULL;
    speech_recorder_last(r->rt->speech, NULL, &said);
    return speech_recorder_silenced(r->rt->speech)
               ? 0
               : fail(r, "expected read-aloud stopped, but it last started '%s'%s",
                      said ? said : "(nothing)", "");
}

/* expect-speech-params VOLUME RATE: the steps read-aloud was last given. */
static int cmd_expect_speech_params(replay_t *r, const char *args)
{
    int want_v = 0, want_r = 0, have_v = 0, have_r = 0;
    if (sscanf(args, "%d %d", &want_v, &want_r) != 2) {
        return fail(r, "expected 'expect-speech-params VOLUME RATE' (steps), found '%s'%s", args,
                    "");
    }
    speech_recorder_params(r->rt->speech, &have_v, &have_r);
    if (have_v != want_v || have_r != want_r) {
        char have[64];
        snprintf(have, sizeof have, "%d %d", have_v, have_r);
        return fail(r, "expected speech volume and rate steps %s, found %s", args, have);
    }
    return 0;
}

/* expect-spoken-slip: the last thing said holds every line of the slip just printed, in
 * order, the reference spelled out (what is printed is read aloud). */
static int cmd_expect_spoken_slip(replay_t *r)
{
    const runtime_t *rt = r->rt;
    const char *said = NULL;
    speech_recorder_last(rt->speech, NULL, &said);
    if (!rt->print_words[0]) {
        return fail(r, "expected a printed slip's words, found none (print state %s)%s",
                    rt->app.print_state == APP_PRINT_DONE ? "printed" : "not printed", "");
    }
    const char *at = said ? said : "";
    for (const char *p = rt->print_words; *p;) {
        const char *end = strchr(p, '\n');
        size_t n = end ? (size_t)(end - p) : strlen(p);
        char line[512];
        snprintf(line, sizeof line, "%.*s", (int)(n < sizeof line ? n : sizeof line - 1), p);
        if (strcmp(line, rt->app.session.reference) == 0) {
            runtime_spell_reference(rt->app.session.reference, line, sizeof line);
        }
        const char *found = strstr(at, line);
        if (!found) {
            return fail(r, "expected read-aloud to say the slip's line '%s' (in order), found '%s'",
                        line, said ? said : "(nothing)");
        }
        at = found + strlen(line);
        p += n + (end ? 1 : 0);
    }
    return 0;
}

/* expect-theme normal|high normal|large|largest: the last frame was drawn in this contrast
 * and at this text size (the person's settings, as home or the Accessibility panel set). */
static int cmd_expect_theme(replay_t *r, const char *args)
{
    static const char *const SIZES[THEME_TEXT_SIZES] = {"normal", "large", "largest"};
    char contrast[16] = "", size[16] = "";
    int want_size = -1;
    if (sscanf(args, "%15s %15s", contrast, size) == 2) {
        for (int i = 0; i < THEME_TEXT_SIZES; i++) {
            want_size = strcmp(size, SIZES[i]) == 0 ? i : want_size;
        }
    }
    bool high = strcmp(contrast, "high") == 0;
    if (want_size < 0 || (!high && strcmp(contrast, "normal") != 0)) {
        return fail(r, "expected 'expect-theme normal|high normal|large|largest', found '%s'%s",
                    args, "");
    }
    const theme_t *have = &r->rt->ui.theme;
    theme_t want;
    theme_init(&want, r->rt->w, r->rt->h, high, (theme_text_size_t)want_size);
    if (have->high_contrast != high || fabs(have->text_scale - want.text_scale) > 1e-9) {
        return fail(r, "expected the screen drawn in theme '%s', found %s", args,
                    have->high_contrast ? "high contrast" : "normal contrast");
    }
    return 0;
}

static int run_line(replay_t *r, char *cmd, char *arg)
{
    runtime_t *rt = r->rt;
    char err[512];
    if (strcmp(cmd, "tap") == 0) {
        return cmd_tap(r, arg);
    } else if (strcmp(cmd, "tap-at") == 0) {
        return cmd_tap_at(r, arg);
    } else if (strcmp(cmd, "wait-print") == 0) {
        return cmd_wait_print(r, arg);
    } else if (strcmp(cmd, "wait-reporting") == 0) {
        return cmd_wait_reporting(r, arg);
    } else if (strcmp(cmd, "drag") == 0) {
        return cmd_drag(r, arg);
    } else if (strcmp(cmd, "wait") == 0) {
        return cmd_wait(r, arg);
    } else if (strcmp(cmd, "lang") == 0) {
        return cmd_lang(r, arg);
    } else if (strcmp(cmd, "key") == 0) {
        return cmd_key(r, arg);
    } else if (strcmp(cmd, "type") == 0) {
        app_input(&rt->app);
        if (!runtime_type(rt, arg)) {
            return fail(r, "expected a text field with focus on '%s' to type '%s'",
                        app_screen_id(&rt->app), arg);
        }
        settle(r);
        return 0;
    } else if (strcmp(cmd, "type-marker") == 0) {
        return cmd_type_marker(r, arg);
    } else if (strcmp(cmd, "expect-no-markers") == 0) {
        return cmd_expect_no_markers(r);
    } else if (strcmp(cmd, "expect-markers-in-memory") == 0) {
        return cmd_expect_markers_present(r);
    } else if (strcmp(cmd, "expect-screen") == 0) {
        const char *have = app_screen_id(&rt->app);
        return screen_matches(have, arg) ? 0 : fail(r, "expected screen '%s', found '%s'", arg, have);
    } else if (strcmp(cmd, "expect-visited") == 0) {
        return cmd_expect_visited(r, arg);
    } else if (strcmp(cmd, "expect-text") == 0) {
        return cmd_expect_text(r, arg);
    } else if (strcmp(cmd, "expect-disabled") == 0 || strcmp(cmd, "expect-enabled") == 0) {
        const ui_widget_t *w = ui_find(&rt->ui, arg);
        bool want = strcmp(cmd, "expect-enabled") == 0;
        if (!w || w->enabled != want) {
            return fail(r, want ? "expected widget '%s' enabled on '%s'"
                                : "expected widget '%s' disabled on '%s'",
                        arg, app_screen_id(&rt->app));
        }
        return 0;
    } else if (strcmp(cmd, "expect-visible") == 0 || strcmp(cmd, "expect-hidden") == 0) {
        const ui_widget_t *w = ui_find(&rt->ui, arg);
        bool want = strcmp(cmd, "expect-visible") == 0;
        bool seen = w && w->rect.w > 0 && w->rect.h > 0 && w->rect.h == w->full.h;
        if (!w || seen != want) {
            return fail(r, want ? "expected widget '%s' fully in view on '%s'"
                                : "expected widget '%s' scrolled out of view on '%s'",
                        arg, app_screen_id(&rt->app));
        }
        return 0;
    } else if (strcmp(cmd, "expect-focus") == 0) {
        return cmd_expect_focus(r, arg);
    } else if (strcmp(cmd, "focus-to") == 0) {
        return cmd_focus_to(r, arg);
    } else if (strcmp(cmd, "expect-spoken-reference") == 0) {
        return cmd_expect_spoken_reference(r);
    } else if (strcmp(cmd, "expect-clips") == 0) {
        return cmd_expect_clips(r, arg);
    } else if (strcmp(cmd, "expect-silent") == 0) {
        return cmd_expect_silent(r);
    } else if (strcmp(cmd, "expect-speech-params") == 0) {
        return cmd_expect_speech_params(r, arg);
    } else if (strcmp(cmd, "expect-spoken") == 0) {
        const char *said = NULL;
        speech_recorder_last(rt->speech, NULL, &said);
        return said && strstr(said, arg) ? 0
               : fail(r, "expected read-aloud to have said '%s', found '%s'", arg,
                      said ? said : "(nothing)");
    } else if (strcmp(cmd, "expect-selected") == 0 || strcmp(cmd, "expect-unselected") == 0) {
        return cmd_expect_selected(r, arg, strcmp(cmd, "expect-selected") == 0);
    } else if (strcmp(cmd, "expect-spoken-slip") == 0) {
        return cmd_expect_spoken_slip(r);
    } else if (strcmp(cmd, "expect-theme") == 0) {
        return cmd_expect_theme(r, arg);
    } else if (strcmp(cmd, "expect-covered") == 0) {
        return cmd_expect_covered(r, arg);
    } else if (strcmp(cmd, "expect-no-widget") == 0) {
        return ui_find(&rt->ui, arg) ? fail(r, "expected no widget '%s' on '%s', found one", arg,
                                             app_screen_id(&rt->app))
                                     : 0;
    } else if (strcmp(cmd, "screenshot") == 0) {
        return runtime_save_png(rt, arg, err, sizeof err) ? 0 : fail(r, "screenshot: %s%s", err, "");
    }
    return fail(r, "expected a replay command, found '%s'%s", cmd, "");
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t') {
        s++;
    }
    size_t n = strlen(s);
    while (n > 0 && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' ' || s[n - 1] == '\t')) {
        s[--n] = '\0';
    }
    return s;
}

int replay_run(runtime_t *rt, const char *path, FILE *err_out)
{
    replay_t r = {.rt = rt, .path = path, .err = err_out};
    FILE *f = fopen(path, "r");
    if (!f) {
        fprintf(err_out, "%s: cannot open: %s\n", path, strerror(errno));
        return 1;
    }
    app_set_clock(&rt->app, REPLAY_CLOCK_START_MS);
    settle(&r);
    char buf[REPLAY_LINE_MAX];
    int rc = 0;
    while (rc == 0 && fgets(buf, sizeof buf, f)) {
        r.line++;
        if (!strchr(buf, '\n') && !feof(f)) {
            int c = fgetc(f); /* a line of exactly the buffer's length ends here */
            if (c != '\n' && c != EOF) {
                /* never run the rest of an over-long line as a command of its own */
                rc = fail(&r, "expected a line of at most %s bytes, found a longer one%s",
                          "4095", "");
                break;
            }
        }
        char *line = trim(buf);
        if (line[0] == '\0' || line[0] == '#') {
            continue;
        }
        char *arg = strchr(line, ' ');
        if (arg) {
            *arg++ = '\0';
            arg = trim(arg);
        } else {
            arg = line + strlen(line);
        }
        rc = run_line(&r, line, arg);
    }
    fclose(f);
    /* the script's reports must reach the spool before the replay ends */
    if (rc == 0 && rt->reports && !report_service_wait_delivered(rt->reports, REPLAY_DELIVERY_WAIT_MS)) {
        fprintf(err_out, "%s: reports were saved but not delivered within %d s\n", path,
                REPLAY_DELIVERY_WAIT_MS / 1000);
        rc = 1;
    }
    return rc;
}
