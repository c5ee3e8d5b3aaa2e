/* kiosk-reports stats: counts for the partnership's meetings, from reports whose person
 * allowed statistics (kr_open_paths() filters with KR_CONSENT_STATISTICS; kr_stats_add
 * checks again). Only codes are counted: no free text, contact or date finer than the
 * month ever enters these tables.
 *
 * Tables: one per dimension (site, month, motivation, incident type, reporter role,
 * anonymous or named, health impact, asked for health support, staff role when a member of
 * staff helped), and motivation by month
 * (the chart). Suppression is in kiosk_reports_suppress.c. */
#include "cli/kiosk_reports_stats.h"

#include "cli/kiosk_reports_csv.h"
#include "cli/kiosk_reports_suppress.h"

#include <stdlib.h>
#include <string.h>

static const char *const KR_CONTACT_CODES[] = {"anonymous", "named"};
static const char *const KR_ANSWER_CODES[] = {"yes", "no", KR_STATS_NOT_GIVEN};
/* who made the report with the person (issue 19): a staff role, or nobody */
#define KR_NOT_ASSISTED "not_assisted"

static void kr_table_init(kr_table_t *t, const char *name, bool partition, const char *const *codes,
                          int count)
{
    memset(t, 0, sizeof *t);
    snprintf(t->name, sizeof t->name, "%s", name);
    t->partition = partition;
    for (int i = 0; i < count; i++) {
        snprintf(t->labels[i], sizeof t->labels[i], "%s", codes[i]);
    }
    t->count = count;
    t->fixed = count > 0;
}

/* The cell for label, added (kept sorted) in a table without fixed codes. */
static int kr_table_cell(kr_table_t *t, const char *label)
{
    int i = 0;
    while (i < t->count && strcmp(t->labels[i], label) < 0 && !t->fixed) {
        i++;
    }
    if (t->fixed) {
        for (i = 0; i < t->count && strcmp(t->labels[i], label) != 0; i++) {
        }
        return i < t->count ? i : -1;
    }
    if (i < t->count && strcmp(t->labels[i], label) == 0) {
        return i;
    }
    if (t->count == KR_TABLE_CELLS_MAX) {
        return -1;
    }
    memmove(&t->labels[i + 1], &t->labels[i], (size_t)(t->count - i) * sizeof t->labels[0]);
    memmove(&t->counts[i + 1], &t->counts[i], (size_t)(t->count - i) * sizeof t->counts[0]);
    snprintf(t->labels[i], sizeof t->labels[i], "%s", label);
    t->counts[i] = 0;
    t->count++;
    return i;
}

static bool kr_table_add(kr_table_t *t, const char *label)
{
    int i = kr_table_cell(t, label);
    if (i < 0) {
        return false;
    }
    t->counts[i]++;
    return true;
}

/* A multi-valued answer: one count per code chosen, "not_given" when none was. */
static bool kr_table_add_flags(kr_table_t *t, const bool *flags, const char *const *codes,
                               int count)
{
    bool any = false, ok = true;
    for (int i = 0; i < count; i++) {
        if (flags[i]) {
            ok = kr_table_add(t, codes[i]) && ok;
            any = true;
        }
    }
    return any ? ok : kr_table_add(t, KR_STATS_NOT_GIVEN);
}

static void kr_codes_with_not_given(const char *const *codes, int count, const char **out)
{
    for (int i = 0; i < count; i++) {
        out[i] = codes[i];
    }
    out[count] = KR_STATS_NOT_GIVEN;
}

