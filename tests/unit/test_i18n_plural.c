/* Count forms: for every shipped language, the form the kiosk shows for n = 0..200
 * (ICU's CLDR rules, i18n_text_count) is the form GNU gettext picks with the Plural-Forms
 * formula of that language's PO header (what Poedit, Weblate and msgfmt use), and its
 * category is the one ICU names for n. The gettext side is glibc's own evaluator: each
 * language's header is compiled with msgfmt and asked through dngettext(). */
#include "i18n/catalog.h"
#include "i18n/languages.h"

#include <libintl.h>
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>
#include <unicode/upluralrules.h>
#include <unicode/ustring.h>

#define COUNT_MAX 200
/* glibc looks catalogs up under the locale's name: this test runs in C.UTF-8 (built into
 * glibc 2.35+; plain "C" would switch translation off). */
#define TEST_LOCALE "C.UTF-8"

static const char *source_dir(void)
{
    const char *src = getenv("KIOSK_SOURCE_DIR");
    return src ? src : KIOSK_SOURCE_DIR;
}

/* The Plural-Forms value of a PO file's header ("nplurals=3; plural=...;"). */
static bool header_plural_forms(const char *po_path, char *out, size_t size)
{
    FILE *f = fopen(po_path, "r");
    char line[1024];
    bool found = false;
    while (f && !found && fgets(line, sizeof line, f)) {
        const char *tag = "\"Plural-Forms: ";
        if (strncmp(line, tag, strlen(tag)) == 0) {
            char *end = strstr(line, "\\n\"");
            if (end) {
                size_t n = (size_t)(end - line) - strlen(tag);
                found = n < size;
                if (found) {
                    memcpy(out, line + strlen(tag), n);
                    out[n] = '\0';
                }
            }
        }
    }
    if (f) {
        fclose(f);
    }
    return found;
}

/* A catalog with one plural entry "t.n" whose msgstr[i] is "form i". */
static void write_probe_po(const char *path, const char *lang, const char *plural_forms,
                           int nplurals)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    fprintf(f,
            "msgid \"\"\nmsgstr \"\"\n\"Project-Id-Version: probe\\n\"\n"
            "\"PO-Revision-Date: 2026-01-01 00:00+0000\\n\"\n\"Last-Translator: test\\n\"\n"
            "\"Language-Team: test\\n\"\n\"MIME-Version: 1.0\\n\"\n"
            "\"Content-Transfer-Encoding: 8bit\\n\"\n\"Language: %s\\n\"\n"
            "\"Content-Type: text/plain; charset=UTF-8\\n\"\n\"Plural-Forms: %s\\n\"\n\n"
            "msgctxt \"t.n\"\nmsgid \"one\"\nmsgid_plural \"many\"\n",
            lang, plural_forms);
    for (int i = 0; i < nplurals; i++) {
        fprintf(f, "msgstr[%d] \"form %d\"\n", i, i);
    }
    fclose(f);
}

static void icu_category(const char *lang, int n, char *out, size_t size)
{
    UErrorCode st = U_ZERO_ERROR;
    UPluralRules *rules = uplrules_open(lang, &st);
    UChar kw[16];
    int32_t len = U_SUCCESS(st) ? uplrules_select(rules, n, kw, 16, &st) : 0;
    uplrules_close(rules);
    assert_true(U_SUCCESS(st) && len > 0 && len < 16);
    u_austrncpy(out, kw, (int32_t)size - 1);
    out[size - 1] = '\0';
}

static void check_language(const char *lang, const char *dir)
{
    char po_path[1024], forms[512];
    snprintf(po_path, sizeof po_path, "%s/locales/%s.po", source_dir(), lang);
    if (!header_plural_forms(po_path, forms, sizeof forms)) {
        fail_msg("%s: the header has no Plural-Forms", po_path);
    }
    int nplurals = 0;
    assert_int_equal(sscanf(forms, "nplurals=%d", &nplurals), 1);

    char probe[1024], mo_dir[1024], cmd[4096], domain[32];
    snprintf(probe, sizeof probe, "%s/%s.po", dir, lang);
    snprintf(domain, sizeof domain, "probe_%s", lang);
    snprintf(mo_dir, sizeof mo_dir, "%s/%s/LC_MESSAGES", dir, TEST_LOCALE);
    write_probe_po(probe, lang, forms, nplurals);
    snprintf(cmd, sizeof cmd, "msgfmt -c -o '%s/%s.mo' '%s'", mo_dir, domain, probe);
    if (system(cmd) != 0) {
        fail_msg("%s: msgfmt rejects the header's Plural-Forms: %s", lang, forms);
    }
    assert_non_null(bindtextdomain(domain, dir));

    i18n_t *i18n = i18n_create(true);
    char err[512] = "";
    if (!i18n_load(i18n, lang, probe, err, sizeof err)) {
        fail_msg("%s: the kiosk rejects the shipped Plural-Forms: %s", lang, err);
    }
    const char *categories[I18N_FORMS_MAX];
    int ncat = i18n_plural_forms(i18n, lang, categories, I18N_FORMS_MAX);
    assert_int_equal(ncat, nplurals);

    const char *ctx_id = "t.n\004one"; /* how gettext keys msgctxt in a .mo */
    const char *got1 = dngettext(domain, ctx_id, "many", 1);
    if (got1 == ctx_id) {
        fail_msg("%s: gettext did not find %s/%s.mo (locale %s)", lang, mo_dir, domain,
                 setlocale(LC_MESSAGES, NULL));
    }
    for (int n = 0; n <= COUNT_MAX; n++) {
        const char *gettext_form = dngettext(domain, ctx_id, "many", (unsigned long)n);
        const char *kiosk_form = i18n_text_count(i18n, lang, "t.n", n);
        int index = -1;
        assert_int_equal(sscanf(kiosk_form, "form %d", &index), 1);
        assert_true(index >= 0 && index < ncat);
        char icu[16];
        icu_category(lang, n, icu, sizeof icu);
        if (strcmp(gettext_form, kiosk_form) != 0 || strcmp(categories[index], icu) != 0) {
            fail_msg("%s, n = %d: gettext's Plural-Forms gives '%s', the kiosk '%s' (%s); "
                     "ICU says %s. Plural-Forms: %s",
                     lang, n, gettext_form, kiosk_form, categories[index], icu, forms);
        }
    }
    i18n_destroy(i18n);
}

