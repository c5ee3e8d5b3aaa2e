/* One way to read every INI file of the kiosk (config, languages, services, areas,
 * keyboards) with inih, so that every error reads "FILE:LINE: problem". */
#ifndef KIOSK_PLATFORM_INI_FILE_H
#define KIOSK_PLATFORM_INI_FILE_H

#include <stdbool.h>
#include <stddef.h>

/** Called for each key. Return false and write a short problem ("unknown key 'x'")
 *  to reject the line; parsing goes on so later keys still apply. */
typedef bool (*ini_item_fn)(void *user, const char *section, const char *key,
                            const char *value, char *problem, size_t problem_size);

/** Parses path. Returns false when the file cannot be read or any line was rejected;
 *  err then holds "PATH:LINE: problem" for the first one. */
bool ini_file_parse(const char *path, ini_item_fn fn, void *user, char *err, size_t err_size);

/* Value helpers: return false (with a problem) for malformed values. */
bool ini_parse_int(const char *value, int min, int max, int *out, char *problem, size_t size);
bool ini_parse_bool(const char *value, bool *out, char *problem, size_t size);
bool ini_parse_double(const char *value, double min, double max, double *out, char *problem,
                      size_t size);
/** Copies value into a fixed buffer; fails rather than truncate. */
bool ini_copy_string(const char *value, char *out, size_t out_size, char *problem,
                     size_t size);

#endif
