/* Freed memory is zeroed before the allocator gets it back.
 *
 * The session's own buffers are zeroed by runtime_wipe(), but the libraries that lay out,
 * shape and render what someone typed (ICU, HarfBuzz, SDL_ttf, cJSON) copy it into
 * buffers of their own and free them without zeroing; glibc keeps freed chunks intact
 * (its tcache never perturbs them), so a typed name stayed readable in the heap for as
 * long as nothing reused the chunk. Defining free() and realloc() in the executable puts
 * this in front of glibc's for every library in the process (symbol interposition); both
 * call through to the next definition (glibc's), found once with dlsym(RTLD_NEXT).
 *
 * Only in the kiosk executable, and not under AddressSanitizer, whose allocator replaces
 * glibc's: there the same job is done by ASan's own free_fill options (below). */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <malloc.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* GCC says __SANITIZE_ADDRESS__, clang __has_feature(address_sanitizer) */
#if defined(__SANITIZE_ADDRESS__)
#define HEAP_SCRUB_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define HEAP_SCRUB_ASAN 1
#endif
#endif

#if !defined(HEAP_SCRUB_ASAN) && !defined(KIOSK_NO_HEAP_SCRUB)

/* glibc's free: resolved once, before main (a constructor), then only read. A free that
 * arrives while dlsym itself runs (never seen; possible in principle) is leaked rather
 * than recursing. */
static void (*next_free)(void *);

__attribute__((constructor(101))) static void heap_scrub_resolve(void)
{
    next_free = (void (*)(void *))dlsym(RTLD_NEXT, "free");
}

/* glibc serves a large block (above its mmap threshold: 128 KiB at first) from a mapping
 * of its own, and free() unmaps it: its pages go back to the kernel, which zero-fills
 * every page it maps for anyone again, so nothing of the block stays readable in this or
 * any process and zeroing it first only costs time (the 2.7 MB band of a screenshot, the
 * glyph atlas pages, the frame records: 5.7 M of the 235 M instructions of
 * `kiosk --screenshot home`). glibc marks such a block in the size word just before it
 * (IS_MMAPPED, bit 1: the word malloc_usable_size() reads). */
#define HEAP_SCRUB_IS_MMAPPED 0x2u

static int heap_scrub_unmapped_by_free(const void *p)
{
    size_t size_word;
    memcpy(&size_word, (const char *)p - sizeof size_word, sizeof size_word);
    return (size_word & HEAP_SCRUB_IS_MMAPPED) != 0;
}

void free(void *p)
{
    if (!p) {
        return;
    }
    if (!next_free) {
        heap_scrub_resolve();
        if (!next_free) {
            return;
        }
    }
    if (!heap_scrub_unmapped_by_free(p)) {
        explicit_bzero(p, malloc_usable_size(p));
    }
    next_free(p);
}

/* glibc's realloc frees the old block internally (not through free()), so a moved block
 * would keep its old copy: grow by allocate, copy, free (which zeroes) instead. Shrinking
 * keeps the block and zeroes what it gives up (a buffer reused for shorter text). */
void *realloc(void *p, size_t n)
{
    if (!p) {
        return malloc(n);
    }
    if (n == 0) {
        free(p);
        return NULL;
    }
    size_t have = malloc_usable_size(p);
    if (n <= have) {
        explicit_bzero((char *)p + n, have - n); /* the part given up keeps nothing */
        return p;
    }
    void *q = malloc(n);
    if (!q) {
        return NULL;
    }
    memcpy(q, p, have);
    free(p);
    return q;
}

void *reallocarray(void *p, size_t count, size_t size)
{
    if (size && count > SIZE_MAX / size) {
        errno = ENOMEM;
        return NULL;
    }
    return realloc(p, count * size);
}

#endif

#if defined(HEAP_SCRUB_ASAN)
/* Under AddressSanitizer its allocator keeps freed chunks in quarantine: have it fill them
 * with zeros on free, as free() above does in the deployed build. */
const char *__asan_default_options(void);
const char *__asan_default_options(void)
{
    return "max_free_fill_size=2147483647:free_fill_byte=0";
}
#endif
