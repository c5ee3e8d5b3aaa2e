#include "platform/harden.h"

#include <sys/prctl.h>
#include <sys/resource.h>

bool harden_process(void)
{
    struct rlimit none = {0, 0};
    bool ok = setrlimit(RLIMIT_CORE, &none) == 0;
#if !defined(__SANITIZE_ADDRESS__)
    /* LeakSanitizer needs to ptrace its own threads, which non-dumpable forbids. */
    ok = prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0 && ok;
#endif
    return ok;
}
