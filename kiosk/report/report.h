/* The report a person makes at the kiosk (DESIGN §6, §7) and its validation.
 *
 * report_t is a plain fixed-size struct with no heap pointers, so report_wipe() clears
 * every byte of what the person typed. Single choices are stored as their stable English
 * codes (the same codes the JSON and the widget ids use); multiple choices are bool arrays
 * indexed like the code tables below. No SDL here. */
#ifndef KIOSK_REPORT_REPORT_H
#define KIOSK_REPORT_REPORT_H

#include <stdbool.h>
#include <stddef.h>

#define REPORT_SCHEMA "kiosk-report/1"

/* Capacities include the terminating NUL. Free text is UTF-8, so a capacity counts bytes:
 * 4000 bytes hold at least 1000 characters in any script. */
#define REPORT_ID_MAX 37 /* UUID text */
#define REPORT_REFERENCE_MAX 16
#define REPORT_TIMESTAMP_MAX 24 /* 2024-05-01T12:34:56Z */
#define REPORT_SITE_ID_MAX 64
#define REPORT_KIOSK_ID_MAX 64
#define REPORT_LOCALE_MAX 36
#define REPORT_CODE_MAX 32
#define REPORT_DETAILS_MAX 4000
#define REPORT_NAME_MAX 160
#define REPORT_PHONE_MAX 32
#define REPORT_EMAIL_MAX 255
#define REPORT_SAFE_TIMES_MAX 320
#define REPORT_INTERPRETER_MAX 80
#define REPORT_ACCESS_NEEDS_MAX 640
#define REPORT_ERROR_MAX 256
#define REPORT_DATE_MAX 11 /* "2025-03-21" */

/* Code tables (DESIGN §7 data dictionary). The UI builds widget ids from them:
 * "report.why." + REPORT_MOTIVATION_CODES[i]. Order is part of the struct layout. */
#define REPORT_ROLE_COUNT 3
#define REPORT_ASSISTED_COUNT 1
#define REPORT_STAFF_ROLE_COUNT 5
#define REPORT_MOTIVATION_COUNT 10
#define REPORT_INCIDENT_COUNT 10
#define REPORT_WHEN_COUNT 6
#define REPORT_AREA_COUNT 10
#define REPORT_PLACE_COUNT 9
#define REPORT_HEALTH_COUNT 6

extern const char *const REPORT_ROLE_CODES[REPORT_ROLE_COUNT];
/* Who helped the person at the screen: "" = nobody; "staff" = a member of staff operated
 * the kiosk with them. The staff member is recorded by role only, never by name. */
extern const char *const REPORT_ASSISTED_CODES[REPORT_ASSISTED_COUNT];
extern const char *const REPORT_STAFF_ROLE_CODES[REPORT_STAFF_ROLE_COUNT];
extern const char *const REPORT_MOTIVATION_CODES[REPORT_MOTIVATION_COUNT];
extern const char *const REPORT_INCIDENT_CODES[REPORT_INCIDENT_COUNT];
extern const char *const REPORT_WHEN_CODES[REPORT_WHEN_COUNT];
/* The areas shipped in areas.ini; a deployment may add areas, so validation accepts any
 * code of the right shape (see report_code_shape_valid()). */
extern const char *const REPORT_AREA_CODES[REPORT_AREA_COUNT];
extern const char *const REPORT_PLACE_CODES[REPORT_PLACE_COUNT];
extern const char *const REPORT_HEALTH_CODES[REPORT_HEALTH_COUNT];

/** A yes/no question that may not have been answered yet (zero = unanswered). */
typedef enum { REPORT_UNANSWERED = 0, REPORT_YES, REPORT_NO } report_answer_t;

/** The contact step: zero = not chosen yet. */
typedef enum {
    REPORT_CONTACT_UNSET = 0,
    REPORT_CONTACT_ANONYMOUS,
    REPORT_CONTACT_NAMED
} report_contact_choice_t;

typedef struct report_contact {
    char name[REPORT_NAME_MAX];
    char phone[REPORT_PHONE_MAX];
    char email[REPORT_EMAIL_MAX];
    char safe_times[REPORT_SAFE_TIMES_MAX];
    report_answer_t leave_message;
    char interpreter[REPORT_INTERPRETER_MAX]; /* language wanted, "" = none needed */
    char access_needs[REPORT_ACCESS_NEEDS_MAX];
} report_contact_t;

