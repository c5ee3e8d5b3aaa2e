/* The running kiosk: content (languages, catalogs, fonts), the renderer (a window, or a
 * software surface for headless use), the UI and the app, and the frame that joins them. */
#ifndef KIOSK_APP_RUNTIME_H
#define KIOSK_APP_RUNTIME_H

#include "app/app.h"
#include "app/display.h"
#include "app/keymap.h"
#include "platform/notify.h"
#include "platform/signals.h"
#include "print/job.h"
#include "speech/speech.h"
#include "text/text.h"
#include "ui/focus.h"
#include "ui/icons.h"
#include "ui/ui.h"

#include <SDL.h>
#include <stdio.h>

#define RUNTIME_PRINT_WORDS_MAX 4096 /* a slip's words (slip_words()) */

typedef struct runtime {
    kiosk_config_t cfg;
    lang_registry_t langs;
    i18n_review_t reviews[LANG_MAX]; /* review counts of langs.langs[i] */
    content_t content;
    report_service_t *reports; /* opened by runtime_reporting_start() (app/reporting.h) */
    i18n_t *i18n;
    text_engine_t *text;
    app_t app;
    ui_t ui;
    SDL_Window *window;     /* NULL when headless */
    SDL_Renderer *renderer;
    SDL_Surface *surface;   /* headless target */
    int band_rows;          /* banded headless: the surface's rows, fewer than h; else 0 */
    int w, h;
    unsigned ui_wipes;      /* app wipes already applied to the UI */
    print_job_t *print_job; /* the slip being printed, NULL if none */
    char print_words[RUNTIME_PRINT_WORDS_MAX]; /* what it says, read aloud once printed */
    speech_t *speech;       /* read-aloud (espeak-ng, or a recorder in replays); owned */
    ui_icons_t *icons;      /* pictograms, shared with rt->ui */
    speech_t *clips;        /* recorded speech for languages without a voice; owned */
    char spoken_screen[UI_ID_MAX]; /* screen last read aloud, in spoken_lang */
    char spoken_lang[16];
    unsigned spoken_problem_seq; /* the last error at a question that was read aloud */
    keymap_t keymap;        /* [input]: keys to actions */
    ui_focus_t focus;       /* the control a keyboard or keypad user is on */
    unsigned spoken_focus_moves; /* the last focus change that was read aloud */
    int spoken_print_state; /* the printer status last read aloud */
    int content_errors;     /* content files that failed to load (logged) */
    signals_t *signals;     /* SIGTERM/SIGINT watcher (not owned; NULL: default action) */
    uint32_t stop_event;    /* SDL event type a stop signal becomes */
    int stop_signal;        /* the signal that stopped the loop, 0 if none */
    notify_t notify;        /* sd_notify READY/WATCHDOG/STOPPING */
    /* [display]: w, h above are the picture's size; the output's differs when turned */
    int out_w, out_h;       /* output pixels */
    SDL_Texture *picture;   /* drawn into, then turned onto the output; NULL at 0 deg */
    display_hours_t off_hours;
    bool blanked;           /* off hours and nobody there: the output shows black */
    struct runtime_lint *lint; /* content checks still to run (runtime_lint_content()) */
    const screen_def_t *whole_screen; /* the screen last drawn whole (none deferred) */
    const screen_def_t *dry_screen;   /* the screen last drawn without pixels first (ui.dry) */
    bool first_dry;         /* this drawing is a new screen's dry one (not dry_passes') */
    bool defer_far;         /* drawing a frame's first picture (runtime_frame_shown()) */
    /* A frame on a surface drawn on directly: every drawing up to the settled one is dry,
     * then only the tiles that changed get pixels (ui/damage.h). */
    bool dry_passes;
    bool drawn;             /* the last frame wrote pixels: it is presented */
    bool damage_check;      /* KIOSK_DAMAGE_CHECK=1: every frame is compared with a whole
                             * repaint, and the kiosk stops at a difference (tests) */
} runtime_t;

/** Loads languages, catalogs, services, areas, keyboards (content_read()) and fonts for
 *  cfg. Bad content files are skipped (English shown instead); only a missing English
 *  catalog or languages.ini is fatal. The findings, with the checks of content_lint(), are
 *  logged by runtime_lint_content(): the first frame does not wait for the checks. */
bool runtime_init(runtime_t *rt, const kiosk_config_t *cfg, char *err, size_t err_size);
void runtime_deinit(runtime_t *rt);
/** Runs the content checks runtime_init() left (content_lint(), the glyph check) and logs
 *  every finding of the start-up with file:line, once; nothing when done already or when
 *  the content was reloaded since (the reload checked and logged its own). */
void runtime_lint_content(runtime_t *rt);

/** Reads every content file again through content_load() (SIGHUP, the admin screen's
 *  Reload) and logs the findings. When a file cannot be read the old content stays and err
 *  says why; the next frame shows the new words otherwise. Call between frames. */
bool runtime_reload_content(runtime_t *rt, char *err, size_t err_size);


/** Renders into an offscreen w x h surface with SDL's software renderer (no display). */
bool runtime_open_headless(runtime_t *rt, int w, int h, char *err, size_t err_size);
/** As runtime_open_headless(), laid out at w x h but drawn into a surface `divisor` times
 *  smaller each way: for runs that check layout, memory and state but never pixels (the
 *  monkey), where filling full-size frames is most of the time. Not for screenshots. */
