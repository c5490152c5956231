#!/usr/bin/env bash
# Builds the Watchroom package for the current OS with jlink + jpackage. Called by `./mvnw -Ppackage package`
# (packaging/pom.xml) after app/ is built; usable alone once app/target holds the jar, lib/ and javafx/.
#
#   packaging/build.sh VERSION [TYPES]
#
# VERSION  the pom version (-SNAPSHOT is stripped: installers want numbers)
# TYPES    "auto" (default): app-image, plus deb/rpm on Linux when dpkg-deb+fakeroot / rpmbuild exist,
#          msi on Windows (WiX on the PATH), dmg on macOS; or a comma list such as "app-image" or "app-image,deb"
# Env:     JAVA_HOME (a JDK >= 25 with jlink and jpackage), WATCHROOM_MODELS_MIRROR or -Dwatchroom.models.mirror
#          passed as MODELS_MIRROR (a folder holding the default ONNX files; default ../shared/models)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
VERSION=${1:?usage: build.sh VERSION [TYPES]}
VERSION=${VERSION%-SNAPSHOT}
TYPES=${2:-auto}
APP="$ROOT/app/target"
OUT="$HERE/target"
STAGE="$OUT/stage"
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/jpackage" ]; then . "$ROOT/.mvn/find-jdk.sh"; fi
JDK=${JAVA_HOME:?JAVA_HOME must name a JDK 25}
for tool in jlink jpackage java; do
  [ -x "$JDK/bin/$tool" ] || { echo "build.sh: $JDK/bin/$tool not found (need a full JDK 25)" >&2; exit 1; }
done
[ -f "$APP/watchroom-app.jar" ] || { echo "build.sh: $APP/watchroom-app.jar missing; build app first" >&2; exit 1; }

case "$(uname -s)" in
  Linux*) OS=linux ;;
  Darwin*) OS=mac ;;
  MINGW*|MSYS*|CYGWIN*) OS=windows ;;
  *) echo "build.sh: unknown OS $(uname -s)" >&2; exit 1 ;;
esac

rm -rf "$STAGE" "$OUT/watchroom" "$OUT/watchroom.app" "$OUT/runtime"
rm -f "$OUT"/*.deb "$OUT"/*.rpm "$OUT"/*.msi "$OUT"/*.dmg "$OUT"/*.pkg
mkdir -p "$STAGE/input/models" "$OUT"

# 1. Application jars, flat (jpackage puts every jar of --input on the class path). JavaFX goes into the runtime.
cp "$APP/watchroom-app.jar" "$APP"/lib/*.jar "$STAGE/input/"
# ONNX Runtime's jar carries natives for every OS; keep only this platform's (JavaCPP's are already limited
# by -Djavacpp.platform in .mvn/maven.config).
ORT=$(ls "$STAGE"/input/onnxruntime-*.jar 2>/dev/null | head -n 1 || true)
if [ -n "$ORT" ] && ! { command -v zip >/dev/null && command -v unzip >/dev/null; }; then
  echo "build.sh: zip/unzip missing, ONNX Runtime keeps the natives of every OS (+65 MB)" >&2
elif [ -n "$ORT" ]; then
  case "$OS" in
    linux) keep="linux-x64" ;; mac) keep="osx-$( [ "$(uname -m)" = arm64 ] && echo aarch64 || echo x64)" ;; windows) keep="win-x64" ;;
  esac
  drop=$(unzip -Z1 "$ORT" | grep '^ai/onnxruntime/native/[^/]*/.' | grep -v "^ai/onnxruntime/native/$keep/" || true)
  if [ -n "$drop" ]; then
    echo "$drop" | sed 's#^\(ai/onnxruntime/native/[^/]*/\).*#\1*#' | sort -u | xargs zip -q -d "$ORT"
  fi
fi

# 2. Default models, verified by sha256 through the app's own fetcher: from the mirror, else the user's model
# store (what `watchroom models fetch` filled), else downloaded from the pinned upstream.
MIRROR=${MODELS_MIRROR:-${WATCHROOM_MODELS_MIRROR:-$ROOT/../shared/models}}
USER_STORE="${XDG_DATA_HOME:-$HOME/.local/share}/watchroom/models"
fetch=(models fetch)
if [ -d "$MIRROR" ]; then fetch+=(--mirror "$MIRROR"); echo "Models from the mirror $MIRROR"
elif [ -d "$USER_STORE" ]; then fetch+=(--mirror "$USER_STORE"); echo "Models from the model store $USER_STORE"
else echo "Models downloaded from the pinned upstream (no mirror at $MIRROR)"; fi
"$JDK/bin/java" --enable-native-access=ALL-UNNAMED -cp "$APP/watchroom-app.jar:$APP/lib/*" \
  org.watchroom.core.cli.WatchroomCli --data-dir "$STAGE/modeldata" "${fetch[@]}"
