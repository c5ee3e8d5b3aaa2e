/* speech/: the recorder and null backends, the checks every backend shares, and espeak-ng
 * played through SDL's dummy audio driver (SDL_AUDIODRIVER=dummy, set by ctest), its disk
 * driver and no driver at all. The espeak tests run in order in one process: espeak-ng is
 * process-global. */
#include "speech/speech.h"
#include "speech/speech_internal.h"

#include <SDL.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#define POLL_MS 10
#define FINISH_POLLS 2000 /* 20 s: far longer than any sentence here takes to play */
#define STOP_POLLS 300    /* 3 s: well under the time LONG_TEXT takes to say */
#define CLOSE_POLLS 200   /* 2 s for a release to close the device (it takes one buffer) */

#define ENGLISH "Your report is saved."
#define URDU "آپ کی رپورٹ محفوظ ہو گئی ہے۔"
#define LONG_TEXT                                                                                  \
    "Hate crime is any crime that is targeted at someone because of hostility or prejudice "       \
    "towards their disability, race or ethnicity, religion or belief, sexual orientation or "      \
    "transgender identity. You can report it here, with or without your name. Your report "        \
    "is sealed before it is saved, and only the receiving service can read it."

/* Polls busy() until it is false; true when that happened within max_polls. */
static bool wait_until_quiet(speech_t *sp, int max_polls)
{
    for (int i = 0; i < max_polls; i++) {
        if (!speech_busy(sp)) {
            return true;
        }
        SDL_Delay(POLL_MS);
    }
    return !speech_busy(sp);
}

/* Polls until s holds an audio device (want) or not; true when that happened in max_polls. */
static bool wait_audio(speech_t *sp, bool want, int max_polls)
{
    for (int i = 0; i < max_polls && speech_audio_is_open(sp) != want; i++) {
        SDL_Delay(POLL_MS);
    }
    return speech_audio_is_open(sp) == want;
}

/* SDL's audio subsystem is initialised: SDL's audio threads run (issue 18). */
static bool sdl_audio_up(void)
{
    return SDL_WasInit(SDL_INIT_AUDIO) != 0;
}

static void test_recorder_records_last_request_and_counts(void **state)
{
    speech_t *sp = speech_create_recorder();
    assert_non_null(sp);
    const char *voice = NULL, *text = NULL;
    assert_false(speech_recorder_last(sp, &voice, &text)); /* nothing said yet */
    assert_int_equal(speech_recorder_count(sp), 0);        /* no says yet */

    assert_true(speech_say(sp, "en", "Hello"));
    assert_true(speech_recorder_last(sp, &voice, &text)); /* the say was recorded */
    assert_string_equal(voice, "en");
    assert_string_equal(text, "Hello");
    assert_int_equal(speech_recorder_count(sp), 1);

    assert_true(speech_say(sp, "ur", URDU));
    assert_true(speech_recorder_last(sp, &voice, NULL)); /* a NULL out pointer is allowed */
    assert_string_equal(voice, "ur");                    /* the last voice, not the first */
    assert_true(speech_recorder_last(sp, NULL, &text));
    assert_string_equal(text, URDU); /* UTF-8 kept byte for byte */
    assert_int_equal(speech_recorder_count(sp), 2);

    assert_false(speech_busy(sp)); /* a recorder is idle unless told otherwise */
    speech_recorder_set_busy(sp, true);
    assert_true(speech_busy(sp)); /* busy() answers what the test set */
    speech_stop(sp);
    assert_int_equal(speech_recorder_stops(sp), 1); /* the stop was counted */
    assert_false(speech_busy(sp));                  /* and stopping made it idle */
    speech_destroy(sp);
}

/* The recorder pretends to hold a device from a say to a release, as the real backends do,
 * so the read-aloud code's releases can be checked without a sound card. */
