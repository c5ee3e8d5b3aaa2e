/* Small file helpers for things that must survive a power cut or must stay private:
 * atomic writes (temp + fsync + rename + fsync dir, DESIGN §10) and bounded reads. */
#ifndef KIOSK_REPORT_REPORT_FILES_H
#define KIOSK_REPORT_REPORT_FILES_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/** Writes data to dir/name atomically with the given mode: a unique temp file in dir,
 *  fsync, rename over name, fsync dir. Either the whole old or the whole new file exists
 *  afterwards. With exclusive, an existing dir/name is left alone and this fails with
 *  *existed = true (existed may be NULL). */
bool report_file_write_atomic(const char *dir, const char *name, const void *data, size_t len,
                              mode_t mode, bool exclusive, bool *existed, char *err,
                              size_t err_size);

/** Reads a whole file of at most max bytes into a malloc'd buffer (NUL-terminated;
 *  caller frees, after sodium_memzero for secrets). */
bool report_file_read(const char *path, size_t max, unsigned char **data, size_t *len, char *err,
                      size_t err_size);

/** fsyncs a directory so a rename or create in it is durable. */
bool report_file_sync_dir(const char *dir, char *err, size_t err_size);

#endif
