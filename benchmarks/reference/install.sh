#!/usr/bin/env bash
# Installs what the PyTorch reference needs: Debian's float64-capable PyTorch (python3-torch) for
# /usr/bin/python3, and OpenBLAS (libopenblas0-pthread) selected as the system BLAS and LAPACK. Without
# OpenBLAS a fresh Debian runs torch on the netlib reference BLAS, several times slower, and
# `pinn bench --against-torch` then prints no ratios. Idempotent; needs root (or sudo) and the Debian archive.
set -euo pipefail
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
arch=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || echo x86_64-linux-gnu)
missing=()
/usr/bin/python3 -c "import torch" 2>/dev/null || missing+=(python3-torch)
dpkg -s libopenblas0-pthread >/dev/null 2>&1 || missing+=(libopenblas0-pthread)
if (( ${#missing[@]} )); then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
# Select OpenBLAS even where another BLAS (the reference one, BLIS, ATLAS) has the alternative.
for lib in libblas.so.3 liblapack.so.3; do
  $SUDO update-alternatives --quiet --set "$lib-$arch" "/usr/lib/$arch/openblas-pthread/$lib"
done
/usr/bin/python3 - <<'PY'
import os
os.environ["OPENBLAS_NUM_THREADS"] = "1"
import torch
maps = [l.split()[-1] for l in open("/proc/self/maps") if "blas" in l.split()[-1]]
print("torch", torch.__version__, "on", os.path.realpath(maps[0]) if maps else "no BLAS")
PY