bool runtime_open_headless_scaled(runtime_t *rt, int w, int h, int divisor, char *err,
                                  size_t err_size);
/** As runtime_open_headless(), but the surface holds only band_rows rows of the frame
 *  (band_rows < h): runtime_save_drawn_png() draws the frame once for each band and writes
 *  the file a band at a time, so a screenshot never holds the whole frame (8 MiB at
 *  1920x1080). Nothing else may read rt->surface, which holds one band. */
bool runtime_open_headless_banded(runtime_t *rt, int w, int h, int band_rows, char *err,
                                  size_t err_size);
/** Opens a window (full screen unless windowed). */
bool runtime_open_window(runtime_t *rt, bool windowed, int w, int h, char *err, size_t err_size);

/** The one wipe (DESIGN §2): zeroes everything a session touched — the session (report,
 *  fields, PIN), the UI's frame records and queued keys, the text caches, the print job,
 *  the speech queue and the dead part of the stack. Finish, Quick exit and timeout all
 *  end in app_wipe(), which counts the wipe; the next frame calls this before drawing. */
void runtime_wipe(runtime_t *rt);

/** Draws one frame, applying any navigation it asked for (then drawing again):
 *  runtime_frame_shown() then runtime_frame_finish(). */
void runtime_frame(runtime_t *rt);
/** The first picture of a frame, presented: in a new screen's first frame a scroll view's
 *  rows below the view may be left out (ui_scroll_defer()), so it shows at once. */
void runtime_frame_shown(runtime_t *rt);
/** The rest of the frame: draws and presents what runtime_frame_shown() left out, then
 *  reads the screen aloud and polls the report's delivery. */
void runtime_frame_finish(runtime_t *rt);
/** Takes the output's size now (start, resize) and makes the picture fit it turned by
 *  [display] rotation. */
bool runtime_fit_output(runtime_t *rt, char *err, size_t err_size);
/** Shows black on the whole output (off hours). */
void runtime_blank(runtime_t *rt);
/** Saves the current headless frame as PNG (not a banded runtime's: it holds one band). */
bool runtime_save_png(runtime_t *rt, const char *path, char *err, size_t err_size);
/** Draws a frame for runtime_save_drawn_png() from the same starting state each time it is
 *  called (the screen shown from the start, never "the last frame again": a frame can
 *  change the state the next one draws, as a field taking the focus does). False: nothing
 *  to draw (the caller's ctx says why). */
typedef bool (*runtime_draw_fn)(runtime_t *rt, void *ctx);
/** Saves the frame draw makes as PNG: draw runs once, or once per band for a banded
 *  runtime. False with err when draw or writing fails; no file when the first draw fails. */
bool runtime_save_drawn_png(runtime_t *rt, const char *path, runtime_draw_fn draw, void *ctx,
                            char *err, size_t err_size);

/** A key press from a physical keyboard (or a replay script), without modifiers. */
void runtime_key(runtime_t *rt, SDL_Keycode key);
/** A key press with its modifiers (Shift-Tab), through rt->keymap: it interrupts speech
 *  at once, then moves or presses the focus, exits, or controls read-aloud. */
void runtime_key_mod(runtime_t *rt, SDL_Keycode key, Uint16 mod);
/** Text typed into the focused field; false when no field has focus. */
bool runtime_type(runtime_t *rt, const char *utf8);

/** The interactive loop: sleeps until input or a timer (event-driven, no busy loop).
 *  Tells systemd READY=1 after the first frame and pings its watchdog; returns 0 when
 *  SIGTERM or SIGINT (via rt->signals) or a developer's window close ends it. */
int runtime_run(runtime_t *rt);

/** Starts a slip the screen asked for and polls the one printing (never waits): the
 *  result reaches the screens as app.print_state. Called before each frame. */
void runtime_print_update(runtime_t *rt);
/** Lets go of the print job (it finishes or times out on its own thread). */
void runtime_print_forget(runtime_t *rt);

/** Finds the recorded clips of every language without a voice ([speech] audio_dir) and
 *  makes rt->clips play them. Returns how many clips were found. */
int runtime_load_clips(runtime_t *rt);
/** Lists (on out) every string lang shows that has no recording in [speech] audio_dir,
 *  with a count. 0 when none is missing, 1 when some are, 2 for an unknown language. */
int runtime_check_clips(runtime_t *rt, const char *lang, FILE *out);
/** True when read-aloud can speak the person's language: a voice, or recorded clips. */
bool runtime_can_speak(const runtime_t *rt);
/** Silences every speech backend now. */
void runtime_speech_stop(runtime_t *rt);
/** Silences every speech backend and gives the sound card back (speech_release_audio()):
 *  while read-aloud is off and at every wipe, so no audio device or SDL audio thread is
 *  held by a kiosk nobody is listening to. */
void runtime_speech_release(runtime_t *rt);
/** A speech key or on-screen speech button: repeat, stop, volume, speed. */
void runtime_speech_action(runtime_t *rt, key_action_t action);

/** Reads aloud, when the person turned read-aloud on: a new screen's title and main text,
 *  or the label of what they just tapped. Called after each frame. */
void runtime_speak_update(runtime_t *rt);

/** The reference as read aloud: each character on its own, a pause (full stop) between
 *  its groups ("7HK-..." -> "7, H, K. ..."). */
void runtime_spell_reference(const char *reference, char *out, size_t size);

/** Milliseconds on the monotonic clock. */
uint64_t runtime_now_ms(void);

#endif
