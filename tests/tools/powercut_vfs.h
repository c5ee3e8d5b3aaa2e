/* A test VFS that simulates power loss: see powercut_vfs.c. */
#ifndef KIOSK_TESTS_POWERCUT_VFS_H
#define KIOSK_TESTS_POWERCUT_VFS_H

#include <sqlite3.h>
#include <stdbool.h>

/** Registers the VFS as SQLite's default (wrapping "unix"); seed drives restore choices. */
bool powercut_vfs_install(unsigned seed);
/** The power goes off at the mutations-th write, truncate or sync from now (that call is
 *  lost and every later call fails) — unless restore comes first. */
void powercut_vfs_arm(long mutations);
/** True once the power is off. */
bool powercut_vfs_dead(void);
/** Writes, truncates and syncs seen so far (for the figures). */
long powercut_vfs_mutations(void);
/** Power back on: every tracked file is put back to what was synced (keep_some: plus a
 *  random subset of the unsynced writes, in order); -shm files are removed. Close every
 *  connection first. False if a file could not be rewritten. */
bool powercut_vfs_restore(bool keep_some);

#endif
