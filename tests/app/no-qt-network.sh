#!/bin/sh
# Issue 19 (lean headless): the parts that used Qt Network besides the HTTP server no longer need
# it, so once the server is off Qt Network neither binary loads it at start. Reads the undefined
# symbols of the static libraries (nm), per object file:
#   libtokenpass_platform.a   all of it (the single-instance channel is a plain Unix socket)
#   libtokenpass_cli.a        all of it (the command line's HTTP client is plain sockets)
#   libtokenpass_server.a     UpstreamClient.cpp.o (the HTTPS client is the tokenpass_upstream module)
# Fails if any of them refers to a Qt Network class, or if nm read no Qt symbol at all.
#   no-qt-network.sh PLATFORM_LIB CLI_LIB SERVER_LIB
set -eu
network='Q(Network|Tcp|Udp|Local(Server|Socket)|AbstractSocket|HostAddress|HostInfo|Ssl|Dns)'
undefined() { nm -A -C --undefined-only "$1"; }
status=0
for lib in "$1" "$2"; do
  syms="$(undefined "$lib")"
  echo "$syms" | grep -q 'QString' || { echo "nm read no Qt symbols from $lib"; exit 1; }
  if echo "$syms" | grep -E "$network"; then echo "FAIL: $lib needs Qt Network"; status=1; fi
done
syms="$(undefined "$3" | grep 'UpstreamClient\.cpp\.o:' || true)"
[ -n "$syms" ] || { echo "no UpstreamClient.cpp.o in $3"; exit 1; }
if echo "$syms" | grep -E "$network"; then echo "FAIL: UpstreamClient needs Qt Network"; status=1; fi
[ "$status" -eq 0 ] && echo "platform, cli and UpstreamClient need no Qt Network"
exit "$status"
