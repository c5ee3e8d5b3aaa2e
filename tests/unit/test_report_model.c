/* Report model: validation, JSON round trip, reference numbers (issue 4). */
#include "report_test_support.h"

#include "report/report_json.h"
#include "report/report_reference.h"
#include "report/report_seal.h"

/* ---- validation: one table row per way a report can be incomplete or wrong ---- */

typedef struct validation_case {
    const char *what;
    void (*mutate)(report_t *r);
    const char *step; /* expected step, NULL = valid */
    const char *field;
} validation_case_t;

static void m_none(report_t *r)
{
    (void)r;
}
static void m_no_safety(report_t *r)
{
    r->safety = REPORT_UNANSWERED;
}
static void m_no_role(report_t *r)
{
    r->reporter_role[0] = '\0';
}
static void m_bad_role(report_t *r)
{
    snprintf(r->reporter_role, REPORT_CODE_MAX, "bystander");
}
static void m_no_why(report_t *r)
{
    memset(r->motivations, 0, sizeof r->motivations);
}
static void m_no_what(report_t *r)
{
    memset(r->incident_types, 0, sizeof r->incident_types);
}
static void m_bad_when(report_t *r)
{
    snprintf(r->when_period, REPORT_CODE_MAX, "tomorrow");
}
static void m_bad_area(report_t *r)
{
    snprintf(r->where_area, REPORT_CODE_MAX, "Leicester City");
}
static void m_bad_place(report_t *r)
{
    snprintf(r->where_place, REPORT_CODE_MAX, "moon");
}
static void m_skipped(report_t *r)
{
    r->when_period[0] = r->where_area[0] = r->where_place[0] = r->details[0] = '\0';
    memset(r->health_impacts, 0, sizeof r->health_impacts);
    r->health_wants_support = REPORT_UNANSWERED;
}
static void m_bad_utf8(report_t *r)
{
    snprintf(r->details, 8, "ab\xc3(");
}
static void m_overlong_utf8(report_t *r)
{
    snprintf(r->details, 8, "\xc0\xaf");
}
static void m_control(report_t *r)
{
    snprintf(r->details, 8, "a\x01");
}
static void m_unterminated(report_t *r)
{
    memset(r->details, 'x', sizeof r->details);
}
static void m_no_contact(report_t *r)
{
    r->contact_choice = REPORT_CONTACT_UNSET;
}
static void m_anonymous(report_t *r)
{
    r->contact_choice = REPORT_CONTACT_ANONYMOUS;
    r->contact.phone[0] = '\0'; /* ignored when anonymous */
}
static void m_no_way(report_t *r)
{
    r->contact.phone[0] = r->contact.email[0] = '\0';
}
static void m_email_only(report_t *r)
{
    r->contact.phone[0] = '\0';
    snprintf(r->contact.email, REPORT_EMAIL_MAX, "harpreet@example.org");
}
static void m_bad_phone(report_t *r)
{
    snprintf(r->contact.phone, REPORT_PHONE_MAX, "call me");
}
static void m_bad_email(report_t *r)
{
    snprintf(r->contact.email, REPORT_EMAIL_MAX, "a@b");
}
static void m_no_consent(report_t *r)
{
    r->consent_police = r->consent_support = r->consent_statistics = false;
}

static void m_assisted(report_t *r)
{
    memset(r->reporter_role, 0, REPORT_CODE_MAX); /* whole fields: the round trip memcmps */
    snprintf(r->reporter_role, REPORT_CODE_MAX, "victim");
    snprintf(r->assisted_by, REPORT_CODE_MAX, "staff");
    snprintf(r->staff_role, REPORT_CODE_MAX, "nurse");
}
static void m_assisted_no_role(report_t *r)
{
    m_assisted(r);
    r->staff_role[0] = '\0';
}
static void m_assisted_third_party(report_t *r)
{
    m_assisted(r);
    snprintf(r->reporter_role, REPORT_CODE_MAX, "third_party");
}
static void m_assisted_no_person(report_t *r)
{
    m_assisted(r);
    r->reporter_role[0] = '\0';
}
static void m_staff_role_alone(report_t *r)
{
    snprintf(r->staff_role, REPORT_CODE_MAX, "doctor");
}
static void m_bad_staff_role(report_t *r)
{
    m_assisted(r);
    snprintf(r->staff_role, REPORT_CODE_MAX, "surgeon");
}
static void m_bad_assisted(report_t *r)
{
    m_assisted(r);
    snprintf(r->assisted_by, REPORT_CODE_MAX, "friend");
}

