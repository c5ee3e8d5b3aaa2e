/* Reporting on or off: the report service when it can be opened, else the reduced mode
 * (reporting.c says why it exists). */
#ifndef KIOSK_APP_REPORTING_H
#define KIOSK_APP_REPORTING_H

#include "app/runtime.h"

#include <stdbool.h>

#define REPORTING_RETRY_MS 30000

/** Opens the report service; config_checked: rt->cfg is the file as just checked and
 *  allows reports (start-up), else the file is read and checked again as it is now. On failure the
 *  kiosk is in the reduced mode: app.reporting_fault says why (logged once per fault)
 *  and a retry is due in REPORTING_RETRY_MS. True when reports can be taken. */
bool runtime_reporting_start(runtime_t *rt, bool config_checked);
/** Retries when due (called every frame; the run loop wakes for app.reports_retry_ms). */
void runtime_reporting_poll(runtime_t *rt);

#endif
