/* Issue 13 engine: the key map ([input], ATM keypad, Escape and * as Quick exit, mirrored
 * arrows), the focus module (reading order, first content control, modal blockers,
 * wrapping, choice positions, activation as a tap), the focus ring's size and contrast in
 * both themes, read-aloud's volume and speed steps and the spelled reference. */
#include "app/config_check.h"
#include "app/keymap.h"
#include "speech/speech_clips.h"
#include "support_kiosk.h"
#include "ui/focus.h"
#include "ui/widgets.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

/* ---- key map ---- */

static keymap_t default_map(void)
{
    kiosk_config_t cfg;
    config_defaults(&cfg);
    keymap_t km;
    char err[256];
    assert_true(keymap_init(&km, &cfg, err, sizeof err)); /* the defaults are all keys */
    return km;
}

static void test_keymap_quick_exit(void **state)
{
    keymap_t km = default_map();
    assert_int_equal(keymap_action(&km, SDLK_ESCAPE, 0, false, false), KEY_ACTION_QUICK_EXIT);
    assert_int_equal(keymap_action(&km, SDLK_KP_MULTIPLY, 0, false, false),
                     KEY_ACTION_QUICK_EXIT); /* the keypad's * (default) */
    assert_int_equal(keymap_action(&km, SDLK_ASTERISK, 0, false, false),
                     KEY_ACTION_QUICK_EXIT); /* "*" means both star keys */
    assert_int_equal(keymap_action(&km, SDLK_ESCAPE, 0, true, false),
                     KEY_ACTION_QUICK_EXIT); /* even while typing */
}

static void test_keymap_focus_keys(void **state)
{
    keymap_t km = default_map();
    assert_int_equal(keymap_action(&km, SDLK_TAB, 0, false, false), KEY_ACTION_FOCUS_NEXT);
    assert_int_equal(keymap_action(&km, SDLK_TAB, KMOD_LSHIFT, false, false),
                     KEY_ACTION_FOCUS_PREV); /* Shift-Tab goes back */
    assert_int_equal(keymap_action(&km, SDLK_RIGHT, 0, false, false), KEY_ACTION_FOCUS_NEXT);
    assert_int_equal(keymap_action(&km, SDLK_RIGHT, 0, false, true),
                     KEY_ACTION_FOCUS_PREV); /* mirrored for right-to-left */
    assert_int_equal(keymap_action(&km, SDLK_LEFT, 0, false, true), KEY_ACTION_FOCUS_NEXT);
    assert_int_equal(keymap_action(&km, SDLK_UP, 0, false, true), KEY_ACTION_FOCUS_PREV);
    assert_int_equal(keymap_action(&km, SDLK_RETURN, 0, false, false), KEY_ACTION_ACTIVATE);
    assert_int_equal(keymap_action(&km, SDLK_SPACE, 0, false, false), KEY_ACTION_ACTIVATE);
    assert_int_equal(keymap_action(&km, SDLK_SPACE, 0, true, false),
                     KEY_ACTION_NONE); /* a space typed into a field */
    assert_int_equal(keymap_action(&km, SDLK_a, 0, false, false), KEY_ACTION_NONE);
}

static void test_keymap_atm_keypad(void **state)
{
    keymap_t km = default_map();
    assert_int_equal(keymap_action(&km, SDLK_KP_2, 0, false, false), KEY_ACTION_FOCUS_PREV);
    assert_int_equal(keymap_action(&km, SDLK_KP_8, 0, false, false), KEY_ACTION_FOCUS_NEXT);
    assert_int_equal(keymap_action(&km, SDLK_KP_4, 0, false, false), KEY_ACTION_FOCUS_PREV);
    assert_int_equal(keymap_action(&km, SDLK_KP_6, 0, false, false), KEY_ACTION_FOCUS_NEXT);
    assert_int_equal(keymap_action(&km, SDLK_KP_5, 0, false, false), KEY_ACTION_ACTIVATE);
    assert_int_equal(keymap_action(&km, SDLK_KP_0, 0, false, false), KEY_ACTION_SPEECH_REPEAT);
    assert_int_equal(keymap_action(&km, SDLK_KP_PERIOD, 0, false, false),
                     KEY_ACTION_SPEECH_STOP);
    assert_int_equal(keymap_action(&km, SDLK_KP_PLUS, 0, false, false), KEY_ACTION_VOLUME_UP);
    assert_int_equal(keymap_action(&km, SDLK_KP_MINUS, 0, false, false),
                     KEY_ACTION_VOLUME_DOWN);
    assert_int_equal(keymap_action(&km, SDLK_KP_7, 0, false, false),
                     KEY_ACTION_SPEECH_SLOWER);
    assert_int_equal(keymap_action(&km, SDLK_KP_9, 0, false, false),
                     KEY_ACTION_SPEECH_FASTER);
    /* a date typed on the keypad: the digits are text, not moves or speech keys */
    assert_int_equal(keymap_action(&km, SDLK_KP_5, 0, true, false), KEY_ACTION_NONE);
    assert_int_equal(keymap_action(&km, SDLK_KP_0, 0, true, false), KEY_ACTION_NONE);
}

