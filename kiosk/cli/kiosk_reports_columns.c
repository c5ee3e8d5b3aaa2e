/* The columns of an export, derived from the report JSON itself: the fields are whatever
 * report_json_write() emits for a fully filled report (so a field added to the report
 * reaches every export without touching this file), plus three derived columns. Two
 * rules live here and only here: which fields must stay text in a spreadsheet, and
 * which fields a statistics export may carry. */
#include "cli/kiosk_reports_columns.h"

#include "report/report_json.h"

#include <cjson/cJSON.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>

/* Identifiers a spreadsheet would mangle as numbers (a phone's leading zero, a reference
 * or id that happens to be all digits). */
static const char *const KR_TEXT_FIELDS[] = {"id", "reference", "site_id", "kiosk_id",
                                             "contact.phone"};

/* A statistics export carries codes only: no free text, no contact, no id that links
 * back to a report, and the month (derived) instead of any date. A whitelist, so a
 * field added to the report later stays out until someone decides it is safe. */
static const char *const KR_STATISTICS_FIELDS[] = {"site_id",
                                                   "locale",
                                                   "safety",
                                                   "reporter_role",
                                                   "assisted_by",
                                                   "staff_role",
                                                   "motivations",
                                                   "incident_types",
                                                   "when.period",
                                                   "where.area",
                                                   "where.place",
                                                   "health.impacts",
                                                   "health.wants_support"};

#define KR_COUNT(a) (sizeof(a) / sizeof((a)[0]))

static bool kr_in(const char *name, const char *const *list, size_t count)
{
    for (size_t i = 0; i < count; i++) {
        if (strcmp(name, list[i]) == 0) {
            return true;
        }
    }
    return false;
}

static bool kr_columns_push(kr_columns_t *c, kr_column_kind_t kind, const char *name)
{
    if (c->count == KR_COLUMNS_MAX || strlen(name) >= KR_COLUMN_NAME_MAX) {
        return false;
    }
    kr_column_t *col = &c->items[c->count++];
    col->kind = kind;
    snprintf(col->name, sizeof col->name, "%s", name);
    col->as_text = kind == KR_COLUMN_FIELD && kr_in(name, KR_TEXT_FIELDS, KR_COUNT(KR_TEXT_FIELDS));
    return true;
}

static bool kr_columns_walk(kr_columns_t *c, const cJSON *obj, const char *prefix, bool statistics)
{
    const cJSON *it;
    cJSON_ArrayForEach(it, obj)
    {
        char path[KR_COLUMN_NAME_MAX];
        snprintf(path, sizeof path, "%s%s%s", prefix, prefix[0] ? "." : "", it->string);
        if (strcmp(path, "contact") == 0 && !kr_columns_push(c, KR_COLUMN_CONTACT, "contact")) {
            return false;
        }
        if (cJSON_IsObject(it)) {
            if (!kr_columns_walk(c, it, path, statistics)) {
                return false;
            }
        } else if (!statistics ||
                   kr_in(path, KR_STATISTICS_FIELDS, KR_COUNT(KR_STATISTICS_FIELDS))) {
            if (!kr_columns_push(c, KR_COLUMN_FIELD, path)) {
                return false;
            }
        }
    }
    return true;
}

bool kr_columns_make(bool statistics, kr_columns_t *c, char *err, size_t err_size)
{
    char json[REPORT_JSON_MAX];
    size_t len = 0;
    memset(c, 0, sizeof *c);
    report_t *full = calloc(1, sizeof *full); /* empty but for what makes fields appear */
    if (!full) {
        snprintf(err, err_size, "out of memory");
        return false;
    }
    full->contact_choice = REPORT_CONTACT_NAMED; /* contact.* and when.date are written */
    snprintf(full->when_date, sizeof full->when_date, "2000-01-01"); /* only when given */
    bool written = report_json_write(full, json, sizeof json, &len, err, err_size);
    free(full);
    if (!written) {
        return false;
    }
    cJSON *root = cJSON_ParseWithLength(json, len);
    bool ok = root &&
              (statistics ? kr_columns_push(c, KR_COLUMN_MONTH, "month")
                          : kr_columns_push(c, KR_COLUMN_CONSENTS, "consents")) &&
              kr_columns_walk(c, root, "", statistics);
    cJSON_Delete(root);
    if (!ok) {
        snprintf(err, err_size, "the report has more than %d fields", KR_COLUMNS_MAX);
    }
    return ok;
}

