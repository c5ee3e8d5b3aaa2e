/* One way to read every INI file of the kiosk (config, languages, services, areas,
 * keyboards) with inih, so that every error reads "FILE:LINE: problem".
 *
 * inih is fed line by line through ini_parse_stream(), which is how each key gets its
 * physical line number and how what inih cannot take is caught before it sees it: lines
 * longer than it can hold (inih would split them and apply the truncated value), lines
 * that are neither "key = value" nor "[section]", files that are not regular files (a
 * FIFO, /dev/zero, a directory) or are larger than INI_FILE_MAX. */
#ifndef KIOSK_PLATFORM_INI_FILE_H
#define KIOSK_PLATFORM_INI_FILE_H

#include <stdbool.h>
#include <stddef.h>

#define INI_FILE_MAX (256 * 1024) /* no kiosk INI file comes near this */
#define INI_PROBLEMS_MAX 64       /* problems kept per file; the rest are counted */
#define INI_PROBLEM_MAX 400       /* "PATH:LINE: problem" */

/** Called for each key. Return false and write a short problem ("unknown key 'x'")
 *  to reject the line; parsing goes on so later keys still apply. */
typedef bool (*ini_item_fn)(void *user, const char *section, const char *key,
                            const char *value, char *problem, size_t problem_size);

/** As ini_item_fn, with the key's line. Also called once for each "[section]" header,
 *  with key and value NULL, so an unknown section is reported on its own line. */
typedef bool (*ini_line_fn)(void *user, int line, const char *section, const char *key,
                            const char *value, char *problem, size_t problem_size);

typedef struct ini_problem {
    int line; /* 0: the file as a whole */
    char section[32]; /* of the key it is about; "" when not about a key */
    char text[INI_PROBLEM_MAX]; /* "PATH:LINE: problem" */
} ini_problem_t;

/** Every problem found in one file, in line order as found. */
typedef struct ini_problems {
    int count;
    int dropped; /* beyond INI_PROBLEMS_MAX */
    ini_problem_t items[INI_PROBLEMS_MAX];
} ini_problems_t;

/** Adds "PATH:LINE: problem" (or "PATH: problem" for line 0) about a key of section
 *  (NULL when it is about no key). */
void ini_problems_add(ini_problems_t *p, const char *path, int line, const char *section,
                      const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/** Parses path, reporting every rejected or malformed line into problems (appended).
 *  True when there was none. */
bool ini_file_parse_all(const char *path, ini_line_fn fn, void *user, ini_problems_t *problems);

/** Parses path. Returns false when the file cannot be read or any line was rejected;
 *  err then holds "PATH:LINE: problem" for the first one. */
bool ini_file_parse(const char *path, ini_item_fn fn, void *user, char *err, size_t err_size);

/* Value helpers: return false (with a problem) for malformed values. */
bool ini_parse_int(const char *value, int min, int max, int *out, char *problem, size_t size);
bool ini_parse_bool(const char *value, bool *out, char *problem, size_t size);
/** Finite numbers only: "nan" and "inf" are refused. */
bool ini_parse_double(const char *value, double min, double max, double *out, char *problem,
                      size_t size);
/** Copies value into a fixed buffer; fails rather than truncate. */
bool ini_copy_string(const char *value, char *out, size_t out_size, char *problem,
                     size_t size);

#endif
