/* App state and the screen state machine: navigation, Quick exit, idle timeout with a
 * warning, session wipe. Time is passed in (virtual in replays and tests). */
#ifndef KIOSK_APP_APP_H
#define KIOSK_APP_APP_H

#include "app/pin_guard.h"
#include "app/session.h"
#include "content/content.h"
#include "i18n/catalog.h"
#include "i18n/languages.h"
#include "i18n/review.h"
#include "platform/config.h"
#include "report/report_service.h"
#include "screens/screens.h"

#include <stdbool.h>
#include <stdint.h>

#define APP_NO_DEADLINE UINT64_MAX
#define APP_ATTRACT_ROTATE_MS 6000

#define APP_FAULT_MAX 512

typedef enum {
    APP_PRINT_NONE,
    APP_PRINT_PRINTING,
    APP_PRINT_DONE,
    APP_PRINT_FAILED, /* the screen says so and keeps the QR codes */
} app_print_state_t;

typedef struct app {
    const kiosk_config_t *cfg;
    const lang_registry_t *langs; /* enabled languages, in display order */
    const i18n_review_t *reviews; /* review counts of langs->langs[i] (the runtime's) */
    const i18n_t *i18n;
    report_service_t *reports; /* NULL when previews run without an outbox */
    const content_t *content; /* areas, keyboards, services */
    session_t session;

    const screen_def_t *screen;
    const screen_def_t *next; /* navigation requested during a frame */

    uint64_t now_ms;
    uint64_t last_input_ms;
    uint64_t screen_since_ms;
    bool warning; /* the "are you still there?" countdown is showing */
    uint64_t warning_since_ms;
    unsigned attract_slot; /* which invitation the attract screen shows */
    bool dirty;   /* something changed: draw a frame */
    bool quit;    /* leave the run loop (only from admin/dev) */
    bool print_requested; /* a screen asked for a slip; the runtime starts the job */
    app_print_state_t print_state;
    unsigned wipes;
    int admin_taps;             /* the hidden gesture: taps in the corner ... */
    uint64_t admin_first_tap_ms; /* ... since this time */
    pin_guard_t pin_guard;      /* wrong staff PINs: not part of the session, never wiped */
    /* read-aloud, set by the runtime before each frame for the chrome's speech controls */
    bool speech_unavailable; /* on, but this language has neither a voice nor clips */
    int speech_command;      /* an on-screen speech button (key_action_t), 0 none */
    int content_errors;         /* content files that failed to load (for the admin screen) */
    bool reload_requested;      /* admin's Reload content: the runtime reloads between frames */
    char reload_result[256];    /* "done", or why the old content stays (admin screen) */
    /* Why reports cannot be taken now (configuration, outbox, disk; app/reporting.h): ""
     * when they can. The admin screen and the log show it; the public sees only that
     * reporting is not available here today. */
    char reporting_fault[APP_FAULT_MAX];
    uint64_t reports_retry_ms; /* when to try again; 0: not waiting */ /* counts session wipes, so the UI can drop typed text too */
} app_t;

/** Starts on attract with a wiped session. */
void app_init(app_t *app, const kiosk_config_t *cfg, const lang_registry_t *langs,
              const i18n_t *i18n, uint64_t now_ms);
/** Restarts the clock at now_ms (replays run on a virtual clock). */
void app_set_clock(app_t *app, uint64_t now_ms);
/** Wipes the session (zeroing it) at the end of the app. */
void app_deinit(app_t *app);

/** Asks to show screen id; applied by app_apply() (after the frame that asked).
 *  False for an unknown id (a programmer error: logged). */
bool app_go(app_t *app, const char *id);
/** Applies a requested navigation: leave, enter. True if the screen changed. */
bool app_apply(app_t *app);

/** Any touch, click or key: restarts the idle timer (not while the warning shows). */
void app_input(app_t *app);
/** "I'm still here": dismisses the warning and restarts the idle timer. */
void app_continue(app_t *app);
/** Quick exit: wipes the session at once; the neutral cover screen replaces the screen
 *  at the next app_apply() (right after the current frame). */
void app_quick_exit(app_t *app);
/** Ends the visit: wipes the session, back to attract. */
void app_end_session(app_t *app);

/** Advances the clock to now_ms and runs the timers. */
void app_tick(app_t *app, uint64_t now_ms);
/** When app_tick() next has something to do (APP_NO_DEADLINE if never). */
uint64_t app_next_deadline(const app_t *app);

/** The id tests see: "timeout" while the warning shows, else the screen id. */
const char *app_screen_id(const app_t *app);
/** Seconds left on the warning countdown. */
int app_warning_seconds_left(const app_t *app);

/** The person's language, its direction, and a string in it. */
const char *app_lang(const app_t *app);
bool app_rtl(const app_t *app);
const char *app_text(const app_t *app, const char *key);
/** The form of key agreeing with the count n ("1 second", "5 seconds"): i18n_text_count(). */
const char *app_text_count(const app_t *app, const char *key, long n);
/** A service's name as shown: its translated name_key, else its proper name. */
const char *app_service_name(const app_t *app, const service_t *sv);
/** A service's opening hours line in the session's language ("Open 24 hours, every
 *  day"): its hours_key, else the plain-text hours of an older services.ini put in
 *  support.hours; "" when it gives none. out holds the text when it is composed. */
const char *app_service_hours(const app_t *app, const service_t *sv, char *out, size_t size);

#endif
