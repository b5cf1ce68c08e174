#!/usr/bin/env bash
# Adopts StaticNet the way a user does: packs the repository, then creates brand-new console projects outside it
# that install the package from the packed folder (plus the machine's usual NuGet sources), builds, runs and
# publishes them as NativeAOT, and checks what they print. No ProjectReference to the repository anywhere: this proves
# that the generator is inside the package and loads in the SDK's own compiler. Covers net10.0, net8.0 (self-contained)
# and netstandard2.1 (a C# 9 library, as Unity compiles it, run by Mono through tests/Mono/run.sh and by .NET).
#
#   tests/PackageConsumer/run.sh            all checks
#   STATICNET_SKIP_AOT=1 tests/PackageConsumer/run.sh   without the NativeAOT publish (about a minute faster)
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
here="$repo/tests/PackageConsumer"
work=$(mktemp -d)
# A version no earlier run used, so NuGet's global cache can never hand back a stale copy of the package.
version="0.1.0-consumer.$(date +%s)"
cleanup() { rm -rf "$work" "${NUGET_PACKAGES:-$HOME/.nuget/packages}/staticnet/$version"; }
trap cleanup EXIT

passed=0
failed=0
check() { # check <description> <command...>
    local what=$1; shift
    if "$@"; then echo "pass: $what"; passed=$((passed + 1)); else echo "FAIL: $what"; failed=$((failed + 1)); fi
}

echo "== dotnet pack -c Release at the root ($version)"
dotnet pack "$repo/StaticNet.sln" -c Release -o "$work/feed" -p:Version="$version" --nologo -v q > "$work/pack.log" 2>&1 \
    || { cat "$work/pack.log"; exit 1; }
ls "$work/feed"
check "the root pack produces exactly the StaticNet and StaticNet.Onnx packages and their symbols" \
    test "$(cd "$work/feed" && ls | sort | tr '\n' ' ')" = "StaticNet.$version.nupkg StaticNet.$version.snupkg StaticNet.Onnx.$version.nupkg StaticNet.Onnx.$version.snupkg "
nupkg="$work/feed/StaticNet.$version.nupkg"
unzip -l "$nupkg" | awk 'NR > 3 && $4 != "" && $4 !~ /^-/ {print "   " $4 " (" $1 " bytes)"}' | grep -v "^   \(_rels\|package/\|\[Content\)" || true
for entry in lib/net10.0/StaticNet.dll lib/net10.0/StaticNet.xml lib/net8.0/StaticNet.dll lib/net8.0/StaticNet.xml lib/netstandard2.1/StaticNet.dll lib/netstandard2.1/StaticNet.xml analyzers/dotnet/cs/StaticNet.Generator.dll README.md LICENSE; do
    check "package contains $entry" sh -c "unzip -l '$nupkg' | grep -q ' $entry\$'"
done
check "the generator is not a lib/ reference" sh -c "! unzip -l '$nupkg' | grep -q 'lib/.*Generator'"
onnx_nupkg="$work/feed/StaticNet.Onnx.$version.nupkg"
# The listings are read into variables first: with pipefail, `unzip … | grep -q` fails whenever grep stops reading
# before unzip has written everything (SIGPIPE), which depends on timing.
onnx_contents() {
    local listing nuspec
    listing=$(unzip -l "$onnx_nupkg") && nuspec=$(unzip -p "$onnx_nupkg" StaticNet.Onnx.nuspec) || return 1
    for tfm in net10.0 net8.0 netstandard2.1; do grep -q " lib/$tfm/StaticNet.Onnx.dll\$" <<< "$listing" || return 1; done
    grep -q "id=\"StaticNet\" version=\"$version\"" <<< "$nuspec" && grep -q 'id="Google.Protobuf"' <<< "$nuspec"
}
check "StaticNet.Onnx contains lib/net10.0, lib/net8.0 and lib/netstandard2.1 and depends on StaticNet $version and Google.Protobuf" onnx_contents
# Each target's dependencies, as "tfm: id id …" lines: the .NET builds need only System.Numerics.Tensors; the
# netstandard2.1 build computes its few tensor loops itself and needs System.Text.Json and Microsoft.Bcl.Memory.
dependency_groups() {
    unzip -p "$nupkg" StaticNet.nuspec | python3 -c '
import re, sys
for m in re.finditer(r"<group targetFramework=\"([^\"]+)\"[^>]*?(?:/>|>(.*?)</group>)", sys.stdin.read(), re.S):
    print(m.group(1) + ": " + " ".join(sorted(re.findall(r"id=\"([^\"]+)\"", m.group(2) or ""))))'
}
dependency_groups | sed 's/^/   /'
check "the net10.0 and net8.0 builds depend on System.Numerics.Tensors only, the netstandard2.1 build on System.Text.Json and Microsoft.Bcl.Memory only" \
    test "$(dependency_groups | LC_ALL=C sort | tr '\n' '|')" = ".NETStandard2.1: Microsoft.Bcl.Memory System.Text.Json|net10.0: System.Numerics.Tensors|net8.0: System.Numerics.Tensors|"