static void test_keymap_config(void **state)
{
    kiosk_config_t cfg;
    config_defaults(&cfg);
    snprintf(cfg.quick_exit_key, sizeof cfg.quick_exit_key, "F12");
    cfg.keypad_atm = false;
    keymap_t km;
    char err[256] = "";
    assert_true(keymap_init(&km, &cfg, err, sizeof err));
    assert_int_equal(keymap_action(&km, SDLK_F12, 0, false, false), KEY_ACTION_QUICK_EXIT);
    assert_int_equal(keymap_action(&km, SDLK_KP_MULTIPLY, 0, false, false),
                     KEY_ACTION_NONE); /* no longer Quick exit */
    assert_int_equal(keymap_action(&km, SDLK_KP_5, 0, false, false),
                     KEY_ACTION_NONE); /* ATM layout off */
    snprintf(cfg.volume_up_key, sizeof cfg.volume_up_key, "Keypad Wobble");
    assert_false(keymap_init(&km, &cfg, err, sizeof err)); /* not a key name */
    assert_non_null(strstr(err, "[input] volume_up_key")); /* names the key ... */
    assert_non_null(strstr(err, "Keypad Wobble"));         /* ... and the bad value */
    assert_int_equal(keymap_action(&km, SDLK_F12, 0, false, false),
                     KEY_ACTION_QUICK_EXIT); /* the other keys still work */
}

/* The config checker knows [input]: a bad key name is a problem at its line, naming the
 * key; it does not stop reports (Escape, Tab and Enter always work). */
static void test_config_check_input(void **state)
{
    char path[] = "/tmp/test_access_keys_XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *fp = fdopen(fd, "w");
    fputs("[input]\nquick_exit_key = Nope\nkeypad_atm = false\nrepeat_key = F5\n", fp);
    fputs("[speech]\naudio_dir = /nonexistent/kiosk-clips\n", fp);
    fprintf(fp, "[report]\nreceiver_public_key = %s/config/sample-receiver/receiver.pub\n"
                "allow_sample_key = true\n", KIOSK_SOURCE_DIR);
    fclose(fp);
    kiosk_config_t cfg;
    config_defaults(&cfg);
    config_check_t out;
    config_check_load(&cfg, path, &out);
    unlink(path);
    bool found = false, others = false;
    for (int i = 0; i < out.problems.count; i++) {
        const ini_problem_t *p = &out.problems.items[i];
        if (strcmp(p->section, "input") == 0) {
            found = found || (p->line == 2 && strstr(p->text, "[input] quick_exit_key") &&
                              strstr(p->text, "'Nope'"));
            others = others || p->line != 2;
        }
    }
    assert_true(found);   /* the bad name, at line 2 */
    assert_false(others); /* keypad_atm and "F5" are fine: known keys */
    bool speech_dir = false;
    for (int i = 0; i < out.problems.count; i++) {
        speech_dir = speech_dir || (strcmp(out.problems.items[i].section, "speech") == 0 &&
                                    out.problems.items[i].line == 6);
    }
    assert_true(speech_dir); /* a clip folder that is not there, at its line */
    assert_true(out.reports_ok); /* neither stops reports */
    assert_false(cfg.keypad_atm);
    assert_string_equal(cfg.speech_repeat_key, "F5");
}

/* ---- focus ---- */

typedef struct fixture {
    runtime_t rt;
    bool modal;
    int fired_next;
} fixture_t;

