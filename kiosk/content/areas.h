/* Areas for the "where" step: config/areas.ini, one section per area code. No SDL. */
#ifndef KIOSK_CONTENT_AREAS_H
#define KIOSK_CONTENT_AREAS_H

#include <stdbool.h>
#include <stddef.h>

#define AREAS_MAX 32
#define AREA_CODE_MAX 32

typedef struct area_list {
    char codes[AREAS_MAX][AREA_CODE_MAX];
    char names[AREAS_MAX][96]; /* English; shown names come from catalog key area.<code> */
    int count;
} area_list_t;

/** Loads areas.ini in file order. False with "FILE:LINE: problem". */
bool areas_load(area_list_t *areas, const char *path, char *err, size_t err_size);

#endif