static void test_recorder_audio_from_say_to_release(void **state)
{
    speech_t *sp = speech_create_recorder();
    assert_false(speech_audio_is_open(sp)); /* nothing said: no device */
    speech_release_audio(sp);
    assert_int_equal(speech_recorder_stops(sp), 0); /* a release is not a person's stop */
    assert_true(speech_say(sp, "en", "Hello"));
    assert_true(speech_audio_is_open(sp)); /* a say opens */
    speech_stop(sp);
    assert_true(speech_audio_is_open(sp)); /* a stop keeps it (the next say is quick) */
    assert_true(speech_say(sp, "en", "Hello"));
    speech_release_audio(sp);
    assert_false(speech_audio_is_open(sp));        /* a release closes */
    assert_true(speech_recorder_silenced(sp));     /* and silences */
    assert_false(speech_recorder_last(sp, NULL, NULL)); /* forgetting the words */
    assert_int_equal(speech_recorder_stops(sp), 1);     /* counted no stop of its own */
    speech_destroy(sp);

    sp = speech_create_null();
    assert_true(speech_say(sp, "en", "Hello"));
    assert_false(speech_audio_is_open(sp)); /* the null backend never has a device */
    speech_release_audio(sp);               /* and releasing it is a no-op */
    speech_destroy(sp);
    assert_false(speech_audio_is_open(NULL));
    speech_release_audio(NULL); /* no-op */
}

static void test_null_says_nothing_and_records_nothing(void **state)
{
    speech_t *sp = speech_create_null();
    assert_non_null(sp);
    assert_true(speech_say(sp, "en", "Hello")); /* accepted, so the screens carry on */
    assert_false(speech_busy(sp));              /* and never busy */
    speech_stop(sp);
    assert_false(speech_recorder_last(sp, NULL, NULL)); /* not a recorder: nothing recorded */
    assert_int_equal(speech_recorder_count(sp), 0);
    assert_int_equal(speech_recorder_stops(sp), 0);
    speech_recorder_set_busy(sp, true); /* ignored for a non-recorder */
    assert_false(speech_busy(sp));      /* still never busy */
    speech_destroy(sp);
    speech_destroy(NULL); /* no-op */
}

static void test_unusable_voice_or_text_is_refused(void **state)
{
    char long_voice[SPEECH_VOICE_MAX + 8];
    memset(long_voice, 'a', sizeof long_voice - 1);
    long_voice[sizeof long_voice - 1] = '\0';
    const char *voices[] = {NULL, "", SPEECH_VOICE_NONE, long_voice};
    speech_t *sp = speech_create_recorder();
    assert_non_null(sp);
    for (size_t i = 0; i < sizeof voices / sizeof *voices; i++) {
        if (speech_voice_usable(voices[i])) {
            fail_msg("voice #%zu (\"%s\") counted as usable", i, voices[i] ? voices[i] : "NULL");
        }
        if (speech_say(sp, voices[i], "Hello")) {
            fail_msg("say accepted unusable voice #%zu", i);
        }
    }
    assert_true(speech_voice_usable("en")); /* a real voice name is usable */

    char *too_long = malloc(SPEECH_TEXT_MAX + 2);
    assert_non_null(too_long);
    memset(too_long, 'a', SPEECH_TEXT_MAX + 1);
    too_long[SPEECH_TEXT_MAX + 1] = '\0';
    assert_false(speech_say(sp, "en", NULL));     /* no text */
    assert_false(speech_say(sp, "en", ""));       /* empty text */
    assert_false(speech_say(sp, "en", too_long)); /* over SPEECH_TEXT_MAX */
    free(too_long);
    assert_int_equal(speech_recorder_count(sp), 0); /* nothing refused reached the backend */

    assert_false(speech_say(NULL, "en", "Hello")); /* NULL speech: refused */
    assert_false(speech_busy(NULL));               /* NULL speech: idle */
    speech_stop(NULL);                             /* no-op */
    speech_destroy(sp);
}

