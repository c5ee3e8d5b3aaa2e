#include "ui/gloss.h"

/* The English is a step smaller than the label: the person's language leads. */
#define GLOSS_SCALE 0.8
#define GLOSS_GAP 4 /* units between the label and its English */

const char *gloss_of(const ui_t *ui, const char *text)
{
    if (!ui->gloss || !text || !text[0]) {
        return NULL;
    }
    return ui->gloss(ui->gloss_ctx, text);
}

static const text_layout_t *gloss_layout(ui_t *ui, const char *gloss, int w,
                                         const ui_text_opts_t *o)
{
    text_style_t style = {.px = theme_font_px(&ui->theme, o->size * GLOSS_SCALE),
                          .bold = false,
                          .align = o->align,
                          .max_lines = 0};
    /* English is a left-to-right paragraph: on a right-to-left screen its "start" is
     * still the screen's reading start, the right edge, lined up with the label above */
    if (ui->rtl && style.align != TEXT_ALIGN_CENTER) {
        style.align = style.align == TEXT_ALIGN_START ? TEXT_ALIGN_END : TEXT_ALIGN_START;
    }
    return text_layout(ui->text, gloss, "en", &style, w);
}

int gloss_height(ui_t *ui, const char *gloss, int w, const ui_text_opts_t *label_opts)
{
    if (!gloss) {
        return 0;
    }
    return theme_px(&ui->theme, GLOSS_GAP) +
           text_layout_height(gloss_layout(ui, gloss, w, label_opts));
}

int gloss_draw(ui_t *ui, const char *gloss, SDL_Rect r, SDL_Rect box,
               const ui_text_opts_t *label_opts)
{
    if (!gloss) {
        return 0;
    }
    const text_layout_t *l = gloss_layout(ui, gloss, r.w, label_opts);
    int y = r.y + theme_px(&ui->theme, GLOSS_GAP);
    ui_record_ink(ui, l, r.x, y, r.w, box);
    ui_draw_layout(ui, l, r.x, y, r.w, label_opts->color);
    return y - r.y + text_layout_height(l);
}
