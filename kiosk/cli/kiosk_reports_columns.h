/* Export columns and rows (kiosk_reports_columns.c): one report per row, columns from the
 * report JSON. Shared by the CSV and xlsx writers so they always agree. */
#ifndef KIOSK_CLI_KIOSK_REPORTS_COLUMNS_H
#define KIOSK_CLI_KIOSK_REPORTS_COLUMNS_H

#include "report/report_json.h"

#include <stdbool.h>
#include <stddef.h>

#define KR_COLUMNS_MAX 96
#define KR_COLUMN_NAME_MAX 64
#define KR_ROW_MAX (REPORT_JSON_MAX + KR_COLUMNS_MAX * 8)

typedef enum {
    KR_COLUMN_FIELD,    /* a JSON field by dotted path: "when.date", "contact.phone" */
    KR_COLUMN_CONSENTS, /* derived: the consents given, "police; statistics" */
    KR_COLUMN_CONTACT,  /* derived: "anonymous" or "named" */
    KR_COLUMN_MONTH,    /* derived: created_at as YYYY-MM (statistics only) */
} kr_column_kind_t;

typedef struct kr_column {
    kr_column_kind_t kind;
    char name[KR_COLUMN_NAME_MAX];
    bool as_text; /* an identifier a spreadsheet must not turn into a number */
} kr_column_t;

typedef struct kr_columns {
    kr_column_t items[KR_COLUMNS_MAX];
    int count;
} kr_columns_t;

/** The columns of a full export, or (statistics) of the coded-fields-only export. */
bool kr_columns_make(bool statistics, kr_columns_t *c, char *err, size_t err_size);

/** One report's cells, pointing into buf. Holds personal data: kr_row_wipe() after use. */
typedef struct kr_row {
    const char *cells[KR_COLUMNS_MAX];
    char buf[KR_ROW_MAX];
    size_t used;
} kr_row_t;

/** Fills row from a report's (re-serialised) JSON in the column order of c. */
bool kr_row_fill(kr_row_t *row, const kr_columns_t *c, const char *json, size_t len, char *err,
                 size_t err_size);
void kr_row_wipe(kr_row_t *row);

#endif
