#!/usr/bin/env bash
# Saves PNG screenshots of TokenPass's windows into docs/screenshots/. The real app runs under
# Xvfb beside a tray host (trayer), and is driven the way a person would: the setup wizard on the
# first start, a click on the tray icon, the tray menu, and a site asking to connect over HTTP.
# Then again in German (LANGUAGE=de, as a German desktop sets it) and with a dark Qt style
# (Adwaita-Dark from adwaita-qt6, through QT_STYLE_OVERRIDE: the tray icon follows the palette).
#
#   bash docs/screenshots/capture.sh [path/to/tokenpass]      (default: build/app/tokenpass)
#
# Needs: Xvfb, trayer, xdotool, ImageMagick (import), curl, adwaita-qt6 (installed with apt when missing and
# running as root). Everything runs in a temporary HOME and data folder on a free port.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
bin="$(readlink -f "${1:-$root/build/app/tokenpass}")"
out="${SCREENSHOT_DIR:-$here}"
[ -x "$bin" ] || { echo "capture.sh: no tokenpass binary at $bin (build first)" >&2; exit 2; }

need=()
for tool in Xvfb:xvfb trayer:trayer xdotool:xdotool import:imagemagick curl:curl; do
  command -v "${tool%%:*}" >/dev/null 2>&1 || need+=("${tool##*:}")
