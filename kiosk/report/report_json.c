#include "report/report_json.h"

#include <cjson/cJSON.h>
#include <sodium.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* cJSON_Delete frees without clearing: clear every string first so no report text stays
 * behind in freed heap memory. */
static void report_json_wipe_tree(cJSON *item)
{
    for (cJSON *it = item; it; it = it->next) {
        report_json_wipe_tree(it->child);
        if (it->valuestring) {
            sodium_memzero(it->valuestring, strlen(it->valuestring));
        }
    }
}

static void report_json_wipe_delete(cJSON *root)
{
    if (root) {
        report_json_wipe_tree(root->child);
        cJSON_Delete(root);
    }
}

void report_json_delete_wiped(cJSON *root)
{
    report_json_wipe_delete(root);
}

/* ---- strict parsing ---- */

static int report_json_name_compare(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* True when no object in the tree names a key twice. Sorting the names keeps this
 * O(n log n), since an envelope is checked before anything about it is verified. */
static bool report_json_keys_unique(const cJSON *item)
{
    for (const cJSON *it = item; it; it = it->next) {
        if (!report_json_keys_unique(it->child)) {
            return false;
        }
    }
    if (!item || !item->string) {
        return true; /* array elements and the root carry no names */
    }
    size_t n = 0;
    for (const cJSON *it = item; it; it = it->next) {
        n++;
    }
    const char **names = malloc(n * sizeof *names);
    if (!names) {
        return false;
    }
    n = 0;
    for (const cJSON *it = item; it; it = it->next) {
        names[n++] = it->string;
    }
    qsort(names, n, sizeof *names, report_json_name_compare);
    bool unique = true;
    for (size_t i = 1; i < n && unique; i++) {
        unique = strcmp(names[i - 1], names[i]) != 0;
    }
    free(names);
    return unique;
}

cJSON *report_json_parse_strict(const char *text, size_t len, const char **why)
{
    const char *end = NULL;
    if (memchr(text, '\0', len)) {
        *why = "a NUL byte inside the JSON";
        return NULL;
    }
    cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, false);
    if (!root) {
        *why = "not valid JSON (truncated or malformed)";
        return NULL;
    }
    size_t off = (size_t)(end - text);
    while (off < len && strchr(" \t\r\n", text[off])) {
        off++;
    }
    if (off != len) {
        *why = "data after the end of the JSON document";
    } else if (!report_json_keys_unique(root->child)) {
        *why = "an object names the same key twice";
    } else {
        return root;
    }
    report_json_wipe_delete(root);
    return NULL;
}

/* ---- writing ---- */

static bool report_json_add_string(cJSON *obj, const char *key, const char *value)
{
    return cJSON_AddStringToObject(obj, key, value) != NULL;
}

/* "" (skipped) becomes null, so a reader can tell skipped from a code. */
static bool report_json_add_code_or_null(cJSON *obj, const char *key, const char *code)
{
    if (code[0] == '\0') {
        return cJSON_AddNullToObject(obj, key) != NULL;
    }
    return report_json_add_string(obj, key, code);
}

static bool report_json_add_answer(cJSON *obj, const char *key, report_answer_t a)
{
    if (a == REPORT_UNANSWERED) {
        return cJSON_AddNullToObject(obj, key) != NULL;
    }
    return cJSON_AddBoolToObject(obj, key, a == REPORT_YES) != NULL;
}

static bool report_json_add_flags(cJSON *obj, const char *key, const bool *flags,
                                  const char *const *codes, int count)
{
    cJSON *arr = cJSON_AddArrayToObject(obj, key);
    if (!arr) {
        return false;
    }
    for (int i = 0; i < count; i++) {
        if (flags[i]) {
            cJSON *s = cJSON_CreateString(codes[i]);
            if (!s || !cJSON_AddItemToArray(arr, s)) {
                cJSON_Delete(s);
                return false;
            }
        }
    }
    return true;
}

static bool report_json_add_contact(cJSON *root, const report_t *r)
{
    if (r->contact_choice != REPORT_CONTACT_NAMED) {
        return cJSON_AddNullToObject(root, "contact") != NULL;
    }
    const report_contact_t *c = &r->contact;
    cJSON *o = cJSON_AddObjectToObject(root, "contact");
    return o && report_json_add_string(o, "name", c->name) &&
           report_json_add_string(o, "phone", c->phone) &&
           report_json_add_string(o, "email", c->email) &&
           report_json_add_string(o, "safe_times", c->safe_times) &&
           report_json_add_answer(o, "leave_message", c->leave_message) &&
           report_json_add_string(o, "interpreter", c->interpreter) &&
           report_json_add_string(o, "access_needs", c->access_needs);
}

