/* Small-number suppression for published counts (the NHS/ONS practice): counts of 1-4
 * are shown as "<5" (primary), and where a table's cells add up to a published total,
 * further cells are withheld (secondary, "[c]") until no suppressed count can be worked
 * out from the total and the visible cells. */
#ifndef KIOSK_CLI_KIOSK_REPORTS_SUPPRESS_H
#define KIOSK_CLI_KIOSK_REPORTS_SUPPRESS_H

#include <stdbool.h>

#define KR_SUPPRESS_BELOW 5 /* 1..4 are suppressed; 0 is shown */

typedef enum {
    KR_CELL_SHOWN,    /* the exact count */
    KR_CELL_SMALL,    /* 1-4: shown as "<5" */
    KR_CELL_WITHHELD, /* shown as "[c]": withheld so another cell cannot be worked out */
} kr_cell_state_t;

/** Decides each cell's state. partition: every counted item is in exactly one cell, so
 *  the cells add up to total; total_known: that total is published exactly. Without
 *  both there is no sum to work from and only the primary rule applies. Cells withheld
 *  for the secondary rule are the smallest visible ones, so the least is lost. If even
 *  then a value could be derived, every suppressed cell of the table becomes "[c]". */
void kr_suppress(const long *counts, int n, bool partition, bool total_known, long total,
                 kr_cell_state_t *state);

/** The text of a cell: the number, "<5" or "[c]". */
const char *kr_suppress_text(long count, kr_cell_state_t state, char *buf, int size);

#endif