static const validation_case_t VALIDATION_CASES[] = {
    {"staff-assisted victim, nurse", m_assisted, NULL, NULL},
    {"staff-assisted without the staff role", m_assisted_no_role, "assisted", "staff_role"},
    {"staff-assisted for someone else", m_assisted_third_party, "assisted", "reporter_role"},
    {"staff-assisted without the person's role", m_assisted_no_person, "assisted",
     "reporter_role"},
    {"a staff role without staff help", m_staff_role_alone, "assisted", "staff_role"},
    {"unknown staff role", m_bad_staff_role, "assisted", "staff_role"},
    {"unknown helper", m_bad_assisted, "who", "assisted_by"},
    {"complete report", m_none, NULL, NULL},
    {"optional steps skipped", m_skipped, NULL, NULL},
    {"anonymous needs no way to reach", m_anonymous, NULL, NULL},
    {"email alone is a way to reach", m_email_only, NULL, NULL},
    {"safety unanswered", m_no_safety, "safety", "safety"},
    {"no reporter role", m_no_role, "who", "reporter_role"},
    {"unknown reporter role", m_bad_role, "who", "reporter_role"},
    {"no motivation", m_no_why, "why", "motivations"},
    {"no incident type", m_no_what, "what", "incident_types"},
    {"unknown when code", m_bad_when, "when", "when.period"},
    {"area code with spaces", m_bad_area, "where", "where.area"},
    {"unknown place", m_bad_place, "where", "where.place"},
    {"broken UTF-8 in details", m_bad_utf8, "details", "details"},
    {"overlong UTF-8 in details", m_overlong_utf8, "details", "details"},
    {"control character in details", m_control, "details", "details"},
    {"details without terminator", m_unterminated, "details", "details"},
    {"contact not chosen", m_no_contact, "contact", "contact"},
    {"named without phone or email", m_no_way, "contact", "contact.reach"},
    {"malformed phone", m_bad_phone, "contact", "contact.phone"},
    {"malformed email", m_bad_email, "contact", "contact.email"},
    {"no consent", m_no_consent, "consent", "consent"},
};

static void test_validation_table(void **state)
{
    for (size_t i = 0; i < sizeof VALIDATION_CASES / sizeof VALIDATION_CASES[0]; i++) {
        const validation_case_t *c = &VALIDATION_CASES[i];
        report_t r;
        report_problem_t p;
        memset(&p, 0, sizeof p);
        test_report_fill(&r);
        c->mutate(&r);
        bool ok = report_validate(&r, &p);
        if (!c->step) {
            CHECK(ok, "'%s' should be valid, got %s/%s: %s", c->what, p.step, p.field, p.message);
        } else {
            CHECK(!ok, "'%s' should be rejected", c->what);
            CHECK(strcmp(p.step, c->step) == 0 && strcmp(p.field, c->field) == 0,
                  "'%s' should point at %s/%s, got %s/%s", c->what, c->step, c->field, p.step,
                  p.field);
        }
    }
}

static void test_phone_and_email_shapes(void **state)
{
    static const struct {
        const char *text;
        bool phone, email;
    } cases[] = {
        {"07700 900123", true, false},
        {"+44 (0)116 496-0123", true, false},
        {"0116.496.0123", true, false},
        {"12345", false, false},
        {"+44 7700 900123 ext", false, false},
        {"1234567890123456", false, false},
        {"44+7700900123", false, false},
        {"a.b@example.org", false, true},
        {"a@b.c", false, true},
        {"a@@b.c", false, false},
        {"@b.c", false, false},
        {"a b@c.d", false, false},
        {"a@b.", false, false},
        {"a@.b", false, false},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        CHECK(report_phone_valid(cases[i].text) == cases[i].phone, "phone shape of '%s'",
              cases[i].text);
        CHECK(report_email_valid(cases[i].text) == cases[i].email, "email shape of '%s'",
              cases[i].text);
    }
}

