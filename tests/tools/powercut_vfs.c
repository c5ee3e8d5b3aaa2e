/* A SQLite VFS that simulates power loss (the model of SQLite's own crash tests):
 * every write and truncate reaches the real file at once, as it would reach the page
 * cache, but is "durable" only after an xSync of that file. When the power is cut (after a
 * chosen number of writes/syncs), every later call fails as if the machine were off; then
 * powercut_vfs_restore() puts each file back to what was durable — dropping every write
 * not yet synced, or keeping a random subset of them in order (a disk that wrote some of
 * its cache before dying). Locks and shared memory pass through to the unix VFS; the
 * -shm file is removed on restore (it lives in memory and SQLite rebuilds it).
 *
 * Test-only code: one VFS per process, registered as the default so that the outbox opens
 * through it without knowing. */
#include "powercut_vfs.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define PC_FILES_MAX 16
#define PC_PATH_MAX 512

typedef struct pc_op {
    sqlite3_int64 offset; /* write offset, or new size for a truncate */
    int len;              /* -1: a truncate */
    unsigned char *data;
} pc_op_t;

/* One path's durable image and its writes since the last sync (shared by every handle
 * open on that path, as the page cache is). */
typedef struct pc_path {
    char path[PC_PATH_MAX];
    bool used;
    bool existed;          /* was durable (on disk) before */
    unsigned char *image;  /* durable content */
    sqlite3_int64 size;
    pc_op_t *ops;
    int op_count, op_cap;
} pc_path_t;

typedef struct pc_state {
    sqlite3_vfs *real;
    bool dead;
    long countdown; /* mutations until the cut; <0: never */
    long mutations;
    unsigned seed;
    pc_path_t paths[PC_FILES_MAX];
} pc_state_t;

typedef struct pc_file {
    sqlite3_file base;
    pc_path_t *p;   /* NULL: not tracked (temp files) */
    sqlite3_file *real;
} pc_file_t;

/* The one VFS of this test process (SQLite keeps a pointer to the vfs struct; its state
 * has to outlive every connection). */
static pc_state_t pc;

static bool pc_tick(void)
{
    if (pc.dead) {
        return false;
    }
    pc.mutations++;
    if (pc.countdown >= 0 && --pc.countdown < 0) {
        pc.dead = true; /* this very write is lost too */
        return false;
    }
    return true;
}

static void image_set_size(pc_path_t *p, sqlite3_int64 size)
{
    unsigned char *n = realloc(p->image, (size_t)size + 1);
    if (!n) {
        abort(); /* test harness: out of memory is not a result */
    }
    if (size > p->size) {
        memset(n + p->size, 0, (size_t)(size - p->size));
    }
    p->image = n;
    p->size = size;
}

static void op_apply(pc_path_t *p, const pc_op_t *op)
{
    if (op->len < 0) {
        if (op->offset < p->size) {
            image_set_size(p, op->offset);
        }
        return;
    }
    if (op->offset + op->len > p->size) {
        image_set_size(p, op->offset + op->len);
    }
    memcpy(p->image + op->offset, op->data, (size_t)op->len);
}

static void ops_clear(pc_path_t *p)
{
    for (int i = 0; i < p->op_count; i++) {
        free(p->ops[i].data);
    }
    p->op_count = 0;
}

static void op_push(pc_path_t *p, sqlite3_int64 offset, const void *data, int len)
{
    if (p->op_count == p->op_cap) {
        p->op_cap = p->op_cap ? p->op_cap * 2 : 64;
        p->ops = realloc(p->ops, (size_t)p->op_cap * sizeof *p->ops);
        if (!p->ops) {
            abort();
        }
    }
    pc_op_t *op = &p->ops[p->op_count++];
    op->offset = offset;
    op->len = len;
    op->data = NULL;
    if (len > 0) {
        op->data = malloc((size_t)len);
        if (!op->data) {
            abort();
        }
        memcpy(op->data, data, (size_t)len);
    }
}

static pc_path_t *path_find(const char *name, bool create)
{
    for (int i = 0; i < PC_FILES_MAX; i++) {
        if (pc.paths[i].used && strcmp(pc.paths[i].path, name) == 0) {
            return &pc.paths[i];
        }
    }
    if (!create) {
        return NULL;
    }
    for (int i = 0; i < PC_FILES_MAX; i++) {
        pc_path_t *p = &pc.paths[i];
        if (!p->used) {
            memset(p, 0, sizeof *p);
            p->used = true;
            snprintf(p->path, sizeof p->path, "%s", name);
            /* what is on disk now is durable (the last restore made it so) */
            FILE *f = fopen(name, "rb");
            if (f) {
                p->existed = true;
                fseek(f, 0, SEEK_END);
                long n = ftell(f);
                fseek(f, 0, SEEK_SET);
                image_set_size(p, n);
                if (n > 0 && fread(p->image, 1, (size_t)n, f) != (size_t)n) {
                    abort();
                }
                fclose(f);
            }
            return p;
        }
    }
    abort(); /* more files than the outbox ever opens */
}

