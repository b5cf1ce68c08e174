#!/usr/bin/env bash
# The proof of Deterministic = true (docs/guarantees.md): one program (Program.cs) trains and runs deterministic
# networks and prints one SHA-256 per result; this script runs it under every setting CI uses and as a NativeAOT
# binary, and its netstandard2.1 build (the portable runtime) under Mono and under .NET, and fails unless every run
# prints the same hashes as the first. It ends with the line
# "determinism: N passed, M failed" (one per setting compared) that .ci/run adds to its totals.
set -uo pipefail
cd "$(dirname "$0")/../.."

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
passed=0
failed=0

# Runs one setting ("name", then the command) and compares its hashes with the reference run's.
compare() {
    local name=$1
    shift
    if ! "$@" > "$out/$name.txt" 2> "$out/$name.err"; then
        echo "determinism: $name did not run:" >&2
        tail -20 "$out/$name.err" >&2
        failed=$((failed + 1))
        return
    fi

    local differing
    differing=$(diff <(grep -v '^#' "$out/reference.txt") <(grep -v '^#' "$out/$name.txt") | grep -c '^>')
    if [ "$differing" -eq 0 ]; then
        echo "determinism: $name: all $(grep -vc '^#' "$out/$name.txt") hashes equal ($(head -1 "$out/$name.txt" | cut -c3-))"
        passed=$((passed + 1))
    else
        echo "determinism: $name: $differing hashes differ from the reference run:" >&2
        diff <(grep -v '^#' "$out/reference.txt") <(grep -v '^#' "$out/$name.txt") | grep '^>' | head -10 >&2
        failed=$((failed + 1))
    fi
}

# The JIT build, run first with the widest vectors the machine has: the reference.
dotnet build tests/Determinism -c Release -f net10.0 -o "$out/jit" > "$out/build.log" 2>&1 || { cat "$out/build.log" >&2; echo "determinism: 0 passed, 1 failed"; exit 1; }
dotnet "$out/jit/Determinism.dll" > "$out/reference.txt" || { echo "determinism: 0 passed, 1 failed"; exit 1; }
head -1 "$out/reference.txt"
echo "determinism: reference run: $(grep -vc '^#' "$out/reference.txt") hashes"

# Every other path CI runs the numerical tests on (the .NET runtime knobs of .ci/run).
for setting in "DOTNET_EnableAVX512=0" "DOTNET_PreferredVectorBitWidth=128 DOTNET_EnableAVX512=0" "DOTNET_EnableAVX=0" "DOTNET_EnableHWIntrinsic=0"; do
    # shellcheck disable=SC2086 # one word per variable
    compare "$(echo "$setting" | tr ' ' '+')" env $setting dotnet "$out/jit/Determinism.dll"
done

# NativeAOT for this machine's RID with the default instruction set (Vector128 without FMA on x64: every multiply-add
# of a deterministic network goes through the exact software fallback).
rid=$(dotnet --info | awk '/RID:/ {print $2; exit}')
if dotnet publish tests/Determinism -c Release -f net10.0 -r "$rid" -p:PublishAot=true -o "$out/aot" > "$out/publish.log" 2>&1; then
    compare NativeAOT "$out/aot/Determinism"
else
    tail -20 "$out/publish.log" >&2
    echo "determinism: the NativeAOT publish failed" >&2
    failed=$((failed + 1))
fi

# The netstandard2.1 build of this program against the runtime's portable build (no intrinsics, every fused
# multiply-add in software): under Mono through tests/Mono/run.sh (which installs mono-complete when it is missing and
# builds the library with its dependencies beside it), then the same program under .NET 10 from a build of its own
# (tests/Mono/run.sh rewrites its output's span indexer calls for Mono, which .NET does not bind), started by the
# launcher that script compiled. DETERMINISM_MONO=0 leaves both out.
if [ "${DETERMINISM_MONO:-1}" != 0 ]; then
    compare Mono tests/Mono/run.sh tests/Determinism/Determinism.csproj StaticNet.Determinism.HashProgram.Main
    if dotnet build tests/Determinism -c Release -f netstandard2.1 -p:CopyLocalLockFileAssemblies=true -o "$out/portable" > "$out/portable.log" 2>&1 \
        && cp tests/Determinism/bin/Release/netstandard2.1/MonoLauncher.exe "$out/portable/"; then
        printf '{"runtimeOptions":{"tfm":"net10.0","rollForward":"LatestMajor","framework":{"name":"Microsoft.NETCore.App","version":"10.0.0"}}}' > "$out/portable/launcher.runtimeconfig.json"
        compare "netstandard2.1-on-.NET" dotnet exec --runtimeconfig "$out/portable/launcher.runtimeconfig.json" "$out/portable/MonoLauncher.exe"
    else
        tail -20 "$out/portable.log" >&2
        echo "determinism: the netstandard2.1 build for .NET failed" >&2
        failed=$((failed + 1))
    fi
fi

echo "determinism: $passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$passed" -gt 0 ]
