#!/usr/bin/env bash
# Installs what the PyTorch reference needs: Debian's float64-capable PyTorch (python3-torch) for
# /usr/bin/python3. Idempotent; needs root (or sudo) and the Debian archive.
set -euo pipefail
if /usr/bin/python3 -c "import torch" 2>/dev/null; then
  echo "python3-torch already installed: $(/usr/bin/python3 -c 'import torch; print(torch.__version__)')"
  exit 0
fi
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq python3-torch >/dev/null
/usr/bin/python3 -c "import torch; print('installed torch', torch.__version__)"
