#include "app/monkey.h"

#include "app/markers.h"

#include <sodium.h>
#include <string.h>

#define MONKEY_CLOCK_START_MS 1000000u
#define MONKEY_JUMP_MAX_S 150 /* past the idle warning and its countdown */
#define MONKEY_JUMP_SHORT_S 20 /* most jumps: a pause, not a walk-away */
#define MONKEY_DRAG_MAX 900
#define MONKEY_DELIVERY_WAIT_MS 30000
#define MONKEY_SCREENS_MAX 64 /* distinct screen ids remembered for the figures */

typedef struct monkey {
    runtime_t *rt;
    uint64_t rng;
    markers_t markers;
    unsigned wipes_seen;
    long submits;       /* reports acknowledged by the review's Send (tap or key) */
    long broken;        /* checks that failed */
    long event;
    long taps, typed, jumps, wipes, scans;
    uint64_t slowest_ms;
    FILE *err;
    /* which screens the run reached: a monkey that never gets past the first screens
     * checks nothing of the fields, the review or the submit */
    const char *screens[MONKEY_SCREENS_MAX];
    int screen_count;
    bool memory_scan;
} monkey_t;

static uint32_t monkey_next(monkey_t *m)
{
    /* xorshift64*: small, seeded, the same on every machine */
    m->rng ^= m->rng >> 12;
    m->rng ^= m->rng << 25;
    m->rng ^= m->rng >> 27;
    return (uint32_t)((m->rng * 2685821657736338717ull) >> 32);
}

static uint32_t monkey_below(monkey_t *m, uint32_t n)
{
    return n ? monkey_next(m) % n : 0;
}

static void monkey_fail(monkey_t *m, const char *what, const char *detail)
{
    if (m->broken++ < 20) {
        fprintf(m->err, "monkey: event %ld on '%s': %s%s%s\n", m->event,
                app_screen_id(&m->rt->app), what, detail[0] ? ": " : "", detail);
    }
}

#define MONKEY_COAST_STEP_S 0.1
#define MONKEY_COAST_FRAMES 40

static void monkey_settle(monkey_t *m)
{
    runtime_frame(m->rt);
}

static void monkey_press(monkey_t *m, int x, int y, int dy)
{
    ui_t *ui = &m->rt->ui;
    uint32_t t = (uint32_t)m->rt->app.now_ms;
    app_input(&m->rt->app);
    ui_set_time(ui, t);
    ui_pointer_down(ui, x, y);
    monkey_settle(m);
    if (dy) {
        for (int i = 1; i <= 4; i++) {
            ui_set_time(ui, t + (uint32_t)(16 * i));
            ui_pointer_move(ui, x, y + dy * i / 4);
            monkey_settle(m);
        }
    }
    ui_pointer_up(ui, x, y + dy);
    monkey_settle(m);
    /* a fling coasts to rest in 100 ms steps: a frame each, not one per 16 ms (under the
     * sanitizers 120 frames of coasting cost more than the rest of the event) */
    for (int i = 0; i < MONKEY_COAST_FRAMES && ui_animate(ui, MONKEY_COAST_STEP_S); i++) {
        monkey_settle(m);
    }
}

/* Quick exit is on every screen: picked like the rest it would end nearly every visit
 * within a few taps, so it has its own (rarer) event. */
static bool monkey_usable(const ui_widget_t *w)
{
    return w->id[0] && w->interactive && w->enabled && w->rect.w > 0 && w->rect.h > 0 &&
           strcmp(w->id, "quick_exit") != 0;
}

/* Widgets on the way into and through a report: favoured so that random use reaches the
 * fields, the review and the submit, not only the first screens. */
static bool monkey_onward(const ui_widget_t *w)
{
    static const char *const PREFIXES[] = {"report.", "home.report", "attract.", "language.",
                                           "cover.", "keyboard."};
    for (size_t i = 0; i < sizeof PREFIXES / sizeof PREFIXES[0]; i++) {
        if (strncmp(w->id, PREFIXES[i], strlen(PREFIXES[i])) == 0) {
            return true;
        }
    }
    return false;
}

/* A random interactive, enabled widget on screen (onward ones only, when asked and there
 * are some), or NULL. */
static const ui_widget_t *monkey_pick_from(monkey_t *m, bool onward)
{
    const ui_t *ui = &m->rt->ui;
    int n = ui_widget_count(ui), usable = 0;
    for (int i = 0; i < n; i++) {
        const ui_widget_t *w = ui_widget_at(ui, i);
        usable += monkey_usable(w) && (!onward || monkey_onward(w));
    }
    if (usable == 0) {
        return onward ? monkey_pick_from(m, false) : NULL;
    }
    int k = (int)monkey_below(m, (uint32_t)usable);
    for (int i = 0; i < n; i++) {
        const ui_widget_t *w = ui_widget_at(ui, i);
        if (monkey_usable(w) && (!onward || monkey_onward(w)) && k-- == 0) {
            return w;
        }
    }
    return NULL;
}