check "nuspec declares MIT, repository and readme" \
    sh -c "unzip -p '$nupkg' StaticNet.nuspec | grep -q '<license type=\"expression\">MIT</license>' && unzip -p '$nupkg' StaticNet.nuspec | grep -q '<repository type=\"git\"' && unzip -p '$nupkg' StaticNet.nuspec | grep -q '<readme>README.md</readme>'"

# The local folder is added to whatever sources this machine already uses; nothing else is configured.
cat > "$work/nuget.config" <<CONFIG
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <add key="staticnet-local" value="$work/feed" />
  </packageSources>
</configuration>
CONFIG

new_project() { # new_project <name> [package…]: dotnet new console + dotnet add package, as README says
    local name=$1; shift
    dotnet new console -o "$work/$name" --framework net10.0 --no-restore > /dev/null
    # $framework retargets the project (the SDK's template offers net10.0 only).
    sed -i "s|<TargetFramework>net10.0</TargetFramework>|<TargetFramework>${framework:-net10.0}</TargetFramework>|" "$work/$name/$name.csproj"
    for package in StaticNet "$@"; do
        (cd "$work/$name" && dotnet add package "$package" --version "$version" > "$work/$name.add.log" 2>&1) \
            || { cat "$work/$name.add.log"; exit 1; }
    done
}

echo "== README quick start, pasted into Program.cs of a new console project"
new_project QuickStart
awk '/<!-- quick-start:begin -->/{on=1; next} /<!-- quick-start:end -->/{on=0} on' "$repo/README.md" | sed '1{/^```/d}; ${/^```/d}' \
    > "$work/QuickStart/Program.cs"
check "README has a quick start block" test -s "$work/QuickStart/Program.cs"
(cd "$work/QuickStart" && dotnet run -c Release > "$work/quickstart.out" 2>&1) || true
cat "$work/quickstart.out"
quickstart_learned_xor() {
    awk '/ xor / { want = ($1 != $3) ? 1 : 0; got = ($5 > 0.5) ? 1 : 0; n++; if (want == got) ok++ } END { exit !(n == 4 && ok == 4) }' "$work/quickstart.out"
}
check "the quick start compiles, runs and has learned XOR (4 of 4 outputs on the right side of 0.5)" quickstart_learned_xor

echo "== the quick start in a net8.0 console, published self-contained (the 8.0 runtime pack comes from NuGet)"
framework=net8.0 new_project QuickStart8
cp "$work/QuickStart/Program.cs" "$work/QuickStart8/Program.cs"
(cd "$work/QuickStart8" && dotnet publish -c Release -r linux-x64 --self-contained -o "$work/quickstart8" > "$work/quickstart8.log" 2>&1) \
    || cat "$work/quickstart8.log"
check "the net8.0 consumer compiles against lib/net8.0" grep -q "lib/net8.0/StaticNet.dll" "$work/QuickStart8/obj/project.assets.json"
"$work/quickstart8/QuickStart8" > "$work/quickstart.out" 2>&1 || true
cat "$work/quickstart.out"
check "the net8.0 quick start runs on the 8.0 runtime it carries and has learned XOR" quickstart_learned_xor
check "the runtime it carries is .NET 8's" grep -q '"runtimepack.Microsoft.NETCore.App.Runtime.linux-x64/8\.' "$work/quickstart8/QuickStart8.deps.json"

echo "== a netstandard2.1 library in C# 9 (what Unity compiles), its training demo run by Mono and by .NET"
mkdir -p "$work/PortableLib"
cat > "$work/PortableLib/PortableLib.csproj" <<'PROJECT'
<Project Sdk="Microsoft.NET.Sdk">
  <PropertyGroup>
    <TargetFramework>netstandard2.1</TargetFramework>
    <LangVersion>9.0</LangVersion>
    <Nullable>enable</Nullable>
  </PropertyGroup>
</Project>
PROJECT
(cd "$work/PortableLib" && dotnet add package StaticNet --version "$version" > "$work/PortableLib.add.log" 2>&1) \
    || { cat "$work/PortableLib.add.log"; exit 1; }
