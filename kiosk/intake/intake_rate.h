/* Per-kiosk rate limit: a token bucket per kiosk id, in this instance's memory (each
 * instance behind a load balancer limits on its own; the limit is a guard against a
 * faulty or stolen unit flooding the service, not accounting). Thread-safe. */
#ifndef KIOSK_INTAKE_INTAKE_RATE_H
#define KIOSK_INTAKE_INTAKE_RATE_H

#include <stdbool.h>
#include <stdint.h>

#define INTAKE_RATE_KIOSKS_MAX 4096 /* buckets; the oldest-used is reused beyond this */

typedef struct intake_rate intake_rate_t;

intake_rate_t *intake_rate_create(int per_minute, int burst);
void intake_rate_destroy(intake_rate_t *r); /* NULL: no-op */

/** Takes one token for kiosk_id at now_ms. False when none is left; *retry_after_s is then
 *  the whole seconds until one will be (at least 1). */
bool intake_rate_take(intake_rate_t *r, const char *kiosk_id, int64_t now_ms, int *retry_after_s);

#endif