static const ui_widget_t *monkey_pick(monkey_t *m)
{
    return monkey_pick_from(m, monkey_below(m, 10) < 7);
}

static void monkey_tap_widget(monkey_t *m)
{
    const ui_widget_t *w = monkey_pick(m);
    if (!w) {
        return;
    }
    monkey_press(m, w->rect.x + w->rect.w / 2, w->rect.y + w->rect.h / 2, 0);
    m->taps++;
}

static void monkey_type(monkey_t *m)
{
    static const char *const SCRIPTS[] = {"latin", "digits", "arabic", "gujarati", "devanagari"};
    if (!m->rt->ui.focus[0] || m->markers.count >= MARKERS_MAX) {
        return;
    }
    char text[MARKER_UTF8_MAX];
    if (markers_add(&m->markers, SCRIPTS[monkey_below(m, 5)], text)) {
        app_input(&m->rt->app);
        runtime_type(m->rt, text);
        sodium_memzero(text, sizeof text);
        monkey_settle(m);
        m->typed++;
    }
}

static void monkey_jump(monkey_t *m)
{
    app_t *app = &m->rt->app;
    uint32_t max_s = monkey_below(m, 8) == 0 ? MONKEY_JUMP_MAX_S : MONKEY_JUMP_SHORT_S;
    uint64_t target = app->now_ms + (uint64_t)monkey_below(m, max_s * 1000u);
    for (;;) {
        uint64_t d = app_next_deadline(app);
        if (d > target) {
            break;
        }
        app_tick(app, d);
        monkey_settle(m);
    }
    app_tick(app, target);
    monkey_settle(m);
    m->jumps++;
}

static void monkey_event(monkey_t *m)
{
    runtime_t *rt = m->rt;
    uint32_t roll = monkey_below(m, 100);
    if (rt->ui.focus[0] && roll < 50) { /* a person at a field mostly types */
        monkey_type(m);
    } else if (roll < 30 && ui_find(&rt->ui, "next")) { /* and mostly goes on */
        const ui_widget_t *w = ui_find(&rt->ui, "next");
        monkey_press(m, w->rect.x + w->rect.w / 2, w->rect.y + w->rect.h / 2, 0);
        m->taps++;
    } else if (roll < 50) {
        monkey_tap_widget(m);
    } else if (roll < 58) { /* anywhere, blockers and gaps included */
        monkey_press(m, (int)monkey_below(m, (uint32_t)rt->w), (int)monkey_below(m, (uint32_t)rt->h),
                     0);
    } else if (roll < 64) {
        const ui_widget_t *w = monkey_pick(m);
        if (w) {
            int dy = (int)monkey_below(m, 2 * MONKEY_DRAG_MAX) - MONKEY_DRAG_MAX;
            monkey_press(m, w->rect.x + w->rect.w / 2, w->rect.y + w->rect.h / 2, dy);
        }
    } else if (roll < 70) {
        static const SDL_Keycode KEYS[] = {SDLK_ESCAPE, SDLK_BACKSPACE, SDLK_RETURN, SDLK_TAB,
                                           SDLK_SPACE,  SDLK_LEFT,      SDLK_DOWN};
        app_input(&rt->app);
        runtime_key(rt, KEYS[monkey_below(m, sizeof KEYS / sizeof KEYS[0])]);
        monkey_settle(m);
    } else if (roll < 85) {
        monkey_type(m);
    } else if (roll < 89) {
        const char *code = rt->langs.langs[monkey_below(m, (uint32_t)rt->langs.count)].code;
        snprintf(rt->app.session.lang, sizeof rt->app.session.lang, "%s", code);
        app_input(&rt->app);
        monkey_settle(m);
    } else if (roll < 98) {
        monkey_jump(m);
    } else if (monkey_below(m, 2) == 0) {
        monkey_tap_widget(m);
    } else { /* Quick exit: 1 event in 100, so that a visit lasts long enough to report */
        const ui_widget_t *w = ui_find(&rt->ui, "quick_exit");
        if (w && w->enabled) {
            monkey_press(m, w->rect.x + w->rect.w / 2, w->rect.y + w->rect.h / 2, 0);
        } else {
            app_quick_exit(&rt->app); /* the dedicated key, where there is no button */
            monkey_settle(m);
        }
    }
}

/* Screen ids are static strings of the screen table, so a pointer is kept, not a copy. */
static void monkey_note_screen(monkey_t *m)
{
    const char *id = app_screen_id(&m->rt->app);
    for (int i = 0; i < m->screen_count; i++) {
        if (strcmp(m->screens[i], id) == 0) {
            return;
        }
    }
    if (m->screen_count < MONKEY_SCREENS_MAX) {
        m->screens[m->screen_count++] = id;
    }
}

