#include "app/session.h"

#include <sodium.h>
#include <stdio.h>

void session_wipe(session_t *s, const char *default_lang)
{
    sodium_memzero(s, sizeof *s);
    snprintf(s->lang, sizeof s->lang, "%s", default_lang);
}
