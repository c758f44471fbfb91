# Sourced by .ci/run and ./matcher: exports JAVA_HOME pointing at a JDK >= 21 (Lucene 10 needs it).
java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p'; }
pick_jdk() {
  local c
  for c in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/temurin-21-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64 /usr/lib/jvm/java-21-openjdk-amd64 /usr/lib/jvm/*; do
    if [ -n "$c" ] && [ -x "$c/bin/java" ] && [ -x "$c/bin/javac" ]; then
      local v; v="$(java_major "$c")"
      if [ -n "$v" ] && [ "${v%%.*}" -ge 21 ]; then echo "$c"; return 0; fi
    fi
  done
  return 1
}
if ! JAVA_HOME="$(pick_jdk)"; then
  echo "no JDK >= 21 found; install one (e.g. apt-get install openjdk-21-jdk-headless) or set JAVA_HOME" >&2
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