static void path_forget(pc_path_t *p)
{
    ops_clear(p);
    free(p->ops);
    free(p->image);
    memset(p, 0, sizeof *p);
}

/* ---- io methods ---- */

static int pc_close(sqlite3_file *f)
{
    pc_file_t *pf = (pc_file_t *)f;
    int rc = pf->real->pMethods ? pf->real->pMethods->xClose(pf->real) : SQLITE_OK;
    free(pf->real);
    return rc;
}

static int pc_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 off)
{
    pc_file_t *pf = (pc_file_t *)f;
    if (pc.dead) {
        return SQLITE_IOERR_READ;
    }
    return pf->real->pMethods->xRead(pf->real, buf, n, off);
}

static int pc_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 off)
{
    pc_file_t *pf = (pc_file_t *)f;
    if (!pc_tick()) {
        return SQLITE_IOERR_WRITE;
    }
    int rc = pf->real->pMethods->xWrite(pf->real, buf, n, off);
    if (rc == SQLITE_OK && pf->p) {
        op_push(pf->p, off, buf, n);
    }
    return rc;
}

static int pc_truncate(sqlite3_file *f, sqlite3_int64 size)
{
    pc_file_t *pf = (pc_file_t *)f;
    if (!pc_tick()) {
        return SQLITE_IOERR_TRUNCATE;
    }
    int rc = pf->real->pMethods->xTruncate(pf->real, size);
    if (rc == SQLITE_OK && pf->p) {
        op_push(pf->p, size, NULL, -1);
    }
    return rc;
}

/* The real fsync is not needed (durability is what this VFS models), so tests stay fast
 * on any disk. */
static int pc_sync(sqlite3_file *f, int flags)
{
    pc_file_t *pf = (pc_file_t *)f;
    if (!pc_tick()) {
        return SQLITE_IOERR_FSYNC;
    }
    if (pf->p) {
        for (int i = 0; i < pf->p->op_count; i++) {
            op_apply(pf->p, &pf->p->ops[i]);
        }
        ops_clear(pf->p);
        pf->p->existed = true;
    }
    return SQLITE_OK;
}

static int pc_file_size(sqlite3_file *f, sqlite3_int64 *size)
{
    pc_file_t *pf = (pc_file_t *)f;
    return pc.dead ? SQLITE_IOERR_FSTAT : pf->real->pMethods->xFileSize(pf->real, size);
}

#define PC_FORWARD(name, args, call)                                                              \
    static int name args                                                                          \
    {                                                                                             \
        pc_file_t *pf = (pc_file_t *)f;                                                           \
        return pf->real->pMethods->call;                                                          \
    }

PC_FORWARD(pc_lock, (sqlite3_file * f, int l), xLock(pf->real, l))
PC_FORWARD(pc_unlock, (sqlite3_file * f, int l), xUnlock(pf->real, l))
PC_FORWARD(pc_check_lock, (sqlite3_file * f, int *out), xCheckReservedLock(pf->real, out))
PC_FORWARD(pc_file_control, (sqlite3_file * f, int op, void *arg), xFileControl(pf->real, op, arg))
PC_FORWARD(pc_sector_size, (sqlite3_file * f), xSectorSize(pf->real))
PC_FORWARD(pc_device_chars, (sqlite3_file * f), xDeviceCharacteristics(pf->real))
PC_FORWARD(pc_shm_map, (sqlite3_file * f, int pg, int sz, int ext, void volatile **pp),
           xShmMap(pf->real, pg, sz, ext, pp))
PC_FORWARD(pc_shm_lock, (sqlite3_file * f, int ofs, int n, int flags),
           xShmLock(pf->real, ofs, n, flags))
PC_FORWARD(pc_shm_unmap, (sqlite3_file * f, int del), xShmUnmap(pf->real, del))

static void pc_shm_barrier(sqlite3_file *f)
{
    pc_file_t *pf = (pc_file_t *)f;
    pf->real->pMethods->xShmBarrier(pf->real);
}

static const sqlite3_io_methods pc_io = {
    .iVersion = 2, .xClose = pc_close, .xRead = pc_read, .xWrite = pc_write,
    .xTruncate = pc_truncate, .xSync = pc_sync, .xFileSize = pc_file_size, .xLock = pc_lock,
    .xUnlock = pc_unlock, .xCheckReservedLock = pc_check_lock, .xFileControl = pc_file_control,
    .xSectorSize = pc_sector_size, .xDeviceCharacteristics = pc_device_chars,
    .xShmMap = pc_shm_map, .xShmLock = pc_shm_lock, .xShmBarrier = pc_shm_barrier,
    .xShmUnmap = pc_shm_unmap,
};