static void test_espeak_missing_data_fails_clearly(void **state)
{
    char err[256] = "";
    const char *missing = "/nonexistent/espeak-ng-data";
    speech_t *sp = speech_create_espeak(missing, err, sizeof err);
    assert_null(sp); /* no data: no speech */
    if (!strstr(err, "not found") || !strstr(err, missing)) {
        fail_msg("error does not say the data is missing and where: \"%s\"", err);
    }
    int16_t *pcm = NULL;
    size_t n = 0;
    int rate = 0;
    err[0] = '\0';
    assert_false(speech_espeak_synth_to_buffer(missing, "en", "Hello", &pcm, &n, &rate, err,
                                               sizeof err)); /* the hook checks it too */
    assert_null(pcm);                                        /* and hands back nothing */
    assert_non_null(strstr(err, "not found"));               /* with the same reason */
}

/* The largest |sample| of a buffer. */
static int peak(const int16_t *pcm, size_t n)
{
    int max = 0;
    for (size_t i = 0; i < n; i++) {
        int a = pcm[i] < 0 ? -pcm[i] : pcm[i];
        max = a > max ? a : max;
    }
    return max;
}

static void test_espeak_synthesizes_real_sound(void **state)
{
    static const struct {
        const char *voice, *text;
    } cases[] = {{"en", "Hello"}, {"ur", URDU}, {"gu", "તમારો અહેવાલ સાચવવામાં આવ્યો છે"}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        int16_t *pcm = NULL;
        size_t n = 0;
        int rate = 0;
        char err[256] = "";
        if (!speech_espeak_synth_to_buffer(NULL, cases[i].voice, cases[i].text, &pcm, &n, &rate,
                                           err, sizeof err)) {
            fail_msg("voice %s: synthesis failed: %s", cases[i].voice, err);
        }
        if (rate < 8000) {
            fail_msg("voice %s: implausible sample rate %d", cases[i].voice, rate);
        }
        if (n < (size_t)rate / 10) {
            fail_msg("voice %s: only %zu samples, under 0.1 s of speech", cases[i].voice, n);
        }
        if (peak(pcm, n) <= 1000) {
            fail_msg("voice %s: silent (peak %d)", cases[i].voice, peak(pcm, n));
        }
        free(pcm);
    }
    int16_t *pcm = NULL;
    size_t n = 0;
    int rate = 0;
    char err[256] = "";
    assert_false(speech_espeak_synth_to_buffer(NULL, "no-such-voice", "Hello", &pcm, &n, &rate, err,
                                               sizeof err)); /* unknown voice refused */
    assert_non_null(strstr(err, "no-such-voice"));           /* naming the voice */
    assert_null(pcm);
}

static void test_espeak_speaks_english_and_urdu_until_done(void **state)
{
    char err[256] = "";
    speech_t *sp = speech_create_espeak(NULL, err, sizeof err);
    if (!sp) {
        fail_msg("espeak speech with the dummy audio driver: %s", err);
    }

    char err2[256] = "";
    assert_null(speech_create_espeak(NULL, err2, sizeof err2)); /* a second one is refused */
    assert_non_null(strstr(err2, "only one"));                  /* saying why */
    int16_t *pcm = NULL;
    size_t n = 0;
    int rate = 0;
    assert_false(speech_espeak_synth_to_buffer(NULL, "en", "Hello", &pcm, &n, &rate, err2,
                                               sizeof err2)); /* so is the hook meanwhile */

    assert_true(speech_say(sp, "en", ENGLISH)); /* English accepted */
    assert_true(speech_busy(sp));               /* busy at once: the request waits */
    if (!wait_until_quiet(sp, FINISH_POLLS)) {
        fail_msg("English still busy after %d polls", FINISH_POLLS);
    }
    assert_true(speech_say(sp, "ur", URDU)); /* Urdu accepted */
    assert_true(speech_busy(sp));
    if (!wait_until_quiet(sp, FINISH_POLLS)) {
        fail_msg("Urdu still busy after %d polls", FINISH_POLLS);
    }
    /* An unknown voice is accepted (only the worker can tell), skipped, and not stuck. */
    assert_true(speech_say(sp, "no-such-voice", "Hello"));
    if (!wait_until_quiet(sp, FINISH_POLLS)) {
        fail_msg("unknown voice left speech busy after %d polls", FINISH_POLLS);
    }
    speech_destroy(sp);
}