static bool report_json_build(cJSON *root, const report_t *r)
{
    static const char *const SAFETY[] = {"", "yes", "no"};
    cJSON *when, *where, *health, *consent;
    return report_json_add_string(root, "schema", REPORT_SCHEMA) &&
           report_json_add_string(root, "id", r->id) &&
           report_json_add_string(root, "reference", r->reference) &&
           report_json_add_string(root, "created_at", r->created_at) &&
           report_json_add_string(root, "site_id", r->site_id) &&
           report_json_add_string(root, "kiosk_id", r->kiosk_id) &&
           report_json_add_string(root, "locale", r->locale) &&
           report_json_add_code_or_null(root, "safety", SAFETY[r->safety % 3]) &&
           report_json_add_code_or_null(root, "reporter_role", r->reporter_role) &&
           report_json_add_code_or_null(root, "assisted_by", r->assisted_by) &&
           report_json_add_code_or_null(root, "staff_role", r->staff_role) &&
           report_json_add_flags(root, "motivations", r->motivations, REPORT_MOTIVATION_CODES,
                                 REPORT_MOTIVATION_COUNT) &&
           report_json_add_flags(root, "incident_types", r->incident_types, REPORT_INCIDENT_CODES,
                                 REPORT_INCIDENT_COUNT) &&
           (when = cJSON_AddObjectToObject(root, "when")) &&
           report_json_add_code_or_null(when, "period", r->when_period) &&
           /* the date is present only when the person gave one */
           (r->when_date[0] == '\0' || report_json_add_string(when, "date", r->when_date)) &&
           (where = cJSON_AddObjectToObject(root, "where")) &&
           report_json_add_code_or_null(where, "area", r->where_area) &&
           report_json_add_code_or_null(where, "place", r->where_place) &&
           report_json_add_string(root, "details", r->details) &&
           (health = cJSON_AddObjectToObject(root, "health")) &&
           report_json_add_flags(health, "impacts", r->health_impacts, REPORT_HEALTH_CODES,
                                 REPORT_HEALTH_COUNT) &&
           report_json_add_answer(health, "wants_support", r->health_wants_support) &&
           report_json_add_contact(root, r) &&
           (consent = cJSON_AddObjectToObject(root, "consent")) &&
           cJSON_AddBoolToObject(consent, "police", r->consent_police) &&
           cJSON_AddBoolToObject(consent, "support", r->consent_support) &&
           cJSON_AddBoolToObject(consent, "statistics", r->consent_statistics);
}

bool report_json_write(const report_t *r, char *buf, size_t size, size_t *len_out, char *err,
                       size_t err_size)
{
    cJSON *root = cJSON_CreateObject();
    bool ok = root && report_json_build(root, r);
    if (!ok) {
        snprintf(err, err_size, "out of memory building report JSON");
    } else if (size > (size_t)INT_MAX || !cJSON_PrintPreallocated(root, buf, (int)size, 0)) {
        snprintf(err, err_size, "report JSON does not fit in %zu bytes", size);
        sodium_memzero(buf, size);
        ok = false;
    }
    report_json_wipe_delete(root);
    if (ok && len_out) {
        *len_out = strlen(buf);
    }
    return ok;
}

/* ---- reading ---- */

typedef struct report_json_reader {
    char *err;
    size_t err_size;
} report_json_reader_t;

static bool report_json_fail(report_json_reader_t *rd, const char *field, const char *what)
{
    snprintf(rd->err, rd->err_size, "report JSON: %s: %s", field, what);
    return false;
}

/* Copies an optional string field; null or absent leaves dst empty. */
static bool report_json_get_string(report_json_reader_t *rd, const cJSON *obj, const char *key,
                                   char *dst, size_t capacity)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!it || cJSON_IsNull(it)) {
        return true;
    }
    if (!cJSON_IsString(it)) {
        return report_json_fail(rd, key, "not a string");
    }
    size_t n = strlen(it->valuestring);
    if (n >= capacity) {
        return report_json_fail(rd, key, "too long");
    }
    memcpy(dst, it->valuestring, n + 1);
    return true;
}

