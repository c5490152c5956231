# Sourced by ./mvnw and ./watchroom: point JAVA_HOME at a JDK >= 25.
# Looks at JAVA_HOME, then `javac` on PATH, then /usr/lib/jvm/*25* (and newer). POSIX sh.
watchroom_java_major() {
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'
}
watchroom_find_jdk() {
  for candidate in "${JAVA_HOME:-}" \
      "$(command -v javac >/dev/null 2>&1 && dirname "$(dirname "$(readlink -f "$(command -v javac)")")")" \
      /usr/lib/jvm/*25* /usr/lib/jvm/*2[6-9]* /usr/lib/jvm/*3[0-9]* /Library/Java/JavaVirtualMachines/*/Contents/Home; do
    if [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ]; then
      major=$(watchroom_java_major "$candidate")
      if [ -n "$major" ] && [ "$major" -ge 25 ]; then
        JAVA_HOME=$candidate
        export JAVA_HOME
        return 0
      fi
    fi
  done
  echo "Watchroom needs a JDK 25 or newer. Install one (e.g. Temurin 25) and set JAVA_HOME to it." >&2
  return 1
}
watchroom_find_jdk || exit 1