static void test_espeak_stop_silences_and_destroy_joins(void **state)
{
    char err[256] = "";
    speech_t *sp = speech_create_espeak(NULL, err, sizeof err); /* again, after a destroy */
    if (!sp) {
        fail_msg("espeak speech could not be created a second time: %s", err);
    }
    assert_true(speech_say(sp, "en", LONG_TEXT));
    SDL_Delay(200); /* let it start speaking; stop must work mid-sentence too */
    speech_stop(sp);
    if (!wait_until_quiet(sp, STOP_POLLS)) {
        fail_msg("still busy %d polls after stop", STOP_POLLS);
    }

    /* A request that is replaced before it starts, then a stop before anything starts. */
    assert_true(speech_say(sp, "en", LONG_TEXT));
    assert_true(speech_say(sp, "pl", "Dzień dobry"));
    speech_stop(sp);
    if (!wait_until_quiet(sp, STOP_POLLS)) {
        fail_msg("still busy %d polls after stopping a replaced request", STOP_POLLS);
    }

    /* Destroy while speaking: stops and joins the worker (a hang here fails by timeout). */
    assert_true(speech_say(sp, "en", LONG_TEXT));
    SDL_Delay(100);
    speech_destroy(sp);

    sp = speech_create_espeak(NULL, err, sizeof err);
    assert_non_null(sp); /* the library was released by destroy */
    speech_destroy(sp);
}

/* Issue 18: the sound card, and SDL's audio subsystem with its hotplug thread, are held
 * only from a say to a release, and nothing is played or left open after. */
static void test_espeak_holds_audio_only_from_say_to_release(void **state)
{
    char err[256] = "";
    speech_t *sp = speech_create_espeak(NULL, err, sizeof err);
    if (!sp) {
        fail_msg("espeak speech: %s", err);
    }
    assert_false(speech_audio_is_open(sp)); /* created: no device yet */
    assert_false(sdl_audio_up());           /* nor SDL's audio subsystem */

    assert_true(speech_say(sp, "en", ENGLISH));
    if (!wait_audio(sp, true, STOP_POLLS)) {
        fail_msg("no audio device %d polls after a say", STOP_POLLS);
    }
    assert_true(sdl_audio_up()); /* the subsystem came with it */
    if (!wait_until_quiet(sp, FINISH_POLLS)) {
        fail_msg("English still busy after %d polls", FINISH_POLLS);
    }
    assert_true(speech_audio_is_open(sp)); /* kept while read-aloud is on: the next is quick */

    speech_release_audio(sp);
    if (!wait_audio(sp, false, CLOSE_POLLS)) {
        fail_msg("device still open %d polls after a release", CLOSE_POLLS);
    }
    assert_false(sdl_audio_up()); /* and SDL's audio subsystem is down again */
    speech_release_audio(sp);     /* a second release: nothing to do */
    assert_false(speech_audio_is_open(sp));

    /* A release mid-sentence silences at once and closes; a later say opens again. */
    assert_true(speech_say(sp, "en", LONG_TEXT));
    if (!wait_audio(sp, true, STOP_POLLS)) {
        fail_msg("no audio device %d polls after a say that followed a release", STOP_POLLS);
    }
    SDL_Delay(100); /* speaking now */
    speech_release_audio(sp);
    if (!wait_audio(sp, false, CLOSE_POLLS)) {
        fail_msg("device still open %d polls after a release mid-sentence", CLOSE_POLLS);
    }
    assert_false(speech_busy(sp)); /* nothing of the sentence is left to say */
    assert_false(sdl_audio_up());

    /* Destroyed while speaking: the worker closes the device before it ends. */
    assert_true(speech_say(sp, "en", LONG_TEXT));
    if (!wait_audio(sp, true, STOP_POLLS)) {
        fail_msg("no audio device %d polls after a say", STOP_POLLS);
    }
    speech_destroy(sp);
    assert_false(sdl_audio_up());
}

