#include "report/report_reference.h"

#include <ctype.h>
#include <sodium.h>
#include <string.h>

#define REFERENCE_TAG_CHARS 2
#define REFERENCE_SEQ_CHARS 6
#define FEISTEL_HALF_BITS 15 /* 2 x 15 bits = 2^30 >= 31^6 */
#define FEISTEL_HALF_MASK ((1u << FEISTEL_HALF_BITS) - 1)
#define FEISTEL_ROUNDS 4

static int reference_value(char c)
{
    const char *p = strchr(REPORT_REFERENCE_ALPHABET, c);
    return (p && c) ? (int)(p - REPORT_REFERENCE_ALPHABET) : -1;
}

/* Round function: SipHash of (round, half) under the kiosk's key. */
static uint32_t reference_round(const unsigned char key[REPORT_REFERENCE_KEY_BYTES], int round,
                                uint32_t half)
{
    unsigned char in[5] = {(unsigned char)round, (unsigned char)half, (unsigned char)(half >> 8),
                           (unsigned char)(half >> 16), 0};
    unsigned char out[crypto_shorthash_BYTES];
    crypto_shorthash(out, in, sizeof in, key);
    return ((uint32_t)out[0] | (uint32_t)out[1] << 8) & FEISTEL_HALF_MASK;
}

/* A bijection on [0, 2^30); cycle-walking keeps it inside [0, 31^6). */
static uint32_t reference_permute(const unsigned char key[REPORT_REFERENCE_KEY_BYTES], uint32_t x)
{
    do {
        uint32_t left = x >> FEISTEL_HALF_BITS, right = x & FEISTEL_HALF_MASK;
        for (int r = 0; r < FEISTEL_ROUNDS; r++) {
            uint32_t next = left ^ reference_round(key, r, right);
            left = right;
            right = next;
        }
        x = left << FEISTEL_HALF_BITS | right;
    } while (x >= REPORT_REFERENCE_SEQUENCE_MAX);
    return x;
}

char report_reference_check_char(const char *body)
{
    /* weights 2..9 for the body and 1 for the check: all distinct and non-zero mod 31 */
    unsigned sum = 0;
    for (int i = 0; i < REPORT_REFERENCE_CHARS - 1; i++) {
        int v = reference_value(body[i]);
        sum += (unsigned)(i + 2) * (unsigned)(v < 0 ? 0 : v);
    }
    return REPORT_REFERENCE_ALPHABET[(REPORT_REFERENCE_RADIX - sum % REPORT_REFERENCE_RADIX) %
                                     REPORT_REFERENCE_RADIX];
}

bool report_reference_make(const char *kiosk_id, uint64_t sequence,
                           const unsigned char key[REPORT_REFERENCE_KEY_BYTES], char *out,
                           size_t out_size)
{
    if (sequence >= REPORT_REFERENCE_SEQUENCE_MAX || out_size < REPORT_REFERENCE_TEXT_MAX) {
        return false;
    }
    char body[REPORT_REFERENCE_CHARS + 1];
    unsigned char hash[8];
    crypto_generichash(hash, sizeof hash, (const unsigned char *)kiosk_id, strlen(kiosk_id), NULL,
                       0);
    unsigned tag = ((unsigned)hash[0] | (unsigned)hash[1] << 8) %
                   (REPORT_REFERENCE_RADIX * REPORT_REFERENCE_RADIX);
    body[0] = REPORT_REFERENCE_ALPHABET[tag / REPORT_REFERENCE_RADIX];
    body[1] = REPORT_REFERENCE_ALPHABET[tag % REPORT_REFERENCE_RADIX];
    uint32_t n = reference_permute(key, (uint32_t)sequence);
    for (int i = REFERENCE_TAG_CHARS + REFERENCE_SEQ_CHARS - 1; i >= REFERENCE_TAG_CHARS; i--) {
        body[i] = REPORT_REFERENCE_ALPHABET[n % REPORT_REFERENCE_RADIX];
        n /= REPORT_REFERENCE_RADIX;
    }
    body[REPORT_REFERENCE_CHARS - 1] = report_reference_check_char(body);
    body[REPORT_REFERENCE_CHARS] = '\0';
    memcpy(out, body, 3);
    out[3] = '-';
    memcpy(out + 4, body + 3, 3);
    out[7] = '-';
    memcpy(out + 8, body + 6, 3);
    out[11] = '\0';
    return true;
}

bool report_reference_normalise(const char *text, char *out, size_t out_size)
{
    size_t n = 0;
    if (out_size < REPORT_REFERENCE_CHARS + 1) {
        return false;
    }
    for (const char *p = text; *p; p++) {
        if (*p == '-' || *p == ' ') {
            continue;
        }
        char c = (char)toupper((unsigned char)*p);
        if (n == REPORT_REFERENCE_CHARS || reference_value(c) < 0) {
            return false;
        }
        out[n++] = c;
    }
    out[n] = '\0';
    return n == REPORT_REFERENCE_CHARS;
}

bool report_reference_valid(const char *text)
{
    char body[REPORT_REFERENCE_CHARS + 1];
    return report_reference_normalise(text, body, sizeof body) &&
           report_reference_check_char(body) == body[REPORT_REFERENCE_CHARS - 1];
}
