/* Lists every generic credential in the Windows Credential Manager, one line each:
 * "<blob bytes> <target name>" (UTF-8). A test-only tool, built with mingw-w64 and run under Wine by
 * `make windows-test`, so the tests count what keyring stored and check each entry's size against
 * Windows' 2,560-byte limit, which Wine does not enforce. */
#include <windows.h>
#include <wincred.h>
#include <stdio.h>

int wmain(void) {
    DWORD count = 0;
    PCREDENTIALW *creds = NULL;
    if (!CredEnumerateW(NULL, 0, &count, &creds)) {
        if (GetLastError() == ERROR_NOT_FOUND) return 0;
        fwprintf(stderr, L"CredEnumerateW failed: %lu\n", GetLastError());
        return 1;
    }
    for (DWORD i = 0; i < count; i++) {
        char name[4096];
        if (!WideCharToMultiByte(CP_UTF8, 0, creds[i]->TargetName, -1, name, sizeof name, NULL, NULL))
            continue;
        printf("%lu %s\n", (unsigned long)creds[i]->CredentialBlobSize, name);
    }
    CredFree(creds);
    return 0;
}
