#!/usr/bin/env bash
# Builds eigen_anchors.cpp with g++ -O3 -march=native and runs it; installs libeigen3-dev first if it is missing.
# The weights are the frozen benchmarks' files (../Frozen/*.weights.json), turned into a header by weights_header.py.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

if [[ ! -f /usr/include/eigen3/Eigen/Core ]]; then
    if [[ "$(id -u)" -eq 0 ]]; then
        apt-get update && apt-get install -y libeigen3-dev
    else
        sudo -n apt-get update && sudo -n apt-get install -y libeigen3-dev
    fi
fi

tmpdir="$(mktemp -d)"
trap 'rm -rf "$tmpdir"' EXIT

python3 "$here/weights_header.py" "$here/../Frozen" > "$tmpdir/frozen_weights.h"
g++ -O3 -march=native -std=c++17 -I/usr/include/eigen3 -I"$tmpdir" -o "$tmpdir/eigen_anchors" "$here/eigen_anchors.cpp"
"$tmpdir/eigen_anchors"
