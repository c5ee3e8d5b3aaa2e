/* Entry point: argument parsing and wiring only. */
#include "app/config_check.h"
#include "app/contact_sheet.h"
#include "app/content_check.h"
#include "app/monkey.h"
#include "app/reporting.h"
#include "app/replay.h"
#include "app/runtime.h"
#include "platform/config.h"
#include "platform/harden.h"
#include "platform/log.h"
#include "platform/paths.h"
#include "platform/signals.h"
#include "print/print_cli.h"
#include "report/report_cli.h"
#include "speech/speech_wav.h"
#include "text/text_diag.h"

#include <SDL.h>
#include <sodium.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct options {
    const char *config;
    bool windowed, headless, deliver, signing_key, print_test, hash_pin;
    int w, h;
    const char *replay, *screenshot, *screenshot_all, *lang, *out, *check_config;
    const char *monkey; /* seed */
    const char *speak_wav; /* with --screenshot: the screen's read-aloud as WAV */
    const char *check_clips; /* a language: list its strings without a recording */
    long events;
    bool no_memory_scan; /* the monkey under valgrind: its own checks, not the scan */
    long event_bound_ms; /* the monkey's bound on one event (valgrind: longer) */
    bool slip_preview;
    bool check_content;
    bool fit; /* --check-content also runs the fit check (tens of seconds) */
    bool size_given;
    const char *format; /* --format json */
} options_t;

static void usage(FILE *f)
{
    fprintf(f,
            "usage:\n"
            "  kiosk [--config FILE] [--windowed] [--size WxH]        run the kiosk\n"
            "  kiosk --headless --replay SCRIPT [--config FILE] [--size WxH]\n"
            "                                                         drive a session from a script\n"
            "  kiosk --windowed --replay SCRIPT [--config FILE] [--size WxH]\n"
            "                          the same in a window, speaking; then runs as the kiosk\n"
            "  kiosk --headless --monkey SEED --events N [--size WxH] [--no-memory-scan]\n"
            "        [--event-bound-ms MS]\n"
            "                                                 random use, checked as it goes\n"
            "  kiosk --screenshot SCREEN --lang L --size WxH --out F.png\n"
            "                                                         render one screen and exit\n"
            "        [--speak-wav F.wav]   and what read-aloud says there, by espeak-ng\n"
            "  kiosk --check-clips LANG [--config FILE]   strings with no recorded speech\n"
            "  kiosk --render-text TEXT --lang L --px N [--width PX] --out F.png\n"
            "  kiosk --layout-dump TEXT --lang L --px N [--width PX]  runs as JSON, visual order\n"
            "  kiosk --screenshot-all DIR [--size WxH]                every screen x language\n"
            "  kiosk --check-config FILE                              validate a config file\n"
            "  kiosk --check-content [--config FILE] [--lang L] [--size WxH] [--fit] [--format json]\n"
            "                                                         check words, services, areas,\n"
            "                                                         keyboards; exit 1 on errors\n"
            "  kiosk --deliver [--config FILE]                        deliver the outbox once\n"
            "  kiosk --signing-key [--config FILE]                    print this kiosk's public key\n"
            "  kiosk --hash-pin < PIN                                 [admin] pin_hash for a staff PIN\n"
            "  kiosk --print-test [--lang L] [--config FILE]          print a test slip\n"
            "  kiosk --slip-preview --lang L --out F.png              the slip raster as PNG\n"
            "  kiosk --version | --help\n");
}

static bool parse_size(const char *s, int *w, int *h)
{
    return s && sscanf(s, "%dx%d", w, h) == 2 && *w >= 320 && *h >= 320 && *w <= 8192 &&
           *h <= 8192;
}

/* The positive whole number option takes; says so and returns false when it is not one. */
static bool parse_positive(const char *option, const char *v, long *out)
{
    char *end = NULL;
    *out = v ? strtol(v, &end, 10) : 0;
    if (!v || *end || *out <= 0) {
        fprintf(stderr, "kiosk: %s needs a positive number\n", option);
        return false;
    }
    return true;
}