/* A question screen: bar, a 2x2 grid of choices, Back and Next, as the wizard draws it. */
static void frame(fixture_t *f, bool rtl)
{
    ui_t *ui = &f->rt.ui;
    ui_begin_frame(ui, 1920, 1080, "en", rtl);
    ui_button(ui, "back", "Back", (SDL_Rect){rtl ? 1620 : 0, 0, 300, 100}, UI_BUTTON_SECONDARY,
              true);
    ui_button(ui, "quick_exit", "Quick exit", (SDL_Rect){rtl ? 0 : 1620, 0, 300, 100},
              UI_BUTTON_DANGER, true);
    ui_record_label(ui, "title", (SDL_Rect){100, 150, 1000, 80}, "Why?");
    static const char *const IDS[] = {"q.why.a", "q.why.b", "q.why.c", "q.why.d"};
    for (int i = 0; i < 4; i++) {
        int col = rtl ? 1 - i % 2 : i % 2;
        ui_choice(ui, IDS[i], IDS[i] + 6, (SDL_Rect){100 + col * 800, 300 + i / 2 * 150, 700, 110},
                  i == 1, true);
    }
    ui_button(ui, "q.disabled", "Off", (SDL_Rect){100, 650, 300, 100}, UI_BUTTON_SECONDARY, false);
    if (ui_button(ui, "next", "Next", (SDL_Rect){1500, 900, 300, 100}, UI_BUTTON_PRIMARY, true)) {
        f->fired_next++;
    }
    if (f->modal) {
        ui_modal_begin(ui);
        ui_button(ui, "m.yes", "Yes", (SDL_Rect){500, 500, 300, 100}, UI_BUTTON_PRIMARY, true);
        ui_button(ui, "quick_exit", "Quick exit", (SDL_Rect){1620, 0, 300, 100},
                  UI_BUTTON_DANGER, true);
    }
    ui_end_frame(ui);
}

static int setup(void **state)
{
    fixture_t *f = calloc(1, sizeof *f);
    support_runtime_open(&f->rt, 1920, 1080);
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *f = *state;
    support_runtime_close(&f->rt);
    free(f);
    return 0;
}

static void expect_order(fixture_t *f, const char *const *want, int n)
{
    const ui_widget_t *order[UI_WIDGETS_MAX];
    int have = focus_order(&f->rt.ui, order, UI_WIDGETS_MAX);
    assert_int_equal(have, n); /* every enabled control once, nothing disabled */
    for (int i = 0; i < n; i++) {
        assert_string_equal(order[i]->id, want[i]);
    }
}

static void test_focus_reading_order(void **state)
{
    fixture_t *f = *state;
    frame(f, false);
    static const char *const LTR[] = {"back", "quick_exit", "q.why.a", "q.why.b",
                                      "q.why.c", "q.why.d", "next"};
    expect_order(f, LTR, 7);
    frame(f, true); /* right to left: each row from the right */
    static const char *const RTL[] = {"back", "quick_exit", "q.why.a", "q.why.b",
                                      "q.why.c", "q.why.d", "next"};
    expect_order(f, RTL, 7); /* the layout mirrored, so the same reading sequence */
    const ui_widget_t *order[UI_WIDGETS_MAX];
    focus_order(&f->rt.ui, order, UI_WIDGETS_MAX);
    assert_true(order[2]->full.x > order[3]->full.x); /* and a is right of b on screen */
}

static void test_focus_starts_on_content_and_wraps(void **state)
{
    fixture_t *f = *state;
    ui_focus_t fo = {0};
    frame(f, false);
    assert_true(focus_follow_screen(&fo, &f->rt.ui, "q.why"));
    assert_string_equal(fo.id, "q.why.a"); /* never Quick exit or Back */
    assert_false(focus_follow_screen(&fo, &f->rt.ui, "q.why")); /* same screen: stays */
    assert_true(focus_move(&fo, &f->rt.ui, -1));
    assert_string_equal(fo.id, "quick_exit");
    assert_true(focus_move(&fo, &f->rt.ui, -1));
    assert_true(focus_move(&fo, &f->rt.ui, -1));
    assert_string_equal(fo.id, "next"); /* round from the first to the last */
    assert_true(focus_move(&fo, &f->rt.ui, 1));
    assert_string_equal(fo.id, "back");
    assert_true(fo.shown); /* a key was used: the ring shows */
}

static void test_focus_position_and_activate(void **state)
{
    fixture_t *f = *state;
    ui_focus_t fo = {0};
    frame(f, false);
    focus_follow_screen(&fo, &f->rt.ui, "q.why");
    focus_move(&fo, &f->rt.ui, 1);
    int total = 0;
    assert_int_equal(focus_position(&fo, &f->rt.ui, &total), 2); /* b is 2nd ... */
    assert_int_equal(total, 4);                                   /* ... of the 4 choices */
    assert_int_equal(focus_widget(&fo, &f->rt.ui)->selected, 1);  /* and ticked */
    while (strcmp(fo.id, "next") != 0) {
        focus_move(&fo, &f->rt.ui, 1);
    }
    assert_int_equal(focus_position(&fo, &f->rt.ui, &total), 0); /* a button: no position */
    ui_t *ui = &f->rt.ui;
    ui_begin_frame(ui, 1920, 1080, "en", false);
    ui_choice(ui, "home.contrast", "High contrast", (SDL_Rect){0, 0, 300, 100}, false, true);
    ui_choice(ui, "home.speech", "Read aloud", (SDL_Rect){400, 0, 300, 100}, false, true);
    ui_end_frame(ui);
    ui_focus_t toggle = {0};
    focus_follow_screen(&toggle, ui, "home");
    assert_string_equal(toggle.id, "home.contrast");
    assert_int_equal(focus_position(&toggle, ui, &total), 0); /* a toggle, not an answer */
    frame(f, false);
    assert_true(focus_activate(&fo, &f->rt.ui));
    frame(f, false);
    assert_int_equal(f->fired_next, 1); /* Enter is a tap on the focused control */
    frame(f, false);
    assert_int_equal(f->fired_next, 1); /* once */
}