/* ---- vfs methods ---- */

static int pc_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out_flags)
{
    pc_file_t *pf = (pc_file_t *)f;
    memset(pf, 0, sizeof *pf);
    if (pc.dead) {
        return SQLITE_CANTOPEN;
    }
    pf->real = calloc(1, (size_t)pc.real->szOsFile);
    if (!pf->real) {
        return SQLITE_NOMEM;
    }
    int rc = pc.real->xOpen(pc.real, name, pf->real, flags, out_flags);
    if (rc != SQLITE_OK) {
        free(pf->real);
        pf->real = NULL;
        return rc;
    }
    bool tracked = name && (flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_WAL |
                                     SQLITE_OPEN_MAIN_JOURNAL));
    pf->p = tracked ? path_find(name, true) : NULL;
    pf->base.pMethods = &pc_io;
    return SQLITE_OK;
}

static int pc_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
    if (pc.dead) {
        return SQLITE_IOERR_DELETE;
    }
    pc_path_t *p = path_find(name, false);
    if (p) {
        path_forget(p); /* the delete is durable (SQLite asks for the directory sync) */
    }
    return pc.real->xDelete(pc.real, name, sync_dir);
}

static int pc_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
    return pc.dead ? SQLITE_IOERR_ACCESS : pc.real->xAccess(pc.real, name, flags, out);
}

static int pc_full_path(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
    return pc.real->xFullPathname(pc.real, name, n, out);
}

static int pc_randomness(sqlite3_vfs *vfs, int n, char *out)
{
    return pc.real->xRandomness(pc.real, n, out);
}

static int pc_sleep(sqlite3_vfs *vfs, int us)
{
    return pc.real->xSleep(pc.real, us);
}

static int pc_current_time(sqlite3_vfs *vfs, double *t)
{
    return pc.real->xCurrentTime(pc.real, t);
}

static int pc_last_error(sqlite3_vfs *vfs, int n, char *out)
{
    return pc.real->xGetLastError(pc.real, n, out);
}

static int pc_current_time64(sqlite3_vfs *vfs, sqlite3_int64 *t)
{
    return pc.real->xCurrentTimeInt64(pc.real, t);
}

static sqlite3_vfs pc_vfs = {
    .iVersion = 2, .mxPathname = PC_PATH_MAX, .zName = "powercut", .xOpen = pc_open,
    .xDelete = pc_delete, .xAccess = pc_access, .xFullPathname = pc_full_path,
    .xRandomness = pc_randomness, .xSleep = pc_sleep, .xCurrentTime = pc_current_time,
    .xGetLastError = pc_last_error, .xCurrentTimeInt64 = pc_current_time64,
};

bool powercut_vfs_install(unsigned seed)
{
    pc.real = sqlite3_vfs_find("unix");
    if (!pc.real) {
        return false;
    }
    pc.seed = seed;
    pc.countdown = -1;
    pc_vfs.szOsFile = (int)sizeof(pc_file_t);
    return sqlite3_vfs_register(&pc_vfs, 1) == SQLITE_OK;
}

void powercut_vfs_arm(long mutations)
{
    pc.countdown = mutations;
}

bool powercut_vfs_dead(void)
{
    return pc.dead;
}

long powercut_vfs_mutations(void)
{
    return pc.mutations;
}

/* Puts one file back to its durable image plus, with keep_some, a random subset of its
 * unsynced writes in order. */
static bool restore_path(pc_path_t *p, bool keep_some)
{
    if (keep_some) {
        for (int i = 0; i < p->op_count; i++) {
            if (rand_r(&pc.seed) % 2) {
                op_apply(p, &p->ops[i]);
                p->existed = true;
            }
        }
    }
    if (!p->existed) {
        return unlink(p->path) == 0 || access(p->path, F_OK) != 0;
    }
    int fd = open(p->path, O_WRONLY | O_CREAT, 0600);
    bool ok = fd >= 0 && ftruncate(fd, p->size) == 0 &&
              (p->size == 0 || pwrite(fd, p->image, (size_t)p->size, 0) == (ssize_t)p->size);
    if (fd >= 0) {
        close(fd);
    }
    return ok;
}

bool powercut_vfs_restore(bool keep_some)
{
    bool ok = true;
    for (int i = 0; i < PC_FILES_MAX; i++) {
        pc_path_t *p = &pc.paths[i];
        if (!p->used) {
            continue;
        }
        ok = restore_path(p, keep_some) && ok;
        char shm[PC_PATH_MAX + 8];
        snprintf(shm, sizeof shm, "%s-shm", p->path); /* rebuilt by SQLite after a crash */
        unlink(shm);
        path_forget(p);
    }
    pc.dead = false;
    pc.countdown = -1;
    return ok;
}