kr_stats_t *kr_stats_create(void)
{
    kr_stats_t *s = calloc(1, sizeof *s);
    if (!s) {
        return NULL;
    }
    const char *motivations[REPORT_MOTIVATION_COUNT + 1], *incidents[REPORT_INCIDENT_COUNT + 1];
    const char *roles[REPORT_ROLE_COUNT + 1], *health[REPORT_HEALTH_COUNT + 1];
    kr_codes_with_not_given(REPORT_MOTIVATION_CODES, REPORT_MOTIVATION_COUNT, motivations);
    kr_codes_with_not_given(REPORT_INCIDENT_CODES, REPORT_INCIDENT_COUNT, incidents);
    kr_codes_with_not_given(REPORT_ROLE_CODES, REPORT_ROLE_COUNT, roles);
    kr_codes_with_not_given(REPORT_HEALTH_CODES, REPORT_HEALTH_COUNT, health);
    kr_table_init(&s->tables[KR_TABLE_SITE], "site", true, NULL, 0);
    kr_table_init(&s->tables[KR_TABLE_MONTH], "month", true, NULL, 0);
    kr_table_init(&s->tables[KR_TABLE_MOTIVATION], "motivation", false, motivations,
                  REPORT_MOTIVATION_COUNT + 1);
    kr_table_init(&s->tables[KR_TABLE_INCIDENT], "incident_type", false, incidents,
                  REPORT_INCIDENT_COUNT + 1);
    kr_table_init(&s->tables[KR_TABLE_ROLE], "reporter_role", true, roles, REPORT_ROLE_COUNT + 1);
    kr_table_init(&s->tables[KR_TABLE_CONTACT], "anonymous_or_named", true, KR_CONTACT_CODES, 2);
    kr_table_init(&s->tables[KR_TABLE_HEALTH], "health_impact", false, health,
                  REPORT_HEALTH_COUNT + 1);
    kr_table_init(&s->tables[KR_TABLE_WANTS_SUPPORT], "asked_for_health_support", true,
                  KR_ANSWER_CODES, 3);
    const char *staff[REPORT_STAFF_ROLE_COUNT + 1];
    for (int i = 0; i < REPORT_STAFF_ROLE_COUNT; i++) {
        staff[i] = REPORT_STAFF_ROLE_CODES[i];
    }
    staff[REPORT_STAFF_ROLE_COUNT] = KR_NOT_ASSISTED;
    kr_table_init(&s->tables[KR_TABLE_STAFF_ROLE], "staff_role", true, staff,
                  REPORT_STAFF_ROLE_COUNT + 1);
    for (int m = 0; m < REPORT_MOTIVATION_COUNT; m++) {
        char name[KR_TABLE_NAME_MAX];
        snprintf(name, sizeof name, "motivation_by_month:%s", REPORT_MOTIVATION_CODES[m]);
        kr_table_init(&s->by_month[m], name, true, NULL, 0);
    }
    return s;
}

void kr_stats_destroy(kr_stats_t *s)
{
    free(s);
}

bool kr_stats_add(void *user, const report_t *r, const char *json, size_t json_len, char *err,
                  size_t err_size)
{
    kr_stats_t *s = user;
    (void)json;
    (void)json_len;
    if (!r->consent_statistics) {
        return true; /* never counted without the person's permission */
    }
    char month[8];
    snprintf(month, sizeof month, "%.7s", r->created_at);
    const char *role = r->reporter_role[0] ? r->reporter_role : KR_STATS_NOT_GIVEN;
    int wants = r->health_wants_support == REPORT_YES  ? 0
                : r->health_wants_support == REPORT_NO ? 1
                                                       : 2;
    kr_table_t *t = s->tables;
    bool ok = kr_table_add(&t[KR_TABLE_SITE], r->site_id[0] ? r->site_id : KR_STATS_NOT_GIVEN) &&
              kr_table_add(&t[KR_TABLE_MONTH], month) &&
              kr_table_add_flags(&t[KR_TABLE_MOTIVATION], r->motivations, REPORT_MOTIVATION_CODES,
                                 REPORT_MOTIVATION_COUNT) &&
              kr_table_add_flags(&t[KR_TABLE_INCIDENT], r->incident_types, REPORT_INCIDENT_CODES,
                                 REPORT_INCIDENT_COUNT) &&
              kr_table_add(&t[KR_TABLE_ROLE], role) &&
              kr_table_add(&t[KR_TABLE_CONTACT],
                           KR_CONTACT_CODES[r->contact_choice == REPORT_CONTACT_NAMED]) &&
              kr_table_add_flags(&t[KR_TABLE_HEALTH], r->health_impacts, REPORT_HEALTH_CODES,
                                 REPORT_HEALTH_COUNT) &&
              kr_table_add(&t[KR_TABLE_WANTS_SUPPORT], KR_ANSWER_CODES[wants]) &&
              kr_table_add(&t[KR_TABLE_STAFF_ROLE], r->assisted_by[0] && r->staff_role[0]
                                                        ? r->staff_role
                                                        : KR_NOT_ASSISTED);
    for (int m = 0; ok && m < REPORT_MOTIVATION_COUNT; m++) {
        ok = !r->motivations[m] || kr_table_add(&s->by_month[m], month);
    }
    if (!ok) {
        snprintf(err, err_size, "more than %d sites or months in one run", KR_TABLE_CELLS_MAX);
        return false;
    }
    s->total++;
    return true;
}