/* Returns -1 to go on, or an exit code. */
static int parse_args(int argc, char **argv, options_t *o)
{
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *v = i + 1 < argc ? argv[i + 1] : NULL;
        bool takes = true;
        if (strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "--version") == 0) {
            printf("kiosk %s\n", KIOSK_VERSION);
            return 0;
        } else if (strcmp(a, "--windowed") == 0) {
            o->windowed = true;
            takes = false;
        } else if (strcmp(a, "--headless") == 0) {
            o->headless = true;
            takes = false;
        } else if (strcmp(a, "--deliver") == 0) {
            o->deliver = true;
            takes = false;
        } else if (strcmp(a, "--signing-key") == 0) {
            o->signing_key = true;
            takes = false;
        } else if (strcmp(a, "--hash-pin") == 0) {
            o->hash_pin = true;
            takes = false;
        } else if (strcmp(a, "--event-bound-ms") == 0) {
            if (!parse_positive(a, v, &o->event_bound_ms)) {
                return 2;
            }
        } else if (strcmp(a, "--no-memory-scan") == 0) {
            o->no_memory_scan = true;
            takes = false;
        } else if (strcmp(a, "--print-test") == 0) {
            o->print_test = true;
            takes = false;
        } else if (strcmp(a, "--fit") == 0) {
            o->fit = true;
            takes = false;
        } else if (strcmp(a, "--check-content") == 0) {
            o->check_content = true;
            takes = false;
        } else if (strcmp(a, "--format") == 0) {
            o->format = v;
        } else if (strcmp(a, "--slip-preview") == 0) {
            o->slip_preview = true;
            takes = false;
        } else if (strcmp(a, "--size") == 0) {
            if (!parse_size(v, &o->w, &o->h)) {
                fprintf(stderr, "kiosk: --size needs WxH (320 to 8192 each)\n");
                return 2;
            }
            o->size_given = true;
        } else if (strcmp(a, "--config") == 0) {
            o->config = v;
        } else if (strcmp(a, "--replay") == 0) {
            o->replay = v;
        } else if (strcmp(a, "--monkey") == 0) {
            o->monkey = v;
        } else if (strcmp(a, "--events") == 0) {
            if (!parse_positive(a, v, &o->events)) {
                return 2;
            }
        } else if (strcmp(a, "--screenshot") == 0) {
            o->screenshot = v;
        } else if (strcmp(a, "--screenshot-all") == 0) {
            o->screenshot_all = v;
        } else if (strcmp(a, "--lang") == 0) {
            o->lang = v;
        } else if (strcmp(a, "--out") == 0) {
            o->out = v;
        } else if (strcmp(a, "--check-config") == 0) {
            o->check_config = v;
        } else if (strcmp(a, "--speak-wav") == 0) {
            o->speak_wav = v;
        } else if (strcmp(a, "--check-clips") == 0) {
            o->check_clips = v;
        } else {
            fprintf(stderr, "kiosk: unknown option '%s'\n", a);
            usage(stderr);
            return 2;
        }
        if (takes) {
            if (!v) {
                fprintf(stderr, "kiosk: %s needs a value\n", a);
                usage(stderr);
                return 2;
            }
            i++;
        }
    }
    return -1;
}

/* Reads a staff PIN (PIN_MIN_DIGITS to PIN_MAX_DIGITS digits) from stdin and prints its
 * Argon2id hash. Hashes made earlier of shorter PINs still work. */
