/* Line breaking of one paragraph: ICU ubrk gives UAX #14 break opportunities; segments
 * between them are measured with their runs' fonts and filled greedily. A segment wider than
 * the line is cut between grapheme clusters (UAX #29). With a line limit, the last line is
 * shortened (grapheme by grapheme) until it fits with an ellipsis. */
#include "text/text_internal.h"

#include <stdlib.h>
#include <string.h>
#include <unicode/uchar.h>
#include <unicode/utf16.h>

#define TEXT_ELLIPSIS "\xE2\x80\xA6" /* U+2026 */

typedef struct breaker {
    text_shaper_t *sh;
    text_layout_t *layout;
    text_para_t *para;
    int max_width;
    int content_end; /* paragraph end without trailing spaces */
    bool more_after;
    bool full;
    unsigned char *in_isolate; /* heap, n + 1: 1 where a break would split an isolate */
} breaker_t;

/* An inserted value (phone number, reference, URL) is wrapped in an isolate by
 * text_isolate(); breaking inside it would put "1234" of "+44 116 254 1234" on the next
 * line, so break opportunities inside isolates are ignored. */
static unsigned char *isolate_map(const text_para_t *para)
{
    unsigned char *map = calloc((size_t)para->n + 1, 1);
    if (!map) {
        return NULL;
    }
    int depth = 0;
    for (int i = 0; i < para->n; i++) {
        UChar c = para->u16[i];
        if (c >= 0x2066 && c <= 0x2068) {
            depth++;
        } else if (c == 0x2069 && depth > 0) {
            depth--;
        }
        map[i + 1] = depth > 0;
    }
    return map;
}

/* The next break opportunity after pos that is not inside an isolate. */
static int next_break(breaker_t *br, int pos)
{
    int b = ubrk_following(br->sh->line_breaks, pos);
    while (b != UBRK_DONE && b < br->para->n && br->in_isolate[b]) {
        b = ubrk_next(br->sh->line_breaks);
    }
    return b == UBRK_DONE ? br->para->n : b;
}

static int trim_end(const text_para_t *para, int start, int end)
{
    while (end > start) {
        UChar32 c;
        int i = end;
        U16_PREV(para->u16, start, i, c);
        if (!u_isUWhiteSpace(c)) {
            break;
        }
        end = i;
    }
    return end;
}

/* Grapheme boundaries of [start, end), relative to 0; caller frees. */
static int *grapheme_bounds(text_shaper_t *sh, const text_para_t *para, int start, int end,
                            int *count)
{
    int *bounds = malloc(((size_t)(end - start) + 1) * sizeof *bounds);
    *count = 0;
    if (!bounds) {
        return NULL;
    }
    UErrorCode st = U_ZERO_ERROR;
    ubrk_setText(sh->graphemes, para->u16 + start, end - start, &st);
    if (U_FAILURE(st)) {
        free(bounds);
        return NULL;
    }
    for (int b = ubrk_following(sh->graphemes, 0); b != UBRK_DONE;
         b = ubrk_next(sh->graphemes)) {
        bounds[(*count)++] = start + b;
    }
    return bounds;
}

/* Line ending in U+2026 built from para[start, g): a new paragraph over a copy owned by the
 * layout, so the ellipsis takes the paragraph direction like any neutral would. */
static bool ellipsis_para(breaker_t *br, int start, int g, text_para_t *out)
{
    const text_para_t *para = br->para;
    int a = para->byte_at[start], b = para->byte_at[trim_end(para, start, g)];
    size_t n = (size_t)(b - a);
    char *s = malloc(n + sizeof TEXT_ELLIPSIS);
    if (!s) {
        snprintf(br->sh->err, sizeof br->sh->err, "out of memory");
        return false;
    }
    memcpy(s, para->utf8 + a, n);
    memcpy(s + n, TEXT_ELLIPSIS, sizeof TEXT_ELLIPSIS);
    free(br->layout->ellipsis_text);
    br->layout->ellipsis_text = s;
    /* Characters missing here were already counted and reported with the paragraph. */
    text_missing_glyph_fn saved = br->sh->on_missing;
    br->sh->on_missing = NULL;
    bool ok = text_para_init(br->sh, out, s, (int)strlen(s), para->cp_base + para->cp_at[start],
                             br->layout->lang, br->layout->style.px, br->layout->style.bold);
    br->sh->on_missing = saved;
    return ok;
}

/* Width of [start, end) as a line, or with an ellipsis after it; false in *ok on failure. */
typedef int (*prefix_width_fn)(breaker_t *br, int start, int end, bool *ok);

/* The last grapheme boundary of [start, end) up to which fn's width still fits (widths
 * grow with the boundary). When even the first does not: the first if keep_first (a line
 * holds at least one cluster), else none; none too when [start, end) is empty. */
static int last_fitting(breaker_t *br, int start, int end, prefix_width_fn fn, bool keep_first,
                        int none, bool *ok)
{
    int count = 0;
    int *bounds = grapheme_bounds(br->sh, br->para, start, end, &count);
    if (!bounds) {
        *ok = false;
        snprintf(br->sh->err, sizeof br->sh->err, "grapheme breaking failed");
        return none;
    }
    int lo = keep_first ? 1 : 0, hi = count - 1;
    int best = keep_first && count > 0 ? bounds[0] : none;
    while (lo <= hi && *ok) {
        int mid = (lo + hi) / 2;
        if (fn(br, start, bounds[mid], ok) <= br->max_width) {
            best = bounds[mid];
            lo = mid + 1;
        } else {
            hi = mid - 1;
        }
    }
    free(bounds);
    return best;
}