static bool report_json_get_code(report_json_reader_t *rd, const cJSON *obj, const char *key,
                                 const char *const *table, int count, char *dst)
{
    if (!report_json_get_string(rd, obj, key, dst, REPORT_CODE_MAX)) {
        return false;
    }
    bool ok = dst[0] == '\0' ||
              (table ? report_code_index(table, count, dst) >= 0 : report_code_shape_valid(dst));
    return ok || report_json_fail(rd, key, "unknown code");
}

static bool report_json_get_date(report_json_reader_t *rd, const cJSON *obj, const char *key,
                                 char *dst)
{
    if (!report_json_get_string(rd, obj, key, dst, REPORT_DATE_MAX)) {
        return false;
    }
    return dst[0] == '\0' || report_date_valid(dst) || report_json_fail(rd, key, "not a date");
}

static bool report_json_get_answer(report_json_reader_t *rd, const cJSON *obj, const char *key,
                                   report_answer_t *dst)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!it || cJSON_IsNull(it)) {
        *dst = REPORT_UNANSWERED;
        return true;
    }
    if (!cJSON_IsBool(it)) {
        return report_json_fail(rd, key, "not true, false or null");
    }
    *dst = cJSON_IsTrue(it) ? REPORT_YES : REPORT_NO;
    return true;
}

static bool report_json_get_bool(report_json_reader_t *rd, const cJSON *obj, const char *key,
                                 bool *dst)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!it) {
        *dst = false;
        return true;
    }
    if (!cJSON_IsBool(it)) {
        return report_json_fail(rd, key, "not true or false");
    }
    *dst = cJSON_IsTrue(it);
    return true;
}

static bool report_json_get_flags(report_json_reader_t *rd, const cJSON *obj, const char *key,
                                  const char *const *codes, int count, bool *flags)
{
    const cJSON *arr = cJSON_GetObjectItemCaseSensitive(obj, key);
    if (!arr || cJSON_IsNull(arr)) {
        return true;
    }
    if (!cJSON_IsArray(arr)) {
        return report_json_fail(rd, key, "not an array");
    }
    const cJSON *it;
    cJSON_ArrayForEach(it, arr)
    {
        int i = cJSON_IsString(it) ? report_code_index(codes, count, it->valuestring) : -1;
        if (i < 0) {
            return report_json_fail(rd, key, "unknown code in list");
        }
        flags[i] = true;
    }
    return true;
}

/* A sub-object that may be absent or null; anything else must be an object. */
static bool report_json_get_object(report_json_reader_t *rd, const cJSON *root, const char *key,
                                   const cJSON **out)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(root, key);
    *out = (it && cJSON_IsObject(it)) ? it : NULL;
    return !it || cJSON_IsNull(it) || cJSON_IsObject(it) ||
           report_json_fail(rd, key, "not an object");
}

static bool report_json_read_contact(report_json_reader_t *rd, const cJSON *root, report_t *r)
{
    const cJSON *it = cJSON_GetObjectItemCaseSensitive(root, "contact");
    if (!it) {
        r->contact_choice = REPORT_CONTACT_UNSET;
        return true;
    }
    if (cJSON_IsNull(it)) {
        r->contact_choice = REPORT_CONTACT_ANONYMOUS;
        return true;
    }
    if (!cJSON_IsObject(it)) {
        return report_json_fail(rd, "contact", "not an object or null");
    }
    report_contact_t *c = &r->contact;
    r->contact_choice = REPORT_CONTACT_NAMED;
    return report_json_get_string(rd, it, "name", c->name, sizeof c->name) &&
           report_json_get_string(rd, it, "phone", c->phone, sizeof c->phone) &&
           report_json_get_string(rd, it, "email", c->email, sizeof c->email) &&
           report_json_get_string(rd, it, "safe_times", c->safe_times, sizeof c->safe_times) &&
           report_json_get_answer(rd, it, "leave_message", &c->leave_message) &&
           report_json_get_string(rd, it, "interpreter", c->interpreter, sizeof c->interpreter) &&
           report_json_get_string(rd, it, "access_needs", c->access_needs, sizeof c->access_needs);
}

