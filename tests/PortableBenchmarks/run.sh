#!/usr/bin/env bash
# Times the portable (netstandard2.1) build under Mono and under .NET 10 next to the net10.0 build, with the Stopwatch
# harness of Workload.cs, and prints one table: for each operation the fastest of the rounds' medians per build, in
# nanoseconds per call, and each build's ratio to the net10.0 build.
#
#   tests/PortableBenchmarks/run.sh [rounds] [other-src]
#
# rounds (default 3) runs every build that many times, interleaved, so a burst of load on a shared machine does not
# land on one build only. other-src, a second checkout's src/ folder, adds its net10.0 build as a further column (to
# see that a change did not slow the net10.0 build down).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
rounds=${1:-3}
other=${2:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

dotnet build "$here/Net10" -c Release -o "$work/net10" --nologo -v q > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
dotnet build "$here/Host" -c Release -o "$work/host" --nologo -v q > "$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
if [ -n "$other" ]; then
    # A copy of the project, so that its obj/ does not mix the two checkouts' builds.
    mkdir -p "$work/other-tree" && cp -r "$here/Net10" "$here/Workload.cs" "$work/other-tree/" && rm -rf "$work/other-tree/Net10/bin" "$work/other-tree/Net10/obj"
    dotnet build "$work/other-tree/Net10" -c Release -o "$work/other" -p:StaticNetSource="$other" --nologo -v q > "$work/build.log" 2>&1 \
        || { cat "$work/build.log"; exit 1; }
fi

builds="net10 host mono${other:+ other}"
for round in $(seq "$rounds"); do
    dotnet "$work/net10/PortableBenchmarksNet10.dll" >> "$work/net10.txt"
    dotnet "$work/host/PortableBenchmarksHost.dll" >> "$work/host.txt"
    "$repo/tests/Mono/run.sh" "$here/Portable/PortableBenchmarks.csproj" StaticNet.PortableBenchmarks.Workload.Run 2> /dev/null >> "$work/mono.txt"
    if [ -n "$other" ]; then dotnet "$work/other/PortableBenchmarksNet10.dll" >> "$work/other.txt"; fi
done

echo "CPU: $(lscpu | sed -n 's/^Model name: *//p'), $(nproc) cores; $rounds rounds; fastest median in ns per call"
printf '%-46s %12s %12s %8s %12s %8s' operation "net10.0" "ns2.1/.NET" ratio "ns2.1/Mono" ratio
[ -n "$other" ] && printf ' %12s %8s' "other" ratio
echo
for build in $builds; do
    awk -F': ' '{ sub(/ ns$/, "", $2); if (!($1 in best) || $2 + 0 < best[$1]) best[$1] = $2 + 0 } END { for (k in best) print k "\t" best[k] }' "$work/$build.txt" | sort > "$work/$build.best"
done
while IFS=$'\t' read -r name base; do
    line=$(printf '%-46s %12.1f' "$name" "$base")
    for build in host mono${other:+ other}; do
        value=$(awk -F'\t' -v k="$name" '$1 == k { print $2 }' "$work/$build.best")
        line="$line $(awk -v value="$value" -v base="$base" 'BEGIN { printf "%12.1f %7.2fx", value, value / base }')"
    done
    echo "$line"
done < "$work/net10.best"