cp "$STAGE"/modeldata/models/*.onnx "$STAGE/input/models/"
cp "$ROOT/models/coco80.txt" "$ROOT/models/README.md" "$STAGE/input/models/"
for license in LICENSE.yolox_nano LICENSE.yunet; do  # the bundled models' licences, when the mirror has them
  if [ -f "$MIRROR/$license" ]; then cp "$MIRROR/$license" "$STAGE/input/models/"; fi
done
# The recorder's systemd unit, as lib/app/systemd/watchroom.service of the installation: the .deb's postinst
# (packaging/linux/deb, jpackage's --resource-dir) installs it; see docs/decisions/0021-service-unit.md.
if [ "$OS" = linux ]; then
  mkdir -p "$STAGE/input/systemd"
  cp "$HERE/linux/watchroom.service" "$STAGE/input/systemd/"
fi

# 3. A runtime with only the modules Watchroom needs (JavaFX linked in from its jars).
MODULES=java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.sql,java.xml,jdk.crypto.ec,jdk.management,jdk.unsupported,jdk.zipfs,javafx.controls
"$JDK/bin/jlink" --module-path "$APP/javafx" --add-modules "$MODULES" --strip-debug --no-header-files \
  --no-man-pages --compress zip-6 --output "$OUT/runtime"

# 4. jpackage: always the app-image, then the installers this OS can make.
common=(--name watchroom --app-version "$VERSION" --vendor "Watchroom" --description "Surveillance workstation"
  --input "$STAGE/input" --main-jar watchroom-app.jar --main-class org.watchroom.app.Main
  --runtime-image "$OUT/runtime" --dest "$OUT"
  --java-options "--enable-native-access=ALL-UNNAMED,javafx.graphics"
  # -Xmx1g: the same cap as ./watchroom (see there why); an installation changes it in lib/app/watchroom.cfg
  --java-options "-Xmx1g"
  --java-options '-Dwatchroom.bundledModels=$APPDIR/models')
case "$OS" in
  linux) icon=(--icon "$HERE/linux/watchroom.png") ;;
  mac) icon=(); [ -f "$HERE/macos/watchroom.icns" ] && icon=(--icon "$HERE/macos/watchroom.icns") ;;
  windows) icon=(); [ -f "$HERE/windows/watchroom.ico" ] && icon=(--icon "$HERE/windows/watchroom.ico") ;;
esac
if [ "$TYPES" = auto ]; then
  TYPES=app-image
  case "$OS" in
    linux)
      if command -v dpkg-deb >/dev/null && command -v fakeroot >/dev/null; then TYPES="$TYPES,deb"; fi
      if command -v rpmbuild >/dev/null; then TYPES="$TYPES,rpm"; fi ;;
    mac) TYPES="$TYPES,dmg" ;;
    windows) TYPES="$TYPES,msi" ;;
  esac
fi
# Every system library the bundled natives load (readelf -d NEEDED of JavaFX, FFmpeg, OpenCV and ONNX Runtime, less
# what they bundle): JavaFX's window and fonts (GTK 3, GL, X11, FreeType, fontconfig), C++ runtime (ONNX Runtime,
# OpenCV), and what FFmpeg's device library links (ALSA, PulseAudio, xcb), which only lavfi:/v4l2: sources load.
# Not listed: GTK 2 (OpenCV's highgui, never loaded) and glibc (always there).
DEB_DEPS="libgtk-3-0t64 | libgtk-3-0, libgl1, libx11-6, libxtst6, libxxf86vm1, libfreetype6, libfontconfig1, libstdc++6"
DEB_DEPS="$DEB_DEPS, libasound2t64 | libasound2, libpulse0, libxcb1, libxcb-shm0"
DEB_DEPS="$DEB_DEPS, passwd"  # useradd/usermod for the recorder service's user (postinst)
RPM_DEPS="gtk3, mesa-libGL, libX11, libXtst, libXxf86vm, freetype, fontconfig, libstdc++, alsa-lib, pulseaudio-libs, libxcb"
linux_common=(--linux-package-name watchroom --linux-shortcut --linux-menu-group "AudioVideo;Video;Security;"
  --linux-app-category video --linux-deb-maintainer "watchroom@localhost" --install-dir /opt)
IFS=, read -ra types <<< "$TYPES"
for type in "${types[@]}"; do
  echo "jpackage --type $type"
  case "$type" in
    app-image) "$JDK/bin/jpackage" --type app-image "${common[@]}" "${icon[@]}" ;;
    deb) "$JDK/bin/jpackage" --type deb "${common[@]}" "${icon[@]}" "${linux_common[@]}" \
           --linux-package-deps "$DEB_DEPS" --resource-dir "$HERE/linux/deb" ;;
    rpm) "$JDK/bin/jpackage" --type rpm "${common[@]}" "${icon[@]}" "${linux_common[@]}" \
           --linux-package-deps "$RPM_DEPS" ;;
    msi) "$JDK/bin/jpackage" --type msi "${common[@]}" "${icon[@]}" --win-menu --win-shortcut \
           --win-dir-chooser --win-upgrade-uuid 6f1c2a8e-4b1e-4f55-9a57-5b0f2d7c9e11 \
           --add-launcher "watchroom-cli=$HERE/windows/watchroom-cli.properties" ;;
    dmg|pkg) "$JDK/bin/jpackage" --type "$type" "${common[@]}" "${icon[@]}" --mac-package-identifier org.watchroom ;;
    *) echo "build.sh: unknown package type $type" >&2; exit 1 ;;
  esac
done

echo "Built in $OUT:"
du -sh "$OUT/watchroom" "$OUT/runtime" 2>/dev/null || true
ls -l "$OUT"/*.deb "$OUT"/*.rpm "$OUT"/*.msi "$OUT"/*.dmg "$OUT"/*.pkg 2>/dev/null || true