static int hash_pin(void)
{
    char pin[32] = "", hash[crypto_pwhash_STRBYTES];
    int rc = 1;
    if (sodium_init() < 0 || !fgets(pin, sizeof pin, stdin)) {
        fprintf(stderr, "kiosk: --hash-pin reads the PIN from standard input\n");
        return 2;
    }
    pin[strcspn(pin, "\r\n")] = '\0';
    size_t n = strlen(pin);
    if (n < PIN_MIN_DIGITS || n > PIN_MAX_DIGITS || strspn(pin, "0123456789") != n) {
        fprintf(stderr, "kiosk: a staff PIN is %d to %d digits\n", PIN_MIN_DIGITS, PIN_MAX_DIGITS);
        rc = 2;
    } else if (crypto_pwhash_str(hash, pin, n, crypto_pwhash_OPSLIMIT_INTERACTIVE,
                                 crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
        fprintf(stderr, "kiosk: out of memory hashing the PIN\n");
    } else {
        printf("%s\n", hash);
        rc = 0;
    }
    sodium_memzero(pin, sizeof pin);
    return rc;
}

/* Every problem of the file, each at its line; non-zero when there is any. */
static int check_config(const char *path)
{
    kiosk_config_t cfg;
    config_check_t *check = calloc(1, sizeof *check);
    if (!check) {
        fprintf(stderr, "kiosk: out of memory\n");
        return 1;
    }
    config_defaults(&cfg);
    bool ok = config_check_load(&cfg, path, check);
    for (int i = 0; i < check->problems.count; i++) {
        fprintf(stderr, "%s\n", check->problems.items[i].text);
    }
    if (check->problems.dropped) {
        fprintf(stderr, "%s: %d more problems not shown\n", path, check->problems.dropped);
    }
    char unset[CONFIG_ERROR_MAX];
    if (config_unconfigured(&cfg, unset, sizeof unset) > 0) {
        fprintf(stderr, "%s: warning: not configured: %s (the screens say \"the service "
                        "that receives reports\" instead of a name)\n", path, unset);
    }
    if (ok) {
        printf("%s: ok\n", path);
    } else {
        int n = check->problems.count + check->problems.dropped;
        fprintf(stderr, "%s: %d problem%s; %s\n", path, n, n == 1 ? "" : "s",
                check->reports_ok ? "only printing is affected"
                                  : "the kiosk would take no reports with this file");
    }
    free(check);
    return ok ? 0 : 1;
}

/* kiosk --check-content: the content of the configuration (default: built-in), checked as
 * the kiosk loads it. Problems of the configuration itself are --check-config's. */
static int check_content(const options_t *o)
{
    if (o->format && strcmp(o->format, "json") != 0 && strcmp(o->format, "text") != 0) {
        fprintf(stderr, "kiosk: --format is json or text\n");
        return 2;
    }
    kiosk_config_t cfg;
    config_check_t *check = calloc(1, sizeof *check);
    if (!check) {
        fprintf(stderr, "kiosk: out of memory\n");
        return 2;
    }
    config_defaults(&cfg);
    config_check_load(&cfg, o->config, check);
    free(check);
    content_check_options_t co = {.lang = o->lang, .w = o->size_given ? o->w : 0,
                                  .h = o->size_given ? o->h : 0,
                                  .json = o->format && strcmp(o->format, "json") == 0,
                                  .fit = o->fit};
    return content_check_cli(&cfg, &co, stdout);
}

/* Loads the configuration the kiosk runs on and logs every problem. False when reports
 * must be refused (never a fallback to the sample key, another transport or default
 * ids); a printer problem only turns printing off. */
static bool load_config(const char *path, kiosk_config_t *cfg)
{
    config_check_t *check = calloc(1, sizeof *check);
    if (!check) {
        log_error("out of memory reading the configuration");
        return false;
    }
    config_defaults(cfg);
    config_check_load(cfg, path, check);
    for (int i = 0; i < check->problems.count; i++) {
        log_error("%s", check->problems.items[i].text);
    }
    if (!check->printer_ok) {
        log_error("printing is off until [printer] is fixed");
    }
    bool reports_ok = check->reports_ok;
    free(check);
    return reports_ok;
}

/* What one screenshot shows (render_screen_speaking()). */
typedef struct shot {
    const char *screen, *lang;
    bool speak;
    bool unknown; /* no such screen */
} shot_t;

/* Shows the screen (or the timeout warning over home) in the language with preview data,
 * from the same start every time: a banded screenshot draws it once per band. */
static bool shot_draw(runtime_t *rt, void *ctx)
{
    shot_t *shot = ctx;
    app_t *app = &rt->app;
    bool warning = strcmp(shot->screen, "timeout") == 0;
    app_end_session(app);
    runtime_wipe(rt); /* now: the next frame would wipe the language and reference set here */
    if (!app_go(app, warning ? "home" : shot->screen)) {
        shot->unknown = true;
        return false;
    }
    app_apply(app);
    /* the wipe app_end_session() asked for, now: done by the next frame it would reset the
     * language below to the default (every --screenshot --lang showed English) */
    runtime_wipe(rt);
    if (shot->lang) {
        snprintf(app->session.lang, sizeof app->session.lang, "%s", shot->lang);
        for (int i = 0; i < rt->langs.count; i++) {
            if (strcmp(rt->langs.langs[i].code, shot->lang) == 0) {
                app->attract_slot = (unsigned)i; /* attract shows its slot's language */
            }
        }
    }
    /* previews show a made-up reference; it is never a saved report's */
    snprintf(app->session.reference, sizeof app->session.reference, "%s", "7KD-4PX-9RM");
    if (warning) {
        app_tick(app, app->last_input_ms + (uint64_t)rt->cfg.idle_s * 1000u);
    }
    runtime_frame(rt);
    if (shot->speak) {
        app->session.speech = true;
        runtime_frame(rt);
    }
    return true;
}

/* Shows screen in lang and saves it as PNG. */
static int render_screen_speaking(runtime_t *rt, const char *screen, const char *lang,
                                  const char *out, bool speak)
{
    char err[512];
    shot_t shot = {.screen = screen, .lang = lang, .speak = speak};
    if (!runtime_save_drawn_png(rt, out, shot_draw, &shot, err, sizeof err)) {
        if (shot.unknown) {
            fprintf(stderr, "kiosk: no screen '%s'\n", screen);
            return 2;
        }
        fprintf(stderr, "kiosk: %s\n", err);
        return 1;
    }
    return 0;
}

static int render_screen(runtime_t *rt, const char *screen, const char *lang, const char *out)
{
    return render_screen_speaking(rt, screen, lang, out, false);
}

static int screenshot(runtime_t *rt, const options_t *o)
{
    if (!o->out) {
        fprintf(stderr, "kiosk: --screenshot needs --out FILE.png\n");
        return 2;
    }
    if (!o->speak_wav) {
        return render_screen(rt, o->screenshot, o->lang, o->out);
    }
    /* the words read-aloud would say, caught by a recorder, then spoken into a file */
    speech_destroy(rt->speech);
    rt->speech = speech_create_recorder();
    int rc = render_screen_speaking(rt, o->screenshot, o->lang, o->out, true);
    const char *voice = NULL, *text = NULL;
    if (rc == 0 && !speech_recorder_last(rt->speech, &voice, &text)) {
        fprintf(stderr, "kiosk: read-aloud says nothing on %s in %s (no voice?)\n", o->screenshot,
                o->lang ? o->lang : "en");
        return 1;
    }
    char err[512];
    double seconds = 0;
    if (rc == 0 && !speech_wav_say(o->speak_wav, voice, text, &seconds, err, sizeof err)) {
        fprintf(stderr, "kiosk: --speak-wav: %s\n", err);
        return 1;
    }
    if (rc == 0) {
        printf("%s: %.2f s of voice %s\n", o->speak_wav, seconds, voice);
    }
    return rc;
}

#define SCREENSHOT_SCREENS_MAX 64
/* --screenshot draws the frame a band at a time (runtime_open_headless_banded()), showing the
 * screen from the start for each band, and its wipe empties the text caches: each band after
 * the first costs a cold frame (9-10 M instructions for home) and saves that band's share of
 * the frame (8 MiB at 1920x1080). Home in English at 1920x1080, peak memory and callgrind's
 * instructions: whole 30.7 MiB 228 M, 2 bands 26.9 MiB 231 M, 3 bands 25.3 MiB 239 M,
 * 4 bands 24.7 MiB 249 M, 5 bands 24.4 MiB 259 M (and 260 M whole before zlib's window
 * was enlarged, png_save.c). */
#define SCREENSHOT_BANDS 3

/* Every screen in every offered language: DIR/<lang>/<screen>.png, each scroll view whole in
 * DIR/<lang>/<screen>.whole.png, and DIR/index.html showing them all, for content review. */
static int screenshot_all(runtime_t *rt, const char *dir)
{
    int n = screens_count(), rc = 0;
    const char *ids[SCREENSHOT_SCREENS_MAX];
    int count = 0;
    for (int i = 0; i <= n && count < SCREENSHOT_SCREENS_MAX; i++) {
        ids[count++] = i < n ? screens_get(i)->id : "timeout";
    }
    for (int l = 0; l < rt->langs.count && rc == 0; l++) {
        const char *lang = rt->langs.langs[l].code;
        char sub[CONFIG_PATH_MAX + 32], path[CONFIG_PATH_MAX + 128], err[CONFIG_ERROR_MAX];
        snprintf(sub, sizeof sub, "%s/%s", dir, lang);
        if (!paths_mkdirs(sub, 0755, err, sizeof err)) {
            fprintf(stderr, "kiosk: %s\n", err);
            return 1;
        }
        for (int i = 0; i < count && rc == 0; i++) {
            snprintf(path, sizeof path, "%s/%s.png", sub, ids[i]);
            rc = render_screen(rt, ids[i], lang, path);
            bool made = false;
            snprintf(path, sizeof path, "%s/%s.whole.png", sub, ids[i]);
            if (rc == 0 && !contact_sheet_save_whole(rt, path, &made, err, sizeof err)) {
                fprintf(stderr, "kiosk: %s\n", err);
                rc = 1;
            }
            if (!made) {
                unlink(path); /* none from an earlier run may stand for this one */
            }
        }
    }
    char err[CONFIG_ERROR_MAX];
    if (rc == 0 && !contact_sheet_write_index(dir, &rt->langs, ids, count, err, sizeof err)) {
        fprintf(stderr, "kiosk: %s\n", err);
        rc = 1;
    }
    if (rc == 0) {
        printf("%d screens x %d languages in %s, contact sheet %s/index.html\n", count,
               rt->langs.count, dir, dir);
    }
    return rc;
}

/* espeak-ng for read-aloud. It opens the sound card only while read-aloud is on (an open
 * SDL audio subsystem wakes the idle kiosk ten times a second); a kiosk without sound runs
 * on, silent, and says so in the log when read-aloud is first turned on. */
static speech_t *open_speech(void)
{
    char err[256];
    speech_t *s = speech_create_espeak(NULL, err, sizeof err);
    if (s) {
        return s;
    }
    log_warn("read-aloud unavailable: %s", err);
    return speech_create_null();
}

/* kiosk --windowed --replay: the journey in a real window (without --headless) */
static bool replay_in_window(const options_t *o)
{
    return o->replay && o->windowed && !o->headless;
}

/* A replay, or the interactive kiosk. */
static int run_session(runtime_t *rt, const options_t *o)
{
    if (o->replay && !replay_in_window(o)) {
        rt->speech = speech_create_recorder(); /* replays check what would be said */
        return replay_run(rt, o->replay, stderr);
    }
    if (o->replay) { /* --windowed: a journey shown as a person would see and hear it */
        rt->speech = open_speech();
        int rc = replay_run(rt, o->replay, stderr);
        if (rc != 0) {
            return rc;
        }
        log_info("replay %s done: running as the kiosk", o->replay);
        app_set_clock(&rt->app, runtime_now_ms()); /* the replay's clock was virtual */
        return runtime_run(rt);
    }
    if (o->monkey) {
        rt->speech = speech_create_recorder();
        monkey_options_t mo = {.seed = strtoul(o->monkey, NULL, 10),
                               .events = o->events ? o->events : 1000,
                               .memory_scan = !o->no_memory_scan,
                               .event_bound_ms = o->event_bound_ms};
        return monkey_run(rt, &mo, stdout,
                          stderr);
    }
    if (o->headless) {
        fprintf(stderr, "kiosk: --headless needs --replay SCRIPT\n");
        return 2;
    }
    rt->speech = open_speech();
    return runtime_run(rt);
}

static int run(const options_t *o, const kiosk_config_t *cfg, bool reports_ok,
               signals_t *signals)
{
    char err[CONFIG_ERROR_MAX];
    bool headless = o->headless || o->screenshot || o->screenshot_all ||
                    (o->replay && !replay_in_window(o)) || o->monkey || o->check_clips;
    SDL_SetHint(SDL_HINT_TOUCH_MOUSE_EVENTS, "0");
    SDL_SetHint(SDL_HINT_MOUSE_TOUCH_EVENTS, "0");
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "0");
    /* platform/signals.h turns SIGTERM and SIGINT into a clean stop, not SDL */
    SDL_SetHint(SDL_HINT_NO_SIGNAL_HANDLERS, "1");
    if (SDL_Init(headless ? 0 : SDL_INIT_VIDEO | SDL_INIT_EVENTS) != 0) {
        log_error("SDL: %s", SDL_GetError());
        return 1;
    }
    runtime_t rt;
    int rc = 1;
    if (!runtime_init(&rt, cfg, err, sizeof err)) {
        log_error("%s", err);
        goto out;
    }
    rt.signals = signals;
    bool opened = false;
    if (o->screenshot) {
        int rows = (o->h + SCREENSHOT_BANDS - 1) / SCREENSHOT_BANDS;
        opened = runtime_open_headless_banded(&rt, o->w, o->h, rows, err, sizeof err);
    } else if (headless) {
        opened = runtime_open_headless_scaled(&rt, o->w, o->h, o->monkey ? MONKEY_DRAW_DIVISOR : 1,
                                              err, sizeof err);
    } else {
        opened = runtime_open_window(&rt, o->windowed, o->w, o->h, err, sizeof err);
    }
    if (!opened) {
        log_error("%s", err);
    } else if (o->check_clips) {
        rc = runtime_check_clips(&rt, o->check_clips, stdout);
    } else if (o->screenshot) {
        rc = screenshot(&rt, o);
    } else if (o->screenshot_all) {
        rc = screenshot_all(&rt, o->screenshot_all);
    } else {
        if (!reports_ok) {
            log_error("this kiosk takes NO reports until its configuration is fixed "
                      "(kiosk --check-config %s)",
                      cfg->source_path[0] ? cfg->source_path : "FILE");
        }
        /* without a configuration that allows reports, or an outbox on a writable disk
         * with room, the kiosk runs without reporting and tries again (app/reporting.h) */
        /* a configuration that refuses reports is read again: the log and admin screen
         * then give its first problem as the reason */
        runtime_reporting_start(&rt, reports_ok);
        rc = run_session(&rt, o);
    }
    runtime_deinit(&rt);
out:
    SDL_Quit();
    return rc;
}