typedef struct report {
    /* Filled by report_service_submit() (kept here so JSON round-trips). */
    char id[REPORT_ID_MAX];
    char reference[REPORT_REFERENCE_MAX];
    char created_at[REPORT_TIMESTAMP_MAX];
    char site_id[REPORT_SITE_ID_MAX];
    char kiosk_id[REPORT_KIOSK_ID_MAX];
    /* The session: language the person used (BCP 47), also the language of free text. */
    char locale[REPORT_LOCALE_MAX];
    /* Wizard steps. */
    report_answer_t safety;                     /* yes = in danger or hurt now */
    char reporter_role[REPORT_CODE_MAX];        /* REPORT_ROLE_CODES */
    char assisted_by[REPORT_CODE_MAX];          /* REPORT_ASSISTED_CODES, "" = alone */
    char staff_role[REPORT_CODE_MAX];           /* REPORT_STAFF_ROLE_CODES when assisted */
    bool motivations[REPORT_MOTIVATION_COUNT];  /* REPORT_MOTIVATION_CODES */
    bool incident_types[REPORT_INCIDENT_COUNT]; /* REPORT_INCIDENT_CODES */
    char when_period[REPORT_CODE_MAX];          /* "" = skipped */
    char when_date[REPORT_DATE_MAX];            /* "YYYY-MM-DD" if known, "" = not given */
    char when_date_text[16]; /* the date as typed (day/month/year); never serialised */
    char where_area[REPORT_CODE_MAX];           /* "" = skipped */
    char where_place[REPORT_CODE_MAX];          /* "" = skipped */
    char details[REPORT_DETAILS_MAX];           /* exactly as typed */
    bool health_impacts[REPORT_HEALTH_COUNT];   /* REPORT_HEALTH_CODES */
    report_answer_t health_wants_support;
    report_contact_choice_t contact_choice;
    report_contact_t contact; /* ignored (and not serialised) when anonymous */
    bool consent_police;
    bool consent_support;
    bool consent_statistics;
} report_t;

/** Where validation failed, so the UI can send the person back to that step. */
typedef struct report_problem {
    char step[REPORT_CODE_MAX];     /* wizard step id: "who", "contact", ... */
    char field[REPORT_CODE_MAX];    /* JSON field: "reporter_role", "contact.email", ... */
    char message[REPORT_ERROR_MAX]; /* English, for logs and developers; not for screens */
} report_problem_t;

/** Clears the whole struct with sodium_memzero (Finish, Quick exit, idle timeout). */
void report_wipe(report_t *r);

/** Checks required answers, codes, lengths, UTF-8, phone and email shape. Metadata
 *  (id, reference, ...) is not required: it is filled in at submit. On failure returns
 *  false and fills problem (may be NULL). */
bool report_validate(const report_t *r, report_problem_t *problem);

/** A question of the report: its step id ("who") and whether it must be answered. */
typedef struct report_step_info {
    const char *id;
    bool required;
} report_step_info_t;

/** The step with this id, or NULL for anything that is not a question. */
const report_step_info_t *report_step_info(const char *step);

/** Checks the answer of one step ("contact": anonymous, or named with a phone or an email
 *  of the right shape). The same rules report_validate() applies to the whole report.
 *  True for ids that are not questions. */
bool report_validate_step(const report_t *r, const char *step, report_problem_t *problem);

/** Answers that exclude every other in a multiple choice: "not_sure", "none",
 *  "prefer_not_say". */
bool report_code_exclusive(const char *code);

/** Ticks or unticks flags[i] (of codes[count]); ticking an exclusive answer clears the
 *  others, ticking any other clears the exclusive ones. */
void report_toggle(bool *flags, const char *const *codes, int count, int i);

/** Index of code in table, or -1. */
int report_code_index(const char *const *table, int count, const char *code);

/** True for an area code from areas.ini's alphabet: [a-z0-9_], 1..31 bytes. */
bool report_code_shape_valid(const char *code);

/** Phone: optional leading +, then digits with spaces, dashes, dots or brackets;
 *  7 to 15 digits in all. */
bool report_phone_valid(const char *phone);

/** Email: one @, a non-empty local part, a dotted domain, no spaces or controls. */
bool report_email_valid(const char *email);

/** A calendar date "YYYY-MM-DD" from 1900 up to today (UTC) plus one day (time zones). */
bool report_date_valid(const char *iso);

/** "21/3/2025", "21.03.2025", "21-03-2025" (day first, as in the UK) -> "2025-03-21" in
 *  iso. False for anything else, or a date that is not a past calendar date. */
bool report_date_from_uk(const char *text, char *iso, size_t size);

/** Well-formed UTF-8 without control characters other than tab and newline. */
bool report_text_valid(const char *text);

#endif