static void monkey_print_screens(const monkey_t *m, FILE *out)
{
    fprintf(out, "monkey: %d screens reached:", m->screen_count);
    for (int i = 0; i < m->screen_count; i++) {
        fprintf(out, " %s", m->screens[i]);
    }
    fputc('\n', out);
}

static void monkey_check_widgets(monkey_t *m)
{
    const ui_t *ui = &m->rt->ui;
    for (int i = 0; i < ui_widget_count(ui); i++) {
        const ui_widget_t *w = ui_widget_at(ui, i);
        SDL_Rect r = w->rect;
        if (r.w > 0 && r.h > 0 &&
            (r.x < 0 || r.y < 0 || r.x + r.w > ui->w || r.y + r.h > ui->h)) {
            char d[160];
            snprintf(d, sizeof d, "%s at %d,%d %dx%d on a %dx%d screen", w->id, r.x, r.y, r.w,
                     r.h, ui->w, ui->h);
            monkey_fail(m, "widget outside the screen", d);
            return;
        }
    }
}

static int64_t monkey_outbox_total(monkey_t *m)
{
    if (!m->rt->reports) {
        return 0;
    }
    report_service_status_t st;
    report_service_get_status(m->rt->reports, &st);
    return st.queued + st.delivered_total + st.dead_letters;
}

/* After a wipe every marker must be gone; then they are forgotten (the next session
 * types new ones). */
static void monkey_check_wipe(monkey_t *m)
{
    if (m->rt->app.wipes == m->wipes_seen) {
        return;
    }
    m->wipes_seen = m->rt->app.wipes;
    m->wipes++;
    if (m->markers.count == 0 || !m->memory_scan) {
        sodium_memzero(&m->markers, sizeof m->markers);
        return;
    }
    char where[512];
    m->scans++;
    if (markers_find_any(&m->markers, where, sizeof where) >= 0) {
        monkey_fail(m, "typed text left in memory after a wipe", where);
    }
    sodium_memzero(&m->markers, sizeof m->markers);
}

int monkey_run(runtime_t *rt, const monkey_options_t *opt, FILE *out, FILE *err)
{
    unsigned long seed = opt->seed;
    long events = opt->events;
    long bound_ms = opt->event_bound_ms > 0 ? opt->event_bound_ms : MONKEY_EVENT_BOUND_MS;
    monkey_t m = {.rt = rt, .rng = seed * 0x9E3779B97F4A7C15ull + 1, .err = err,
                  .memory_scan = opt->memory_scan};
    app_set_clock(&rt->app, MONKEY_CLOCK_START_MS);
    monkey_settle(&m);
    m.wipes_seen = rt->app.wipes;
    int64_t outbox_start = monkey_outbox_total(&m);
    for (m.event = 0; m.event < events; m.event++) {
        /* A reference is handed out only by the review's Send (a tap anywhere on it, or
         * Enter on it): a report that appears from any other screen is not a submit. */
        bool on_review = strcmp(app_screen_id(&rt->app), "report.review") == 0;
        bool had_ref = rt->app.session.reference[0] != '\0';
        uint64_t t0 = runtime_now_ms();
        monkey_event(&m);
        m.submits += on_review && !had_ref && rt->app.session.reference[0] != '\0';
        uint64_t took = runtime_now_ms() - t0;
        m.slowest_ms = took > m.slowest_ms ? took : m.slowest_ms;
        if (took > (uint64_t)bound_ms) {
            char d[64];
            snprintf(d, sizeof d, "%llu ms", (unsigned long long)took);
            monkey_fail(&m, "event took longer than the bound", d);
        }
        monkey_note_screen(&m);
        monkey_check_widgets(&m);
        monkey_check_wipe(&m);
        if (monkey_outbox_total(&m) - outbox_start > m.submits) {
            monkey_fail(&m, "the outbox grew without a submit", "");
        }
    }
    /* the session left at the end is wiped as at a timeout, and checked like the others */
    app_end_session(&rt->app);
    monkey_settle(&m);
    monkey_check_wipe(&m);
    if (rt->reports && !report_service_wait_delivered(rt->reports, MONKEY_DELIVERY_WAIT_MS)) {
        monkey_fail(&m, "reports were not delivered at the end", "");
    }
    int64_t grew = monkey_outbox_total(&m) - outbox_start;
    if (grew != m.submits) {
        char d[96];
        snprintf(d, sizeof d, "%lld reports reached the outbox, %ld were submitted",
                 (long long)grew, m.submits);
        monkey_fail(&m, "the outbox does not match the submits", d);
    }
    fprintf(out,
            "monkey: seed %lu, %ld events (%ld widget taps, %ld texts typed, %ld clock jumps), "
            "%ld wipes (%ld memory scans), %ld reports submitted, slowest event %llu ms; "
            "%ld checks broken\n",
            seed, events, m.taps, m.typed, m.jumps, m.wipes, m.scans, m.submits,
            (unsigned long long)m.slowest_ms, m.broken);
    monkey_print_screens(&m, out);
    return m.broken ? 1 : 0;
}
