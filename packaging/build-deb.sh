#!/usr/bin/env bash
# Builds the Linux app-image and the .deb (and the .rpm when rpmbuild exists) under packaging/target, then
# self-tests the app-image. Slower than CI's app-image step (dpkg-deb compresses ~170 MB).
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -B -Ppackage -DskipTests package "$@"
data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
packaging/target/watchroom/bin/watchroom --self-test --data-dir "$data/data"
ls -l packaging/target/*.deb packaging/target/*.rpm 2>/dev/null || true
