#include "cli/kiosk_reports_suppress.h"

#include <stdio.h>

/* What someone who knows the rules may assume of a hidden cell: "<5" cells hold 1..4;
 * "[c]" cells were visible counts, so at least 5 (0 is never withheld on purpose). */
static void kr_cell_bounds(kr_cell_state_t s, long residual, long *lo, long *hi)
{
    *lo = s == KR_CELL_SMALL ? 1 : KR_SUPPRESS_BELOW;
    *hi = s == KR_CELL_SMALL ? KR_SUPPRESS_BELOW - 1 : residual;
}

/* True when some hidden cell has only one value consistent with the published total:
 * its range is [residual - sum of the others' maxima, residual - sum of their minima]
 * cut to its own bounds. */
static bool kr_some_cell_derivable(const long *counts, int n, long total,
                                   const kr_cell_state_t *state)
{
    long residual = total, lo_sum = 0, hi_sum = 0;
    int hidden = 0;
    for (int i = 0; i < n; i++) {
        if (state[i] == KR_CELL_SHOWN) {
            residual -= counts[i];
        }
    }
    for (int i = 0; i < n; i++) {
        if (state[i] != KR_CELL_SHOWN) {
            long lo, hi;
            kr_cell_bounds(state[i], residual, &lo, &hi);
            lo_sum += lo;
            hi_sum += hi;
            hidden++;
        }
    }
    for (int i = 0; i < n && hidden; i++) {
        if (state[i] == KR_CELL_SHOWN) {
            continue;
        }
        long lo, hi;
        kr_cell_bounds(state[i], residual, &lo, &hi);
        long min = residual - (hi_sum - hi), max = residual - (lo_sum - lo);
        min = min > lo ? min : lo;
        max = max < hi ? max : hi;
        if (min >= max) {
            return true;
        }
    }
    return false;
}

void kr_suppress(const long *counts, int n, bool partition, bool total_known, long total,
                 kr_cell_state_t *state)
{
    int hidden = 0;
    for (int i = 0; i < n; i++) {
        bool small = counts[i] > 0 && counts[i] < KR_SUPPRESS_BELOW;
        state[i] = small ? KR_CELL_SMALL : KR_CELL_SHOWN;
        hidden += small;
    }
    if (!partition || !total_known || !hidden) {
        return;
    }
    while (kr_some_cell_derivable(counts, n, total, state)) {
        int pick = -1;
        for (int i = 0; i < n; i++) {
            if (state[i] == KR_CELL_SHOWN && counts[i] > 0 &&
                (pick < 0 || counts[i] < counts[pick])) {
                pick = i;
            }
        }
        if (pick < 0) {
            /* nothing left to hide behind: withhold every hidden cell without a bound
             * (the total alone then fixes none of them) */
            for (int i = 0; i < n; i++) {
                if (state[i] != KR_CELL_SHOWN) {
                    state[i] = KR_CELL_WITHHELD;
                }
            }
            return;
        }
        state[pick] = KR_CELL_WITHHELD;
    }
}

const char *kr_suppress_text(long count, kr_cell_state_t state, char *buf, int size)
{
    if (state == KR_CELL_SMALL) {
        return "<5";
    }
    if (state == KR_CELL_WITHHELD) {
        return "[c]";
    }
    snprintf(buf, (size_t)size, "%ld", count);
    return buf;
}
