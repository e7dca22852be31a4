#!/usr/bin/env bash
# CI: the archetype from a clean folder. Generates a project into a temporary folder, checks that
# docs/new-project.md shows its files as generated (and docs/testing.md's excerpt of its test), builds
# it with `mvn verify` (its own tests included), starts it with the command its README documents and
# fetches its list page. Run from the repository root after the library is installed (`mvn install`).
# MAVEN_REPO_LOCAL, when set, is the local repository for every Maven run here (default: ~/.m2).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
start=$SECONDS

mvn_args=(-B -ntp)
if [ -n "${MAVEN_REPO_LOCAL:-}" ]; then
  mvn_args+=("-Dmaven.repo.local=$MAVEN_REPO_LOCAL")
fi

# The archetype itself; its own integration test runs in the README's test command, not twice here.
mvn "${mvn_args[@]}" -q -f archetype/pom.xml install -Darchetype.test.skip=true

work=$(mktemp -d)
app=""
cleanup() {
  if [ -n "$app" ]; then kill -- -"$app" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

cd "$work"
mvn "${mvn_args[@]}" -q org.apache.maven.plugins:maven-archetype-plugin:3.4.1:generate \
  -DarchetypeGroupId=io.dbfilter -DarchetypeArtifactId=dbfilter-archetype -DarchetypeVersion=0.1.0-SNAPSHOT \
  -DgroupId=com.example -DartifactId=myapp -Dversion=1.0-SNAPSHOT -Dpackage=com.example.myapp
cd myapp

# The docs: a block after `<!-- file: PATH -->` is that generated file, whole; a block after
# `<!-- excerpt: PATH -->` appears in it (compared line by line without indentation).
check_docs() {
  local doc=$1 blocks="$work/blocks-$(basename "$1")" kind path n=0 failed=0
  mkdir -p "$blocks"
  awk -v dir="$blocks" '
    /^<!-- (file|excerpt): [^ ]+ -->$/ { n++; print $2, $3 > (dir "/index"); getline; copying = 1; next }
    copying && /^```$/ { copying = 0; close(dir "/" n); next }
    copying { print > (dir "/" n) }' "$doc"
  [ -f "$blocks/index" ] || { echo "archetype: $doc marks no generated file"; return 1; }
  while read -r kind path; do
    n=$((n + 1))
    if [ ! -f "$path" ]; then
      echo "archetype: $doc shows $path, which the archetype does not generate"; failed=1
    elif [ "$kind" = "file:" ]; then
      cmp -s "$blocks/$n" "$path" || { echo "archetype: $doc differs from the generated $path:"; diff "$blocks/$n" "$path" || true; failed=1; }
    elif [[ "$(sed 's/^ *//' "$path")" != *"$(sed 's/^ *//' "$blocks/$n")"* ]]; then
      echo "archetype: $doc's excerpt of $path is not in the generated file"; failed=1
    fi
  done <"$blocks/index"
  [ "$failed" = 0 ] && echo "archetype: $doc: $n samples match the generated project"
  return "$failed"
}
check_docs "$repo/docs/new-project.md"
check_docs "$repo/docs/testing.md"
generated=$(find . -type f -not -name README.md | wc -l)
shown=$(grep -c '^<!-- file: ' "$repo/docs/new-project.md")
[ "$generated" = "$shown" ] || { echo "archetype: the archetype generates $generated files, docs/new-project.md shows $shown"; exit 1; }

mvn "${mvn_args[@]}" -q verify
[ -f target/myapp-1.0-SNAPSHOT.war ] || { echo "archetype: mvn verify built no war"; exit 1; }

# The README's run command, on a free port; setsid so that the whole process group can be stopped.
log="$work/run.log"
setsid mvn "${mvn_args[@]}" -q compile exec:exec -Dport=0 >"$log" 2>&1 &
app=$!
url=""
for _ in $(seq 1 120); do
  url=$(grep -Eo 'http://[A-Za-z0-9.]+:[0-9]+/users' "$log" 2>/dev/null | head -n 1 || true)
  [ -n "$url" ] && break
  kill -0 "$app" 2>/dev/null || break
  sleep 1
done
if [ -z "$url" ]; then
  echo "archetype: the generated application did not print its URL:"; cat "$log"; exit 1
fi
status=$(curl -s -o "$work/list.html" -w '%{http_code}' "$url")
echo "archetype: generated project verified and started; GET $url -> $status"
[ "$status" = 200 ] && grep -q '<h1>Users</h1>' "$work/list.html" \
  || { echo "archetype: the list page is not right:"; cat "$work/list.html"; exit 1; }
echo "archetype: done in $((SECONDS - start)) s"
