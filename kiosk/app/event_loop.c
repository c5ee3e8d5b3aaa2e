/* The interactive loop. Event-driven: it draws only when something changed and otherwise
 * sleeps in SDL_WaitEventTimeout until input or the next timer. */
#include "app/runtime.h"

#include "platform/log.h"
#include "ui/paint.h"

#include <limits.h>
#include <signal.h>
#include <string.h>
#include <time.h>

#define RUNTIME_FRAME_MS 16

/* A point of the output (0..1 each way) to picture pixels, undoing [display] rotation. */
static void to_pixels(runtime_t *rt, float nx, float ny, int *x, int *y)
{
    float px, py;
    display_output_to_picture(rt->cfg.rotation, nx, ny, &px, &py);
    *x = (int)(px * (float)rt->w);
    *y = (int)(py * (float)rt->h);
}

static void window_to_pixels(runtime_t *rt, int wx, int wy, int *x, int *y)
{
    int ww = 1, wh = 1;
    SDL_GetWindowSize(rt->window, &ww, &wh);
    to_pixels(rt, (float)wx / (float)(ww ? ww : 1), (float)wy / (float)(wh ? wh : 1), x, y);
}

static bool pointer_event(runtime_t *rt, Uint32 type, int x, int y)
{
    app_input(&rt->app);
    ui_set_time(&rt->ui, (uint32_t)runtime_now_ms());
    if (type == SDL_FINGERDOWN || type == SDL_MOUSEBUTTONDOWN) {
        ui_pointer_down(&rt->ui, x, y);
        return true; /* pressed feedback in this frame */
    }
    if (type == SDL_FINGERUP || type == SDL_MOUSEBUTTONUP) {
        return ui_pointer_up(&rt->ui, x, y);
    }
    return ui_pointer_move(&rt->ui, x, y);
}

void runtime_key(runtime_t *rt, SDL_Keycode key)
{
    runtime_key_mod(rt, key, KMOD_NONE);
}

/* A field is being typed into and the focus is on it (or nowhere): Space, Return and the
 * keypad's digits are its text. */
static bool typing_in_field(const runtime_t *rt)
{
    return rt->ui.focus[0] && (!rt->focus.id[0] || strcmp(rt->focus.id, rt->ui.focus) == 0);
}

/* Read-aloud keys work only while read-aloud is on; volume and speed are the session's and
 * reset with it. */
void runtime_speech_action(runtime_t *rt, key_action_t action)
{
    session_t *s = &rt->app.session;
    if (!s->speech) {
        return;
    }
    switch (action) {
    case KEY_ACTION_SPEECH_REPEAT:
        rt->spoken_screen[0] = '\0'; /* the next update reads the screen again */
        break;
    case KEY_ACTION_VOLUME_UP:
    case KEY_ACTION_VOLUME_DOWN:
    case KEY_ACTION_SPEECH_SLOWER:
    case KEY_ACTION_SPEECH_FASTER: {
        bool volume = action == KEY_ACTION_VOLUME_UP || action == KEY_ACTION_VOLUME_DOWN;
        bool up = action == KEY_ACTION_VOLUME_UP || action == KEY_ACTION_SPEECH_FASTER;
        int *step = volume ? &s->speech_volume : &s->speech_rate;
        *step = speech_step_clamp(*step + (up ? 1 : -1));
        rt->spoken_screen[0] = '\0'; /* heard again at once at the new level or speed */
        break;
    }
    default: /* stop: already silenced */
        break;
    }
}

void runtime_key_mod(runtime_t *rt, SDL_Keycode key, Uint16 mod)
{
    app_input(&rt->app);
    bool in_field = typing_in_field(rt);
    key_action_t action = keymap_action(&rt->keymap, key, mod, in_field, app_rtl(&rt->app));
    if (action != KEY_ACTION_NONE) {
        runtime_speech_stop(rt); /* a key press interrupts speech at once */
    }
    switch (action) {
    case KEY_ACTION_QUICK_EXIT:
        if (!(rt->app.screen->flags & SCREEN_OUTSIDE_SESSION)) {
            app_quick_exit(&rt->app); /* Escape is Quick exit, never "leave the kiosk" */
        }
        break;
    case KEY_ACTION_BACKSPACE:
        ui_backspace(&rt->ui);
        break;
    case KEY_ACTION_FOCUS_NEXT:
    case KEY_ACTION_FOCUS_PREV:
        focus_move(&rt->focus, &rt->ui, action == KEY_ACTION_FOCUS_NEXT ? 1 : -1);
        break;
    case KEY_ACTION_ACTIVATE:
        if (in_field && (key == SDLK_RETURN || key == SDLK_KP_ENTER)) {
            ui_type(&rt->ui, "\n"); /* a new line in the text being typed */
        } else if (focus_activate(&rt->focus, &rt->ui)) {
            rt->focus.moves++; /* say the item again, with its new state */
        }
        break;
    case KEY_ACTION_NONE:
        break;
    default:
        runtime_speech_action(rt, action);
        break;
    }
    rt->app.dirty = true;
}

