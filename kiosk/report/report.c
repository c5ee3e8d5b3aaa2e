#include "report/report.h"

#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

const char *const REPORT_ROLE_CODES[REPORT_ROLE_COUNT] = {"victim", "witness", "third_party"};
const char *const REPORT_ASSISTED_CODES[REPORT_ASSISTED_COUNT] = {"staff"};
const char *const REPORT_STAFF_ROLE_CODES[REPORT_STAFF_ROLE_COUNT] = {
    "nurse", "doctor", "receptionist", "paramedic", "other"};
const char *const REPORT_MOTIVATION_CODES[REPORT_MOTIVATION_COUNT] = {
    "disability",  "race",
    "religion",    "sexual_orientation",
    "transgender", "alternative_subculture",
    "sex_gender",  "age",
    "other",       "not_sure"};
const char *const REPORT_INCIDENT_CODES[REPORT_INCIDENT_COUNT] = {
    "verbal_abuse", "threats",  "harassment", "physical_assault", "property_damage",
    "online_abuse", "spitting", "theft",      "sexual_assault",   "other"};
const char *const REPORT_WHEN_CODES[REPORT_WHEN_COUNT] = {"today",      "yesterday",  "this_week",
                                                          "this_month", "longer_ago", "ongoing"};
const char *const REPORT_AREA_CODES[REPORT_AREA_COUNT] = {
    "leicester_city",    "blaby",         "charnwood", "harborough", "hinckley_bosworth", "melton",
    "nw_leicestershire", "oadby_wigston", "rutland",   "elsewhere"};
const char *const REPORT_PLACE_CODES[REPORT_PLACE_COUNT] = {
    "street", "public_transport", "home",   "work", "shop",
    "school", "healthcare",       "online", "other"};
const char *const REPORT_HEALTH_CODES[REPORT_HEALTH_COUNT] = {
    "injury", "anxious", "sleep", "low_mood", "none", "prefer_not_say"};

void report_wipe(report_t *r)
{
    if (r) {
        sodium_memzero(r, sizeof *r);
    }
}

int report_code_index(const char *const *table, int count, const char *code)
{
    for (int i = 0; i < count; i++) {
        if (strcmp(table[i], code) == 0) {
            return i;
        }
    }
    return -1;
}

bool report_code_shape_valid(const char *code)
{
    size_t n = strlen(code);
    if (n == 0 || n >= REPORT_CODE_MAX) {
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        char c = code[i];
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) {
            return false;
        }
    }
    return true;
}

bool report_phone_valid(const char *phone)
{
    int digits = 0;
    for (const char *p = phone; *p; p++) {
        if (*p >= '0' && *p <= '9') {
            digits++;
        } else if (*p == '+' && p == phone) {
            continue;
        } else if (!strchr(" -.()", *p)) {
            return false;
        }
    }
    return digits >= 7 && digits <= 15;
}

bool report_email_valid(const char *email)
{
    const char *at = strchr(email, '@');
    if (!at || at == email || strchr(at + 1, '@')) {
        return false;
    }
    const char *dot = strrchr(at + 1, '.');
    /* a dot inside the domain, with something on both sides */
    if (!dot || dot == at + 1 || dot[1] == '\0') {
        return false;
    }
    for (const unsigned char *p = (const unsigned char *)email; *p; p++) {
        if (*p <= ' ' || *p == 0x7f) {
            return false;
        }
    }
    return strlen(email) < REPORT_EMAIL_MAX;
}

/* Length of the UTF-8 sequence at s (1..4), or 0 when it is malformed, overlong,
 * a surrogate or beyond U+10FFFF. */
static int report_utf8_sequence_length(const unsigned char *s)
{
    unsigned c = s[0];
    int n;
    unsigned cp;
    if (c < 0x80) {
        return 1;
    } else if ((c & 0xe0) == 0xc0) {
        n = 2;
        cp = c & 0x1f;
    } else if ((c & 0xf0) == 0xe0) {
        n = 3;
        cp = c & 0x0f;
    } else if ((c & 0xf8) == 0xf0) {
        n = 4;
        cp = c & 0x07;
    } else {
        return 0;
    }
    for (int i = 1; i < n; i++) {
        if ((s[i] & 0xc0) != 0x80) {
            return 0;
        }
        cp = (cp << 6) | (s[i] & 0x3f);
    }
    static const unsigned min_for_length[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < min_for_length[n] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) {
        return 0;
    }
    return n;
}

