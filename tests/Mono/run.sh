#!/usr/bin/env bash
# Runs a netstandard2.1 library under Mono, the closest runtime to Unity's that Linux has (Debian's mono-complete):
# builds the project with its NuGet dependencies copied beside it, compiles a launcher that calls the given static
# method with the command-line arguments, and runs it with mono. Reusable by any check that wants the portable build
# under Mono (the package consumer's training demo, a determinism hash program).
#
#   tests/Mono/run.sh <project.csproj> <Namespace.Type.Method> [arguments...]
#
# The method must be public static void (string[] args). Installs mono-complete when mono is missing (as root, as CI
# runs). The build output goes to the project's bin/Release/netstandard2.1/; the launcher is written there too.
set -euo pipefail
project=$1 entry=$2
shift 2
if ! command -v mono > /dev/null || ! command -v mcs > /dev/null; then
    apt-get update > /dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y mono-complete > /dev/null
fi
here=$(cd "$(dirname "$0")" && pwd)
dir=$(cd "$(dirname "$project")" && pwd)
name=$(basename "$project" .csproj)
log=$(mktemp)
dotnet build "$project" -c Release -p:CopyLocalLockFileAssemblies=true --nologo -v q > "$log" 2>&1 \
    || { cat "$log" >&2; rm -f "$log"; exit 1; }
rm -f "$log"
out="$dir/bin/Release/netstandard2.1"
# Debian's Mono binds ReadOnlySpan<T>'s indexer only without the modreq netstandard2.1's reference puts on it: the
# shim rewrites those call sites (tests/Mono/SpanIndexerShim/Program.cs says why) in every assembly of the build output.
dotnet run --project "$here/SpanIndexerShim" -c Release -- "$out"/*.dll >&2
sed "s/ENTRY/$entry/" "$here/MonoLauncher.cs.template" > "$out/MonoLauncher.cs"
facades=$(dirname "$(command -v mono)")/../lib/mono/4.5/Facades
(cd "$out" && mcs -nologo -out:MonoLauncher.exe -r:"$name.dll" -r:"$facades/netstandard.dll" MonoLauncher.cs > mcs.log 2>&1) \
    || { cat "$out/mcs.log" >&2; exit 1; }
exec mono "$out/MonoLauncher.exe" "$@"
