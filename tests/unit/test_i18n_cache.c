/* Compiled catalogs (i18n_set_cache_dir()): a PO file loaded once is read back from the
 * cache while its bytes are unchanged, and parsed again the moment they change; a cache
 * entry that is damaged, cut short or of another file is never used; broken PO files are
 * never cached (their error is reported at every load). */
#include "i18n/catalog.h"
#include "i18n/catalog_internal.h"

#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <cmocka.h>

#define PO_HEAD "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
static const char *PL_ONE = PO_HEAD "msgctxt \"a.hello\"\nmsgid \"Hello\"\nmsgstr \"Cześć\"\n\n"
                                    "#, fuzzy\nmsgctxt \"a.bye\"\nmsgid \"Goodbye\"\nmsgstr \"Pa\"\n";
static const char *PL_TWO = PO_HEAD "msgctxt \"a.hello\"\nmsgid \"Hello\"\nmsgstr \"Witaj\"\n\n"
                                    "#, fuzzy\nmsgctxt \"a.bye\"\nmsgid \"Goodbye\"\nmsgstr \"Pa\"\n";
static const char *BROKEN = PO_HEAD "msgctxt \"a.hello\"\nmsgid \"Hello\"\nmsgstr \"Cześć\n";

typedef struct fixture {
    char dir[64];   /* the cache folder */
    char po[96];    /* the PO file */
    char entry[96]; /* the cache file for pl */
} fixture_t;

static void write_text(const char *path, const char *text)
{
    FILE *f = fopen(path, "w");
    assert_non_null(f);
    assert_int_equal(fwrite(text, 1, strlen(text), f), strlen(text));
    assert_int_equal(fclose(f), 0);
}

static int setup(void **state)
{
    fixture_t *fx = calloc(1, sizeof *fx);
    snprintf(fx->dir, sizeof fx->dir, "/tmp/kiosk-catcache-XXXXXX");
    assert_non_null(mkdtemp(fx->dir));
    snprintf(fx->po, sizeof fx->po, "%s/pl.po", fx->dir);
    snprintf(fx->entry, sizeof fx->entry, "%s/pl.catalog", fx->dir);
    *state = fx;
    return 0;
}

static int teardown(void **state)
{
    fixture_t *fx = *state;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fx->dir);
    assert_int_equal(system(cmd), 0);
    free(fx);
    return 0;
}

/* A fresh i18n with the cache folder, pl loaded from fx->po; its text for a.hello. */
static const char *load_hello(const fixture_t *fx, i18n_t **out)
{
    i18n_t *i = i18n_create(true);
    i18n_set_cache_dir(i, fx->dir);
    char err[512] = "";
    if (!i18n_load(i, "pl", fx->po, err, sizeof err)) {
        fail_msg("pl should load: %s", err);
    }
    *out = i;
    return i18n_text(i, "pl", "a.hello");
}

/* Replaces the cache entry for pl with one whose a.hello says text, made for the PO file's
 * current bytes: only a load that reads the cache can show it. */
static void plant_entry(const fixture_t *fx, const char *text)
{
    unsigned char hash[CATALOG_HASH_BYTES];
    assert_true(catalog_cache_hash_file(fx->po, hash));
    i18n_entry_t entry = {.key = "a.hello", .text = (char *)text, .translated = true};
    i18n_catalog_t c = {.entries = &entry, .count = 1,
                        .category_form = {-1, 0, -1, 1, 2, -1}}; /* one, few, many */
    assert_true(catalog_cache_store(fx->dir, "pl", hash, &c));
}

static void test_first_load_writes_an_entry_read_back_after(void **state)
{
    fixture_t *fx = *state;
    write_text(fx->po, PL_ONE);
    i18n_t *i;
    assert_string_equal(load_hello(fx, &i), "Cześć");
    assert_int_equal(i18n_state(i, "pl", "a.bye"), I18N_FUZZY); /* flags travel too */
    i18n_destroy(i);
    struct stat st;
    assert_int_equal(stat(fx->entry, &st), 0); /* the first load kept the catalog */
    plant_entry(fx, "from the cache");
    assert_string_equal(load_hello(fx, &i), "from the cache"); /* read, not parsed */
    i18n_destroy(i);
}

static void test_changed_po_is_parsed_again(void **state)
{
    fixture_t *fx = *state;
    write_text(fx->po, PL_ONE);
    plant_entry(fx, "from the cache");
    write_text(fx->po, PL_TWO); /* an equality lead's edit: same size, new words */
    i18n_t *i;
    assert_string_equal(load_hello(fx, &i), "Witaj");
    i18n_destroy(i);
    assert_string_equal(load_hello(fx, &i), "Witaj"); /* and the entry was replaced */
    i18n_destroy(i);
}

/* Flips one byte of the entry: at offset from its start, or (negative) from its end (-1:
 * the last byte). */
