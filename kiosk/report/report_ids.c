#include "report/report_ids.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>

static bool report_id_char_ok(unsigned char c, bool first)
{
    bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    return alnum || (!first && (c == '.' || c == '_' || c == '-'));
}

bool report_id_check(const char *id, const char *what, char *err, size_t err_size)
{
    char dummy[8];
    if (!err) {
        err = dummy;
        err_size = sizeof dummy;
    }
    size_t n = strlen(id);
    if (n == 0) {
        snprintf(err, err_size, "the %s is empty", what);
        return false;
    }
    if (n > REPORT_ID_TEXT_MAX) {
        snprintf(err, err_size, "the %s is too long (%zu bytes, at most %d)", what, n,
                 REPORT_ID_TEXT_MAX);
        return false;
    }
    for (size_t i = 0; i < n; i++) {
        if (!report_id_char_ok((unsigned char)id[i], i == 0)) {
            snprintf(err, err_size,
                     "the %s '%s' may hold only letters, digits, '.', '_' and '-' (starting "
                     "with a letter or digit): not %s at position %zu",
                     what, id, id[i] == ' ' ? "a space" : "that character", i + 1);
            return false;
        }
    }
    return true;
}

void report_make_uuid(char *out)
{
    unsigned char b[16];
    randombytes_buf(b, sizeof b);
    b[6] = (unsigned char)((b[6] & 0x0f) | 0x40); /* version 4 */
    b[8] = (unsigned char)((b[8] & 0x3f) | 0x80); /* RFC 4122 variant */
    snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
             b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7], b[8], b[9], b[10], b[11], b[12],
             b[13], b[14], b[15]);
}