static void test_wipe_clears_every_byte(void **state)
{
    report_t r;
    test_report_fill(&r);
    memset(&r, 0xa5, sizeof r);
    report_wipe(&r);
    const unsigned char *p = (const unsigned char *)&r;
    for (size_t i = 0; i < sizeof r; i++) {
        CHECK(p[i] == 0, "byte %zu of report_t survived report_wipe", i);
    }
    report_wipe(NULL); /* a no-op, not a crash */
}

/* ---- JSON ---- */

static void test_json_round_trip(void **state)
{
    static report_t in, out;
    static char json[REPORT_JSON_MAX];
    char err[256];
    size_t len = 0;
    test_report_fill(&in);
    snprintf(in.id, sizeof in.id, "0f8fad5b-d9cb-469f-a165-70867728950e");
    snprintf(in.reference, sizeof in.reference, "ABC-DEF-GHJ");
    snprintf(in.created_at, sizeof in.created_at, "2024-05-01T12:34:56Z");
    CHECK(report_json_write(&in, json, sizeof json, &len, err, sizeof err), "write: %s", err);
    CHECK(strstr(json, "\"schema\":\"kiosk-report/1\"") != NULL, "JSON carries the schema tag");
    CHECK(strstr(json, "ਹਰਪ੍ਰੀਤ ਕੌਰ") != NULL, "Gurmukhi name is written as UTF-8, unescaped");
    CHECK(report_json_read(json, len, &out, err, sizeof err), "read back: %s", err);
    CHECK(memcmp(&in, &out, sizeof in) == 0, "report survives JSON write+read unchanged");
    CHECK(strstr(json, "\"assisted_by\":null") && strstr(json, "\"staff_role\":null"),
          "a report made alone says so: assisted_by and staff_role are null");

    /* made with a member of staff: their role, never their name */
    m_assisted(&in);
    CHECK(report_json_write(&in, json, sizeof json, &len, err, sizeof err), "write: %s", err);
    CHECK(strstr(json, "\"assisted_by\":\"staff\"") && strstr(json, "\"staff_role\":\"nurse\""),
          "a staff-assisted report records assisted_by and the staff role");
    CHECK(report_json_read(json, len, &out, err, sizeof err), "read back: %s", err);
    CHECK(memcmp(&in, &out, sizeof in) == 0, "a staff-assisted report survives write+read");
    memset(in.assisted_by, 0, sizeof in.assisted_by);
    memset(in.staff_role, 0, sizeof in.staff_role);

    /* anonymous: contact is null and reads back as anonymous */
    in.contact_choice = REPORT_CONTACT_ANONYMOUS;
    memset(&in.contact, 0, sizeof in.contact);
    CHECK(report_json_write(&in, json, sizeof json, &len, err, sizeof err), "write: %s", err);
    CHECK(strstr(json, "\"contact\":null") != NULL, "anonymous contact is JSON null");
    CHECK(report_json_read(json, len, &out, err, sizeof err), "read back: %s", err);
    CHECK(memcmp(&in, &out, sizeof in) == 0, "anonymous report round-trips");
}

