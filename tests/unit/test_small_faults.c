/* Small faults found by the stress review (issue 17), each kept as a regression case:
 * an empty PO file (qsort on no entries was undefined behaviour, UBSan aborted), an empty
 * path for paths_mkdirs() (read the stack before the string). */
#include "i18n/catalog.h"
#include "platform/paths.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void test_empty_po_file(void **state)
{
    char path[] = "/tmp/kiosk-empty-po-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    char err[512] = "";
    i18n_t *i = i18n_create(true);
    assert_non_null(i);
    bool ok = i18n_load(i, "en", path, err, sizeof err);
    /* either way is fine, as long as it is defined and says something when it fails */
    if (!ok && !strstr(err, path)) {
        fail_msg("an empty PO file fails with a message naming it, found '%s'", err);
    }
    if (ok && strcmp(i18n_text(i, "en", "home.report.title"), "home.report.title") != 0) {
        fail_msg("an empty catalog has no entries");
    }
    i18n_destroy(i);
    unlink(path);
}

static void test_mkdirs_empty_path(void **state)
{
    char err[256] = "";
    if (paths_mkdirs("", 0700, err, sizeof err)) {
        fail_msg("an empty path is refused");
    }
    if (!strstr(err, "empty")) {
        fail_msg("the error says the path is empty, found '%s'", err);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_po_file),
        cmocka_unit_test(test_mkdirs_empty_path),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