static bool report_json_read_safety(report_json_reader_t *rd, const cJSON *root, report_t *r)
{
    static const char *const SAFETY[] = {"yes", "no"};
    char code[REPORT_CODE_MAX] = "";
    if (!report_json_get_code(rd, root, "safety", SAFETY, 2, code)) {
        return false;
    }
    r->safety = code[0] == '\0' ? REPORT_UNANSWERED : code[0] == 'y' ? REPORT_YES : REPORT_NO;
    return true;
}

static bool report_json_read_root(report_json_reader_t *rd, const cJSON *root, report_t *r)
{
    const cJSON *schema = cJSON_GetObjectItemCaseSensitive(root, "schema");
    if (!cJSON_IsString(schema) || strcmp(schema->valuestring, REPORT_SCHEMA) != 0) {
        return report_json_fail(rd, "schema", "not " REPORT_SCHEMA);
    }
    const cJSON *when, *where, *health, *consent;
    return report_json_get_string(rd, root, "id", r->id, sizeof r->id) &&
           report_json_get_string(rd, root, "reference", r->reference, sizeof r->reference) &&
           report_json_get_string(rd, root, "created_at", r->created_at, sizeof r->created_at) &&
           report_json_get_string(rd, root, "site_id", r->site_id, sizeof r->site_id) &&
           report_json_get_string(rd, root, "kiosk_id", r->kiosk_id, sizeof r->kiosk_id) &&
           report_json_get_string(rd, root, "locale", r->locale, sizeof r->locale) &&
           report_json_read_safety(rd, root, r) &&
           report_json_get_code(rd, root, "reporter_role", REPORT_ROLE_CODES, REPORT_ROLE_COUNT,
                                r->reporter_role) &&
           /* absent in reports made before staff-assisted reporting: read as "" */
           report_json_get_code(rd, root, "assisted_by", REPORT_ASSISTED_CODES,
                                REPORT_ASSISTED_COUNT, r->assisted_by) &&
           report_json_get_code(rd, root, "staff_role", REPORT_STAFF_ROLE_CODES,
                                REPORT_STAFF_ROLE_COUNT, r->staff_role) &&
           report_json_get_flags(rd, root, "motivations", REPORT_MOTIVATION_CODES,
                                 REPORT_MOTIVATION_COUNT, r->motivations) &&
           report_json_get_flags(rd, root, "incident_types", REPORT_INCIDENT_CODES,
                                 REPORT_INCIDENT_COUNT, r->incident_types) &&
           report_json_get_object(rd, root, "when", &when) &&
           report_json_get_code(rd, when, "period", REPORT_WHEN_CODES, REPORT_WHEN_COUNT,
                                r->when_period) &&
           report_json_get_date(rd, when, "date", r->when_date) &&
           report_json_get_object(rd, root, "where", &where) &&
           report_json_get_code(rd, where, "area", NULL, 0, r->where_area) &&
           report_json_get_code(rd, where, "place", REPORT_PLACE_CODES, REPORT_PLACE_COUNT,
                                r->where_place) &&
           report_json_get_string(rd, root, "details", r->details, sizeof r->details) &&
           report_json_get_object(rd, root, "health", &health) &&
           report_json_get_flags(rd, health, "impacts", REPORT_HEALTH_CODES, REPORT_HEALTH_COUNT,
                                 r->health_impacts) &&
           report_json_get_answer(rd, health, "wants_support", &r->health_wants_support) &&
           report_json_read_contact(rd, root, r) &&
           report_json_get_object(rd, root, "consent", &consent) &&
           report_json_get_bool(rd, consent, "police", &r->consent_police) &&
           report_json_get_bool(rd, consent, "support", &r->consent_support) &&
           report_json_get_bool(rd, consent, "statistics", &r->consent_statistics);
}

bool report_json_read(const char *json, size_t len, report_t *r, char *err, size_t err_size)
{
    report_json_reader_t rd = {err, err_size};
    report_wipe(r);
    const char *why = "not a JSON object";
    cJSON *root = report_json_parse_strict(json, len, &why);
    if (!root || !cJSON_IsObject(root)) {
        report_json_wipe_delete(root);
        return report_json_fail(&rd, "document", why);
    }
    bool ok = report_json_read_root(&rd, root, r);
    report_json_wipe_delete(root);
    if (!ok) {
        report_wipe(r);
    }
    return ok;
}