static void test_json_worst_case_fits_and_seals(void **state)
{
    static report_t r;
    static char json[REPORT_JSON_MAX];
    char err[256], *env = NULL;
    size_t len = 0, env_len = 0;
    test_report_fill(&r);
    /* every text field full of characters JSON escapes to two bytes */
    char *fields[] = {r.details,
                      r.contact.name,
                      r.contact.phone,
                      r.contact.email,
                      r.contact.safe_times,
                      r.contact.interpreter,
                      r.contact.access_needs,
                      r.locale,
                      r.site_id,
                      r.kiosk_id};
    size_t sizes[] = {sizeof r.details,
                      sizeof r.contact.name,
                      sizeof r.contact.phone,
                      sizeof r.contact.email,
                      sizeof r.contact.safe_times,
                      sizeof r.contact.interpreter,
                      sizeof r.contact.access_needs,
                      sizeof r.locale,
                      sizeof r.site_id,
                      sizeof r.kiosk_id};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        memset(fields[i], '"', sizes[i] - 1);
        fields[i][sizes[i] - 1] = '\0';
    }
    memset(r.motivations, 1, sizeof r.motivations);
    memset(r.incident_types, 1, sizeof r.incident_types);
    memset(r.health_impacts, 1, sizeof r.health_impacts);
    CHECK(report_json_write(&r, json, sizeof json, &len, err, sizeof err),
          "largest possible report fits REPORT_JSON_MAX: %s", err);
    report_signing_key_t signer;
    unsigned char pk[REPORT_RECEIVER_PK_BYTES], sk[REPORT_RECEIVER_SK_BYTES];
    crypto_sign_keypair(signer.pk, signer.sk);
    crypto_box_keypair(pk, sk);
    CHECK(report_envelope_seal(json, len, pk, &signer, "k", "i", &env, &env_len, err, sizeof err),
          "largest possible report seals: %s", err);
    CHECK(env_len < REPORT_ENVELOPE_MAX, "envelope (%zu) under REPORT_ENVELOPE_MAX", env_len);
    free(env);
}

static void test_json_read_rejects(void **state)
{
    static const struct {
        const char *what, *json;
    } cases[] = {
        {"not JSON", "{\"schema\":"},
        {"wrong schema", "{\"schema\":\"kiosk-report/2\"}"},
        {"unknown motivation", "{\"schema\":\"kiosk-report/1\",\"motivations\":[\"weather\"]}"},
        {"motivation not a string", "{\"schema\":\"kiosk-report/1\",\"motivations\":[1]}"},
        {"details not a string", "{\"schema\":\"kiosk-report/1\",\"details\":5}"},
        {"consent not a bool", "{\"schema\":\"kiosk-report/1\",\"consent\":{\"police\":1}}"},
        {"contact a string", "{\"schema\":\"kiosk-report/1\",\"contact\":\"me\"}"},
        {"unknown safety", "{\"schema\":\"kiosk-report/1\",\"safety\":\"maybe\"}"},
        {"locale too long", "{\"schema\":\"kiosk-report/"
                            "1\",\"locale\":\"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\"}"},
    };
    static report_t r;
    char err[256];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        err[0] = '\0';
        CHECK(!report_json_read(cases[i].json, strlen(cases[i].json), &r, err, sizeof err),
              "JSON with %s is rejected", cases[i].what);
        CHECK(err[0] != '\0', "rejecting %s gives a message", cases[i].what);
    }
    const char *extra = "{\"schema\":\"kiosk-report/1\",\"future_field\":{\"x\":1}}";
    CHECK(report_json_read(extra, strlen(extra), &r, err, sizeof err),
          "unknown fields are ignored (the dictionary may grow): %s", err);
}

/* ---- references ---- */

static const unsigned char REF_KEY[REPORT_REFERENCE_KEY_BYTES] = "0123456789abcdef";

