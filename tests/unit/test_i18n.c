/* PO catalogs: lookup, English fallback, fuzzy drafts, errors with file:line, and the
 * shipped catalogs (every key of kiosk.pot in en.po). */
#include "i18n/catalog.h"
#include "i18n/languages.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

static const char *EN = "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
                        "msgctxt \"a.hello\"\nmsgid \"Hello\"\nmsgstr \"Hello\"\n\n"
                        "msgctxt \"a.bye\"\nmsgid \"Goodbye\"\nmsgstr \"Goodbye\"\n\n"
                        "msgctxt \"a.wait\"\nmsgid \"Wait {seconds} s\"\nmsgstr \"Wait {seconds} s\"\n";
static const char *PL = "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
                        "msgctxt \"a.hello\"\nmsgid \"Hello\"\nmsgstr \"Cześć\"\n\n"
                        "#, fuzzy\nmsgctxt \"a.bye\"\nmsgid \"Goodbye\"\nmsgstr \"Do widzenia\"\n";

static char *write_file(const char *text)
{
    static char paths[4][64];
    static int next;
    char *path = paths[next++ % 4];
    snprintf(path, 64, "/tmp/kiosk-po-XXXXXX");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
    close(fd);
    return path;
}

static i18n_t *load_pair(bool show_unreviewed)
{
    i18n_t *i = i18n_create(show_unreviewed);
    char err[512] = "";
    char *en = write_file(EN), *pl = write_file(PL);
    assert_true(i18n_load(i, "en", en, err, sizeof err));
    if (!i18n_load(i, "pl", pl, err, sizeof err)) {
        fail_msg("pl: %s", err);
    }
    unlink(en);
    unlink(pl);
    return i;
}

static void test_lookup_and_fallback(void **state)
{
    i18n_t *i = load_pair(false);
    assert_string_equal(i18n_text(i, "pl", "a.hello"), "Cześć");  /* reviewed translation */
    assert_string_equal(i18n_text(i, "pl", "a.bye"), "Goodbye");  /* fuzzy hidden: English */
    assert_string_equal(i18n_text(i, "pl", "a.wait"), "Wait {seconds} s"); /* missing */
    assert_string_equal(i18n_text(i, "xx", "a.hello"), "Hello");  /* unknown language */
    assert_string_equal(i18n_text(i, "pl", "no.such"), "no.such"); /* visible, no crash */
    assert_int_equal(i18n_state(i, "pl", "a.hello"), I18N_TRANSLATED);
    assert_int_equal(i18n_state(i, "pl", "a.bye"), I18N_FUZZY);
    assert_int_equal(i18n_state(i, "pl", "a.wait"), I18N_MISSING);
    i18n_destroy(i);
}

/* Counts are gettext plurals: msgstr[i] is the i-th CLDR category the language uses for
 * whole numbers (Polish: one, few, many); a plural with a form missing, or a language
 * without the key, shows English by English's rules. */
