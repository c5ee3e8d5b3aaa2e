/* Statistics tables shared by the CSV writer and the chart (kiosk_reports_stats.c,
 * kiosk_reports_chart.c). */
#ifndef KIOSK_CLI_KIOSK_REPORTS_STATS_H
#define KIOSK_CLI_KIOSK_REPORTS_STATS_H

#include "cli/kiosk_reports.h"
#include "cli/kiosk_reports_suppress.h"

#define KR_TABLE_CELLS_MAX 400 /* sites or months in one run (33 years of months) */
#define KR_TABLE_LABEL_MAX REPORT_SITE_ID_MAX
#define KR_TABLE_NAME_MAX 64
#define KR_STATS_NOT_GIVEN "not_given"

typedef enum {
    KR_TABLE_SITE,
    KR_TABLE_MONTH,
    KR_TABLE_MOTIVATION,
    KR_TABLE_INCIDENT,
    KR_TABLE_ROLE,
    KR_TABLE_CONTACT,
    KR_TABLE_HEALTH,
    KR_TABLE_WANTS_SUPPORT,
    KR_TABLE_STAFF_ROLE, /* helped by a member of staff, by role (issue 19) */
    KR_TABLE_COUNT
} kr_table_id_t;

typedef struct kr_table {
    char name[KR_TABLE_NAME_MAX];
    bool partition; /* each report in exactly one cell: cells add up to the total */
    bool fixed;     /* cells are a code table (zeros listed); else added as seen, sorted */
    int count;
    char labels[KR_TABLE_CELLS_MAX][KR_TABLE_LABEL_MAX];
    long counts[KR_TABLE_CELLS_MAX];
} kr_table_t;

struct kr_stats {
    long total; /* reports allowing statistics */
    kr_table_t tables[KR_TABLE_COUNT];
    kr_table_t by_month[REPORT_MOTIVATION_COUNT]; /* per motivation: reports per month */
};

/** What may be shown of each cell. */
typedef struct kr_stats_view {
    kr_cell_state_t total_state;
    kr_cell_state_t tables[KR_TABLE_COUNT][KR_TABLE_CELLS_MAX];
    kr_cell_state_t by_month[REPORT_MOTIVATION_COUNT][KR_TABLE_CELLS_MAX];
} kr_stats_view_t;

void kr_stats_suppress(const kr_stats_t *s, kr_stats_view_t *v);

#endif
