#include "qr/qr.h"

#include <errno.h>
#include <qrencode.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static QRecLevel ecc_level(qr_ecc_t ecc)
{
    switch (ecc) {
    case QR_ECC_Q:
        return QR_ECLEVEL_Q;
    case QR_ECC_H:
        return QR_ECLEVEL_H;
    case QR_ECC_M:
        break;
    }
    return QR_ECLEVEL_M;
}

qr_code_t *qr_code_create(const char *text, qr_ecc_t ecc, char *err, size_t err_size)
{
    if (!text || text[0] == '\0' || strlen(text) > QR_TEXT_MAX) {
        snprintf(err, err_size, "QR text must be 1 to %d bytes", QR_TEXT_MAX);
        return NULL;
    }
    /* 8-bit mode keeps the URL exactly as written (no upper-casing). */
    QRcode *code = QRcode_encodeString8bit(text, 0, ecc_level(ecc));
    if (!code) {
        snprintf(err, err_size, "libqrencode: %s", strerror(errno));
        return NULL;
    }
    qr_code_t *qr = calloc(1, sizeof *qr);
    int size = code->width + 2 * QR_QUIET_MODULES;
    if (qr) {
        qr->modules = calloc((size_t)size * (size_t)size, 1);
    }
    if (!qr || !qr->modules) {
        snprintf(err, err_size, "out of memory");
        free(qr);
        sodium_memzero(code->data, (size_t)code->width * (size_t)code->width);
        QRcode_free(code);
        return NULL;
    }
    qr->size = size;
    qr->version = code->version;
    for (int y = 0; y < code->width; y++) {
        for (int x = 0; x < code->width; x++) {
            /* libqrencode: bit 0 of each byte is the module colour (1 = dark). */
            unsigned char dark = code->data[y * code->width + x] & 1u;
            qr->modules[(y + QR_QUIET_MODULES) * size + x + QR_QUIET_MODULES] = dark;
        }
    }
    /* a code can carry the person's reference (the follow-up page): no copy of it is left
     * in freed memory */
    sodium_memzero(code->data, (size_t)code->width * (size_t)code->width);
    QRcode_free(code);
    return qr;
}

void qr_code_destroy(qr_code_t *qr)
{
    if (!qr) {
        return;
    }
    sodium_memzero(qr->modules, (size_t)qr->size * (size_t)qr->size);
    free(qr->modules);
    free(qr);
}

bool qr_code_dark(const qr_code_t *qr, int x, int y)
{
    if (x < 0 || y < 0 || x >= qr->size || y >= qr->size) {
        return false;
    }
    return qr->modules[y * qr->size + x] != 0;
}
