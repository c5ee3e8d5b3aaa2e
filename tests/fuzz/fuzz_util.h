/* Shared by the libFuzzer targets: the loaders under test read files, so each input is
 * written to one scratch file per process (in TMPDIR) first. */
#ifndef KIOSK_TESTS_FUZZ_UTIL_H
#define KIOSK_TESTS_FUZZ_UTIL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The scratch file's path, made once. */
static inline const char *fuzz_scratch_path(const char *suffix)
{
    static char path[512];
    if (!path[0]) {
        const char *dir = getenv("TMPDIR");
        snprintf(path, sizeof path, "%s/kiosk-fuzz-%d%s", dir && dir[0] ? dir : "/tmp",
                 (int)getpid(), suffix);
    }
    return path;
}

/* Writes data to the scratch file; NULL if it cannot. */
static inline const char *fuzz_write_input(const uint8_t *data, size_t size, const char *suffix)
{
    const char *path = fuzz_scratch_path(suffix);
    FILE *f = fopen(path, "wb");
    if (!f) {
        return NULL;
    }
    size_t put = size ? fwrite(data, 1, size, f) : 0;
    fclose(f);
    return put == size ? path : NULL;
}

static inline const char *fuzz_source_dir(void)
{
    const char *dir = getenv("KIOSK_SOURCE_DIR");
    return dir && dir[0] ? dir : KIOSK_SOURCE_DIR;
}

#endif
