/* The one content loader (DESIGN §5): languages, catalogs, support services, areas and
 * keyboards for a configuration, with every finding about them. The kiosk at start-up and
 * on reload, `kiosk --check-content` and the tests all load through content_load(), so
 * what the checker passes is what the kiosk shows, and the kiosk logs the same findings.
 * The checks that need fonts or the screens (glyph coverage, fit) sit above, in
 * app/content_check.h, and add to the same report. No SDL. */
#ifndef KIOSK_CONTENT_CONTENT_LOAD_H
#define KIOSK_CONTENT_CONTENT_LOAD_H

#include "content/content.h"
#include "i18n/catalog.h"
#include "i18n/languages.h"
#include "i18n/review.h"
#include "platform/config.h"

#include <stdbool.h>
#include <stddef.h>

#define CONTENT_FINDINGS_MAX 4096 /* kept per report; the rest are counted */
#define CONTENT_FINDING_MAX 400
#define CONTENT_PATH_MAX (CONFIG_PATH_MAX + 64)
/* The compiled catalogs, under [kiosk] state_dir (content_load() keeps them there). */
#define CONTENT_CATALOG_CACHE_DIR "catalogs"

typedef enum { CONTENT_WARNING, CONTENT_ERROR } content_severity_t;

/* What a finding is about: the columns of the checker's table. */
typedef enum {
    CONTENT_KIND_FILE,        /* a file that cannot be read or parsed */
    CONTENT_KIND_MISSING,     /* a key without translation (English shown) */
    CONTENT_KIND_PLACEHOLDER, /* {name} in msgid and msgstr differ */
    CONTENT_KIND_PLURAL,      /* a CLDR plural category without its form */
    CONTENT_KIND_GLYPH,       /* a character no configured font covers */
    CONTENT_KIND_FIT,         /* text that does not fit its box */
    CONTENT_KIND_KEYBOARD,    /* a letter the language's keyboard cannot type */
    CONTENT_KIND_SERVICE,     /* services.ini: codes, URLs, hosts, phones, descriptions */
    CONTENT_KIND_AREA,        /* areas.ini: names */
    CONTENT_KIND_COUNT
} content_kind_t;

typedef struct content_finding {
    content_severity_t severity;
    content_kind_t kind;
    char path[CONTENT_PATH_MAX];
    int line;     /* 0: the file as a whole */
    char lang[LANG_CODE_MAX]; /* "all" when about no one language */
    char text[CONTENT_FINDING_MAX];
} content_finding_t;

/* One row of the table. */
typedef struct content_lang_report {
    char code[LANG_CODE_MAX];
    i18n_review_t review;        /* reviewed / draft / missing */
    int counts[CONTENT_KIND_COUNT]; /* findings of each kind for this language */
    bool offered;                /* on the language screen with this configuration */
} content_lang_report_t;

typedef struct content_report {
    content_finding_t *items; /* heap */
    int count, cap, dropped;
    int errors, warnings;
    content_lang_report_t langs[LANG_MAX];
    int lang_count;
    bool fit_checked; /* the fit column holds the fit engine's counts */
} content_report_t;

/* Everything content_load() reads. */
typedef struct content_set {
    lang_registry_t all;   /* every language of languages.ini (fonts for any script) */
    lang_registry_t langs; /* offered, in order: [content] languages, and with
                              translations = reviewed_only only fully reviewed ones */
    i18n_t *i18n;          /* catalogs of every language in langs, and English */
    content_t content;     /* areas, keyboards, services */
    char po_paths[LANG_MAX][CONTENT_PATH_MAX]; /* catalog file of langs.langs[i] */
    i18n_review_t review[LANG_MAX];            /* review counts of langs.langs[i] */
    char en_po[CONTENT_PATH_MAX];
    char services_path[CONTENT_PATH_MAX];
    char areas_path[CONTENT_PATH_MAX];
    char keyboards_dir[CONTENT_PATH_MAX];
    lang_registry_t checked; /* [content] languages, offered or not: content_lint()'s */
    char checked_po[LANG_MAX][CONTENT_PATH_MAX]; /* catalog file of checked.langs[i] */
    int services_err_line; /* line of the services loader's reported problem, 0 if none */
} content_set_t;

/** Caller frees with content_set_destroy(). NULL when out of memory. */
content_set_t *content_set_create(void);
void content_set_destroy(content_set_t *set);

/** Caller frees with content_report_deinit(). */
void content_report_init(content_report_t *report);
void content_report_deinit(content_report_t *report);
void content_report_add(content_report_t *report, content_severity_t severity,
                        content_kind_t kind, const char *path, int line, const char *lang,
                        const char *fmt, ...) __attribute__((format(printf, 7, 8)));
/** The row of lang, NULL when lang is not in the report. */
content_lang_report_t *content_report_lang(content_report_t *report, const char *lang);

/** Loads every content file of cfg into set (empty) and adds every finding to report:
 *  files that cannot be read, per language missing keys, placeholder mismatches, plural
 *  forms missing for its CLDR categories, letters its keyboard cannot type; services with
 *  unknown motivation codes, URLs a QR code may not carry (not https, host not on [qr]
 *  allowed_hosts), phone numbers not in UK format, missing description keys; areas without
 *  a name key. False when a file could not be read at all (set then holds what could be
 *  read): a running kiosk keeps its old content. */
bool content_load(content_set_t *set, const kiosk_config_t *cfg, content_report_t *report);

/** content_load() in two halves, so a kiosk can show its first frame before the slower
 *  checks. content_read(): the files (those that cannot be read are findings), each
 *  language's review counts and which languages are offered; same return value.
 *  content_lint(): after content_read() on the same set, every other finding listed
 *  above. */
bool content_read(content_set_t *set, const kiosk_config_t *cfg, content_report_t *report);
void content_lint(content_set_t *set, const kiosk_config_t *cfg, content_report_t *report);

/** The line of msgctxt "KEY" in a PO file (libgettextpo says where a message's references
 *  are, not where it is), 0 when it is not there. Reads the file: for a few findings. */
int content_po_line(const char *po_path, const char *key);

/** Whether a UK phone number as printed: 999, 112, 111, 101, 116 xxx, 0 and 9-10 more
 *  digits, or +44 and 9-10; a text relay prefix (18000/18001) may lead; SMS numbers may be
 *  5-digit short codes. Digits and single spaces only. */
bool content_phone_is_uk(const char *number, bool sms);

#endif