bool report_text_valid(const char *text)
{
    const unsigned char *s = (const unsigned char *)text;
    while (*s) {
        if ((*s < 0x20 && *s != '\t' && *s != '\n') || *s == 0x7f) {
            return false;
        }
        int n = report_utf8_sequence_length(s);
        if (n == 0) {
            return false;
        }
        s += n;
    }
    return true;
}

static bool report_fail(report_problem_t *problem, const char *step, const char *field,
                        const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static bool report_fail(report_problem_t *problem, const char *step, const char *field,
                        const char *fmt, ...)
{
    if (problem) {
        snprintf(problem->step, sizeof problem->step, "%s", step);
        snprintf(problem->field, sizeof problem->field, "%s", field);
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(problem->message, sizeof problem->message, fmt, ap);
        va_end(ap);
    }
    return false;
}

static bool report_any(const bool *flags, int count)
{
    for (int i = 0; i < count; i++) {
        if (flags[i]) {
            return true;
        }
    }
    return false;
}

/* A text field must be NUL-terminated inside its buffer and be clean UTF-8. */
static bool report_check_text(const char *text, size_t capacity, const char *step,
                              const char *field, report_problem_t *problem)
{
    if (memchr(text, '\0', capacity) == NULL) {
        return report_fail(problem, step, field, "%s is longer than %zu bytes", field,
                           capacity - 1);
    }
    if (!report_text_valid(text)) {
        return report_fail(problem, step, field, "%s is not valid UTF-8 text", field);
    }
    return true;
}

static bool report_check_optional_code(const char *code, const char *const *table, int count,
                                       const char *step, const char *field,
                                       report_problem_t *problem)
{
    if (memchr(code, '\0', REPORT_CODE_MAX) == NULL) {
        return report_fail(problem, step, field, "%s is not terminated", field);
    }
    if (code[0] == '\0') {
        return true;
    }
    bool ok = table ? report_code_index(table, count, code) >= 0 : report_code_shape_valid(code);
    if (!ok) {
        return report_fail(problem, step, field, "%s: unknown code '%s'", field, code);
    }
    return true;
}

static bool report_validate_contact(const report_t *r, report_problem_t *problem)
{
    const report_contact_t *c = &r->contact;
    if (r->contact_choice == REPORT_CONTACT_UNSET) {
        return report_fail(problem, "contact", "contact", "choose anonymous or named");
    }
    if (r->contact_choice != REPORT_CONTACT_NAMED) {
        return r->contact_choice == REPORT_CONTACT_ANONYMOUS ||
               report_fail(problem, "contact", "contact", "unknown contact choice");
    }
    const struct {
        const char *text;
        size_t capacity;
        const char *field;
    } texts[] = {
        {c->name, sizeof c->name, "contact.name"},
        {c->phone, sizeof c->phone, "contact.phone"},
        {c->email, sizeof c->email, "contact.email"},
        {c->safe_times, sizeof c->safe_times, "contact.safe_times"},
        {c->interpreter, sizeof c->interpreter, "contact.interpreter"},
        {c->access_needs, sizeof c->access_needs, "contact.access_needs"},
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        if (!report_check_text(texts[i].text, texts[i].capacity, "contact", texts[i].field,
                               problem)) {
            return false;
        }
    }
    if (c->phone[0] == '\0' && c->email[0] == '\0') {
        return report_fail(problem, "contact", "contact.reach",
                           "a named report needs a phone number or an email address");
    }
    if (c->phone[0] && !report_phone_valid(c->phone)) {
        return report_fail(problem, "contact", "contact.phone", "phone number has a wrong shape");
    }
    if (c->email[0] && !report_email_valid(c->email)) {
        return report_fail(problem, "contact", "contact.email", "email address has a wrong shape");
    }
    return true;
}

/* Metadata is optional before submit, but when present it must fit and be clean. */
static bool report_validate_metadata(const report_t *r, report_problem_t *problem)
{
    const struct {
        const char *text;
        size_t capacity;
        const char *field;
    } texts[] = {
        {r->id, sizeof r->id, "id"},
        {r->reference, sizeof r->reference, "reference"},
        {r->created_at, sizeof r->created_at, "created_at"},
        {r->site_id, sizeof r->site_id, "site_id"},
        {r->kiosk_id, sizeof r->kiosk_id, "kiosk_id"},
        {r->locale, sizeof r->locale, "locale"},
    };
    for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        if (!report_check_text(texts[i].text, texts[i].capacity, "review", texts[i].field,
                               problem)) {
            return false;
        }
    }
    return true;
}