int main(int argc, char **argv)
{
    /* the text engine's diagnostics parse their own arguments (stable formats) */
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--render-text") == 0) {
            return text_diag_render(argc, argv);
        }
        if (strcmp(argv[i], "--layout-dump") == 0) {
            return text_diag_layout_dump(argc, argv);
        }
    }
    options_t o = {.w = 1920, .h = 1080};
    int rc = parse_args(argc, argv, &o);
    if (rc >= 0) {
        return rc;
    }
    if (o.check_config) {
        return check_config(o.check_config);
    }
    if (o.hash_pin) {
        return hash_pin();
    }
    if (o.check_content) {
        return check_content(&o);
    }
    /* before any thread starts, so that every thread inherits the blocked signals */
    char err[CONFIG_ERROR_MAX];
    signals_t *signals = signals_create(err, sizeof err);
    harden_process();
    signal(SIGPIPE, SIG_IGN); /* a dropped printer or server connection is an error, not death */
    /* stderr and syslog both reach the journal under systemd, start-up errors included */
    log_init("kiosk", true, LOG_LEVEL_INFO);
    if (!signals) {
        log_warn("%s", err);
    }
    kiosk_config_t cfg;
    bool reports_ok = load_config(o.config, &cfg);
    if (o.deliver) {
        if (!reports_ok) {
            log_error("not delivering: the configuration has problems (kiosk --check-config)");
        }
        rc = reports_ok ? report_cli_deliver(&cfg, stdout) : 1;
    } else if (o.signing_key) {
        rc = report_cli_signing_key(&cfg, stdout);
    } else if (o.print_test) {
        rc = print_cli_test(&cfg, o.lang, stdout);
    } else if (o.slip_preview) {
        if (!o.out) {
            fprintf(stderr, "kiosk: --slip-preview needs --out FILE.png\n");
            rc = 2;
        } else {
            rc = print_cli_slip_preview(&cfg, o.lang ? o.lang : cfg.default_language, o.out);
        }
    } else {
        rc = run(&o, &cfg, reports_ok, signals);
    }
    signals_destroy(signals);
    return rc;
}
