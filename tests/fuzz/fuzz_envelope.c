/* libFuzzer: the receiver's envelope opener (report_envelope_open) with the development
 * sample receiver key, and the report JSON reader on whatever opens. */
#include "fuzz_util.h"

#include "report/report_json.h"
#include "report/report_keys.h"
#include "report/report_seal.h"

#include <sodium.h>

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static unsigned char g_pk[REPORT_RECEIVER_PK_BYTES], g_sk[REPORT_RECEIVER_SK_BYTES];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    char path[1024], err[512];
    snprintf(path, sizeof path, "%s/config/sample-receiver/receiver.key", fuzz_source_dir());
    if (sodium_init() < 0 || !report_receiver_load_secret(path, g_pk, g_sk, err, sizeof err)) {
        fprintf(stderr, "fuzz_envelope: %s\n", err);
        abort();
    }
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *copy = malloc(size + 1); /* envelopes are text: give the opener a NUL as well */
    if (!copy) {
        return 0;
    }
    memcpy(copy, data, size);
    copy[size] = '\0';
    report_opened_t o;
    char err[512];
    if (report_envelope_open(copy, size, g_pk, g_sk, &o, err, sizeof err) == REPORT_OPEN_OK) {
        static report_t r;
        report_json_read(o.json, o.json_len, &r, err, sizeof err);
    }
    report_opened_clear(&o);
    free(copy);
    return 0;
}
