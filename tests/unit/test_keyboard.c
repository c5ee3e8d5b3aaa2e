/* Keyboard layouts (data) and grapheme-aware editing. */
#include "content/keyboard_set.h"
#include "i18n/languages.h"
#include "ui/text_edit.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

static const char *src(void)
{
    const char *s = getenv("KIOSK_SOURCE_DIR");
    return s ? s : KIOSK_SOURCE_DIR;
}

static void test_every_language_has_its_keyboard(void **state)
{
    keyboard_set_t set;
    lang_registry_t reg;
    char path[1024], err[512] = "";
    snprintf(path, sizeof path, "%s/locales/keyboards", src());
    if (!keyboard_set_load(&set, path, err, sizeof err)) {
        fail_msg("keyboards: %s", err);
    }
    snprintf(path, sizeof path, "%s/locales/languages.ini", src());
    assert_true(lang_registry_load(&reg, path, err, sizeof err));
    for (int i = 0; i < reg.count; i++) {
        if (!keyboard_set_find(&set, reg.langs[i].keyboard)) {
            fail_msg("language %s wants keyboard '%s', which is not in locales/keyboards",
                     reg.langs[i].code, reg.langs[i].keyboard);
        }
    }
    const char *needed[] = {"latin", "digits", "phone", "email"};
    for (size_t i = 0; i < 4; i++) {
        assert_non_null(keyboard_set_find(&set, needed[i]));
    }
    /* each layout carries its own language's letters (a Latin base plus its row), and no
     * other language's: English and Somali get plain Latin */
    static const struct {
        const char *layout, *has, *lacks;
    } LETTERS[] = {
        {"polish", "ł", "ș"},     {"polish", "ą", "ã"},     {"romanian", "ș", "ł"},
        {"romanian", "ț", "ç"},   {"portuguese", "ã", "ą"}, {"portuguese", "ç", "ț"},
        {"latin", "q", "ł"},      {"latin", "a", "ș"},      {"latin", "z", "ã"},
    };
    for (size_t i = 0; i < sizeof LETTERS / sizeof LETTERS[0]; i++) {
        const keyboard_layout_t *kb = keyboard_set_find(&set, LETTERS[i].layout);
        assert_non_null(kb);
        bool has = false, lacks = true;
        for (int r = 0; r < kb->rows; r++) {
            for (int k = 0; k < kb->base[r].count; k++) {
                has = has || strcmp(kb->base[r].keys[k], LETTERS[i].has) == 0;
                lacks = lacks && strcmp(kb->base[r].keys[k], LETTERS[i].lacks) != 0;
            }
        }
        if (!has || !lacks) {
            fail_msg("%s keyboard: '%s' %s, '%s' %s", LETTERS[i].layout, LETTERS[i].has,
                     has ? "present" : "MISSING", LETTERS[i].lacks, lacks ? "absent" : "PRESENT");
        }
    }
    assert_true(keyboard_set_find(&set, "urdu")->rtl);
    assert_false(keyboard_set_find(&set, "gujarati")->rtl);
}

static void test_bad_layout_names_line(void **state)
{
    char path[] = "/tmp/kiosk-kb-XXXXXX";
    int fd = mkstemp(path);
    const char *text = "[base]\nrow1 = a b c\nrowx = d e\n";
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    keyboard_layout_t kb;
    char err[512] = "";
    assert_false(keyboard_load(&kb, path, err, sizeof err));
    char where[64];
    snprintf(where, sizeof where, "%s:3:", path);
    if (!strstr(err, where)) {
        fail_msg("expected '%s' in '%s'", where, err);
    }
    unlink(path);
}

static void test_backspace_removes_a_grapheme(void **state)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%s", "નમસ્તે કા");
    text_edit_backspace(buf); /* KA + vowel sign AA is one cluster */
    assert_string_equal(buf, "નમસ્તે ");
    snprintf(buf, sizeof buf, "%s", "ok 👍🏽");
    text_edit_backspace(buf); /* emoji with skin tone modifier is one cluster */
    assert_string_equal(buf, "ok ");
    snprintf(buf, sizeof buf, "%s", "سلام");
    text_edit_backspace(buf);
    assert_string_equal(buf, "سلا");
    buf[0] = '\0';
    text_edit_backspace(buf); /* empty stays empty */
    assert_string_equal(buf, "");
}

static void test_append_respects_limits(void **state)
{
    char buf[8] = "";
    assert_true(text_edit_append(buf, sizeof buf, "abc", 0));
    assert_false(text_edit_append(buf, sizeof buf, "ąęł", 0)); /* 6 bytes: no room */
    assert_string_equal(buf, "abc");                           /* nothing half-written */
    assert_false(text_edit_append(buf, sizeof buf, "d", 3));   /* grapheme limit */
    assert_true(text_edit_append(buf, sizeof buf, "\x01" "d", 4)); /* controls dropped */
    assert_string_equal(buf, "abcd");
    assert_int_equal(text_edit_graphemes("કાનો"), 2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_language_has_its_keyboard),
        cmocka_unit_test(test_bad_layout_names_line),
        cmocka_unit_test(test_backspace_removes_a_grapheme),
        cmocka_unit_test(test_append_respects_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
