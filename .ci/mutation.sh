#!/usr/bin/env bash
# CI: mutation testing (pitest, the pom's `mutation` profile) of the scope, pagination and
# configuration code with the fast tests that cover it. Fails when fewer mutants are killed than the
# floor (`mutationThreshold` in pom.xml). The report is target/pit-reports/index.html; CONTRIBUTING.md
# has the scores and the mutants that cannot be killed. Arguments are passed to Maven
# (e.g. -Dmaven.repo.local=...). Prints its duration.
set -euo pipefail
cd "$(dirname "$0")/.."
start=$SECONDS

mvn -B -ntp -Pmutation "$@" test-compile org.pitest:pitest-maven:mutationCoverage@units \
  org.pitest:pitest-maven:mutationCoverage@api

echo "mutation testing: $((SECONDS - start)) s"
