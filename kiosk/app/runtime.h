/* The running kiosk: content (languages, catalogs, fonts), the renderer (a window, or a
 * software surface for headless use), the UI and the app, and the frame that joins them. */
#ifndef KIOSK_APP_RUNTIME_H
#define KIOSK_APP_RUNTIME_H

#include "app/app.h"
#include "app/display.h"
#include "platform/notify.h"
#include "platform/signals.h"
#include "print/job.h"
#include "speech/speech.h"
#include "text/text.h"
#include "ui/ui.h"

#include <SDL.h>

typedef struct runtime {
    kiosk_config_t cfg;
    lang_registry_t langs;
    content_t content;
    report_service_t *reports; /* opened by runtime_reporting_start() (app/reporting.h) */
    i18n_t *i18n;
    text_engine_t *text;
    app_t app;
    ui_t ui;
    SDL_Window *window;     /* NULL when headless */
    SDL_Renderer *renderer;
    SDL_Surface *surface;   /* headless target */
    int w, h;
    unsigned ui_wipes;      /* app wipes already applied to the UI */
    print_job_t *print_job; /* the slip being printed, NULL if none */
    speech_t *speech;       /* read-aloud (espeak-ng, or a recorder in replays); owned */
    char spoken_screen[UI_ID_MAX]; /* screen last read aloud, in spoken_lang */
    char spoken_lang[16];
    unsigned spoken_problem_seq; /* the last error at a question that was read aloud */
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
} runtime_t;

/** Loads languages, catalogs and fonts for cfg. Bad content files are logged with
 *  file:line and skipped (English shown instead); only a missing English catalog or
 *  languages.ini is fatal. */
bool runtime_init(runtime_t *rt, const kiosk_config_t *cfg, char *err, size_t err_size);
void runtime_deinit(runtime_t *rt);


/** Renders into an offscreen w x h surface with SDL's software renderer (no display). */
bool runtime_open_headless(runtime_t *rt, int w, int h, char *err, size_t err_size);
/** As runtime_open_headless(), laid out at w x h but drawn into a surface `divisor` times
 *  smaller each way: for runs that check layout, memory and state but never pixels (the
 *  monkey), where filling full-size frames is most of the time. Not for screenshots. */
bool runtime_open_headless_scaled(runtime_t *rt, int w, int h, int divisor, char *err,
                                  size_t err_size);
/** Opens a window (full screen unless windowed). */
bool runtime_open_window(runtime_t *rt, bool windowed, int w, int h, char *err, size_t err_size);

/** The one wipe (DESIGN §2): zeroes everything a session touched — the session (report,
 *  fields, PIN), the UI's frame records and queued keys, the text caches, the print job,
 *  the speech queue and the dead part of the stack. Finish, Quick exit and timeout all
 *  end in app_wipe(), which counts the wipe; the next frame calls this before drawing. */
void runtime_wipe(runtime_t *rt);

/** Draws one frame, applying any navigation it asked for (then drawing again). */
void runtime_frame(runtime_t *rt);
/** Takes the output's size now (start, resize) and makes the picture fit it turned by
 *  [display] rotation. */
bool runtime_fit_output(runtime_t *rt, char *err, size_t err_size);
/** Shows black on the whole output (off hours). */
void runtime_blank(runtime_t *rt);
/** Saves the current headless frame as PNG. */
bool runtime_save_png(runtime_t *rt, const char *path, char *err, size_t err_size);

/** A key press from a physical keyboard (or a replay script). */
void runtime_key(runtime_t *rt, SDL_Keycode key);
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

/** Reads aloud, when the person turned read-aloud on: a new screen's title and main text,
 *  or the label of what they just tapped. Called after each frame. */
void runtime_speak_update(runtime_t *rt);

/** Milliseconds on the monotonic clock. */
uint64_t runtime_now_ms(void);

#endif
