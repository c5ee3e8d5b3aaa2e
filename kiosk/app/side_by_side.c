#include "app/side_by_side.h"

#include <string.h>

bool side_by_side_on(const app_t *app)
{
    const session_t *s = &app->session;
    if ((app->screen && (app->screen->flags & SCREEN_OUTSIDE_SESSION)) ||
        strcmp(app_lang(app), "en") == 0) {
        return false; /* attract and cover are nobody's yet; English needs no English */
    }
    if (s->side_by_side != 0) {
        return s->side_by_side > 0;
    }
    return app->cfg->staff_side_by_side || s->report.assisted_by[0] != '\0';
}

void side_by_side_set(app_t *app, bool on)
{
    app->session.side_by_side = on ? 1 : -1;
    app->dirty = true;
}

bool side_by_side_chosen(const app_t *app)
{
    return app->session.side_by_side != 0;
}

/* ui->gloss: the English of a text of the session's language (the catalog's second
 * lookup); NULL for text that is not the catalog's (names, numbers, typed words). */
static const char *side_by_side_english(const void *ctx, const char *text)
{
    const app_t *app = ctx;
    return i18n_english_of(app->i18n, app_lang(app), text);
}

void side_by_side_attach(const app_t *app, ui_t *ui)
{
    bool on = side_by_side_on(app);
    ui->gloss = on ? side_by_side_english : NULL;
    ui->gloss_ctx = on ? app : NULL;
}