/* ---- suppression and CSV ---- */

void kr_stats_suppress(const kr_stats_t *s, kr_stats_view_t *v)
{
    long total_cell = s->total;
    kr_suppress(&total_cell, 1, false, false, 0, &v->total_state);
    bool total_known = v->total_state == KR_CELL_SHOWN;
    for (int i = 0; i < KR_TABLE_COUNT; i++) {
        const kr_table_t *t = &s->tables[i];
        kr_suppress(t->counts, t->count, t->partition, total_known, s->total, v->tables[i]);
    }
    /* a motivation's months add up to that motivation's count in its own table */
    const kr_table_t *mot = &s->tables[KR_TABLE_MOTIVATION];
    for (int m = 0; m < REPORT_MOTIVATION_COUNT; m++) {
        const kr_table_t *t = &s->by_month[m];
        bool known = v->tables[KR_TABLE_MOTIVATION][m] == KR_CELL_SHOWN;
        kr_suppress(t->counts, t->count, true, known, mot->counts[m], v->by_month[m]);
    }
}

/* Site ids come from each kiosk's config: written through the same guarded cells as
 * the exports. */
static void kr_csv_row(FILE *out, const char *table, const char *month, const char *category,
                       const char *count)
{
    kr_csv_cell(out, table, false, false);
    kr_csv_cell(out, month, false, false);
    kr_csv_cell(out, category, strcmp(table, "site") == 0, false); /* a site id stays text */
    kr_csv_cell(out, count, false, true);
}

bool kr_stats_write_csv(const kr_stats_t *s, FILE *out, char *err, size_t err_size)
{
    kr_stats_view_t *v = malloc(sizeof *v);
    char buf[32];
    if (!v) {
        snprintf(err, err_size, "out of memory");
        return false;
    }
    kr_stats_suppress(s, v);
    kr_csv_begin(out);
    kr_csv_row(out, "table", "month", "category", "count");
    kr_csv_row(out, "total", "", "reports allowing statistics",
               kr_suppress_text(s->total, v->total_state, buf, sizeof buf));
    for (int i = 0; i < KR_TABLE_COUNT; i++) {
        const kr_table_t *t = &s->tables[i];
        for (int c = 0; c < t->count; c++) {
            const char *text = kr_suppress_text(t->counts[c], v->tables[i][c], buf, sizeof buf);
            bool is_month = i == KR_TABLE_MONTH;
            kr_csv_row(out, t->name, is_month ? t->labels[c] : "", is_month ? "" : t->labels[c],
                       text);
        }
    }
    for (int m = 0; m < REPORT_MOTIVATION_COUNT; m++) {
        const kr_table_t *t = &s->by_month[m];
        for (int c = 0; c < t->count; c++) {
            kr_csv_row(out, "motivation_by_month", t->labels[c], REPORT_MOTIVATION_CODES[m],
                       kr_suppress_text(t->counts[c], v->by_month[m][c], buf, sizeof buf));
        }
    }
    free(v);
    if (fflush(out) != 0 || ferror(out)) {
        snprintf(err, err_size, "cannot write the statistics");
        return false;
    }
    return true;
}