/* ---- values ---- */

static const cJSON *kr_lookup(const cJSON *root, const char *path)
{
    char part[KR_COLUMN_NAME_MAX];
    const cJSON *it = root;
    while (it && *path) {
        size_t n = strcspn(path, ".");
        snprintf(part, sizeof part, "%.*s", (int)n, path);
        it = cJSON_IsObject(it) ? cJSON_GetObjectItemCaseSensitive(it, part) : NULL;
        path += n + (path[n] == '.');
    }
    return it;
}

static bool kr_row_append(kr_row_t *row, const char *text)
{
    size_t n = strlen(text);
    if (row->used + n + 1 > sizeof row->buf) {
        return false;
    }
    memcpy(row->buf + row->used, text, n + 1);
    row->used += n; /* the NUL is overwritten by the next append, or ends the cell */
    return true;
}

static bool kr_row_scalar(kr_row_t *row, const cJSON *v)
{
    char number[32];
    if (cJSON_IsString(v)) {
        return kr_row_append(row, v->valuestring);
    }
    if (cJSON_IsBool(v)) {
        return kr_row_append(row, cJSON_IsTrue(v) ? "true" : "false");
    }
    if (cJSON_IsNumber(v)) {
        snprintf(number, sizeof number, "%g", v->valuedouble);
        return kr_row_append(row, number);
    }
    return true; /* null or absent: empty cell */
}

/* Multi-valued fields joined by "; " (one cell, one report per row). */
static bool kr_row_value(kr_row_t *row, const cJSON *v)
{
    if (!cJSON_IsArray(v)) {
        return kr_row_scalar(row, v);
    }
    const cJSON *it;
    bool first = true, ok = true;
    cJSON_ArrayForEach(it, v)
    {
        ok = ok && (first || kr_row_append(row, "; ")) && kr_row_scalar(row, it);
        first = false;
    }
    return ok;
}

static bool kr_row_consents(kr_row_t *row, const cJSON *root)
{
    const cJSON *it;
    bool first = true, ok = true;
    cJSON_ArrayForEach(it, kr_lookup(root, "consent"))
    {
        if (cJSON_IsTrue(it)) {
            ok = ok && (first || kr_row_append(row, "; ")) && kr_row_append(row, it->string);
            first = false;
        }
    }
    return ok && (!first || kr_row_append(row, "none"));
}

static bool kr_row_cell(kr_row_t *row, const kr_column_t *col, const cJSON *root)
{
    const cJSON *created;
    switch (col->kind) {
    case KR_COLUMN_CONSENTS:
        return kr_row_consents(row, root);
    case KR_COLUMN_CONTACT:
        return kr_row_append(row,
                             cJSON_IsObject(kr_lookup(root, "contact")) ? "named" : "anonymous");
    case KR_COLUMN_MONTH:
        created = kr_lookup(root, "created_at");
        if (cJSON_IsString(created) && strlen(created->valuestring) >= 7) {
            char month[8];
            snprintf(month, sizeof month, "%.7s", created->valuestring);
            return kr_row_append(row, month);
        }
        return true;
    case KR_COLUMN_FIELD:
        break;
    }
    return kr_row_value(row, kr_lookup(root, col->name));
}

bool kr_row_fill(kr_row_t *row, const kr_columns_t *c, const char *json, size_t len, char *err,
                 size_t err_size)
{
    const char *why = "";
    size_t start[KR_COLUMNS_MAX];
    cJSON *root = report_json_parse_strict(json, len, &why);
    bool ok = root != NULL;
    row->used = 0;
    for (int i = 0; ok && i < c->count; i++) {
        start[i] = row->used;
        /* kr_row_append leaves room for this NUL; an empty cell may not have */
        ok = kr_row_cell(row, &c->items[i], root) && row->used < sizeof row->buf;
        if (ok) {
            row->buf[row->used++] = '\0';
        }
    }
    for (int i = 0; ok && i < c->count; i++) {
        row->cells[i] = row->buf + start[i];
    }
    report_json_delete_wiped(root);
    if (!ok) {
        snprintf(err, err_size, "cannot lay out a report as a row: %s", root ? "too long" : why);
        kr_row_wipe(row);
    }
    return ok;
}

void kr_row_wipe(kr_row_t *row)
{
    sodium_memzero(row->buf, row->used);
    row->used = 0;
}
