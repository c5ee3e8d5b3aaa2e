#include "content/keyboard_set.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int by_name(const void *a, const void *b)
{
    return strcmp(((const keyboard_layout_t *)a)->name, ((const keyboard_layout_t *)b)->name);
}

bool keyboard_set_load(keyboard_set_t *set, const char *dir, char *err, size_t err_size)
{
    memset(set, 0, sizeof *set);
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(err, err_size, "%s: cannot open the keyboards folder", dir);
        return false;
    }
    bool ok = true;
    for (struct dirent *e = readdir(d); e; e = readdir(d)) {
        size_t n = strlen(e->d_name);
        if (n < 5 || strcmp(e->d_name + n - 4, ".ini") != 0 || set->count >= KEYBOARD_SET_MAX) {
            continue;
        }
        char path[1024], msg[512];
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        keyboard_layout_t *kb = &set->layouts[set->count];
        if (keyboard_load(kb, path, msg, sizeof msg)) {
            if (kb->name[0] == '\0') {
                snprintf(kb->name, sizeof kb->name, "%.*s", (int)(n - 4), e->d_name);
            }
            set->count++;
        } else if (ok) {
            snprintf(err, err_size, "%s", msg);
            ok = false;
        }
    }
    closedir(d);
    qsort(set->layouts, (size_t)set->count, sizeof set->layouts[0], by_name);
    return ok;
}

const keyboard_layout_t *keyboard_set_find(const keyboard_set_t *set, const char *name)
{
    for (int i = 0; name && i < set->count; i++) {
        if (strcmp(set->layouts[i].name, name) == 0) {
            return &set->layouts[i];
        }
    }
    return NULL;
}
