#!/usr/bin/env bash
# Builds TokenPass.AppDir from a CMake build folder and, when linuxdeploy (with its Qt plugin)
# and appimagetool are on PATH, the AppImage.
#
#   installers/linux/make-appdir.sh BUILD_DIR [OUT_DIR]
#
# Steps: `cmake --install` into OUT_DIR/TokenPass.AppDir/usr; linuxdeploy --plugin qt copies
# the Qt libraries and plugins and every other non-system library into the AppDir; appimagetool
# packs it. Without those tools the AppDir is still made (it runs on this machine with the
# system's Qt) and the script says what is missing. check-appdir.sh then runs the result.
set -euo pipefail

build_dir="${1:?usage: make-appdir.sh BUILD_DIR [OUT_DIR]}"
out_dir="${2:-$build_dir/appimage}"
appdir="$out_dir/TokenPass.AppDir"
app_id=app.tokenpass.TokenPass

# The fallback bundler: every library the binary and the Qt plugins need, except those every
# desktop has and that must match the host (glibc, the GL/X11/Wayland client side, fontconfig,
# D-Bus), goes to usr/lib; the plugins go to usr/plugins; AppRun points the loader and Qt there.
bundle_fallback() {
  local dir="$1" qt_plugins
  qt_plugins="$(qtpaths6 --query QT_INSTALL_PLUGINS 2>/dev/null || echo /usr/lib/x86_64-linux-gnu/qt6/plugins)"
  mkdir -p "$dir/usr/lib" "$dir/usr/plugins"
  for group in platforms tls xcbglintegrations platforminputcontexts iconengines imageformats; do
    [ -d "$qt_plugins/$group" ] && cp -a "$qt_plugins/$group" "$dir/usr/plugins/"
  done
  local host_libs='^(libc|libm|libdl|librt|libpthread|libresolv|libutil|ld-linux[^.]*|libgcc_s|libGL|libGLX|libGLdispatch|libEGL|libOpenGL|libdrm|libgbm|libX[^.]*|libxcb[^.]*|libxkbcommon[^.]*|libwayland[^.]*|libfontconfig|libfreetype|libdbus-1|libsystemd|libudev)\.so'
  # tokenpassd, and the upstream module (loaded at run time, so no binary names its libraries).
  local targets=("$dir/usr/bin/tokenpass" "$dir/usr/bin/tokenpassd")
  while IFS= read -r -d '' module; do targets+=("$module"); done < <(find "$dir/usr/lib/tokenpass" -name '*.so' -print0 2>/dev/null)
  while IFS= read -r -d '' plugin; do targets+=("$plugin"); done < <(find "$dir/usr/plugins" -name '*.so' -print0)
  ldd "${targets[@]}" 2>/dev/null | awk '/=> \//{print $3}' | sort -u | while read -r lib; do
    basename "$lib" | grep -Eq "$host_libs" || cp -L "$lib" "$dir/usr/lib/"
  done
  printf '[Paths]\nPrefix=..\nPlugins=plugins\n' > "$dir/usr/bin/qt.conf"
  cat > "$dir/AppRun" <<'APPRUN'
#!/bin/sh
# The AppImage entry point: the bundled libraries first, then the binary.
here="$(dirname "$(readlink -f "$0")")"
export LD_LIBRARY_PATH="$here/usr/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
exec "$here/usr/bin/tokenpass" "$@"
APPRUN
  chmod +x "$dir/AppRun"
  ln -sf "usr/share/applications/$app_id.desktop" "$dir/$app_id.desktop"
  ln -sf usr/share/icons/hicolor/256x256/apps/tokenpass.png "$dir/tokenpass.png"
  echo "==> bundled $(find "$dir/usr/lib" -name '*.so*' | wc -l) libraries and $(find "$dir/usr/plugins" -name '*.so' | wc -l) Qt plugins"
}

rm -rf "$appdir"
mkdir -p "$appdir"
cmake --install "$build_dir" --prefix "$appdir/usr" --strip
echo "==> AppDir: $appdir"

if command -v linuxdeploy >/dev/null 2>&1 && command -v linuxdeploy-plugin-qt >/dev/null 2>&1; then
  # The upstream module (usr/lib/tokenpass) is loaded at run time: --deploy-deps-only bundles
  # what it needs (Qt Network, OpenSSL) without touching the module itself.
  export QMAKE="${QMAKE:-$(command -v qmake6 || command -v qmake || true)}"
  linuxdeploy --appdir "$appdir" \
    --executable "$appdir/usr/bin/tokenpass" \
    --executable "$appdir/usr/bin/tokenpassd" \
    --deploy-deps-only "$appdir/usr/lib/tokenpass" \
    --desktop-file "$appdir/usr/share/applications/$app_id.desktop" \
    --icon-file "$appdir/usr/share/icons/hicolor/256x256/apps/tokenpass.png" \
    --plugin qt
else
  echo "NOTE: linuxdeploy and/or linuxdeploy-plugin-qt not found: bundling with this script's" >&2
  echo "      simple fallback (ldd + Qt plugins). For release AppImages use linuxdeploy:" >&2
  echo "      https://github.com/linuxdeploy/linuxdeploy/releases and" >&2
  echo "      https://github.com/linuxdeploy/linuxdeploy-plugin-qt/releases (put both on PATH)." >&2
  bundle_fallback "$appdir"
fi

if command -v appimagetool >/dev/null 2>&1; then
  version="$(sed -n 's/^CMAKE_PROJECT_VERSION:STATIC=//p' "$build_dir/CMakeCache.txt")"
  ARCH="$(uname -m)" VERSION="$version" appimagetool "$appdir" "$out_dir/TokenPass-$version-$(uname -m).AppImage"
  echo "==> AppImage: $out_dir/TokenPass-$version-$(uname -m).AppImage"
else
  echo "NOTE: appimagetool not found: no .AppImage was made." >&2
  echo "      Get it from https://github.com/AppImage/appimagetool/releases and put it on PATH." >&2
fi
