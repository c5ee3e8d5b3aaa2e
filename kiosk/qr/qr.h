/* QR codes (DESIGN §8): libqrencode to a grid of modules, quiet zone included, so that
 * the screen widget and the printed slip draw the same thing at whole-pixel scales.
 * No SDL. What may go into a code is decided by qr_url.h, not here. */
#ifndef KIOSK_QR_QR_H
#define KIOSK_QR_QR_H

#include <stdbool.h>
#include <stddef.h>

#define QR_QUIET_MODULES 4 /* the quiet zone the QR standard asks for, each side */
#define QR_TEXT_MAX 512    /* longest text we encode (a URL) */

typedef enum { QR_ECC_M, QR_ECC_Q, QR_ECC_H } qr_ecc_t; /* M or better, never L */

typedef struct qr_code {
    int size;               /* modules per side, quiet zone included */
    int version;            /* QR version (1-40) */
    unsigned char *modules; /* size * size, row-major, 1 = dark; owned */
} qr_code_t;

/** Encodes text (8-bit mode, case kept) at error correction ecc. NULL with err on
 *  failure. Caller frees with qr_code_destroy(). */
qr_code_t *qr_code_create(const char *text, qr_ecc_t ecc, char *err, size_t err_size);
void qr_code_destroy(qr_code_t *qr);

/** True when the module at (x, y) is dark; quiet zone and outside are light. */
bool qr_code_dark(const qr_code_t *qr, int x, int y);

#endif
