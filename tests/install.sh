#!/bin/sh
# install.sh: "make install" into a scratch prefix, then a program built
# against the installed header and library through pkg-config (shared and
# static) must run.  Usage: tests/install.sh BUILD_DIR
set -u
build=${1:-build}
T=$(mktemp -d /tmp/gesta-install-XXXXXX)
trap 'rm -rf "$T"' EXIT
fail=0
make -s --no-print-directory install BUILD="$build" PREFIX="$T/usr" >"$T/log" 2>&1 ||
    { echo "FAIL: make install"; cat "$T/log"; exit 1; }
cat >"$T/client.c" <<'C'
#include <gesta.h>
#include <stdio.h>
int main(void)
{
    gesta_engine *e;
    gesta_worker *w;
    if (gesta_engine_new(NULL, &e) < 0 || gesta_worker_new(e, &w) < 0)
        return 1;
    int n = gesta_worker_lookup(w, "Pakistani police", 16, 20240101);
    printf("%d %s\n", n, n > 0 ? gesta_worker_actor(w, 0)->code : "-");
    gesta_worker_free(w);
    gesta_engine_free(e);
    return 0;
}
C
export PKG_CONFIG_PATH="$T/usr/lib/pkgconfig"
cc "$T/client.c" -o "$T/shared" $(pkg-config --cflags --libs gesta) -Wl,-rpath,"$T/usr/lib" 2>"$T/err" ||
    { echo "FAIL: building against the shared library"; cat "$T/err"; fail=1; }
cc "$T/client.c" -o "$T/static" $(pkg-config --cflags gesta) "$T/usr/lib/libgesta.a" \
    $(pkg-config --static --libs gesta | sed 's/-lgesta//') 2>"$T/err" ||
    { echo "FAIL: building against the static library"; cat "$T/err"; fail=1; }
for p in shared static; do
    [ -x "$T/$p" ] || continue
    out=$("$T/$p")
    if [ "$out" = "1 PAKCOP" ]; then :; else echo "FAIL: $p client printed '$out'"; fail=1; fi
done
"$T/usr/bin/gesta" version >/dev/null || { echo "FAIL: installed gesta"; fail=1; }
[ $fail -eq 0 ] && echo "install: header, libraries, gesta.pc and tool work from $T/usr"
exit $fail