static void test_count_forms(void **state)
{
    static const char *en_po =
        "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
        "\"Plural-Forms: nplurals=2; plural=(n != 1);\\n\"\n\n"
        "msgctxt \"a.left\"\nmsgid \"{n} second left\"\nmsgid_plural \"{n} seconds left\"\n"
        "msgstr[0] \"{n} second left\"\nmsgstr[1] \"{n} seconds left\"\n\n"
        "msgctxt \"a.half\"\nmsgid \"{n} day\"\nmsgid_plural \"{n} days\"\n"
        "msgstr[0] \"{n} day\"\nmsgstr[1] \"{n} days\"\n\n"
        "msgctxt \"a.short\"\nmsgid \"{n} day\"\nmsgid_plural \"{n} days\"\n"
        "msgstr[0] \"{n} day\"\nmsgstr[1] \"{n} days\"\n";
    static const char *pl_po =
        "msgid \"\"\nmsgstr \"\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n"
        "\"Plural-Forms: nplurals=3; plural=(n==1 ? 0 : n%10>=2 && n%10<=4 && "
        "(n%100<12 || n%100>14) ? 1 : 2);\\n\"\n\n"
        "msgctxt \"a.left\"\nmsgid \"{n} second left\"\nmsgid_plural \"{n} seconds left\"\n"
        "msgstr[0] \"Została {n} sekunda\"\nmsgstr[1] \"Zostały {n} sekundy\"\n"
        "msgstr[2] \"Zostało {n} sekund\"\n\n"
        "msgctxt \"a.half\"\nmsgid \"{n} day\"\nmsgid_plural \"{n} days\"\n"
        "msgstr[0] \"{n} dzień\"\nmsgstr[1] \"\"\nmsgstr[2] \"{n} dni\"\n\n"
        "msgctxt \"a.short\"\nmsgid \"{n} day\"\nmsgid_plural \"{n} days\"\n"
        "msgstr[0] \"{n} dzień\"\nmsgstr[1] \"{n} dni\"\n";
    (void)state;
    i18n_t *i = i18n_create(false);
    char err[512] = "";
    char *en = write_file(en_po), *pl = write_file(pl_po);
    if (!i18n_load(i, "en", en, err, sizeof err) || !i18n_load(i, "pl", pl, err, sizeof err)) {
        fail_msg("%s", err);
    }
    unlink(en);
    unlink(pl);
    assert_string_equal(i18n_text_count(i, "en", "a.left", 1), "{n} second left");
    assert_string_equal(i18n_text_count(i, "en", "a.left", 0), "{n} seconds left");
    assert_string_equal(i18n_text_count(i, "en", "a.left", 2), "{n} seconds left");
    assert_string_equal(i18n_text_count(i, "pl", "a.left", 1), "Została {n} sekunda");
    assert_string_equal(i18n_text_count(i, "pl", "a.left", 3), "Zostały {n} sekundy");
    assert_string_equal(i18n_text_count(i, "pl", "a.left", 22), "Zostały {n} sekundy");
    assert_string_equal(i18n_text_count(i, "pl", "a.left", 5), "Zostało {n} sekund");  /* many */
    assert_string_equal(i18n_text_count(i, "pl", "a.left", 12), "Zostało {n} sekund"); /* many */
    assert_string_equal(i18n_text_count(i, "pl", "a.left", 112), "Zostało {n} sekund");
    /* a form missing: the whole plural is English, chosen by English's rules */
    assert_string_equal(i18n_text_count(i, "pl", "a.half", 1), "{n} day");
    assert_string_equal(i18n_text_count(i, "pl", "a.half", 3), "{n} days");
    assert_int_equal(i18n_state(i, "pl", "a.half"), I18N_MISSING);
    /* fewer forms than Polish has: English, never msgstr[1] standing in for "many" */
    assert_string_equal(i18n_text_count(i, "pl", "a.short", 5), "{n} days");
    assert_int_equal(i18n_state(i, "pl", "a.short"), I18N_MISSING);
    /* a language shown in English follows English's rules: Polish "few" would be wrong */
    assert_string_equal(i18n_text_count(i, "ur", "a.left", 1), "{n} second left");
    assert_string_equal(i18n_text_count(i, "ur", "a.left", 3), "{n} seconds left");
    assert_string_equal(i18n_text_count(i, "pl", "no.such", 1), "no.such");
    const char *cats[I18N_FORMS_MAX];
    assert_int_equal(i18n_plural_missing(i, "pl", cats, I18N_FORMS_MAX, "a.half"), 1);
    assert_string_equal(cats[0], "few"); /* msgstr[1] is empty */
    assert_int_equal(i18n_plural_missing(i, "pl", cats, I18N_FORMS_MAX, "a.short"), 1);
    assert_string_equal(cats[0], "many"); /* there is no msgstr[2] */
    assert_int_equal(i18n_plural_missing(i, "pl", cats, I18N_FORMS_MAX, "a.left"), 0);
    assert_true(i18n_is_plural(i, "a.left"));
    assert_false(i18n_is_plural(i, "no.such"));
    assert_int_equal(i18n_plural_forms(i, "pl", cats, I18N_FORMS_MAX), 3);
    assert_string_equal(cats[0], "one");
    assert_string_equal(cats[1], "few");
    assert_string_equal(cats[2], "many");
    i18n_destroy(i);
}

/* A plural entry needs the header's Plural-Forms: without it the forms have no order. */
static void test_plural_without_header_refused(void **state)
{
    (void)state;
    i18n_t *i = i18n_create(true);
    char err[512] = "";
    char *po = write_file("msgctxt \"a.left\"\nmsgid \"{n} second\"\nmsgid_plural \"{n} "
                          "seconds\"\nmsgstr[0] \"a\"\nmsgstr[1] \"b\"\n");
    assert_false(i18n_load(i, "pl", po, err, sizeof err));
    if (!strstr(err, "no Plural-Forms") || !strstr(err, po)) {
        fail_msg("unexpected message: %s", err);
    }
    unlink(po);
    i18n_destroy(i);
}

static void test_fuzzy_shown_when_allowed(void **state)
{
    i18n_t *i = load_pair(true);
    assert_string_equal(i18n_text(i, "pl", "a.bye"), "Do widzenia");
    i18n_destroy(i);
}

/* Side by side (issue 19): the English of a text shown in a language, found by the text
 * (a copy too, not only the catalog's pointer); none for English, drafts hidden, or text
 * that is not the catalog's. */
