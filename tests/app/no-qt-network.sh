#!/bin/sh
# Issue 19 (lean headless): nothing in the platform layer, the command line or the server needs Qt
# Network any more, so neither binary loads it at start. Reads the undefined symbols of the static
# libraries (nm), per object file:
#   libtokenpass_platform.a   the single-instance channel is a plain Unix socket
#   libtokenpass_cli.a        the command line's HTTP client is plain sockets
#   libtokenpass_server.a     the HTTP server is plain sockets; the HTTPS client is the
#                             tokenpass_upstream module, not part of this library
# Fails if any of them refers to a Qt Network class, or if nm read no Qt symbol at all.
#   no-qt-network.sh PLATFORM_LIB CLI_LIB SERVER_LIB
set -eu
network='Q(Network|Tcp|Udp|Local(Server|Socket)|AbstractSocket|HostAddress|HostInfo|Ssl|Dns|HttpServer|WebSocket)'
undefined() { nm -A -C --undefined-only "$1"; }
status=0
for lib in "$1" "$2" "$3"; do
  syms="$(undefined "$lib")"
  echo "$syms" | grep -q 'QString' || { echo "nm read no Qt symbols from $lib"; exit 1; }
  if echo "$syms" | grep -E "$network"; then echo "FAIL: $lib needs Qt Network"; status=1; fi
done
[ "$status" -eq 0 ] && echo "platform, cli and server need no Qt Network"
exit "$status"