static bool report_validate_safety(const report_t *r, report_problem_t *problem)
{
    return r->safety == REPORT_YES || r->safety == REPORT_NO ||
           report_fail(problem, "safety", "safety", "the safety question is not answered");
}

/* With a member of staff operating the screen, the report is still the person's own: they
 * are the victim or a witness (never "for someone else": that someone is right there), and
 * the staff member is known by role only. The "who" step records only that staff help
 * (its answer "I am a member of staff helping someone to report"); the "assisted" step
 * that follows it asks the person's role and the staff role. */
static bool report_validate_who(const report_t *r, report_problem_t *problem)
{
    if (!report_check_optional_code(r->assisted_by, REPORT_ASSISTED_CODES, REPORT_ASSISTED_COUNT,
                                    "who", "assisted_by", problem)) {
        return false;
    }
    if (r->assisted_by[0]) {
        return true; /* the person's role is the next step's question */
    }
    if (r->reporter_role[0] == '\0') {
        return report_fail(problem, "who", "reporter_role", "choose who is reporting");
    }
    return report_check_optional_code(r->reporter_role, REPORT_ROLE_CODES, REPORT_ROLE_COUNT,
                                      "who", "reporter_role", problem);
}

static bool report_validate_assisted(const report_t *r, report_problem_t *problem)
{
    if (!report_check_optional_code(r->staff_role, REPORT_STAFF_ROLE_CODES,
                                    REPORT_STAFF_ROLE_COUNT, "assisted", "staff_role", problem)) {
        return false;
    }
    if (!r->assisted_by[0]) {
        return r->staff_role[0] == '\0' ||
               report_fail(problem, "assisted", "staff_role", "a staff role without staff help");
    }
    if (r->reporter_role[0] == '\0' || strcmp(r->reporter_role, "third_party") == 0) {
        return report_fail(problem, "assisted", "reporter_role",
                           "with staff helping, say whether the person is the victim or a witness");
    }
    if (!report_check_optional_code(r->reporter_role, REPORT_ROLE_CODES, REPORT_ROLE_COUNT,
                                    "assisted", "reporter_role", problem)) {
        return false;
    }
    return r->staff_role[0] != '\0' ||
           report_fail(problem, "assisted", "staff_role", "choose the staff member's role");
}

static bool report_validate_why(const report_t *r, report_problem_t *problem)
{
    return report_any(r->motivations, REPORT_MOTIVATION_COUNT) ||
           report_fail(problem, "why", "motivations", "choose at least one reason");
}

static bool report_validate_what(const report_t *r, report_problem_t *problem)
{
    return report_any(r->incident_types, REPORT_INCIDENT_COUNT) ||
           report_fail(problem, "what", "incident_types", "choose at least one incident type");
}

static bool report_validate_when(const report_t *r, report_problem_t *problem)
{
    char iso[REPORT_DATE_MAX];
    if (memchr(r->when_date, '\0', sizeof r->when_date) == NULL ||
        memchr(r->when_date_text, '\0', sizeof r->when_date_text) == NULL ||
        (r->when_date[0] && !report_date_valid(r->when_date)) ||
        (r->when_date_text[0] && !report_date_from_uk(r->when_date_text, iso, sizeof iso))) {
        return report_fail(problem, "when", "when.date", "not a past date YYYY-MM-DD");
    }
    return report_check_optional_code(r->when_period, REPORT_WHEN_CODES, REPORT_WHEN_COUNT,
                                      "when", "when.period", problem);
}

static bool report_validate_where(const report_t *r, report_problem_t *problem)
{
    return report_check_optional_code(r->where_area, NULL, 0, "where", "where.area", problem) &&
           report_check_optional_code(r->where_place, REPORT_PLACE_CODES, REPORT_PLACE_COUNT,
                                      "where", "where.place", problem);
}

static bool report_validate_details(const report_t *r, report_problem_t *problem)
{
    return report_check_text(r->details, sizeof r->details, "details", "details", problem);
}

static bool report_validate_health(const report_t *r, report_problem_t *problem)
{
    return (unsigned)r->health_wants_support <= REPORT_NO ||
           report_fail(problem, "health", "health.wants_support", "invalid answer");
}

static bool report_validate_consent(const report_t *r, report_problem_t *problem)
{
    return r->consent_police || r->consent_support || r->consent_statistics ||
           report_fail(problem, "consent", "consent", "choose at least one consent");
}

