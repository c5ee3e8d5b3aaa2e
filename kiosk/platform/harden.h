/* Process hardening: no core dumps (they could hold a report being typed). */
#ifndef KIOSK_PLATFORM_HARDEN_H
#define KIOSK_PLATFORM_HARDEN_H

#include <stdbool.h>

/** Sets RLIMIT_CORE to 0 and marks the process non-dumpable. */
bool harden_process(void);

#endif
