#!/usr/bin/env bash
# Tries the .deb's maintainer scripts (packaging/linux/deb) without touching this machine and without the full build:
# packs a tiny stand-in application with the same jpackage options that matter (package name, --install-dir,
# --resource-dir, the unit under lib/app/systemd), then, in a private mount namespace with throwaway overlays over
# /etc /var /usr /opt and an empty /run, installs, upgrades, removes, reinstalls and purges it twice: once as in a
# container (no systemd running) and once with a fake systemd (a stub systemctl that records its calls).
# It prints what the scripts said, the calls, and the user, data folder and unit after each step.
# Given the built package instead (packaging/build-deb.sh), it also runs the installed unit's ExecStart the way
# systemd would (its user, environment, working directory and umask; not its sandbox) for 20 s, stops it with
# SIGTERM and shows the exit code and where the data and caches went.
#
#   sudo packaging/linux/try-deb-scripts.sh [packaging/target/watchroom_<version>_amd64.deb]
#   (root: unshare, mount, dpkg, setpriv; Debian/Ubuntu with dpkg-deb, fakeroot)
#
# A real boot with systemd is still the check that the service starts: docs/installing.md, "Checking the service".
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
if [ "${1:-}" != --inside ]; then
  [ "$(id -u)" = 0 ] || { echo "try-deb-scripts.sh: run as root (unshare, mount, dpkg)" >&2; exit 1; }
  if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/jpackage" ]; then . "$HERE/../../.mvn/find-jdk.sh"; fi
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  if [ -n "${1:-}" ]; then
    deb=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
    for mode in no-systemd systemd; do
      echo "######## $mode"
      unshare -m "$0" --inside "$mode" "$deb" "$work/$mode" run
    done
    exit 0
  fi
  mkdir -p "$work/src" "$work/input/systemd"
  cp "$HERE/watchroom.service" "$work/input/systemd/"
  echo 'public class Hello { public static void main(String[] a) { System.out.println("stand-in"); } }' > "$work/src/Hello.java"
  "$JAVA_HOME/bin/javac" -d "$work/classes" "$work/src/Hello.java"
  "$JAVA_HOME/bin/jar" cf "$work/input/hello.jar" -C "$work/classes" .
  "$JAVA_HOME/bin/jlink" --add-modules java.base --strip-debug --no-header-files --no-man-pages --output "$work/runtime"
  "$JAVA_HOME/bin/jpackage" --type deb --name watchroom --app-version 0.0.1 --input "$work/input" \
    --main-jar hello.jar --main-class Hello --runtime-image "$work/runtime" --dest "$work/out" \
    --linux-package-name watchroom --linux-shortcut --install-dir /opt --resource-dir "$HERE/deb"
  deb=$(ls "$work"/out/*.deb)
  for mode in no-systemd systemd; do
    echo "######## $mode"
    unshare -m "$0" --inside "$mode" "$deb" "$work/$mode"
  done
  exit 0
fi

# inside the private mount namespace: nothing below outlives it
mode=$2 deb=$3 sim=$4 run=${5:-}
mkdir -p "$sim/bin"
for d in etc var usr opt; do
  mkdir -p "$sim/$d/upper" "$sim/$d/work"
  mount -t overlay overlay -o "lowerdir=/$d,upperdir=$sim/$d/upper,workdir=$sim/$d/work" "/$d"
done
mount -t tmpfs tmpfs /run
calls="$sim/calls"
printf '#!/bin/sh\necho "xdg-desktop-menu $*" >> %s\n' "$calls" > "$sim/bin/xdg-desktop-menu"
if [ "$mode" = systemd ]; then
  mkdir -p /run/systemd/system
  printf '#!/bin/sh\necho "systemctl $*" >> %s\n' "$calls" > "$sim/bin/systemctl"
fi
chmod +x "$sim"/bin/*
export PATH="$sim/bin:$PATH"
step() {
  echo "== $*"
  : > "$calls"
  # dpkg's own chatter and the stand-in's missing dependencies (--force-depends) left out
  "$@" 2>&1 | grep -v -E "^\(Reading|^Selecting|^Preparing|^Unpacking|^Setting up|^Removing|^Purging|ignoring dependency|dependency problems|^ watchroom depends|^  Package|unable to remove directory '/opt'|^$" || true
  sed 's/^/   call: /' "$calls"
  echo "   user: $(getent passwd watchroom || echo none); groups: $(id -nG watchroom 2>/dev/null || echo -)"
  echo "   data: $(stat -c '%U:%G %a' /var/lib/watchroom 2>/dev/null || echo none); unit: $(ls /lib/systemd/system/watchroom.service 2>/dev/null || echo none)"
}
# the unit's ExecStart as systemd would start it (but unsandboxed), stopped with SIGTERM after 20 s
run_service() {
  unit=/lib/systemd/system/watchroom.service
  value() { sed -n "s/^$1=//p" "$unit"; }
  install -d -o watchroom -g watchroom -m 0750 /var/cache/watchroom  # what CacheDirectory= makes
  set -- env -i PATH=/usr/bin:/bin HOME=/var/lib/watchroom USER=watchroom LOGNAME=watchroom
  for assignment in $(value Environment); do set -- "$@" "$assignment"; done
  echo "== $(value ExecStart) as $(value User), for 20 s, then SIGTERM"
  # --api-port 0: a free port, whatever else this machine runs on 8080
  (cd "$(value WorkingDirectory)" && umask "$(value UMask)" && exec "$@" setpriv --reuid="$(value User)" \
     --regid="$(value Group)" --init-groups $(value ExecStart) --api-port 0) > "$sim/out" 2> "$sim/err" &
  pid=$!
  sleep 20
  kill -TERM "$pid"
  status=0; wait "$pid" || status=$?
  echo "   exit code after SIGTERM: $status (0: a clean stop)"
  echo "   stdout: $(cut -c1-160 "$sim/out")…"
  grep -E 'JAVA_TOOL_OPTIONS|REST API|ERROR' "$sim/err" | sed 's/^/   stderr: /' || true
  echo "   data: $(ls /var/lib/watchroom | xargs); database: $(stat -c '%U:%G %a' /var/lib/watchroom/watchroom.mv.db)"
  echo "   cache: $(ls /var/cache/watchroom | xargs); JavaCPP: $(ls /var/cache/watchroom/javacpp 2>/dev/null | wc -l) files"
}
step dpkg -i --force-depends "$deb"
if [ "$run" = run ] && [ "$mode" = no-systemd ]; then run_service; fi
step dpkg -i --force-depends "$deb"
step dpkg -r watchroom
step dpkg -i --force-depends "$deb"
step dpkg -P watchroom
