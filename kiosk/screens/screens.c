#include "screens/screens_internal.h"

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
    &SCREEN_REPORT_STEPS[0], /* safety */
    &SCREEN_REPORT_STEPS[1], /* urgent */
    &SCREEN_REPORT_STEPS[2], /* who */
    &SCREEN_REPORT_STEPS[3], /* why */
    &SCREEN_REPORT_STEPS[4], /* what */
    &SCREEN_REPORT_STEPS[5], /* when */
    &SCREEN_REPORT_STEPS[6], /* where */
    &SCREEN_REPORT_TEXT[0],  /* details */
    &SCREEN_REPORT_STEPS[7], /* health */
    &SCREEN_REPORT_TEXT[1],  /* contact */
    &SCREEN_REPORT_STEPS[8], /* consent */
    &SCREEN_REPORT_REVIEW[0],
    &SCREEN_REPORT_REVIEW[1],
    &SCREEN_REPORT_DONE,
    &SCREEN_SUPPORT,
    &SCREEN_ADMIN[0],
    &SCREEN_ADMIN[1],
};
#define SCREEN_COUNT ((int)(sizeof SCREENS / sizeof SCREENS[0]))

const screen_def_t *screens_find(const char *id)
{
    for (int i = 0; id && i < SCREEN_COUNT; i++) {
        if (strcmp(SCREENS[i]->id, id) == 0) {
            return SCREENS[i];
        }
    }
    return NULL;
}

const screen_def_t *const *screens_all(int *count)
{
    *count = SCREEN_COUNT;
    return SCREENS;
}
