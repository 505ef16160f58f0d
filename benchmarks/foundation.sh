#!/usr/bin/env bash
# Regenerates BENCHMARKS.md: runs the foundation's measurements with the pinn command and writes the
# figures with the exact commands and the machine. Takes about 3 minutes on 2 cores; run it on an
# otherwise idle machine (timings are wall-clock).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build Solver/Solver.csproj -c Release -v q -nologo >/dev/null
pinn() { dotnet Solver/bin/Release/net10.0/pinn.dll "$@"; }
json() { python3 -c "import json,sys; d=json.loads(sys.stdin.read().strip().splitlines()[-1]); print($1)"; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cmd_p="pinn solve poisson2d --optimizer adam:1000,lbfgs:1000 --json"
pinn solve poisson2d --optimizer adam:1000,lbfgs:1000 --json --quiet > "$tmp/p.json"
cmd_h="pinn solve heat1d --optimizer adam:1000,lbfgs:1000 --json"
pinn solve heat1d --optimizer adam:1000,lbfgs:1000 --json --quiet > "$tmp/h.json"
cmd_p3="pinn solve poisson2d --optimizer adam:1000,lbfgs:3000 --json"
pinn solve poisson2d --optimizer adam:1000,lbfgs:3000 --json --quiet > "$tmp/p3.json"
cmd_a="pinn solve poisson2d --optimizer adam:1000 --eval-every 0 --json"
pinn solve poisson2d --optimizer adam:1000 --eval-every 0 --json --quiet > "$tmp/a.json"
cmd_m="pinn solve poisson2d --optimizer adam:5000 --eval-every 1000 2> log"
pinn solve poisson2d --optimizer adam:5000 --eval-every 1000 > /dev/null 2> "$tmp/m.log"

row() { json "f\"| {d['problem']} | {d['optimizer']} | {'-'.join(map(str,d['hidden']))} | {d['parameters']} | {d['residuals']} | {d['rel_l2']:.3e} | {d['linf']:.3e} | {d['loss']:.3e} | {d['seconds']:.1f} |\""; }
rss() { grep "step *$1/" "$tmp/m.log" | grep -oE 'rss [0-9]+' | grep -oE '[0-9]+'; }
r1000=$(rss 1000); r5000=$(rss 5000)

{
cat <<HEAD
# Benchmarks

Regenerate with \`bash benchmarks/foundation.sh\` (about 3 minutes; an idle machine). Every figure below
comes from the command shown, run by that script; \`pinn\` stands for
\`dotnet Solver/bin/Release/net10.0/pinn.dll\` (Release build, one torch thread, float64).

- Date: $(date -u +%Y-%m-%dT%H:%MZ)
- Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB, $(. /etc/os-release; echo "$PRETTY_NAME")
- Toolkit: TorchSharp 0.107.0, libtorch 2.10.0 (CPU), .NET $(dotnet --version)

## Accuracy (errors on a 100×100 closed grid)

| problem | optimizer | hidden | parameters | residual points | rel. L2 | L∞ | final loss | seconds |
|---|---|---|---|---|---|---|---|---|
HEAD
row < "$tmp/p.json"
row < "$tmp/h.json"
row < "$tmp/p3.json"
cat <<MID

Commands: \`$cmd_p\`, \`$cmd_h\`, \`$cmd_p3\`.
For scale (TARGETS.md): a float64 PyTorch script with Adam 1 000 + L-BFGS 500 on 2-64-64-1 reaches
rel. L2 4.8e-3 in 14.5 s on this machine kind, DeepXDE 1.12.2 reaches 1.6e-3 in 30 s.

## Speed: one Adam step on poisson2d (2-64-64-1, 900 + 120 points)

MID
json "f\"- {d['seconds'] / d['steps'] * 1000:.2f} ms per Adam step (loss and gradient through the Taylor-mode Laplacian, the update, the bookkeeping), averaged over {d['steps']} steps: \`$cmd_a\`. The PyTorch script of TARGETS.md (nested autograd, one thread) takes 8.9 ms per step here.\"" < "$tmp/a.json"
cat <<TAIL

## Memory over a long run

- Resident set size at step 1 000: ${r1000} MB; at step 5 000: ${r5000} MB (read from the progress log lines of \`$cmd_m\`).
TAIL
} > BENCHMARKS.md
cat BENCHMARKS.md