static void test_focus_modal(void **state)
{
    fixture_t *f = *state;
    ui_focus_t fo = {0};
    frame(f, false);
    focus_follow_screen(&fo, &f->rt.ui, "q.why");
    f->modal = true;
    frame(f, false);
    static const char *const MODAL[] = {"quick_exit", "m.yes"};
    expect_order(f, MODAL, 2); /* nothing under the blocker */
    assert_null(focus_widget(&fo, &f->rt.ui)); /* the old focus is hidden ... */
    assert_true(focus_follow_screen(&fo, &f->rt.ui, "q.why"));
    assert_string_equal(fo.id, "m.yes"); /* ... so it moves to the overlay's action */
}

/* The ring at 1080p: at least 4 px, and its outer band at least 3:1 against the page and
 * the controls' own surface, in both themes. */
static void test_focus_ring_contrast(void **state)
{
    for (int hc = 0; hc < 2; hc++) {
        theme_t t;
        theme_init(&t, 1920, 1080, hc, THEME_TEXT_NORMAL);
        assert_true(focus_ring_px(&t) >= 4);
        SDL_Color ring = focus_ring_outer(&t);
        assert_true(theme_contrast_ratio(ring, t.colors.background) >= 3.0);
        assert_true(theme_contrast_ratio(ring, t.colors.surface) >= 3.0);
        /* the inner band against the outer: the two are told apart */
        assert_true(hc || theme_contrast_ratio(ring, focus_ring_inner(&t)) >= 3.0);
    }
    theme_t small;
    theme_init(&small, 1280, 720, false, THEME_TEXT_NORMAL);
    assert_true(focus_ring_px(&small) >= FOCUS_RING_MIN_PX); /* never thinner on small */
}

/* The ring is really drawn: pixels just outside the focused control take its colour. */
static void test_focus_ring_drawn(void **state)
{
    fixture_t *f = *state;
    ui_focus_t fo = {0};
    frame(f, false);
    focus_follow_screen(&fo, &f->rt.ui, "q.why");
    ui_t *ui = &f->rt.ui;
    for (int shown = 0; shown < 2; shown++) {
        fo.shown = shown;
        ui_begin_frame(ui, 1920, 1080, "en", false);
        ui_choice(ui, "q.why.a", "a", (SDL_Rect){100, 300, 700, 110}, false, true);
        focus_draw(&fo, ui);
        ui_end_frame(ui);
        SDL_RenderPresent(ui->renderer);
        SDL_Surface *s = f->rt.surface;
        Uint32 px = ((Uint32 *)s->pixels)[(300 - 2) * (s->pitch / 4) + 400];
        Uint8 r, g, b;
        SDL_GetRGB(px, s->format, &r, &g, &b);
        SDL_Color want = focus_ring_inner(&ui->theme);
        bool ring = r == want.r && g == want.g && b == want.b;
        assert_int_equal(ring, shown); /* drawn only once a key was used */
    }
}

/* ---- speech steps and the spelled reference ---- */

static void test_speech_steps(void **state)
{
    double span = 20.0 * log10(speech_volume_gain(SPEECH_STEP_MAX) /
                               speech_volume_gain(SPEECH_STEP_MIN));
    assert_true(span >= 12.0 - 1e-9);                      /* EN 301 549 8.2.1.2 */
    assert_true(speech_volume_gain(SPEECH_STEP_MAX) <= 1.0); /* never amplified into clipping */
    assert_true(speech_volume_gain(0) < speech_volume_gain(SPEECH_STEP_MAX)); /* room above */
    assert_int_equal(speech_step_clamp(99), SPEECH_STEP_MAX);
    assert_int_equal(speech_step_clamp(-99), SPEECH_STEP_MIN);
    for (int i = SPEECH_STEP_MIN; i < SPEECH_STEP_MAX; i++) {
        assert_true(speech_rate_wpm(i) < speech_rate_wpm(i + 1)); /* faster each step */
        assert_true(speech_volume_gain(i) < speech_volume_gain(i + 1));
    }
    assert_int_equal(speech_rate_wpm(0), SPEECH_RATE_DEFAULT_WPM);
    int16_t pcm[] = {1000, -1000, 30000, -30000};
    speech_apply_gain(pcm, 4, 2.0);
    assert_int_equal(pcm[0], 2000);
    assert_int_equal(pcm[1], -2000);
    assert_int_equal(pcm[2], INT16_MAX); /* saturates, never wraps round */
    assert_int_equal(pcm[3], INT16_MIN);
}