static int ellipsis_width(breaker_t *br, int start, int g, bool *ok)
{
    text_para_t p;
    *ok = ellipsis_para(br, start, g, &p);
    int w = *ok ? text_para_measure(&p, 0, p.n) : 0;
    text_para_deinit(&p);
    return w;
}

/* The largest grapheme boundary g in (start, limit] whose text plus ellipsis fits. */
static int ellipsis_cut(breaker_t *br, int start, int limit, bool *ok)
{
    *ok = true;
    if (br->max_width <= 0) {
        return limit;
    }
    /* nothing fits: the line is the ellipsis */
    return last_fitting(br, start, limit, ellipsis_width, false, start, ok);
}

/* Ellipsis pieces point into the copy; clamp their code point spans to the kept input. */
static void ellipsis_fix_spans(text_layout_t *layout, int cp_limit)
{
    text_line_t *line = &layout->lines[layout->line_count - 1];
    for (int i = 0; i < line->piece_count; i++) {
        text_piece_t *p = &layout->pieces[line->first_piece + i];
        if (p->cp_start >= cp_limit) {
            p->cp_start = cp_limit;
            p->cp_len = 0;
        } else if (p->cp_start + p->cp_len > cp_limit) {
            p->cp_len = cp_limit - p->cp_start;
        }
    }
}

static bool emit_ellipsized(breaker_t *br, int start, int limit)
{
    bool ok;
    int g = ellipsis_cut(br, start, limit, &ok);
    text_para_t p;
    ok = ok && ellipsis_para(br, start, g, &p);
    if (ok) {
        int kept = trim_end(br->para, start, g);
        ok = text_layout_add_line(br->sh, br->layout, &p, 0, p.n);
        if (ok) {
            ellipsis_fix_spans(br->layout, br->para->cp_base + br->para->cp_at[kept]);
        }
        text_para_deinit(&p);
    }
    br->full = true;
    return ok;
}

/* Adds [start, end); limit is where an ellipsis search may reach if this is the last line. */
static bool emit(breaker_t *br, int start, int end, int limit)
{
    int max_lines = br->layout->style.max_lines;
    if (max_lines > 0 && br->layout->line_count == max_lines - 1) {
        bool more = trim_end(br->para, end, br->content_end) > end || br->more_after;
        if (more) {
            return emit_ellipsized(br, start, limit > end ? limit : end);
        }
    }
    if (max_lines > 0 && br->layout->line_count >= max_lines) {
        br->full = true;
        return true;
    }
    return text_layout_add_line(br->sh, br->layout, br->para, start, trim_end(br->para, start, end));
}

static int line_width(breaker_t *br, int start, int end, bool *ok)
{
    (void)ok;
    return text_para_measure(br->para, start, end);
}

/* Longest grapheme prefix of [start, end) that fits (at least one cluster). */
static int grapheme_fit(breaker_t *br, int start, int end, bool *ok)
{
    *ok = true;
    return last_fitting(br, start, end, line_width, true, end, ok);
}

/* Greedy filling: each break opportunity extends the candidate line, measured whole (a slice
 * of its runs' shapings, so cheap and exact: kerning across words and ink overhang count). */
static bool break_greedy(breaker_t *br)
{
    text_para_t *para = br->para;
    UErrorCode st = U_ZERO_ERROR;
    ubrk_setText(br->sh->line_breaks, para->u16, para->n, &st);
    if (U_FAILURE(st)) {
        snprintf(br->sh->err, sizeof br->sh->err, "ubrk: %s", u_errorName(st));
        return false;
    }
    int line_start = 0, pos = 0;
    while (pos < br->content_end && !br->full) {
        int b = next_break(br, pos);
        bool hard = ubrk_getRuleStatus(br->sh->line_breaks) >= UBRK_LINE_HARD;
        int content = trim_end(para, pos, b);
        if (pos != line_start && text_para_measure(para, line_start, content) > br->max_width) {
            if (!emit(br, line_start, pos, content)) {
                return false;
            }
            line_start = pos;
            continue; /* the same segment starts the next line */
        }
        if (pos == line_start && text_para_measure(para, pos, content) > br->max_width) {
            bool ok;
            int g = grapheme_fit(br, pos, content, &ok);
            if (!ok || !emit(br, line_start, g, content)) {
                return false;
            }
            line_start = pos = g;
            continue;
        }
        pos = b;
        if (hard && pos < br->content_end) {
            if (!emit(br, line_start, pos, pos)) {
                return false;
            }
            line_start = pos;
        }
    }
    if (!br->full && (line_start < br->content_end || line_start == 0)) {
        return emit(br, line_start, br->content_end, br->content_end);
    }
    return true;
}

bool text_para_break_lines(text_shaper_t *sh, text_layout_t *layout, text_para_t *para,
                           int max_width, bool more_after, bool *full)
{
    breaker_t br = {.sh = sh,
                    .layout = layout,
                    .para = para,
                    .max_width = max_width,
                    .content_end = trim_end(para, 0, para->n),
                    .more_after = more_after};
    bool ok = true;
    /* Most strings (labels, buttons) fit: one measurement of the whole paragraph decides. */
    if (max_width <= 0 || text_para_measure(para, 0, br.content_end) <= max_width) {
        ok = emit(&br, 0, br.content_end, br.content_end);
    } else {
        br.in_isolate = isolate_map(para);
        ok = br.in_isolate && break_greedy(&br);
        if (!br.in_isolate) {
            snprintf(sh->err, sizeof sh->err, "out of memory");
        }
        free(br.in_isolate);
    }
    *full = br.full;
    return ok;
}