static void test_english_of(void **state)
{
    (void)state;
    i18n_t *i = load_pair(false);
    char copy[32];
    snprintf(copy, sizeof copy, "%s", i18n_text(i, "pl", "a.hello"));
    assert_string_equal(i18n_english_of(i, "pl", i18n_text(i, "pl", "a.hello")), "Hello");
    assert_string_equal(i18n_english_of(i, "pl", copy), "Hello");
    assert_null(i18n_english_of(i, "pl", "Goodbye"));     /* fuzzy hidden: it is English */
    assert_null(i18n_english_of(i, "pl", "Do widzenia")); /* a hidden draft is not shown */
    assert_null(i18n_english_of(i, "pl", "Anna Nowak"));  /* a name, not the catalog's */
    assert_null(i18n_english_of(i, "en", "Hello"));       /* English needs no English */
    assert_null(i18n_english_of(i, "pl", NULL));
    i18n_destroy(i);
    i = load_pair(true);
    assert_string_equal(i18n_english_of(i, "pl", "Do widzenia"), "Goodbye"); /* drafts shown */
    i18n_destroy(i);
}

static void test_broken_po_names_file_and_line(void **state)
{
    i18n_t *i = load_pair(false);
    char err[512] = "";
    char *bad = write_file("msgctxt \"a.hello\"\nmsgid \"Hello\"\nmsgstr \"Cześć\n\n"
                           "msgctxt \"a.bye\"\nmsgid \"Bye\"\nmsgstr \"x\"\n");
    bool ok = i18n_load(i, "pl", bad, err, sizeof err);
    assert_false(ok);
    char where[96];
    /* gettext (msgfmt too) reports an unterminated string on the line after it */
    snprintf(where, sizeof where, "%s:4", bad);
    if (!strstr(err, where)) {
        fail_msg("expected '%s' in '%s'", where, err);
    }
    unlink(bad);
    /* the previous catalog stays in use */
    assert_string_equal(i18n_text(i, "pl", "a.hello"), "Cześć");
    i18n_destroy(i);
}

static void test_duplicate_key_rejected(void **state)
{
    i18n_t *i = i18n_create(false);
    char err[512] = "";
    char *dup = write_file("msgctxt \"k\"\nmsgid \"A\"\nmsgstr \"\"\n\n"
                           "msgctxt \"k\"\nmsgid \"B\"\nmsgstr \"\"\n");
    assert_false(i18n_load(i, "en", dup, err, sizeof err));
    unlink(dup);
    i18n_destroy(i);
}

static void test_format(void **state)
{
    const char *names[] = {"seconds", "phone"};
    const char *values[] = {"29", "0800 138 1625"};
    char out[64];
    assert_true(i18n_format("Clear in {seconds} s, call {phone} {x}", names, values, 2, out,
                            sizeof out));
    assert_string_equal(out, "Clear in 29 s, call 0800 138 1625 {x}");
    char tiny[8];
    assert_false(i18n_format("{phone}", names, values, 2, tiny, sizeof tiny)); /* too small */
    assert_int_equal(strlen(tiny), 7);
}

static void count_key(void *user, const char *key, const char *text)
{
    (*(int *)user)++;
}

/* The shipped English catalog loads and every enabled language has its catalog entries. */
static void test_shipped_catalogs_load(void **state)
{
    const char *src = getenv("KIOSK_SOURCE_DIR");
    char path[1024], err[512] = "";
    snprintf(path, sizeof path, "%s/locales/en.po", src ? src : KIOSK_SOURCE_DIR);
    i18n_t *i = i18n_create(false);
    if (!i18n_load(i, "en", path, err, sizeof err)) {
        fail_msg("en.po: %s", err);
    }
    int n = 0;
    i18n_each_key(i, "en", count_key, &n);
    assert_true(n > 100); /* every screen's words */
    assert_string_equal(i18n_text(i, "en", "common.quick_exit"), "Quick exit");
    lang_registry_t reg;
    snprintf(path, sizeof path, "%s/locales/languages.ini", src ? src : KIOSK_SOURCE_DIR);
    if (!lang_registry_load(&reg, path, err, sizeof err)) {
        fail_msg("languages.ini: %s", err);
    }
    assert_int_equal(reg.count, 12);
    assert_true(lang_registry_find(&reg, "ur")->rtl);
    assert_false(lang_registry_find(&reg, "gu")->rtl);
    i18n_destroy(i);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lookup_and_fallback),
        cmocka_unit_test(test_fuzzy_shown_when_allowed),
        cmocka_unit_test(test_english_of),
        cmocka_unit_test(test_count_forms),
        cmocka_unit_test(test_plural_without_header_refused),
        cmocka_unit_test(test_broken_po_names_file_and_line),
        cmocka_unit_test(test_duplicate_key_rejected),
        cmocka_unit_test(test_format),
        cmocka_unit_test(test_shipped_catalogs_load),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
