#include "app/session.h"

#include "content/services.h"

#include <sodium.h>
#include <stdio.h>

void session_wipe(session_t *s, const char *default_lang)
{
    sodium_memzero(s, sizeof *s);
    snprintf(s->lang, sizeof s->lang, "%s", default_lang);
}

unsigned session_motivation_bits(const session_t *s)
{
    unsigned bits = 0;
    for (int i = 0; i < REPORT_MOTIVATION_COUNT; i++) {
        if (s->report.motivations[i]) {
            bits |= services_motivation_bit(REPORT_MOTIVATION_CODES[i]);
        }
    }
    return bits;
}
