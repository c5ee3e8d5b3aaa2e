#include "app/contact_sheet.h"

#include "app/png_save.h"

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define SHEET_WHOLE_MAX_PX 32768 /* a stitched picture's height at most */
#define SHEET_PATH_MAX (CONFIG_PATH_MAX + 128)

/* The tallest scroll view of the last frame that holds more than it shows, or NULL. */
static ui_scroll_t *sheet_tall_scroll(ui_t *ui)
{
    ui_scroll_t *best = NULL;
    for (int i = 0; i < UI_SCROLLS_MAX; i++) {
        ui_scroll_t *s = &ui->scrolls[i];
        if (s->id[0] && s->seen && s->content_h > s->view.h &&
            (!best || s->content_h > best->content_h)) {
            best = s;
        }
    }
    return best;
}

static void sheet_copy(SDL_Surface *from, SDL_Rect src, SDL_Surface *to, int y)
{
    SDL_Rect dst = {src.x, y, src.w, src.h};
    SDL_BlitSurface(from, &src, to, &dst);
}

bool contact_sheet_save_whole(runtime_t *rt, const char *path, bool *made, char *err,
                              size_t err_size)
{
    *made = false;
    ui_scroll_t *s = sheet_tall_scroll(&rt->ui);
    if (!s || !rt->surface) {
        return true;
    }
    char id[UI_ID_MAX];
    snprintf(id, sizeof id, "%s", s->id);
    SDL_Rect view = s->view;
    int content_h = s->content_h > SHEET_WHOLE_MAX_PX ? SHEET_WHOLE_MAX_PX : s->content_h;
    int below = rt->h - (view.y + view.h);
    SDL_Surface *whole = SDL_CreateRGBSurfaceWithFormat(0, rt->w, view.y + content_h + below, 32,
                                                        rt->surface->format->format);
    if (!whole) {
        snprintf(err, err_size, "%s: %s", path, SDL_GetError());
        return false;
    }
    /* what is above and below the view (title, buttons) from the unscrolled frame */
    sheet_copy(rt->surface, (SDL_Rect){0, 0, rt->w, view.y}, whole, 0);
    sheet_copy(rt->surface, (SDL_Rect){0, view.y + view.h, rt->w, below}, whole,
               view.y + content_h);
    for (int offset = 0;; offset += view.h) {
        int max = content_h - view.h;
        int at = offset < max ? offset : max;
        s->offset = at;
        s->velocity = 0;
        runtime_frame(rt);
        s = NULL;
        for (int i = 0; i < UI_SCROLLS_MAX && !s; i++) {
            s = strcmp(rt->ui.scrolls[i].id, id) == 0 ? &rt->ui.scrolls[i] : NULL;
        }
        if (!s) {
            break; /* the frame no longer has the view: keep what was stitched */
        }
        sheet_copy(rt->surface, view, whole, view.y + (int)s->offset);
        if (at >= max) {
            break;
        }
    }
    if (s) {
        s->offset = 0;
    }
    bool ok = png_save_rgb(whole, path, err, err_size);
    SDL_FreeSurface(whole);
    *made = ok;
    return ok;
}

/* HTML text: <, >, & and quotes escaped; UTF-8 passes through (the page says utf-8). */
static void sheet_escape(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '&': fputs("&amp;", f); break;
        case '"': fputs("&quot;", f); break;
        default: fputc(*s, f);
        }
    }
}

static void sheet_figure(FILE *f, const char *dir, const char *lang, const char *screen)
{
    char whole[SHEET_PATH_MAX], rel[SHEET_PATH_MAX];
    snprintf(whole, sizeof whole, "%s/%s/%s.whole.png", dir, lang, screen);
    bool has_whole = access(whole, R_OK) == 0;
    snprintf(rel, sizeof rel, "%s/%s%s.png", lang, screen, has_whole ? ".whole" : "");
    fputs("<figure><a href=\"", f);
    sheet_escape(f, rel);
    fputs("\"><img loading=\"lazy\" src=\"", f);
    sheet_escape(f, rel);
    fputs("\" alt=\"", f);
    sheet_escape(f, screen);
    fputs("\"></a><figcaption>", f);
    sheet_escape(f, screen);
    fputs(has_whole ? " (whole scroll view)" : "", f);
    fputs("</figcaption></figure>\n", f);
}

bool contact_sheet_write_index(const char *dir, const lang_registry_t *langs,
                               const char *const *screens, int screen_count, char *err,
                               size_t err_size)
{
    char path[SHEET_PATH_MAX], tmp[SHEET_PATH_MAX + 8];
    snprintf(path, sizeof path, "%s/index.html", dir);
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f) {
        snprintf(err, err_size, "%s: cannot write", tmp);
        return false;
    }
    fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
          "<title>Kiosk screens: every language</title>\n<style>\n"
          "body{font-family:sans-serif;margin:1em;background:#f4f4f4}\n"
          "nav a{margin-right:1em}\nsection{margin-bottom:2em}\n"
          ".grid{display:flex;flex-wrap:wrap;gap:12px;align-items:flex-start}\n"
          "figure{margin:0;width:384px;background:#fff;padding:6px;border:1px solid #ccc}\n"
          "figure img{width:100%;height:auto;display:block}\n"
          "figcaption{font-family:monospace;font-size:13px;margin-top:4px}\n"
          "</style></head><body>\n<h1>Every screen in every language</h1>\n"
          "<p>Made by <code>kiosk --screenshot-all</code>. A picture marked \"whole scroll "
          "view\" shows all of a screen's scrolling content; select a picture for full "
          "size.</p>\n<nav>",
          f);
    for (int l = 0; l < langs->count; l++) {
        fprintf(f, "<a href=\"#%s\">", langs->langs[l].code);
        sheet_escape(f, langs->langs[l].endonym);
        fputs("</a>", f);
    }
    fputs("</nav>\n", f);
    for (int l = 0; l < langs->count; l++) {
        const lang_info_t *li = &langs->langs[l];
        fprintf(f, "<section id=\"%s\"><h2 lang=\"%s\" dir=\"%s\">", li->code, li->code,
                li->rtl ? "rtl" : "ltr");
        sheet_escape(f, li->endonym);
        fputs("</h2><p>", f);
        sheet_escape(f, li->english_name);
        fprintf(f, " (%s)</p>\n<div class=\"grid\">\n", li->code);
        for (int i = 0; i < screen_count; i++) {
            sheet_figure(f, dir, li->code, screens[i]);
        }
        fputs("</div></section>\n", f);
    }
    fputs("</body></html>\n", f);
    bool ok = fflush(f) == 0 && !ferror(f);
    ok = fclose(f) == 0 && ok;
    if (!ok || rename(tmp, path) != 0) {
        snprintf(err, err_size, "%s: cannot write", path);
        unlink(tmp);
        return false;
    }
    return true;
}
