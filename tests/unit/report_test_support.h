/* Helpers shared by the report/delivery unit tests: a complete valid report, temp
 * directories, and CHECK(cond, what) so every assertion says what it checks. */
#ifndef KIOSK_TESTS_REPORT_TEST_SUPPORT_H
#define KIOSK_TESTS_REPORT_TEST_SUPPORT_H

#include "platform/config.h"
#include "report/report.h"
#include "report/report_keys.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fail_msg(__VA_ARGS__);                                                                 \
        }                                                                                          \
    } while (0)

/* A complete, valid, named report with text in several scripts. */
static inline void test_report_fill(report_t *r)
{
    report_wipe(r);
    snprintf(r->locale, sizeof r->locale, "pa");
    r->safety = REPORT_NO;
    snprintf(r->reporter_role, sizeof r->reporter_role, "third_party");
    r->motivations[0] = true;    /* disability */
    r->motivations[4] = true;    /* transgender */
    r->incident_types[2] = true; /* harassment */
    snprintf(r->when_period, sizeof r->when_period, "this_week");
    snprintf(r->where_area, sizeof r->where_area, "charnwood");
    snprintf(r->where_place, sizeof r->where_place, "healthcare");
    snprintf(r->details, sizeof r->details,
             "ਉਹ ਮੇਰੇ ਭਰਾ ਨੂੰ ਤੰਗ ਕਰਦੇ ਹਨ — \"quoted\" \\ back\tslash\nنئی سطر ગુજરાતી");
    r->health_impacts[1] = true;
    r->health_wants_support = REPORT_NO;
    r->contact_choice = REPORT_CONTACT_NAMED;
    snprintf(r->contact.name, sizeof r->contact.name, "ਹਰਪ੍ਰੀਤ ਕੌਰ");
    snprintf(r->contact.phone, sizeof r->contact.phone, "07700 900123");
    r->contact.leave_message = REPORT_YES;
    snprintf(r->contact.interpreter, sizeof r->contact.interpreter, "pa");
    r->consent_support = true;
    r->consent_statistics = true;
}

/* mkdtemp under TMPDIR; the caller removes it with test_rmrf(). */
static inline void test_tempdir(char *out, size_t size)
{
    const char *base = getenv("TMPDIR");
    snprintf(out, size, "%s/kiosk-test-XXXXXX", base && base[0] ? base : "/tmp");
    if (!mkdtemp(out)) {
        fail_msg("cannot create a temp dir");
    }
}

static inline void test_rmrf(const char *dir)
{
    char cmd[CONFIG_PATH_MAX + 32];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0) {
        fprintf(stderr, "warning: could not remove %s\n", dir);
    }
}

/* A kiosk config on a fresh state dir with a freshly made receiver key in dir/receiver. */
static inline void test_config_in(const char *dir, kiosk_config_t *cfg)
{
    char err[256], keydir[CONFIG_PATH_MAX - 64];
    config_defaults(cfg);
    snprintf(cfg->state_dir, sizeof cfg->state_dir, "%s/state", dir);
    snprintf(keydir, sizeof keydir, "%s/receiver", dir);
    CHECK(report_receiver_keygen(keydir, err, sizeof err), "receiver keygen: %s", err);
    snprintf(cfg->receiver_public_key, sizeof cfg->receiver_public_key, "%s/receiver.pub", keydir);
    snprintf(cfg->kiosk_id, sizeof cfg->kiosk_id, "unit-kiosk");
    snprintf(cfg->site_id, sizeof cfg->site_id, "unit-site");
}

#endif
