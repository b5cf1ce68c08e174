#!/usr/bin/env bash
# One run of everything the README's performance table quotes, back to back on this machine: the BenchmarkDotNet
# suite (StaticNet, the C# baselines, ONNX Runtime), the TorchSharp training comparison (a project of its own, outside
# the solution), then the Eigen and PyTorch anchor programs. Writes the CPU and the load before and after, so the
# table can say which machine gave it and how quiet it was.
#   tests/StaticNet.Benchmarks/run-all.sh            # BenchmarkDotNet's short job, about 25 minutes
#   JOB=medium tests/StaticNet.Benchmarks/run-all.sh # the medium job, about an hour
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
job="${JOB:-short}"

echo "## Machine"
lscpu | grep -E '^(Model name|CPU\(s\)|CPU family|Model):' | sed 's/^/    /'
echo "    AVX-512: $(grep -q avx512f /proc/cpuinfo && echo yes || echo no); .NET $(dotnet --version)"
echo "    load before: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "## BenchmarkDotNet ($job job)"
dotnet run -c Release --project "$here" -- --filter '*' --job "$job" --exporters markdown

echo "## TorchSharp ($job job)"
"$here/../StaticNet.Benchmarks.TorchSharp/run.sh" --filter '*' --job "$job" --exporters markdown

echo "## Eigen"
"$here/Anchors/run-eigen-anchors.sh"

echo "## PyTorch"
"$here/Anchors/run-pytorch-anchors.sh"

echo "    load after: $(cut -d' ' -f1-3 /proc/loadavg)"
