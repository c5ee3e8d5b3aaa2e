/* Export writers: JSON lines, CSV for spreadsheets, xlsx (libxlsxwriter).
 *
 * CSV is written for the way a receiving organisation opens it, by double-click in
 * LibreOffice Calc or Excel: UTF-8 with a byte-order mark (so Urdu is not read as
 * Windows-1252), CRLF line ends, every field quoted, multi-valued fields joined by "; ".
 *
 * Two spreadsheet hazards, two rules:
 *  - Formula injection: a cell a person typed that starts with = + - @ tab or CR gets a
 *    leading ' so it is never run as a formula. This applies to every typed cell.
 *  - Identifiers that look like numbers (phone 07700900123, an all-digit reference):
 *    quoting does not help (both programs still read "07700900123" as 7700900123), so
 *    these are written as the formula ="07700900123", which both programs evaluate to
 *    the text itself. This is no injection: it is applied only to the identifier columns
 *    (kiosk_reports_columns.c) and only when the value consists of digits, letters,
 *    spaces and + ( ) . / - (a string constant that cannot hold a quote, a reference or a
 *    function). Anything else in those columns falls back to the guarded text above. */
#include "cli/kiosk_reports.h"

#include "cli/kiosk_reports_columns.h"
#include "cli/kiosk_reports_csv.h"

#include <cjson/cJSON.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#define KR_XLSX_SHEET "Reports"
#define KR_XLSX_CELL_MAX 32767 /* Excel's limit per cell */

struct kr_export {
    kr_format_t format;
    bool statistics; /* the coded-fields-only export */
    FILE *out;
    kr_columns_t columns;
    kr_row_t row;
    lxw_workbook *book;
    lxw_worksheet *sheet;
    lxw_row_t next_row;
};

/* ---- CSV ---- */

static void kr_csv_header(kr_export_t *e)
{
    kr_csv_begin(e->out);
    for (int i = 0; i < e->columns.count; i++) {
        kr_csv_cell(e->out, e->columns.items[i].name, false, i + 1 == e->columns.count);
    }
}

static void kr_csv_row(kr_export_t *e)
{
    for (int i = 0; i < e->columns.count; i++) {
        kr_csv_cell(e->out, e->row.cells[i], e->columns.items[i].as_text,
                    i + 1 == e->columns.count);
    }
}

/* ---- xlsx ---- */

/* Every cell is a string cell: nothing is ever evaluated, and no leading zero is lost. */
static bool kr_xlsx_write_row(kr_export_t *e, const char *const *cells, char *err, size_t err_size)
{
    for (int i = 0; i < e->columns.count; i++) {
        if (!cells[i][0]) {
            continue;
        }
        lxw_error x =
            strlen(cells[i]) > KR_XLSX_CELL_MAX
                ? LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED
                : worksheet_write_string(e->sheet, e->next_row, (lxw_col_t)i, cells[i], NULL);
        if (x != LXW_NO_ERROR) {
            snprintf(err, err_size, "xlsx: %s", lxw_strerror(x));
            return false;
        }
    }
    e->next_row++;
    return true;
}

static bool kr_xlsx_open(kr_export_t *e, const char *path, char *err, size_t err_size)
{
    char dir[KR_PATH_MAX];
    const char *names[KR_COLUMNS_MAX];
    snprintf(dir, sizeof dir, "%s", path);
    /* libxlsxwriter stages the workbook in temporary files: keep them beside the output
     * (the receiver's chosen place), not in a shared /tmp */
    lxw_workbook_options options = {.tmpdir = dirname(dir)};
    e->book = workbook_new_opt(path, &options);
    e->sheet = e->book ? workbook_add_worksheet(e->book, KR_XLSX_SHEET) : NULL;
    if (!e->sheet) {
        snprintf(err, err_size, "cannot create workbook %s", path);
        return false;
    }
    for (int i = 0; i < e->columns.count; i++) {
        names[i] = e->columns.items[i].name;
    }
    worksheet_freeze_panes(e->sheet, 1, 0);
    return kr_xlsx_write_row(e, names, err, err_size);
}

/* ---- JSON of the statistics export: the coded columns as one flat object ---- */

static bool kr_json_flat_row(kr_export_t *e, char *err, size_t err_size)
{
    cJSON *o = cJSON_CreateObject();
    bool ok = o != NULL;
    for (int i = 0; ok && i < e->columns.count; i++) {
        ok = cJSON_AddStringToObject(o, e->columns.items[i].name, e->row.cells[i]) != NULL;
    }
    char *text = ok ? cJSON_PrintUnformatted(o) : NULL;
    report_json_delete_wiped(o);
    if (!text) {
        snprintf(err, err_size, "out of memory");
        return false;
    }
    fprintf(e->out, "%s\n", text);
    free(text);
    return true;
}

/* ---- the exporter ---- */

kr_export_t *kr_export_create(kr_format_t format, kr_consent_t consent, FILE *out,
                              const char *out_path, char *err, size_t err_size)
{
    kr_export_t *e = calloc(1, sizeof *e);
    if (!e) {
        snprintf(err, err_size, "out of memory");
        return NULL;
    }
    e->format = format;
    e->statistics = consent == KR_CONSENT_STATISTICS;
    e->out = out;
    bool ok = kr_columns_make(consent == KR_CONSENT_STATISTICS, &e->columns, err, err_size);
    if (ok && format == KR_FORMAT_XLSX) {
        ok = out_path ? kr_xlsx_open(e, out_path, err, err_size)
                      : (snprintf(err, err_size, "--format xlsx needs --out FILE.xlsx"), false);
    } else if (ok && format == KR_FORMAT_CSV) {
        kr_csv_header(e);
    }
    if (!ok) {
        kr_export_destroy(e);
        return NULL;
    }
    return e;
}

bool kr_export_report(void *user, const report_t *r, const char *json, size_t json_len, char *err,
                      size_t err_size)
{
    kr_export_t *e = user;
    (void)r; /* every format is written from the re-serialised JSON, so they agree */
    if (e->format == KR_FORMAT_JSON && !e->statistics) {
        fwrite(json, 1, json_len, e->out);
        fputs("\n", e->out);
        return !ferror(e->out) || (snprintf(err, err_size, "write error"), false);
    }
    if (!kr_row_fill(&e->row, &e->columns, json, json_len, err, err_size)) {
        return false;
    }
    bool ok = true;
    if (e->format == KR_FORMAT_XLSX) {
        ok = kr_xlsx_write_row(e, e->row.cells, err, err_size);
    } else if (e->format == KR_FORMAT_CSV) {
        kr_csv_row(e);
    } else {
        ok = kr_json_flat_row(e, err, err_size);
    }
    kr_row_wipe(&e->row);
    if (ok && e->out && ferror(e->out)) {
        snprintf(err, err_size, "write error");
        ok = false;
    }
    return ok;
}

bool kr_export_finish(kr_export_t *e, char *err, size_t err_size)
{
    if (e->book) {
        lxw_error x = workbook_close(e->book);
        e->book = NULL;
        if (x != LXW_NO_ERROR) {
            snprintf(err, err_size, "cannot write the workbook: %s", lxw_strerror(x));
            return false;
        }
    }
    if (e->out && fflush(e->out) != 0) {
        snprintf(err, err_size, "write error");
        return false;
    }
    return true;
}

void kr_export_destroy(kr_export_t *e)
{
    if (e) {
        if (e->book) {
            workbook_close(e->book);
        }
        kr_row_wipe(&e->row);
        free(e);
    }
}