static void test_every_language_agrees_with_cldr(void **state)
{
    (void)state;
    lang_registry_t reg;
    char path[1024], err[512] = "", dir[] = "/tmp/kiosk-plural-XXXXXX", sub[1100];
    snprintf(path, sizeof path, "%s/locales/languages.ini", source_dir());
    if (!lang_registry_load(&reg, path, err, sizeof err)) {
        fail_msg("%s", err);
    }
    assert_int_equal(reg.count, 12); /* the twelve shipped languages, English included */
    assert_non_null(mkdtemp(dir));
    snprintf(sub, sizeof sub, "%s/%s", dir, TEST_LOCALE);
    assert_int_equal(mkdir(sub, 0700), 0);
    snprintf(sub, sizeof sub, "%s/%s/LC_MESSAGES", dir, TEST_LOCALE);
    assert_int_equal(mkdir(sub, 0700), 0);
    unsetenv("LANGUAGE"); /* the locale alone names the catalog directory */
    if (!setlocale(LC_ALL, TEST_LOCALE)) {
        fail_msg("locale %s is not available", TEST_LOCALE);
    }
    for (int l = 0; l < reg.count; l++) {
        check_language(reg.langs[l].code, dir);
    }
    char cmd[1200];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    assert_int_equal(system(cmd), 0);
}

/* A header whose nplurals is not CLDR's count for the language is refused with the file
 * and line: its forms would be shown for the wrong numbers. */
static void test_wrong_nplurals_refused(void **state)
{
    (void)state;
    char path[] = "/tmp/kiosk-plural-bad-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    close(fd);
    write_probe_po(path, "pl", "nplurals=2; plural=(n != 1);", 2);
    i18n_t *i18n = i18n_create(true);
    char err[512] = "", where[128];
    assert_false(i18n_load(i18n, "pl", path, err, sizeof err));
    snprintf(where, sizeof where, "%s:11: Plural-Forms gives nplurals=2", path);
    if (!strstr(err, where) || !strstr(err, "one, few, many")) {
        fail_msg("expected '%s' and Polish's categories in: %s", where, err);
    }
    i18n_destroy(i18n);
    unlink(path);
}

/* Every shipped catalog loads: each header agrees with CLDR on the number of forms. */
static void test_shipped_catalogs_load(void **state)
{
    (void)state;
    lang_registry_t reg;
    char path[1024], err[512] = "";
    snprintf(path, sizeof path, "%s/locales/languages.ini", source_dir());
    assert_true(lang_registry_load(&reg, path, err, sizeof err));
    i18n_t *i18n = i18n_create(true);
    for (int l = 0; l < reg.count; l++) {
        snprintf(path, sizeof path, "%s/locales/%s.po", source_dir(), reg.langs[l].code);
        if (!i18n_load(i18n, reg.langs[l].code, path, err, sizeof err)) {
            fail_msg("%s", err);
        }
    }
    /* the shipped drafts: Polish has its "few", Arabic its six forms */
    const char *few = i18n_text_count(i18n, "pl", "timeout.body", 3);
    const char *many = i18n_text_count(i18n, "pl", "timeout.body", 5);
    const char *one = i18n_text_count(i18n, "pl", "timeout.body", 1);
    assert_non_null(strstr(few, "{seconds} sekundy."));
    assert_non_null(strstr(many, "{seconds} sekund."));
    assert_non_null(strstr(one, "{seconds} sekundę."));
    const char *seen[I18N_FORMS_MAX] = {0};
    static const int arabic_samples[I18N_FORMS_MAX] = {0, 1, 2, 3, 11, 100};
    for (int k = 0; k < I18N_FORMS_MAX; k++) {
        seen[k] = i18n_text_count(i18n, "ar", "timeout.body", arabic_samples[k]);
        assert_non_null(strstr(seen[k], "{seconds}"));
    }
    /* two (ثانيتين), few (ثوانٍ) and many (ثانيةً) each have their own words */
    assert_true(strcmp(seen[2], seen[1]) != 0 && strcmp(seen[3], seen[2]) != 0 &&
                strcmp(seen[4], seen[3]) != 0 && strcmp(seen[4], seen[5]) != 0);
    i18n_destroy(i18n);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_language_agrees_with_cldr),
        cmocka_unit_test(test_wrong_nplurals_refused),
        cmocka_unit_test(test_shipped_catalogs_load),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