bool runtime_type(runtime_t *rt, const char *utf8)
{
    app_input(&rt->app);
    rt->app.dirty = true;
    return ui_type(&rt->ui, utf8);
}

/* Returns true if the screen must be redrawn. */
static bool handle_event(runtime_t *rt, const SDL_Event *ev, bool windowed)
{
    int x, y;
    switch (ev->type) {
    case SDL_QUIT:
        /* A deployed kiosk ignores close requests; a developer's window closes. */
        rt->app.quit = windowed;
        return false;
    case SDL_FINGERDOWN:
    case SDL_FINGERUP:
    case SDL_FINGERMOTION:
        to_pixels(rt, ev->tfinger.x, ev->tfinger.y, &x, &y);
        return pointer_event(rt, ev->type, x, y);
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        if (ev->button.which == SDL_TOUCH_MOUSEID || ev->button.button != SDL_BUTTON_LEFT) {
            return false;
        }
        window_to_pixels(rt, ev->button.x, ev->button.y, &x, &y);
        return pointer_event(rt, ev->type, x, y);
    case SDL_MOUSEMOTION:
        if (ev->motion.which == SDL_TOUCH_MOUSEID || !(ev->motion.state & SDL_BUTTON_LMASK)) {
            return false;
        }
        window_to_pixels(rt, ev->motion.x, ev->motion.y, &x, &y);
        return pointer_event(rt, ev->type, x, y);
    case SDL_KEYDOWN:
        runtime_key_mod(rt, ev->key.keysym.sym, ev->key.keysym.mod);
        return true;
    case SDL_TEXTINPUT:
        runtime_type(rt, ev->text.text);
        return true;
    case SDL_WINDOWEVENT:
        switch (ev->window.event) {
        case SDL_WINDOWEVENT_SIZE_CHANGED: {
            char err[256];
            if (!runtime_fit_output(rt, err, sizeof err)) {
                log_error("%s", err);
            }
            return true;
        }
        case SDL_WINDOWEVENT_EXPOSED:
        case SDL_WINDOWEVENT_SHOWN:
        case SDL_WINDOWEVENT_RESTORED:
        case SDL_WINDOWEVENT_MAXIMIZED:
            paint_forget(rt->ui.paint); /* the picture must be put up again, all of it */
            return true;
        default:
            /* the pointer entering or leaving, focus, a move: the picture is the same, and
             * drawing it again would cost a whole frame (a mouse crossing the window did) */
            return false;
        }
    case SDL_RENDER_TARGETS_RESET:
    case SDL_RENDER_DEVICE_RESET:
        paint_forget(rt->ui.paint);
        return true;
    default:
        if (ev->type == rt->stop_event && rt->stop_event != 0 && ev->user.code == SIGHUP) {
            rt->app.reload_requested = true; /* reloaded before the next frame is drawn */
            return true;
        }
        if (ev->type == rt->stop_event && rt->stop_event != 0) {
            rt->stop_signal = ev->user.code;
            rt->app.quit = true; /* teardown wipes the session and closes the outbox */
        }
        return false;
    }
}

/* Off hours: after a visit has timed out the output goes black; the first touch or key
 * only wakes it (it presses nothing nobody could see). */
static bool is_input(Uint32 type)
{
    return type == SDL_FINGERDOWN || type == SDL_MOUSEBUTTONDOWN || type == SDL_KEYDOWN;
}

static uint64_t blank_after_ms(const runtime_t *rt)
{
    return ((uint64_t)rt->cfg.idle_s + (uint64_t)rt->cfg.warning_s) * 1000u;
}

static int local_minute(int *second)
{
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    *second = tm.tm_sec;
    return tm.tm_hour * 60 + tm.tm_min;
}

/* Blanks or un-blanks for the time of day; returns when to look again (ms from now). */
static uint64_t runtime_update_blank(runtime_t *rt, uint64_t now)
{
    if (!rt->off_hours.enabled || !rt->window) {
        return UINT64_MAX;
    }
    int sec, minute = local_minute(&sec);
    uint64_t to_change =
        (uint64_t)display_hours_minutes_to_change(&rt->off_hours, minute) * 60000u -
        (uint64_t)sec * 1000u;
    bool off = display_hours_off(&rt->off_hours, minute);
    uint64_t idle = now - rt->app.last_input_ms;
    if (off && !rt->blanked && idle >= blank_after_ms(rt)) {
        app_end_session(&rt->app);
        rt->blanked = true;
        runtime_blank(rt);
        log_info("display off (off hours %s)", rt->cfg.off_hours);
    } else if (!off && rt->blanked) {
        rt->blanked = false;
        rt->app.dirty = true;
        log_info("display on (off hours over)");
    }
    if (off && !rt->blanked) {
        uint64_t left = blank_after_ms(rt) - (idle < blank_after_ms(rt) ? idle : 0);
        return left < to_change ? left : to_change;
    }
    return to_change;
}

