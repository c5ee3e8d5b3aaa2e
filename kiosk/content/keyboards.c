#include "content/keyboards.h"

#include "platform/ini_file.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool parse_row(keyboard_row_t *row, const char *value, char *problem, size_t size)
{
    char buf[512];
    if (!ini_copy_string(value, buf, sizeof buf, problem, size)) {
        return false;
    }
    row->count = 0;
    char *save = NULL;
    for (char *k = strtok_r(buf, " ", &save); k; k = strtok_r(NULL, " ", &save)) {
        if (row->count >= KEYBOARD_KEYS_MAX) {
            snprintf(problem, size, "more than %d keys in a row", KEYBOARD_KEYS_MAX);
            return false;
        }
        if (!ini_copy_string(k, row->keys[row->count++], KEYBOARD_KEY_MAX, problem, size)) {
            return false;
        }
    }
    if (row->count == 0) {
        snprintf(problem, size, "empty row");
        return false;
    }
    return true;
}

static bool on_item(void *user, const char *section, const char *key, const char *value,
                    char *problem, size_t size)
{
    keyboard_layout_t *kb = user;
    if (strcmp(section, "layout") == 0) {
        if (strcmp(key, "direction") == 0) {
            kb->rtl = strcmp(value, "rtl") == 0;
            return true;
        }
        if (strcmp(key, "name") == 0) {
            return ini_copy_string(value, kb->name, sizeof kb->name, problem, size);
        }
        snprintf(problem, size, "unknown key '%s' in [layout]", key);
        return false;
    }
    int n = 0;
    if (sscanf(key, "row%d", &n) != 1 || n < 1 || n > KEYBOARD_ROWS_MAX) {
        snprintf(problem, size, "keys must be row1 to row%d, not '%s'", KEYBOARD_ROWS_MAX, key);
        return false;
    }
    if (strcmp(section, "base") == 0) {
        kb->rows = n > kb->rows ? n : kb->rows;
        return parse_row(&kb->base[n - 1], value, problem, size);
    }
    if (strcmp(section, "shift") == 0) {
        kb->has_shift = true;
        return parse_row(&kb->shift[n - 1], value, problem, size);
    }
    snprintf(problem, size, "unknown section [%s]", section);
    return false;
}

bool keyboard_load(keyboard_layout_t *kb, const char *path, char *err, size_t err_size)
{
    memset(kb, 0, sizeof *kb);
    if (!ini_file_parse(path, on_item, kb, err, err_size)) {
        return false;
    }
    for (int i = 0; i < kb->rows; i++) {
        if (kb->base[i].count == 0 || (kb->has_shift && kb->shift[i].count != kb->base[i].count)) {
            snprintf(err, err_size, "%s: row%d is missing, or [shift] and [base] differ", path,
                     i + 1);
            return false;
        }
    }
    if (kb->rows == 0) {
        snprintf(err, err_size, "%s: no [base] rows", path);
        return false;
    }
    return true;
}