/* The questions in the order people answer them: the one place that says which step
 * is required and what makes its answer valid (Next, the review and submit use it). */
static const struct {
    report_step_info_t info;
    bool (*validate)(const report_t *r, report_problem_t *problem);
} REPORT_STEPS[] = {
    {{"safety", true}, report_validate_safety},   {{"who", true}, report_validate_who},
    /* required only when staff help: without them it checks that nothing was set */
    {{"assisted", true}, report_validate_assisted},
    {{"why", true}, report_validate_why},         {{"what", true}, report_validate_what},
    {{"when", false}, report_validate_when},      {{"where", false}, report_validate_where},
    {{"details", false}, report_validate_details}, {{"health", false}, report_validate_health},
    {{"contact", true}, report_validate_contact}, {{"consent", true}, report_validate_consent},
};
#define REPORT_STEP_TABLE_COUNT ((int)(sizeof REPORT_STEPS / sizeof REPORT_STEPS[0]))

const report_step_info_t *report_step_info(const char *step)
{
    for (int i = 0; step && i < REPORT_STEP_TABLE_COUNT; i++) {
        if (strcmp(REPORT_STEPS[i].info.id, step) == 0) {
            return &REPORT_STEPS[i].info;
        }
    }
    return NULL;
}

bool report_validate_step(const report_t *r, const char *step, report_problem_t *problem)
{
    for (int i = 0; step && i < REPORT_STEP_TABLE_COUNT; i++) {
        if (strcmp(REPORT_STEPS[i].info.id, step) == 0) {
            return REPORT_STEPS[i].validate(r, problem);
        }
    }
    return true; /* not a question (start, review): nothing to answer */
}

bool report_validate(const report_t *r, report_problem_t *problem)
{
    if (!report_validate_metadata(r, problem)) {
        return false;
    }
    for (int i = 0; i < REPORT_STEP_TABLE_COUNT; i++) {
        if (!REPORT_STEPS[i].validate(r, problem)) {
            return false;
        }
    }
    return true;
}

bool report_code_exclusive(const char *code)
{
    static const char *const EXCLUSIVE[] = {"not_sure", "none", "prefer_not_say"};
    for (size_t i = 0; i < sizeof EXCLUSIVE / sizeof EXCLUSIVE[0]; i++) {
        if (strcmp(code, EXCLUSIVE[i]) == 0) {
            return true;
        }
    }
    return false;
}

void report_toggle(bool *flags, const char *const *codes, int count, int i)
{
    if (i < 0 || i >= count) {
        return;
    }
    flags[i] = !flags[i];
    if (!flags[i]) {
        return;
    }
    /* an exclusive answer clears every other; any other answer clears the exclusive ones */
    bool exclusive = report_code_exclusive(codes[i]);
    for (int j = 0; j < count; j++) {
        if (j != i && (exclusive || report_code_exclusive(codes[j]))) {
            flags[j] = false;
        }
    }
}

bool report_date_valid(const char *iso)
{
    static const int DAYS[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int y, m, d, n = 0;
    if (strlen(iso) != 10 || sscanf(iso, "%4d-%2d-%2d%n", &y, &m, &d, &n) != 3 || n != 10 ||
        iso[4] != '-' || iso[7] != '-' || y < 1900 || m < 1 || m > 12 || d < 1 ||
        d > DAYS[m - 1]) {
        return false;
    }
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (m == 2 && d == 29 && !leap) {
        return false;
    }
    time_t tomorrow = time(NULL) + 24 * 3600;
    struct tm t;
    gmtime_r(&tomorrow, &t);
    char limit[REPORT_DATE_MAX];
    strftime(limit, sizeof limit, "%Y-%m-%d", &t);
    return strcmp(iso, limit) <= 0; /* ISO dates sort as text */
}

bool report_date_from_uk(const char *text, char *iso, size_t size)
{
    int d, m, y, n = 0;
    char s1, s2;
    if (sscanf(text, " %2d%c%2d%c%4d %n", &d, &s1, &m, &s2, &y, &n) != 5 ||
        text[n] != '\0' || s1 != s2 || (s1 != '/' && s1 != '.' && s1 != '-') || d < 0 ||
        m < 0 || y < 0) {
        return false;
    }
    snprintf(iso, size, "%04d-%02d-%02d", y, m, d);
    return report_date_valid(iso);
}
