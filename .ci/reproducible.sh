#!/usr/bin/env bash
# Reproducible build check: builds the library twice, each time from a fresh copy of the working
# tree in a different folder, and compares the sha256 of the jar, the sources jar, the Javadoc jar
# and the SBOM. Any difference fails. Extra arguments go to both mvn runs (for example
# -Dmaven.repo.local=...). Usage: bash .ci/reproducible.sh [mvn args...]
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS
mvn_args=("$@")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A copy of the files git would commit (tracked and new, not ignored): no target/, no local state.
copy() {
  mkdir -p "$1"
  git ls-files -z --cached --others --exclude-standard \
    | tar --null --ignore-failed-read -T - -cf - 2>/dev/null \
    | tar -C "$1" -xf -
}

# package is the last phase that makes the artifacts: japicmp (verify) and install are not needed.
build() {
  copy "$1"
  if ! mvn -B -ntp -q -f "$1/pom.xml" package -DskipTests ${mvn_args[@]+"${mvn_args[@]}"} >"$1.log" 2>&1; then
    echo "reproducible.sh: the build in $1 failed:"
    tail -n 50 "$1.log"
    exit 1
  fi
}

build "$work/first"
build "$work/second"

failed=0
jars=("$work"/first/target/*.jar)
if [ "${#jars[@]}" -ne 3 ] || [ ! -f "$work/first/target/bom.json" ]; then
  echo "reproducible.sh: expected the jar, sources jar, Javadoc jar and SBOM, found:"
  ls "$work/first/target"
  failed=1
fi
for a in "${jars[@]}" "$work/first/target/bom.json" "$work/first/target/bom.xml"; do
  name=${a#"$work/first/"}
  b="$work/second/$name"
  sum_a=$(sha256sum "$a" | cut -d' ' -f1)
  sum_b=$(sha256sum "$b" 2>/dev/null | cut -d' ' -f1 || true)
  if [ "$sum_a" = "$sum_b" ]; then
    echo "same       $sum_a  $name"
  else
    echo "DIFFERENT  $sum_a  $name (second build: ${sum_b:-missing})"
    failed=1
  fi
done

echo "reproducible.sh: $((SECONDS - start)) s"
exit "$failed"
