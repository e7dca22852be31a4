#!/usr/bin/env bash
# CI: the archetype from a clean folder. Generates a project into a temporary folder, builds it with
# `mvn verify` (its own tests included), starts it with the command its README documents and fetches
# its list page. Run from the repository root after the library is installed (`mvn install`).
# MAVEN_REPO_LOCAL, when set, is the local repository for every Maven run here (default: ~/.m2).
set -euo pipefail
cd "$(dirname "$0")/.."
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
  -DgroupId=com.example -DartifactId=ci-app -Dversion=1.0-SNAPSHOT -Dpackage=com.example.ciapp
cd ci-app
mvn "${mvn_args[@]}" -q verify
[ -f target/ci-app-1.0-SNAPSHOT.war ] || { echo "archetype: mvn verify built no war"; exit 1; }

# The README's run command, on a free port; setsid so that the whole process group can be stopped.
log="$work/run.log"
setsid mvn "${mvn_args[@]}" -q compile exec:exec -Dport=0 >"$log" 2>&1 &
app=$!
url=""
for _ in $(seq 1 120); do
  url=$(grep -Eo 'http://[A-Za-z0-9.]+:[0-9]+/users' "$log" | head -n 1 || true)
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