/* The disk driver writes what the device plays to a file: the speech is really played
 * through the device that is opened at the say, and the file is closed with it. */
static void test_espeak_plays_through_the_disk_driver(void **state)
{
    char path[] = "/tmp/kiosk-test-speech-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    setenv("SDL_AUDIODRIVER", "disk", 1);
    setenv("SDL_DISKAUDIOFILE", path, 1);
    char err[256] = "";
    speech_t *sp = speech_create_espeak(NULL, err, sizeof err);
    if (!sp) {
        fail_msg("espeak speech: %s", err);
    }
    assert_true(speech_say(sp, "en", ENGLISH));
    if (!wait_until_quiet(sp, FINISH_POLLS)) {
        fail_msg("English still busy after %d polls on the disk driver", FINISH_POLLS);
    }
    speech_release_audio(sp);
    if (!wait_audio(sp, false, CLOSE_POLLS)) {
        fail_msg("disk device still open %d polls after a release", CLOSE_POLLS);
    }
    speech_destroy(sp);
    setenv("SDL_AUDIODRIVER", "dummy", 1);

    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    long loud = 0, samples = 0;
    int16_t buf[4096];
    size_t n;
    while ((n = fread(buf, sizeof buf[0], sizeof buf / sizeof buf[0], f)) > 0) {
        for (size_t i = 0; i < n; i++) {
            loud += buf[i] > 1000 || buf[i] < -1000;
        }
        samples += (long)n;
    }
    fclose(f);
    unlink(path);
    if (loud < 1000) {
        fail_msg("the disk driver got %ld samples, %ld of them loud: no speech was played",
                 samples, loud);
    }
}

/* No audio driver at all: says are taken and dropped (the screens carry on), nothing stays
 * busy or open, and after a release (the next session) a working driver is tried again. */
static void test_espeak_without_sound_drops_and_retries(void **state)
{
    setenv("SDL_AUDIODRIVER", "no-such-driver", 1);
    char err[256] = "";
    speech_t *sp = speech_create_espeak(NULL, err, sizeof err);
    if (!sp) {
        fail_msg("espeak speech must not need a sound card to be made: %s", err);
    }
    assert_true(speech_say(sp, "en", ENGLISH)); /* accepted */
    if (!wait_until_quiet(sp, STOP_POLLS)) {
        fail_msg("a say without sound still busy after %d polls", STOP_POLLS);
    }
    assert_false(speech_audio_is_open(sp)); /* no device */
    assert_false(sdl_audio_up());           /* the failed open left nothing up */
    assert_true(speech_say(sp, "en", ENGLISH)); /* not tried again in this session */
    if (!wait_until_quiet(sp, STOP_POLLS)) {
        fail_msg("a second say without sound still busy after %d polls", STOP_POLLS);
    }

    setenv("SDL_AUDIODRIVER", "dummy", 1); /* a sound card now */
    speech_release_audio(sp);                /* the session ends */
    SDL_Delay(50);
    assert_true(speech_say(sp, "en", ENGLISH));
    if (!wait_audio(sp, true, STOP_POLLS)) {
        fail_msg("no retry of the sound card after a release");
    }
    speech_destroy(sp);
    assert_false(sdl_audio_up());
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_recorder_records_last_request_and_counts),
        cmocka_unit_test(test_recorder_audio_from_say_to_release),
        cmocka_unit_test(test_null_says_nothing_and_records_nothing),
        cmocka_unit_test(test_unusable_voice_or_text_is_refused),
        cmocka_unit_test(test_espeak_missing_data_fails_clearly),
        cmocka_unit_test(test_espeak_synthesizes_real_sound),
        cmocka_unit_test(test_espeak_speaks_english_and_urdu_until_done),
        cmocka_unit_test(test_espeak_stop_silences_and_destroy_joins),
        cmocka_unit_test(test_espeak_holds_audio_only_from_say_to_release),
        cmocka_unit_test(test_espeak_plays_through_the_disk_driver),
        cmocka_unit_test(test_espeak_without_sound_drops_and_retries),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