static void damage_entry(const fixture_t *fx, long offset)
{
    FILE *f = fopen(fx->entry, "r+b");
    assert_non_null(f);
    int whence = offset < 0 ? SEEK_END : SEEK_SET;
    assert_int_equal(fseek(f, offset, whence), 0);
    int c = fgetc(f);
    assert_int_equal(fseek(f, offset, whence), 0);
    fputc(c ^ 0x20, f);
    assert_int_equal(fclose(f), 0);
}

static void test_damaged_or_short_entry_is_not_used(void **state)
{
    fixture_t *fx = *state;
    write_text(fx->po, PL_ONE);
    plant_entry(fx, "from the cache");
    damage_entry(fx, -4); /* inside the text of a.hello */
    i18n_t *i;
    assert_string_equal(load_hello(fx, &i), "Cześć"); /* parsed: the damage was seen */
    i18n_destroy(i);
    /* the header: format version, categories mask, ICU version, either hash, length */
    static const long header_bytes[] = {8, 12, 16, 32, 64, 96, 128};
    for (size_t k = 0; k < sizeof header_bytes / sizeof header_bytes[0]; k++) {
        plant_entry(fx, "from the cache");
        damage_entry(fx, header_bytes[k]);
        if (strcmp(load_hello(fx, &i), "Cześć") != 0) {
            fail_msg("a damaged header byte %ld was not seen", header_bytes[k]);
        }
        i18n_destroy(i);
    }
    plant_entry(fx, "from the cache");
    assert_int_equal(truncate(fx->entry, 70), 0); /* cut inside the header */
    assert_string_equal(load_hello(fx, &i), "Cześć");
    i18n_destroy(i);
    write_text(fx->entry, "not a catalog at all");
    assert_string_equal(load_hello(fx, &i), "Cześć");
    i18n_destroy(i);
}

/* Which CLDR categories a language uses for whole numbers comes with the entry (ICU is not
 * asked again): an entry saying Polish has only "other" makes a one-form plural complete. */
static void test_categories_come_with_the_entry(void **state)
{
    fixture_t *fx = *state;
    write_text(fx->po, PL_ONE);
    unsigned char hash[CATALOG_HASH_BYTES];
    assert_true(catalog_cache_hash_file(fx->po, hash));
    i18n_entry_t entry = {.key = "a.hello", .text = "Cześć", .translated = true};
    i18n_catalog_t c = {.entries = &entry, .count = 1,
                        .category_form = {-1, -1, -1, -1, -1, 0}};
    assert_true(catalog_cache_store(fx->dir, "pl", hash, &c));
    i18n_t *i;
    load_hello(fx, &i);
    const char *names[I18N_FORMS_MAX];
    assert_int_equal(i18n_plural_forms(i, "pl", names, I18N_FORMS_MAX), 1);
    assert_string_equal(names[0], "other");
    i18n_destroy(i);
    unlink(fx->entry);
    load_hello(fx, &i); /* parsed: ICU's own three (one, few, many) */
    assert_int_equal(i18n_plural_forms(i, "pl", names, I18N_FORMS_MAX), 3);
    i18n_destroy(i);
}

static void test_broken_po_is_reported_every_time(void **state)
{
    fixture_t *fx = *state;
    write_text(fx->po, BROKEN);
    for (int run = 0; run < 2; run++) {
        i18n_t *i = i18n_create(true);
        i18n_set_cache_dir(i, fx->dir);
        char err[512] = "";
        assert_false(i18n_load(i, "pl", fx->po, err, sizeof err));
        assert_non_null(strstr(err, "pl.po:")); /* file and line, at every load */
        i18n_destroy(i);
    }
    struct stat st;
    assert_int_not_equal(stat(fx->entry, &st), 0); /* nothing kept for a broken file */
}

static void test_no_folder_or_odd_code_keeps_nothing(void **state)
{
    fixture_t *fx = *state;
    write_text(fx->po, PL_ONE);
    unsigned char hash[CATALOG_HASH_BYTES];
    assert_true(catalog_cache_hash_file(fx->po, hash));
    i18n_catalog_t empty = {0};
    assert_false(catalog_cache_store(fx->dir, "../pl", hash, &empty)); /* names a file */
    assert_false(catalog_cache_store("", "pl", hash, &empty));
    char missing[128];
    snprintf(missing, sizeof missing, "%s/none", fx->dir);
    assert_false(catalog_cache_store(missing, "pl", hash, &empty));
    i18n_t *i = i18n_create(true);
    char err[512] = "";
    assert_true(i18n_load(i, "pl", fx->po, err, sizeof err)); /* no cache set: parsed */
    assert_string_equal(i18n_text(i, "pl", "a.hello"), "Cześć");
    i18n_destroy(i);
    struct stat st;
    assert_int_not_equal(stat(fx->entry, &st), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_first_load_writes_an_entry_read_back_after, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_changed_po_is_parsed_again, setup, teardown),
        cmocka_unit_test_setup_teardown(test_damaged_or_short_entry_is_not_used, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_categories_come_with_the_entry, setup, teardown),
        cmocka_unit_test_setup_teardown(test_broken_po_is_reported_every_time, setup, teardown),
        cmocka_unit_test_setup_teardown(test_no_folder_or_odd_code_keeps_nothing, setup,
                                        teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