static void test_reference_shape_and_check_char(void **state)
{
    char ref[REPORT_REFERENCE_TEXT_MAX], body[REPORT_REFERENCE_CHARS + 1];
    for (uint64_t seq = 0; seq < 300; seq++) {
        CHECK(report_reference_make("lri-ed-01", seq, REF_KEY, ref, sizeof ref),
              "make reference %llu", (unsigned long long)seq);
        CHECK(strlen(ref) == 11 && ref[3] == '-' && ref[7] == '-', "'%s' is shaped XXX-XXX-XXX",
              ref);
        CHECK(strpbrk(ref, "01OIL") == NULL, "'%s' has no 0/O/1/I/L", ref);
        CHECK(report_reference_valid(ref), "'%s' passes its own check", ref);
        CHECK(report_reference_normalise(ref, body, sizeof body), "normalise '%s'", ref);
        /* every single wrong character is caught */
        for (int pos = 0; pos < REPORT_REFERENCE_CHARS; pos++) {
            for (const char *a = REPORT_REFERENCE_ALPHABET; *a; a++) {
                char typo[REPORT_REFERENCE_CHARS + 1];
                memcpy(typo, body, sizeof typo);
                if (typo[pos] == *a) {
                    continue;
                }
                typo[pos] = *a;
                CHECK(!report_reference_valid(typo), "typo '%s' of '%s' is caught", typo, body);
            }
        }
        /* every swap of two different characters is caught */
        for (int i = 0; i < REPORT_REFERENCE_CHARS; i++) {
            for (int j = i + 1; j < REPORT_REFERENCE_CHARS; j++) {
                char swap[REPORT_REFERENCE_CHARS + 1];
                memcpy(swap, body, sizeof swap);
                if (swap[i] == swap[j]) {
                    continue;
                }
                swap[i] = body[j];
                swap[j] = body[i];
                CHECK(!report_reference_valid(swap), "swap '%s' of '%s' is caught", swap, body);
            }
        }
    }
}

static void test_reference_as_typed(void **state)
{
    char ref[REPORT_REFERENCE_TEXT_MAX], typed[32];
    CHECK(report_reference_make("k", 42, REF_KEY, ref, sizeof ref), "make reference");
    for (char *p = ref; *p; p++) {
        *p = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
    }
    CHECK(report_reference_valid(ref), "lower case '%s' is accepted", ref);
    snprintf(typed, sizeof typed, "%.3s %.3s %.3s", ref, ref + 4, ref + 8);
    CHECK(report_reference_valid(typed), "spaces instead of dashes '%s' accepted", typed);
    CHECK(!report_reference_valid(""), "empty is not a reference");
    CHECK(!report_reference_valid("ABC-DEF-GH"), "8 characters is not a reference");
    CHECK(!report_reference_valid("ABC-DEF-GHJK"), "10 characters is not a reference");
    CHECK(!report_reference_valid("AB0-DEF-GHJ"), "a 0 is never in a reference");
    CHECK(!report_reference_make("k", REPORT_REFERENCE_SEQUENCE_MAX, REF_KEY, ref, sizeof ref),
          "an exhausted counter is refused, not wrapped");
}

static int compare_refs(const void *a, const void *b)
{
    return strcmp(a, b);
}

static void test_reference_unique_per_kiosk(void **state)
{
    enum { N = 40000 };
    char(*refs)[REPORT_REFERENCE_TEXT_MAX] = calloc(N, REPORT_REFERENCE_TEXT_MAX);
    CHECK(refs != NULL, "allocate");
    for (uint64_t i = 0; i < N; i++) {
        CHECK(report_reference_make("lri-ed-01", i, REF_KEY, refs[i], REPORT_REFERENCE_TEXT_MAX),
              "make %llu", (unsigned long long)i);
    }
    CHECK(strncmp(refs[0], refs[1], 2) == 0, "the kiosk part is the same for one kiosk");
    qsort(refs, N, REPORT_REFERENCE_TEXT_MAX, compare_refs);
    for (size_t i = 1; i < N; i++) {
        CHECK(strcmp(refs[i - 1], refs[i]) != 0, "reference %s repeats within %d reports", refs[i],
              N);
    }
    free(refs);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_validation_table),
        cmocka_unit_test(test_phone_and_email_shapes),
        cmocka_unit_test(test_wipe_clears_every_byte),
        cmocka_unit_test(test_json_round_trip),
        cmocka_unit_test(test_json_worst_case_fits_and_seals),
        cmocka_unit_test(test_json_read_rejects),
        cmocka_unit_test(test_reference_shape_and_check_char),
        cmocka_unit_test(test_reference_as_typed),
        cmocka_unit_test(test_reference_unique_per_kiosk),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
