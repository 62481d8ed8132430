#!/usr/bin/env bash
# Runs a command against a real, throw-away Secret Service: a private D-Bus session
# (dbus-run-session) with gnome-keyring-daemon unlocked with a fixed test password. HOME and the XDG
# folders point into a temporary directory, so the person's own keyring is never opened.
#
#   run-with-keyring.sh COMMAND [ARGS...]
#
# Exit 77 (CTest's SKIP_RETURN_CODE) when dbus-run-session or gnome-keyring-daemon is missing;
# .ci/quickstart installs both (packages dbus-daemon, gnome-keyring, libsecret-1-0).
set -euo pipefail

for tool in dbus-run-session gnome-keyring-daemon; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "SKIP: $tool is not installed (Debian: apt-get install dbus gnome-keyring libsecret-1-0)" >&2
    exit 77
  fi
done

scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
mkdir -p "$scratch/home" "$scratch/data" "$scratch/config" "$scratch/cache" "$scratch/run"
chmod 700 "$scratch/run"
export HOME="$scratch/home" XDG_DATA_HOME="$scratch/data" XDG_CONFIG_HOME="$scratch/config" \
       XDG_CACHE_HOME="$scratch/cache" XDG_RUNTIME_DIR="$scratch/run"
# An unknown desktop makes QtKeychain pick the Secret Service (libsecret), not KWallet.
export XDG_CURRENT_DESKTOP=TokenPassTest
export TOKENPASS_TEST_KEYRING=1

# Inside the private bus: start the keyring (it creates and unlocks a "login" keyring with the
# password read from stdin; an empty one makes it open a GUI prompt instead), then run the
# command. The daemon dies with the bus.
exec dbus-run-session -- bash -c '
  printf "tokenpass-test" | gnome-keyring-daemon --unlock --components=secrets --daemonize >/dev/null
  exec "$@"' run-with-keyring "$@"
