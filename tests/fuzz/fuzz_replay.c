#define _GNU_SOURCE /* memmem */
/* libFuzzer: replay scripts (the parser and every command) against one headless kiosk
 * without an outbox. Each input starts from a fresh session on the attract screen.
 * "screenshot" lines are skipped: they would write files wherever the input says. */
#include "fuzz_util.h"

#include "app/replay.h"
#include "app/runtime.h"

#include <SDL_ttf.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FUZZ_REPLAY_MAX 4096

static runtime_t g_rt;
static kiosk_config_t g_cfg;
static FILE *g_null;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    char err[CONFIG_ERROR_MAX];
    config_defaults(&g_cfg);
    snprintf(g_cfg.data_dir, sizeof g_cfg.data_dir, "%s", fuzz_source_dir());
    if (SDL_Init(0) != 0 || TTF_Init() != 0 || !runtime_init(&g_rt, &g_cfg, err, sizeof err) ||
        !runtime_open_headless(&g_rt, 800, 600, err, sizeof err)) {
        fprintf(stderr, "fuzz_replay: %s\n", err);
        abort();
    }
    g_rt.speech = speech_create_recorder();
    g_null = fopen("/dev/null", "w");
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > FUZZ_REPLAY_MAX || memmem(data, size, "screenshot", 10)) {
        return 0;
    }
    const char *path = fuzz_write_input(data, size, ".replay");
    if (!path) {
        return 0;
    }
    app_end_session(&g_rt.app);
    runtime_frame(&g_rt);
    replay_run(&g_rt, path, g_null);
    return 0;
}
