/* A stand-in for Windows' bcryptprimitives.dll, for tests under Wine 8 only; never shipped.
 *
 * Rust's standard library (1.78 and later) imports ProcessPrng from bcryptprimitives.dll, which
 * Windows 10 and later and Wine 9 have, and Wine 8 (Debian 12's) lacks: without it every Rust
 * program exits at once with code 53 and says nothing. ProcessPrng is answered here with
 * BCryptGenRandom, which Wine implements. */
#include <windows.h>
#include <bcrypt.h>

BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG part = len > 0x7fffffff ? 0x7fffffff : (ULONG)len;
        if (BCryptGenRandom(NULL, data, part, BCRYPT_USE_SYSTEM_PREFERRED_RNG) != 0) return FALSE;
        data += part;
        len -= part;
    }
    return TRUE;
}
