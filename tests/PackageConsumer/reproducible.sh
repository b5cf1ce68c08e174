#!/usr/bin/env bash
# Deterministic output: builds the shipped assemblies in two fresh clones of HEAD (different paths, CI=true as on
# CI) and requires bit-identical DLLs and PDBs. Prints "reproducible build: N passed, N failed".
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for clone in first second-with-a-longer-path; do
    git clone -q "$repo" "$work/$clone"
    (cd "$work/$clone" && CI=true dotnet build src/Runtime/StaticNet.csproj -c Release --nologo -v q > "$work/$clone.log" 2>&1) \
        || { cat "$work/$clone.log"; exit 1; }
done

passed=0
failed=0
for file in src/Runtime/bin/Release/net10.0/StaticNet.dll src/Runtime/bin/Release/net10.0/StaticNet.pdb \
            src/Runtime/bin/Release/netstandard2.1/StaticNet.dll src/Runtime/bin/Release/unity/com.staticnet.runtime/Runtime/StaticNet.dll.meta \
            src/Generator/bin/Release/netstandard2.0/StaticNet.Generator.dll; do
    a=$(sha256sum < "$work/first/$file" | cut -c1-16)
    b=$(sha256sum < "$work/second-with-a-longer-path/$file" | cut -c1-16)
    if [ "$a" = "$b" ]; then echo "pass: $file identical in both clones ($a…)"; passed=$((passed + 1));
    else echo "FAIL: $file differs ($a… vs $b…)"; failed=$((failed + 1)); fi
done
echo "reproducible build: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
