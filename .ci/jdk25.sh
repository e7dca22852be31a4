#!/usr/bin/env bash
# CI: the library's, the test extension's and the example's test suites on Java 25, beside the Java 17 run of `.ci/run`. The
# library stays compiled for Java 17 (`release` 17); this proves that the same sources build and pass
# on 25, and runs the example's VirtualThreadsTest (virtual threads, JFR's pinning events), which
# skips on 17. The JDK is the folder under /usr/lib/jvm whose name says 25; no such folder fails the
# step. PostgreSQL and MariaDB must answer (start them as `.ci/run` does); the example's browser
# test needs Chromium and its driver. Arguments are passed to every Maven run
# (e.g. -Dmaven.repo.local=...). Prints its duration.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS

jdk=""
for candidate in $(ls -d /usr/lib/jvm/*25* 2>/dev/null || true); do
  if [ -x "$candidate/bin/java" ] && "$candidate/bin/java" -version 2>&1 | grep -q 'version "25'; then
    jdk=$candidate
    break
  fi
done
if [ -z "$jdk" ]; then
  echo "no JDK 25 under /usr/lib/jvm (found: $(ls /usr/lib/jvm | tr '\n' ' '))"
  exit 1
fi
export JAVA_HOME=$jdk
echo "=== Java 25: $JAVA_HOME"

# install, not verify: the example on 25 then uses the library built on 25 (its bytecode is Java 17's either way).
mvn -B -ntp "$@" install -Ddbfilter.test.servers.required=true
mvn -B -ntp "$@" -f dbfilter-test/pom.xml install -Ddbfilter.test.servers.required=true
mvn -B -ntp "$@" -f example-webapp/pom.xml verify -Dexample.browser.required=true

echo "=== Java 25: library and example suites passed in $((SECONDS - start)) s"