static void test_recorder_silence(void **state)
{
    speech_t *sp = speech_create_recorder();
    assert_true(speech_recorder_silenced(sp)); /* nothing said yet */
    speech_say(sp, "en", "one");
    assert_false(speech_recorder_silenced(sp));
    speech_stop(sp);
    assert_true(speech_recorder_silenced(sp));
    assert_false(speech_recorder_last(sp, NULL, NULL)); /* forgotten at the stop */
    speech_set_params(sp, 2, -1);
    int v = 0, r = 0;
    speech_recorder_params(sp, &v, &r);
    assert_int_equal(v, 2);
    assert_int_equal(r, -1);
    speech_destroy(sp);
}

/* The clip backend plays the clip of each known string in the text, longest first, in
 * order, skipping (and counting) words it has no clip for; other languages' clips never. */
static void test_clips_matching(void **state)
{
    speech_t *c = speech_create_clips();
    assert_true(speech_clips_add(c, "so", "a.title", "Sidee baan kuu caawin karnaa?", "/x/a.wav"));
    assert_true(speech_clips_add(c, "so", "a.short", "Sidee", "/x/b.wav"));
    assert_true(speech_clips_add(c, "so", "a.help", "Hel taageero", "/x/c.wav"));
    assert_true(speech_clips_add(c, "pl", "a.help", "Pomoc", "/x/d.wav"));
    assert_false(speech_clips_add(c, "so", "a.empty", "", "/x/e.wav")); /* no text */
    assert_int_equal(speech_clips_count(c, "so"), 3);
    assert_int_equal(speech_clips_count(c, "pl"), 1);
    int unmatched = -1;
    assert_true(speech_say(c, "so", "Sidee baan kuu caawin karnaa?. Pomoc. Hel taageero, selected"));
    assert_string_equal(speech_clips_last(c, &unmatched), "a.title a.help"); /* longest, in order */
    assert_int_equal(unmatched, 2); /* "Pomoc" (Polish clip) and "selected" */
    assert_true(speech_say(c, "so", "Sidee"));
    assert_string_equal(speech_clips_last(c, &unmatched), "a.short");
    assert_int_equal(unmatched, 0);
    speech_t *rec = speech_create_recorder();
    assert_string_equal(speech_clips_last(rec, &unmatched), ""); /* not a clip backend */
    assert_false(speech_clips_add(rec, "so", "k", "t", "/p"));
    speech_destroy(rec);
    speech_destroy(c);
}

static void test_spell_reference(void **state)
{
    char out[128];
    runtime_spell_reference("7HK-2MN-Q3R", out, sizeof out);
    assert_string_equal(out, "7, H, K. 2, M, N. Q, 3, R.");
    runtime_spell_reference("", out, sizeof out);
    assert_string_equal(out, "");
    char tiny[8];
    runtime_spell_reference("7HK-2MN-Q3R", tiny, sizeof tiny);
    assert_true(strlen(tiny) < sizeof tiny); /* cut, never overrun */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keymap_quick_exit),
        cmocka_unit_test(test_keymap_focus_keys),
        cmocka_unit_test(test_keymap_atm_keypad),
        cmocka_unit_test(test_keymap_config),
        cmocka_unit_test(test_config_check_input),
        cmocka_unit_test_setup_teardown(test_focus_reading_order, setup, teardown),
        cmocka_unit_test_setup_teardown(test_focus_starts_on_content_and_wraps, setup, teardown),
        cmocka_unit_test_setup_teardown(test_focus_position_and_activate, setup, teardown),
        cmocka_unit_test_setup_teardown(test_focus_modal, setup, teardown),
        cmocka_unit_test(test_focus_ring_contrast),
        cmocka_unit_test_setup_teardown(test_focus_ring_drawn, setup, teardown),
        cmocka_unit_test(test_speech_steps),
        cmocka_unit_test(test_recorder_silence),
        cmocka_unit_test(test_clips_matching),
        cmocka_unit_test(test_spell_reference),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