/* On the signal watcher's thread: SDL_PushEvent is thread-safe and wakes the loop. */
static void runtime_on_stop_signal(void *user, int signo)
{
    const runtime_t *rt = user;
    SDL_Event ev;
    memset(&ev, 0, sizeof ev);
    ev.type = rt->stop_event;
    ev.user.code = signo;
    SDL_PushEvent(&ev);
}

/* Once the loop has ended a second signal changes nothing: teardown is under way. */
static void runtime_ignore_signal(void *user, int signo)
{
}

/* How long to sleep: until the next deadline, or for ever (-1) without one. Never a
 * shorter "just in case" wake: an idle kiosk must cost nothing (issue 18). */
static int runtime_wait_ms(runtime_t *rt, uint64_t deadline, uint64_t now)
{
    int wait_ms = deadline == APP_NO_DEADLINE ? -1
                  : deadline <= now          ? 0
                  : deadline - now > INT_MAX ? INT_MAX
                                             : (int)(deadline - now);
    int watchdog_ms = notify_max_wait_ms(&rt->notify);
    if (watchdog_ms >= 0 && (wait_ms < 0 || wait_ms > watchdog_ms)) {
        wait_ms = watchdog_ms; /* wake to ping even when nothing happens */
    }
    return wait_ms;
}

int runtime_run(runtime_t *rt)
{
    bool windowed = !(SDL_GetWindowFlags(rt->window) & SDL_WINDOW_FULLSCREEN_DESKTOP);
    rt->app.dirty = true;
    rt->stop_event = SDL_RegisterEvents(1);
    if (rt->stop_event == (uint32_t)-1) {
        rt->stop_event = 0;
        log_warn("no SDL event left for SIGTERM: it will end the kiosk without a clean stop");
    } else {
        signals_set_handler(rt->signals, runtime_on_stop_signal, rt);
    }
    notify_init(&rt->notify);
    uint64_t last = runtime_now_ms();
    while (!rt->app.quit) {
        uint64_t now = runtime_now_ms();
        notify_watchdog(&rt->notify, now);
        ui_set_time(&rt->ui, (uint32_t)now);
        app_tick(&rt->app, now);
        /* a fling keeps drawing (about 60 frames a second) until it stops */
        bool animating = ui_animate(&rt->ui, (double)(now - last) / 1000.0);
        last = now;
        if (rt->blanked) {
            /* black until a touch or the end of the off hours */
        } else if (animating || rt->app.dirty || app_apply(&rt->app)) {
            runtime_frame(rt);
            notify_ready(&rt->notify, "showing the attract screen");
        }
        runtime_lint_content(rt); /* once: the start-up's checks, after its first frame */
        uint64_t deadline = app_next_deadline(&rt->app);
        if (animating && deadline > now + RUNTIME_FRAME_MS) {
            deadline = now + RUNTIME_FRAME_MS;
        }
        now = runtime_now_ms();
        int wait_ms = runtime_wait_ms(rt, deadline, now);
        uint64_t blank_ms = runtime_update_blank(rt, now);
        if (rt->blanked) {
            wait_ms = notify_max_wait_ms(&rt->notify);
        }
        if (blank_ms != UINT64_MAX && (wait_ms < 0 || (uint64_t)wait_ms > blank_ms)) {
            wait_ms = (int)blank_ms;
        }
        SDL_Event ev;
        if (SDL_WaitEventTimeout(&ev, wait_ms)) {
            do {
                if (rt->blanked && is_input(ev.type)) {
                    app_input(&rt->app); /* wakes the screen; the touch presses nothing */
                    rt->blanked = false;
                    rt->app.dirty = true;
                    log_info("display woken by a touch in off hours");
                } else if (rt->blanked && ev.type == SDL_WINDOWEVENT) {
                    handle_event(rt, &ev, windowed); /* a new size, then black again */
                    runtime_blank(rt);
                } else if (rt->blanked && ev.type != rt->stop_event) {
                    continue; /* nothing draws while blanked */
                } else if (handle_event(rt, &ev, windowed)) {
                    rt->app.dirty = true;
                }
            } while (SDL_PollEvent(&ev));
        }
    }
    signals_set_handler(rt->signals, runtime_ignore_signal, NULL);
    if (rt->stop_signal) {
        log_info("stopping on %s: wiping the session, stopping delivery, closing the outbox",
                 strsignal(rt->stop_signal));
    } else {
        log_info("window closed");
    }
    notify_stopping(&rt->notify, "stopping");
    return 0;
}
