/* What every benchmark here needs: a monotonic clock in milliseconds and medians. */
#ifndef KIOSK_TESTS_BENCH_UTIL_H
#define KIOSK_TESTS_BENCH_UTIL_H

#include <stdlib.h>
#include <time.h>

static inline double bench_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static inline int bench_compare(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/** The median of v[0..n) (sorts v); 0 when n is 0. */
static inline double bench_median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, bench_compare);
    return n ? v[n / 2] : 0;
}

#endif
