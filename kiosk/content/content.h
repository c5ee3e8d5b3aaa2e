/* Everything editable without a compiler that the screens read: areas, keyboards (and
 * support services). Loaded once at start; read-only afterwards. No SDL. */
#ifndef KIOSK_CONTENT_CONTENT_H
#define KIOSK_CONTENT_CONTENT_H

#include "content/areas.h"
#include "content/keyboard_set.h"
#include "content/services.h"

typedef struct content {
    area_list_t areas;
    keyboard_set_t keyboards;
    services_t services;
} content_t;

#endif
