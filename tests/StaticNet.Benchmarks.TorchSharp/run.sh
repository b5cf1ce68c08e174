#!/usr/bin/env bash
# StaticNet's 784-128-10 training against TorchSharp (libtorch, CPU) on one and two threads. Builds this project,
# makes TorchSharp's native library loadable on this Debian, checks that both sides compute the same step (exit 1
# if not), then runs BenchmarkDotNet with the arguments given.
#   tests/StaticNet.Benchmarks.TorchSharp/run.sh                     # --filter '*' --job short
#   tests/StaticNet.Benchmarks.TorchSharp/run.sh --job dry           # any BenchmarkDotNet arguments
#   tests/StaticNet.Benchmarks.TorchSharp/run.sh --check             # the agreement check only
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
project="$here/StaticNet.Benchmarks.TorchSharp.csproj"
output="$here/bin/Release/net10.0"

# libLibTorchSharp.so asks for GLIBCXX_3.4.32, which Debian 12's libstdc++ lacks (see weaken_glibcxx.py). Every build
# copies it from the NuGet cache, this one and the copy of the project that BenchmarkDotNet builds for its child
# processes, so it is weakened there once (the script leaves a weakened file alone), and in this build's output in
# case an earlier build copied it before that.
dotnet restore "$project"
packages="${NUGET_PACKAGES:-$(dotnet nuget locals global-packages --list | sed -e 's/^global-packages: //' -e 's:/$::')}"
mapfile -t cached < <(find "$packages/torchsharp" -path '*/runtimes/linux-x64/native/libLibTorchSharp.so')
if [[ ${#cached[@]} -eq 0 ]]; then
    echo "No libLibTorchSharp.so under $packages/torchsharp: did the restore fail?" >&2
    exit 1
fi
python3 "$here/weaken_glibcxx.py" "${cached[@]}"

dotnet build -c Release --no-restore "$project"
find "$output" -name libLibTorchSharp.so -exec python3 "$here/weaken_glibcxx.py" {} +

if [[ "${1:-}" == "--check" ]]; then
    exec dotnet "$output/StaticNet.Benchmarks.TorchSharp.dll" --check
fi
dotnet "$output/StaticNet.Benchmarks.TorchSharp.dll" --check

if [[ $# -eq 0 ]]; then
    set -- --filter '*' --job short
fi
dotnet "$output/StaticNet.Benchmarks.TorchSharp.dll" "$@"
