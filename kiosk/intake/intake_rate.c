#include "intake/intake_rate.h"

#include "report/report.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct rate_bucket {
    char kiosk_id[REPORT_KIOSK_ID_MAX];
    double tokens;
    int64_t updated_ms;
} rate_bucket_t;

struct intake_rate {
    pthread_mutex_t lock;
    double per_ms;
    double burst;
    rate_bucket_t *buckets; /* INTAKE_RATE_KIOSKS_MAX, linear search: a fleet is small */
    int used;
};

intake_rate_t *intake_rate_create(int per_minute, int burst)
{
    intake_rate_t *r = calloc(1, sizeof *r);
    if (!r || !(r->buckets = calloc(INTAKE_RATE_KIOSKS_MAX, sizeof *r->buckets))) {
        free(r);
        return NULL;
    }
    pthread_mutex_init(&r->lock, NULL);
    r->per_ms = per_minute / 60000.0;
    r->burst = burst;
    return r;
}

void intake_rate_destroy(intake_rate_t *r)
{
    if (r) {
        pthread_mutex_destroy(&r->lock);
        free(r->buckets);
        free(r);
    }
}

static rate_bucket_t *rate_find(intake_rate_t *r, const char *kiosk_id, int64_t now_ms)
{
    int oldest = 0;
    for (int i = 0; i < r->used; i++) {
        if (strcmp(r->buckets[i].kiosk_id, kiosk_id) == 0) {
            return &r->buckets[i];
        }
        if (r->buckets[i].updated_ms < r->buckets[oldest].updated_ms) {
            oldest = i;
        }
    }
    rate_bucket_t *b =
        r->used < INTAKE_RATE_KIOSKS_MAX ? &r->buckets[r->used++] : &r->buckets[oldest];
    snprintf(b->kiosk_id, sizeof b->kiosk_id, "%s", kiosk_id);
    b->tokens = r->burst;
    b->updated_ms = now_ms;
    return b;
}

bool intake_rate_take(intake_rate_t *r, const char *kiosk_id, int64_t now_ms, int *retry_after_s)
{
    pthread_mutex_lock(&r->lock);
    rate_bucket_t *b = rate_find(r, kiosk_id, now_ms);
    if (now_ms > b->updated_ms) {
        b->tokens += (double)(now_ms - b->updated_ms) * r->per_ms;
        if (b->tokens > r->burst) {
            b->tokens = r->burst;
        }
        b->updated_ms = now_ms;
    }
    bool ok = b->tokens >= 1.0;
    if (ok) {
        b->tokens -= 1.0;
    } else {
        /* whole seconds until a token is there, rounded up (not + 1: a minute's wait
         * said 61 when no time had passed since the last request) */
        double wait_ms = (1.0 - b->tokens) / r->per_ms;
        int wait_s = (int)(wait_ms / 1000.0);
        wait_s += wait_s * 1000.0 < wait_ms;
        *retry_after_s = wait_s > 0 ? wait_s : 1;
    }
    pthread_mutex_unlock(&r->lock);
    return ok;
}
