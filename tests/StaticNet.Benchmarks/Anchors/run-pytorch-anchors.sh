#!/usr/bin/env bash
# Runs pytorch_anchors.py with Debian's python3-torch (PyPI is not needed); installs it first if it is missing.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

# Debian's torch calls whatever libblas.so.3 the alternatives system picks; without OpenBLAS that is the reference
# BLAS, 5-10x slower than what PyTorch users run, so OpenBLAS (pthreads build) is installed beside it.
packages=()
/usr/bin/python3 -c "import torch" 2>/dev/null || packages+=(python3-torch)
ls /usr/lib/x86_64-linux-gnu/openblas-pthread/libblas.so.3 > /dev/null 2>&1 || packages+=(libopenblas0-pthread)
if [[ ${#packages[@]} -gt 0 ]]; then
    sudo=""
    [[ "$(id -u)" -eq 0 ]] || sudo="sudo -n"
    $sudo apt-get update && $sudo apt-get install -y "${packages[@]}"
fi

# OpenBLAS on some processors is pinned to an older kernel through these; that would measure the pin, not PyTorch.
for threads in 1 2; do
    header=""
    [[ $threads -eq 1 ]] && header="--header"
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE OMP_NUM_THREADS=$threads OPENBLAS_NUM_THREADS=$threads \
        /usr/bin/python3 "$here/pytorch_anchors.py" "$threads" $header
done
