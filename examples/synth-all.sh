#!/usr/bin/env bash
# Synthesizes each example stack with the pinned CDK CLI and says which fail and why.
# Run from the repository root after `npm ci`.
set -uo pipefail
cd "$(dirname "$0")/.."
export CDK_VALIDATION=false JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION=20
out=$(mktemp -d)
mvn -q -B -ntp install -DskipTests || exit 1
mvn -q -B -ntp -pl examples dependency:build-classpath -Dmdep.outputFile="$out/classpath" || exit 1
app="java -Xss16m -cp $(cat "$out/classpath"):examples/target/classes dev.healthguard.examples.ExamplesApp"
status=0
for stack in KoStaticBroken KoStaticFixed AlpineCurlBroken AlpineCurlFixed AlpineWgetFixed KoEcrBroken KoEcrFixed AlpineCurlFixMode KoStaticFixMode KoEcrFixMode GuardedService; do
  if npx cdk synth --app "$app" --output "$out" --quiet "$stack" >"$out/$stack.log" 2>&1; then
    echo "PASS  $stack"
    [[ $stack == *Broken ]] && status=1
  else
    echo "FAIL  $stack"
    grep -E '\[HG[0-9]{3}\]' "$out/$stack.log" | sed 's/^/      /'
    [[ $stack != *Broken ]] && status=1
  fi
done
echo "(expected: every *Broken stack fails, every *Fixed and *FixMode stack passes; logs in $out)"
exit $status
