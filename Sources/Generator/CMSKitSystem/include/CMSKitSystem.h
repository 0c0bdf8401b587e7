#ifndef CMSKIT_SYSTEM_H
#define CMSKIT_SYSTEM_H

/// Swaps two paths in one step: `renameat2(RENAME_EXCHANGE)` on Linux, `renamex_np(RENAME_SWAP)` on Darwin. Returns 0,
/// or -1 with `errno` set (`ENOSYS` where the system has no such call, `EINVAL` where the file system cannot).
int cmskit_exchange_paths(const char *first, const char *second);

#endif
