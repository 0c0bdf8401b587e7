// System calls that Swift's Glibc module does not export (renameat2 needs _GNU_SOURCE).
#define _GNU_SOURCE
#include "CMSKitSystem.h"
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>

int cmskit_exchange_paths(const char *first, const char *second) {
#if defined(__linux__) && defined(RENAME_EXCHANGE)
    return renameat2(AT_FDCWD, first, AT_FDCWD, second, RENAME_EXCHANGE);
#elif defined(__APPLE__)
    return renamex_np(first, second, RENAME_SWAP);
#else
    (void)first; (void)second;
    errno = ENOSYS;
    return -1;
#endif
}