cp "$here/Portable/TrainingDemo.cs" "$work/PortableLib/"
(cd "$work/PortableLib" && dotnet build -c Release > "$work/portable.log" 2>&1) && portable_status=0 || portable_status=$?
grep -E ": (warning|error) " "$work/portable.log" | sort -u || true
check "the netstandard2.1 / C# 9 library builds against lib/netstandard2.1" \
    sh -c "test $portable_status -eq 0 && grep -q 'lib/netstandard2.1/StaticNet.dll' '$work/PortableLib/obj/project.assets.json'"
check "with no warning, from generated code or elsewhere" sh -c "! grep -qE ': warning [A-Z]+[0-9]+' '$work/portable.log'"
"$repo/tests/Mono/run.sh" "$work/PortableLib/PortableLib.csproj" PortableConsumer.TrainingDemo.Run > "$work/portable.mono.out" 2> "$work/portable.mono.err" \
    || cat "$work/portable.mono.err"
cat "$work/portable.mono.out"
new_project PortableHost
(cd "$work/PortableHost" && dotnet add reference ../PortableLib/PortableLib.csproj > /dev/null)
echo 'PortableConsumer.TrainingDemo.Run(args);' > "$work/PortableHost/Program.cs"
(cd "$work/PortableHost" && dotnet run -c Release > "$work/portable.net.out" 2>&1) || cat "$work/portable.net.out"
portable_learned_xor() {
    awk '/^xor [01] [01] -> / { want = ($2 != $3) ? 1 : 0; got = ($5 > 0.5) ? 1 : 0; n++; if (want == got) ok++ } END { exit !(n == 4 && ok == 4) }' "$work/portable.mono.out"
}
check "Mono runs the library's training demo, which learns XOR" portable_learned_xor
check "and prints exactly what .NET 10 prints for it" cmp -s "$work/portable.mono.out" "$work/portable.net.out"

echo "== a consumer that trains, evaluates, saves and reloads (tests/PackageConsumer/Program.cs)"
new_project Consumer StaticNet.Onnx
cp "$here/Program.cs" "$work/Consumer/Program.cs"
consumer_runs() { (cd "$work/Consumer" && dotnet run -c Release) | tee "$work/consumer.out"; }
check "the consumer builds against the package and all its checks pass under the JIT" consumer_runs

echo "== a bad declaration is a StaticNet diagnostic from the packaged generator"
new_project BadConsumer
cat > "$work/BadConsumer/Program.cs" <<'CODE'
using StaticNet;

var net = new BadNet(seed: 1);
Console.WriteLine(BadNet.ParameterCount);
Span<float> output = stackalloc float[BadNet.OutputSize];
net.Forward(new float[BadNet.InputSize], output);

[Network(4, 0, 3)]
public partial class BadNet { }
CODE
(cd "$work/BadConsumer" && dotnet build -c Release > "$work/bad.out" 2>&1) && bad_status=0 || bad_status=$?
grep -E "error [A-Z]+[0-9]+" "$work/bad.out" | sed 's/^.*Program.cs/   Program.cs/' | sort -u || true
check "the build fails" test "$bad_status" -ne 0
check "with SN0006 (layer size below 1)" grep -q "error SN0006" "$work/bad.out"
check "and no follow-on error in the code that uses the network (exactly one distinct error)" \
    test "$(grep -Eo 'Program.cs\([0-9]+,[0-9]+\): error [A-Z]+[0-9]+' "$work/bad.out" | sort -u | wc -l)" -eq 1

if [ "${STATICNET_SKIP_AOT:-0}" != "1" ]; then
    echo "== the consumer published as NativeAOT from the command line"
    (cd "$work/Consumer" && dotnet publish -c Release -r linux-x64 -p:PublishAot=true -o "$work/aot" > "$work/aot.log" 2>&1) \
        && aot_status=0 || aot_status=$?
    grep -E "warning|error" "$work/aot.log" | sort -u || true
    check "dotnet publish -p:PublishAot=true succeeds" test "$aot_status" -eq 0
    check "with no warnings" sh -c "! grep -qE ': warning [A-Z]+[0-9]+' '$work/aot.log'"
    if [ -x "$work/aot/Consumer" ]; then
        echo "   native binary: $(stat -c %s "$work/aot/Consumer") bytes"
        check "the native consumer's checks all pass" sh -c "'$work/aot/Consumer' | tee '$work/aot.out' && grep -q ', 0 failed' '$work/aot.out'"
    else
        check "the native binary exists" false
    fi
fi

echo "package consumer: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
