/* The kiosk's free() and realloc() (kiosk/heap_scrub.c, linked into this test as into the
 * kiosk) leave nothing of a freed block readable in the process: a small block is zeroed
 * before glibc takes it back, a large one (glibc's own mapping) is unmapped, and realloc
 * keeps no old copy or cut-off tail. Checked with memscan over every writable mapping.
 * Under AddressSanitizer, whose allocator replaces glibc's, its free-fill does the zeroing:
 * the free() checks run there too; the realloc ones are the scrub's own. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "platform/memscan.h"

#if defined(__SANITIZE_ADDRESS__)
#define TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TEST_ASAN 1
#endif
#endif

/* in read-only data (not a writable mapping): the scan finds only the copies made here */
static const char TEST_MARK[] = "heap-scrub-marker-q7Vx2kLp";
#define TEST_SMALL 256               /* served from the heap, taken back without unmapping */
#define TEST_LARGE (4 * 1024 * 1024) /* above glibc's mmap threshold: a mapping of its own */
#define TEST_MARK_AT 64              /* past the words glibc writes into a freed block */

/* through a volatile pointer: a store just before free() is otherwise dropped as dead */
static void *(*volatile test_copy)(void *, const void *, size_t) = memcpy;

static void put_mark(char *block, size_t at)
{
    test_copy(block + at, TEST_MARK, sizeof TEST_MARK - 1);
}

/* Copies of the marker in writable memory, outside skip (NULL: none). */
static int marks_found(const void *skip, size_t skip_size)
{
    memscan_needle_t needle = {(const uint8_t *)TEST_MARK, sizeof TEST_MARK - 1};
    memscan_skip_t s = {skip, skip_size};
    memscan_hit_t hits[4];
    int n = memscan_find(&needle, 1, &s, skip ? 1 : 0, hits, 4);
    assert_true(n >= 0); /* /proc/self/maps readable */
    return n;
}

/* The scan itself: a live block's marker is found (else the checks below prove nothing). */
static void test_live_block_is_found(void **state)
{
    (void)state;
    char *p = malloc(TEST_SMALL);
    assert_non_null(p);
    put_mark(p, TEST_MARK_AT);
    int n = marks_found(NULL, 0);
    free(p);
    if (n < 1) {
        fail_msg("the marker in a live block was not found: the scan cannot show a leftover");
    }
}

static void test_freed_small_block_is_zeroed(void **state)
{
    (void)state;
    char *p = malloc(TEST_SMALL);
    assert_non_null(p);
    put_mark(p, TEST_MARK_AT);
    free(p);
    int n = marks_found(NULL, 0);
    if (n != 0) {
        fail_msg("a freed %d-byte block still holds its bytes (%d copies found)", TEST_SMALL, n);
    }
}

static void test_freed_large_block_is_gone(void **state)
{
    (void)state;
    char *p = malloc(TEST_LARGE);
    assert_non_null(p);
    put_mark(p, TEST_MARK_AT);
    put_mark(p, TEST_LARGE / 2);
    free(p);
    int n = marks_found(NULL, 0);
    if (n != 0) {
        fail_msg("a freed %d-byte block still holds its bytes (%d copies found)", TEST_LARGE, n);
    }
}

static void test_realloc_keeps_no_old_bytes(void **state)
{
    (void)state;
#if defined(TEST_ASAN)
    skip(); /* ASan's realloc, not the scrub's */
#else
    /* shrinking in place: the part given up is zeroed */
    char *p = malloc(4096);
    assert_non_null(p);
    put_mark(p, 2048);
    p = realloc(p, 1024);
    assert_non_null(p);
    int shrunk = marks_found(NULL, 0);
    free(p);
    /* growing: the old block is freed (zeroed); only the new one holds the bytes */
    char *q = malloc(TEST_SMALL);
    assert_non_null(q);
    put_mark(q, TEST_MARK_AT);
    q = realloc(q, 64 * 1024);
    assert_non_null(q);
    int grown = marks_found(q, 64 * 1024);
    free(q);
    if (shrunk != 0 || grown != 0) {
        fail_msg("realloc left old bytes: %d copies after shrinking past them, %d outside the "
                 "new block after growing",
                 shrunk, grown);
    }
#endif
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_live_block_is_found),
        cmocka_unit_test(test_freed_small_block_is_zeroed),
        cmocka_unit_test(test_freed_large_block_is_gone),
        cmocka_unit_test(test_realloc_keeps_no_old_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
