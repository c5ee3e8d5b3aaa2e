#include "content/areas.h"

#include "platform/ini_file.h"
#include "report/report.h"

#include <stdio.h>
#include <string.h>

static bool on_item(void *user, const char *section, const char *key, const char *value,
                    char *problem, size_t size)
{
    area_list_t *a = user;
    if (!report_code_shape_valid(section)) {
        snprintf(problem, size, "area code '[%s]' must be lower-case letters, digits, '_'",
                 section);
        return false;
    }
    if (strcmp(key, "name") != 0) {
        snprintf(problem, size, "unknown key '%s' for area [%s]", key, section);
        return false;
    }
    if (a->count >= AREAS_MAX) {
        snprintf(problem, size, "too many areas (at most %d)", AREAS_MAX);
        return false;
    }
    snprintf(a->codes[a->count], AREA_CODE_MAX, "%s", section);
    return ini_copy_string(value, a->names[a->count++], sizeof a->names[0], problem, size);
}

bool areas_load(area_list_t *areas, const char *path, char *err, size_t err_size)
{
    memset(areas, 0, sizeof *areas);
    return ini_file_parse(path, on_item, areas, err, err_size);
}
