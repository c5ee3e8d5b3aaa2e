#include "cli/kiosk_reports_csv.h"

#include <string.h>

void kr_csv_begin(FILE *out)
{
    fputs("\xEF\xBB\xBF", out);
}

/* Digits, letters, spaces and + ( ) . / - only: inside ="..." such a value is a string
 * constant that cannot hold a quote, a cell reference or a function call. */
static bool kr_csv_identifier_safe(const char *v)
{
    if (!v[0]) {
        return false;
    }
    for (const char *p = v; *p; p++) {
        unsigned char c = (unsigned char)*p;
        bool alnum = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
        if (!alnum && !strchr(" +()./-", c)) {
            return false;
        }
    }
    return true;
}

void kr_csv_cell(FILE *out, const char *v, bool as_text, bool last)
{
    fputc('"', out);
    if (as_text && kr_csv_identifier_safe(v)) {
        fprintf(out, "=\"\"%s\"\"", v); /* ="v", with CSV's doubled quotes */
    } else {
        if (v[0] && strchr("=+-@\t\r", v[0])) {
            fputc('\'', out); /* never run typed text as a formula */
        }
        for (const char *p = v; *p; p++) {
            if (*p == '"') {
                fputc('"', out);
            }
            fputc(*p, out);
        }
    }
    fputs(last ? "\"\r\n" : "\",", out);
}
