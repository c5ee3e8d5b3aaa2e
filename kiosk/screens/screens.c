#include "screens/screens_internal.h"
#include "screens/wizard.h"

#include <string.h>

/* Every screen of the kiosk. Learn pages are listed one by one so the table stays a
 * constant; screens_check (unit test) verifies the count against SCREEN_LEARN_PAGE_COUNT. */
static const screen_def_t *const SCREENS[] = {
    &SCREEN_ATTRACT,
    &SCREEN_LANGUAGE,
    &SCREEN_HOME,
    &SCREEN_LEARN,
    &SCREEN_LEARN_PAGES[0],
    &SCREEN_LEARN_PAGES[1],
    &SCREEN_LEARN_PAGES[2],
    &SCREEN_LEARN_PAGES[3],
    &SCREEN_LEARN_PAGES[4],
    &SCREEN_LEARN_PAGES[5],
    &SCREEN_LEARN_PAGES[6],
    &SCREEN_COVER,
    &SCREEN_REPORT_URGENT,
    &SCREEN_REPORT_REVIEW[0],
    &SCREEN_REPORT_REVIEW[1],
    &SCREEN_REPORT_DONE,
    &SCREEN_SUPPORT,
    &SCREEN_ADMIN[0],
    &SCREEN_ADMIN[1],
    &SCREEN_PRIVACY,
    &SCREEN_STAFF,
    &SCREEN_STAFF_PAGES[0],
    &SCREEN_STAFF_PAGES[1],
    &SCREEN_STAFF_PAGES[2],
    &SCREEN_STAFF_PAGES[3],
    &SCREEN_STAFF_PAGES[4],
};
#define SCREEN_COUNT ((int)(sizeof SCREENS / sizeof SCREENS[0]))

int screens_count(void)
{
    return SCREEN_COUNT + wizard_step_count();
}

/* The fixed screens, then the wizard's rows (its table is the one list of its steps). */
const screen_def_t *screens_get(int i)
{
    if (i >= 0 && i < SCREEN_COUNT) {
        return SCREENS[i];
    }
    const wizard_step_t *row = wizard_step_at(i - SCREEN_COUNT);
    return row ? &row->screen : NULL;
}

const screen_def_t *screens_find(const char *id)
{
    for (int i = 0; id && i < screens_count(); i++) {
        const screen_def_t *s = screens_get(i);
        if (strcmp(s->id, id) == 0) {
            return s;
        }
    }
    return NULL;
}