done
dpkg -s adwaita-qt6 >/dev/null 2>&1 || need+=(adwaita-qt6) # the dark style of step 10
if ((${#need[@]})); then
  if [ "$(id -u)" -ne 0 ]; then
    echo "capture.sh: missing ${need[*]}; install them with apt-get" >&2; exit 2
  fi
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi

work="$(mktemp -d)"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" XDG_RUNTIME_DIR="$work/run"
export TOKENPASS_AUTOSTART_PATH_MOCK="$work/autostart" QT_QPA_PLATFORM=xcb
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_RUNTIME_DIR" "$TOKENPASS_AUTOSTART_PATH_MOCK"
chmod 700 "$XDG_RUNTIME_DIR"
data="$work/data"
password="correct horse battery staple"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
api="http://127.0.0.1:$port/api"

display=":$((90 + RANDOM % 400))"
Xvfb "$display" -screen 0 1280x1024x24 -nolisten tcp >/dev/null 2>&1 &
pids+=($!)
export DISPLAY="$display"
for _ in $(seq 50); do xdotool getdisplaygeometry >/dev/null 2>&1 && break; sleep 0.1; done
tray_pid=""
start_tray() { # a tray host at the top right; $@: extra trayer options (colours)
  trayer --edge top --align right --widthtype request --height 32 --SetDockType true \
    --distance 0 "$@" >/dev/null 2>&1 &
  tray_pid=$!
  pids+=("$tray_pid")
  for _ in $(seq 50); do xdotool search --onlyvisible --name '^panel$' >/dev/null 2>&1 && break; sleep 0.1; done
}
stop_tray() { kill "$tray_pid" 2>/dev/null || true; wait "$tray_pid" 2>/dev/null || true; }
start_tray --transparent false

app_pid=""
start_app() {
  "$bin" --data-dir "$data" --port "$port" "$@" >"$work/app.log" 2>&1 &
  app_pid=$!
  pids+=("$app_pid")
  for _ in $(seq 100); do curl -fs "$api/status" >/dev/null 2>&1 && return 0; sleep 0.1; done
  echo "capture.sh: the app did not start:" >&2; cat "$work/app.log" >&2; exit 1
}
stop_app() { kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; }

# Unlocks through the API: a site signing in with the password ($1: its host) unlocks the wallet.
unlock_with_password() {
  curl -fs -X POST -H 'Content-Type: application/json' \
    -d "{\"host\":\"$1\",\"password\":\"$password\",\"scopes\":\"read_profile\",\"expiry\":\"1d\"}" \
    "$api/auth" >/dev/null
}

# Saves the first visible window whose title matches $1 as $2.png (warns and goes on if absent).
shot_window() {
  local wid
  if ! wid="$(timeout 10 xdotool search --sync --onlyvisible --name "$1" 2>/dev/null | head -1)" || [ -z "$wid" ]; then
    echo "capture.sh: no window named '$1'; skipped $2.png" >&2; return 0
  fi
  sleep 0.8 # let it paint
  import -window "$wid" "$out/$2.png" && echo "saved $out/$2.png"
}
# The top-right corner of the screen: the tray icon and, when open, its menu.
shot_tray_corner() {
  sleep 0.8
  import -window root -crop 420x330+860+0 +repage "$out/$1.png" && echo "saved $out/$1.png"
}
tray_icon_click() { # $1: mouse button (1 left, 3 right)
  local wid x y w h
  wid="$(xdotool search --onlyvisible --name '^panel$' | head -1)" # trayer's panel window
  eval "$(xdotool getwindowgeometry --shell "$wid" | sed 's/^/local_/')"
  x=$((local_X + local_WIDTH / 2)); y=$((local_Y + local_HEIGHT / 2))
  xdotool mousemove "$x" "$y"
  sleep 0.3 # let the icon see the pointer enter before the click
  xdotool click "$1"
}

# 1. First start: no wallet, so the setup wizard opens.
start_app
shot_window "Set up TokenPass" setup-wizard
stop_app

# 2. A wallet made through the API (as a script or a restore would), then the app starts locked.
"$bin" --headless --data-dir "$data" --port "$port" >"$work/headless.log" 2>&1 &
headless=$!
pids+=("$headless")
for _ in $(seq 100); do curl -fs "$api/status" >/dev/null 2>&1 && break; sleep 0.1; done
curl -fs -X POST -H 'Content-Type: application/json' -d "{\"password\":\"$password\"}" "$api/register" >/dev/null
kill "$headless"; wait "$headless" 2>/dev/null || true

start_app --minimized
sleep 1
shot_tray_corner tray-locked
tray_icon_click 1 # locked: a left click opens the unlock dialog
shot_window "Unlock TokenPass" unlock
xdotool type --delay 20 "$password"
xdotool key Return
for _ in $(seq 100); do
  curl -fs "$api/status" | grep -q '"unlocked":true' && break; sleep 0.2
done

# 3. A site signs in with the password (a standing grant) and signs twice, so the sites window
#    has a row and an audit trail.
token="$(curl -fs -X POST -H 'Content-Type: application/json' \
  -d "{\"host\":\"shop.example\",\"password\":\"$password\",\"scopes\":\"read_profile,sign\",\"expiry\":\"1d\"}" \
  "$api/auth" | python3 -c 'import json,sys; print(json.load(sys.stdin)["accessToken"])')"
for message in "Order 1042: 2 x coffee" "Log in to shop.example"; do
  curl -fs -X POST -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
    -d "{\"message\":\"$message\",\"encoding\":\"utf8\"}" "$api/sign" >/dev/null || true
done

# 4. The tray menu, unlocked.
tray_icon_click 3
shot_tray_corner tray-menu
xdotool key Escape

# 5. The connected sites window (a left click when unlocked), with the site's activity shown.
tray_icon_click 1
if wid="$(timeout 10 xdotool search --sync --onlyvisible --name "Connected sites" | head -1)"; then
  eval "$(xdotool getwindowgeometry --shell "$wid" | sed 's/^/sites_/')"
  xdotool mousemove $((sites_X + 60)) $((sites_Y + 44)) click 1 # the first row
fi
shot_window "Connected sites" sites

# 6. Settings… and Show recovery words… from the tray menu (keyboard: Lock, Connected sites…,
#    Settings…, Show recovery words…; the disabled "Pending approvals" is skipped).
open_from_menu() { # $1: how many times to press Down
  tray_icon_click 3
  sleep 0.5
  for _ in $(seq "$1"); do xdotool key Down; done
  xdotool key Return
}
open_from_menu 3
shot_window "Settings — TokenPass" settings
# 6b. Change password… in the Settings window, by keyboard: focus starts on "Start TokenPass when
#     I log in"; seven Tabs pass the notification box, language, lock delay, the two lock boxes and
#     Show recovery words…; Space presses the button. Escape closes the dialog and then Settings.
if wid="$(xdotool search --onlyvisible --name "Settings — TokenPass" | head -1)"; then
  xdotool windowfocus --sync "$wid" 2>/dev/null || true
  for _ in $(seq 7); do xdotool key Tab; done
  xdotool key space
  shot_window "Change password — TokenPass" change-password
  xdotool key Escape
  sleep 0.3
  xdotool key Escape
fi
open_from_menu 4
shot_window "Recovery words — TokenPass" recovery-words

# 7. A new site asks to connect without a password: the consent dialog. Escape denies it.
curl -s -X POST -H 'Content-Type: application/json' -H 'Origin: https://news.example' \
  -d '{"host":"news.example","scopes":"read_profile,sign,encrypt","expiry":"1w"}' "$api/auth" >/dev/null &
shot_window "news.example wants to connect" consent
xdotool key Escape

stop_app

# 8. The same consent dialog in German: the app follows LANGUAGE like any program on a German
#    desktop (Settings can also name a language). Unlocked through the API, the dialog found by
#    its German title.
LANGUAGE=de LANG=de_DE.UTF-8 start_app --minimized
unlock_with_password shop.example
curl -s -X POST -H 'Content-Type: application/json' -H 'Origin: https://news.example' \
  -d '{"host":"news.example","scopes":"read_profile,sign,encrypt","expiry":"1w"}' "$api/auth" >/dev/null &
shot_window "news.example m" consent-de # "… möchte sich verbinden"
xdotool key Escape
stop_app

# 9. A dark theme: the Adwaita-Dark style gives the app a dark palette, so the tray icon takes its
#     dark variant (ui/AppIcon.cpp) and the menu is drawn dark, on a dark panel. Locked, then
#     unlocked with its menu.
stop_tray
start_tray --transparent true --alpha 0 --tint 0x2b2b2b # a dark panel
QT_STYLE_OVERRIDE=Adwaita-Dark start_app --minimized
sleep 1
shot_tray_corner tray-dark
unlock_with_password shop.example
sleep 0.5
tray_icon_click 3
shot_tray_corner tray-menu-dark
xdotool key Escape
stop_app

# 10. The signing approval needs a site on "ask every time" mid-request, the OAuth consents an app
#     mid-sign-in; the UI test suite draws them with the same widgets on this display
#     (tests/ui/DialogScreenshotTest.cpp).
ui_tests="${UI_TESTS:-$(dirname "$(dirname "$bin")")/tests/tokenpass_ui_tests}"
if [ -x "$ui_tests" ]; then
  mkdir -p "$work/grab"
  TOKENPASS_SCREENSHOT_DIR="$work/grab" "$ui_tests" --gtest_filter='DialogScreenshots.*' >/dev/null
  # Only the dialogs the steps above cannot reach; its unlock and consent PNGs are not the app's.
  for name in sign-approval tx-approval oauth-consent oauth-consent-device; do
    cp "$work/grab/$name.png" "$out/$name.png" && echo "saved $out/$name.png"
  done
else
  echo "capture.sh: no $ui_tests; skipped the approval and OAuth consent PNGs" >&2
fi
echo "capture.sh: screenshots in $out"
