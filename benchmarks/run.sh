#!/usr/bin/env bash
# Regenerates BENCHMARKS.md from sections: `bash benchmarks/run.sh [core|memory|quick|defaults|paper|convection|fourier|soap|singularity|singularity_networks|frontier|frontier_smooth]...`
# (no argument: all but frontier and frontier_smooth, about 175 minutes; they run for hours). Each section writes benchmarks/sections/NN-NAME.md with its date
# and commands; BENCHMARKS.md is then assembled from all section files. Every figure comes from a pinn
# command shown next to it. Run on an otherwise idle machine (wall-clock budgets and speeds).
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet build Solver/Solver.csproj -c Release -v q -nologo >/dev/null
sections=benchmarks/sections
mkdir -p "$sections"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pinn() { dotnet Solver/bin/Release/net10.0/pinn.dll "$@"; }
stamp() { echo "_Section \`$1\`, generated $(date -u +%Y-%m-%dT%H:%MZ) by \`bash benchmarks/run.sh $1\` (load average $(cut -d' ' -f1 /proc/loadavg) on $(nproc) cores at the start)._"; echo; }
field() { /usr/bin/python3 -c "import json,sys; d=json.loads(open('$1').read().strip().splitlines()[-1]); print($2)"; }

section_core() {
# Each accuracy run: name | pinn arguments
runs=(
  "p_al|solve poisson2d --optimizer adam:1000,lbfgs:1000"
  "p_al_w1|solve poisson2d --optimizer adam:1000,lbfgs:1000 --weight boundary=1"
  "h_al|solve heat1d --optimizer adam:1000,lbfgs:1000 --no-recipe"
  "p_engd|solve poisson2d --hidden 64 --optimizer engd:3000"
  "p_engd_w1|solve poisson2d --hidden 64 --optimizer engd:3000 --weight boundary=1"
  "p_lm|solve poisson2d --hidden 64 --optimizer lm:3000"
  "p_al64|solve poisson2d --hidden 64 --optimizer adam:1000,lbfgs:3000"
  "h_engd|solve heat1d --hidden 64 --optimizer engd:3000 --no-recipe"
  "p5_engd|solve poisson5d --hidden 64 --optimizer engd:500 --no-recipe"
  "p_wood|solve poisson2d --hidden 40,40 --optimizer engd-woodbury:500"
  "p_ny|solve poisson2d --hidden 64,64,64 --optimizer engd-nystrom:150"
  "p_al_big|solve poisson2d --hidden 64,64,64 --optimizer adam:1000,lbfgs:2500"
)
{
stamp core
cat <<HEAD
## Accuracy

Errors against the exact solution on at least 10 000 points (a closed 100×100 grid in 2-D, Halton
points in 5-D). rel. L2 = ‖u − u*‖₂/‖u*‖₂; abs. L2 = RMS error.

| command | parameters | rel. L2 | abs. L2 | L∞ | final loss | steps | seconds |
|---|---|---|---|---|---|---|---|
HEAD
for run in "${runs[@]}"; do
  name=${run%%|*}; args=${run#*|}
  # shellcheck disable=SC2086
  pinn $args --eval-every 0 --json --quiet > "$tmp/$name.json"
  field "$tmp/$name.json" "f\"| \`pinn $args\` | {d['parameters']} | {d['rel_l2']:.2e} | {d['abs_l2']:.2e} | {d['linf']:.2e} | {d['loss']:.2e} | {d['steps']} | {d['seconds']:.1f} |\""
done
cat <<MID

For scale (TARGETS.md): a float64 PyTorch script with Adam 1 000 + L-BFGS 500 on 2-64-64-1 reaches
rel. L2 4.8e-3 in 14.5 s on this machine kind and DeepXDE 1.12.2 1.6e-3 in 30 s; ENGD's best published
poisson2d run reaches abs. 6.2e-8 (rel. ≈ 1.2e-7) in 1 000 s on a GPU, heat1d abs. 3.0e-8, poisson5d
abs. 5.6e-8 (the Σ cos variant, 3 000 s). poisson2d weights its boundary term 100 by default (see
README); the \`--weight boundary=1\` rows use the literature's equal weights.

## Speed

MID
# Wall-clock per step varies by ±15 % between runs on this shared machine: three runs each, median and range.
per_step() {   # name, pinn arguments...
  local name=$1; shift
  for i in 1 2 3; do pinn "$@" --eval-every 0 --json --quiet > "$tmp/$name.$i.json"; done
  /usr/bin/python3 - "$tmp/$name" <<'PY'
import json, sys
v = [json.loads(open(f"{sys.argv[1]}.{i}.json").read().strip().splitlines()[-1]) for i in (1, 2, 3)]
ms = sorted(d["seconds"] / d["steps"] * 1000 for d in v)
print(f"**{ms[1]:.2f} ms per step** (median of 3 runs of {v[0]['steps']} steps; range {ms[0]:.2f}–{ms[2]:.2f})")
PY
}
echo "- Adam on poisson2d, 2-64-64-1, 900 + 120 points: $(per_step adam solve poisson2d --optimizer adam:1000), \`pinn solve poisson2d --optimizer adam:1000 --eval-every 0 --json\`. For scale, TARGETS.md reports 8.9 ms per step for a float64 PyTorch script (nested autograd, one thread) on this machine kind."
echo "- ENGD on poisson2d, 2-64-1 (257 parameters), 900 + 120 points: $(per_step engd solve poisson2d --hidden 64 --optimizer engd:1000), \`pinn solve poisson2d --hidden 64 --optimizer engd:1000 --eval-every 0 --json\`; TARGETS.md reports about 110 ms per step for a PyTorch ENGD here."
pinn timing poisson2d --hidden 64 > "$tmp/t64.json"
pinn timing poisson2d --repeat 50 > "$tmp/t6464.json"
cat <<TIMING

Where an ENGD step goes (\`pinn timing poisson2d --hidden 64\`; milliseconds per call, medians). A step is
one residuals-and-Jacobian evaluation, the Gramian, one Cholesky solve and the grid line search's loss
evaluations (about 3 with the warm start):

| network | loss | loss + gradient | residuals + Jacobian | Jacobian / (loss + gradient) | Gramian JᵀJ | Cholesky solve |
|---|---|---|---|---|---|---|
TIMING
for t in t64 t6464; do
  field "$tmp/$t.json" "f\"| 2-{'-'.join(map(str,d['hidden']))}-1 ({d['parameters']} parameters, {d['residuals']} residuals) | {d['loss_ms']:.2f} | {d['loss_and_gradient_ms']:.2f} | {d['residuals_and_jacobian_ms']:.2f} | {d['residuals_and_jacobian_ms']/d['loss_and_gradient_ms']:.1f}× | {d['gramian_ms']:.2f} | {d['cholesky_solve_ms']:.2f} |\""
done
} > "$sections/10-core.md.tmp"
mv "$sections/10-core.md.tmp" "$sections/10-core.md"
}

section_memory() {   # resident memory over a long Adam run with the default evaluation (about 4 minutes)
  local head; head=$(stamp memory)
  pinn solve poisson2d --optimizer adam:20000 > /dev/null 2> "$tmp/m.log"
  { echo "$head"; echo
    echo "## Memory over a long run"
    echo
    /usr/bin/python3 - "$tmp/m.log" <<'PY'
import re, sys
rss = {int(s): int(m) for s, m in re.findall(r"step +(\d+)/\d+ .* rss (\d+) MB", open(sys.argv[1]).read())}
after = [m for s, m in rss.items() if s > 2000]
print(f"Resident set size (VmRSS) of `pinn solve poisson2d --optimizer adam:20000` (evaluation every 100 steps, the default), "
      f"read from its progress lines: {rss[100]} MB at step 100, {rss[2000]} MB at step 2 000, {rss[20000]} MB at step 20 000; "
      f"the largest after step 2 000 is {max(after)} MB, **{100 * (max(after) - rss[2000]) / rss[2000]:+.1f} %** over step 2 000. "
      "What the steady-state size depends on: README, \"Memory\".")
PY
  } > "$sections/15-memory.md.tmp"
  mv "$sections/15-memory.md.tmp" "$sections/15-memory.md"
}

section_quick() {   # every optimizer on poisson2d and heat1d at a fixed budget, and the PyTorch comparison
  bash benchmarks/reference/install.sh >/dev/null
  local head; head=$(stamp quick)
  pinn bench --suite quick --against-torch --torch-budget 80 --out "$tmp/quick" --quiet > /dev/null
  mkdir -p benchmarks/figures
  cp "$tmp"/quick/results.*.png benchmarks/figures/
  { echo "$head"; echo
    echo "Command: \`pinn bench --suite quick --against-torch --torch-budget 80\` (figures: benchmarks/figures/results.*.png)."
    echo
    sed 's/^## /### /; s/^### \([a-z0-9]*\)$/#### \1/' "$tmp/quick/results.md"
    echo
    echo '![poisson2d: rel. L2 against training time](benchmarks/figures/results.poisson2d-time.png)'
    echo '![toolkit vs PyTorch](benchmarks/figures/results.against-torch.png)'
  } > "$sections/20-quick.md"
}

run_pairs() {   # run_pairs PREFIX ROW...: each row "name|pinn arguments", two at a time (one thread each, two cores)
  local prefix=$1; shift
  local pids=() run name args
  for run in "$@"; do
    name=${run%%|*}; args=${run#*|}
    # shellcheck disable=SC2086
    pinn $args --eval-every 0 --json --quiet > "$tmp/$prefix-$name.json" &
    pids+=($!)
    if (( ${#pids[@]} == 2 )); then wait "${pids[0]}"; pids=("${pids[@]:1}"); fi
  done
  wait
}

phase_table() {   # phase_table PREFIX ROW...: one table line per row from its JSON
  local prefix=$1; shift
  echo "| command | parameters | rel. L2 | loss before NNCG | final loss | steps per phase | seconds |"
  echo "|---|---|---|---|---|---|---|"
  local run name args
  for run in "$@"; do
    name=${run%%|*}; args=${run#*|}
    /usr/bin/python3 - "$tmp/$prefix-$name.json" "$args" <<'PY'
import json, sys
d = json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])
phases = d["phases"]
before = next((f"{p['loss']:.2e}" for i, p in enumerate(phases) if i + 1 < len(phases) and phases[i + 1]["optimizer"] == "nncg"), "—")
steps = ", ".join(f"{p['optimizer']} {p['steps']}" for p in phases)
print(f"| `pinn {sys.argv[2]}` | {d['parameters']} | {d['rel_l2']:.2e} | {before} | {d['loss']:.2e} | {steps} | {d['seconds']:.0f} |")
PY
  done
}

section_paper() {   # the hard problems: Adam -> L-BFGS -> NNCG, and the best sequences found for the others
  local runs=(
    "convection-lm|solve convection --hard --periodic --sampling halton --points 4096 --hidden 20,20,20 --optimizer lm:300 --no-recipe"
    "convection|solve convection --hard --periodic --sampling halton --points 2048 --optimizer adam:1000,lbfgs:19000,nncg:1000 --budget 600 --no-recipe"
    "convection-seed1|solve convection --hard --periodic --sampling halton --points 2048 --optimizer adam:1000,lbfgs:19000,nncg:1000 --budget 600 --seed 1 --no-recipe"
    "reaction|solve reaction --hard --periodic --sampling halton --points 2048 --optimizer adam:1000,lbfgs:8000,nncg:1000 --budget 600 --no-recipe"
    "wave-lm|solve wave --hard --sampling halton --points 4096 --hidden 32,32,32 --optimizer lm:400 --no-recipe"
    "wave|solve wave --hard --sampling halton --points 4096 --hidden 32,32,32 --optimizer adam:1000,lbfgs:3000,nncg:1000 --budget 600 --no-recipe"
    "burgers|solve burgers --hard --sampling halton --points 4096 --hidden 20,20,20 --optimizer lm:1000000 --budget 400 --no-recipe"
    "allen-cahn|solve allen-cahn --periodic --sampling halton --points 4096 --hidden 20,20,20 --optimizer lm:1000000 --budget 300 --no-recipe"
    "helmholtz2d|solve helmholtz2d --hard --points 3600 --optimizer lm:300 --no-recipe"
    "kovasznay|solve kovasznay --hidden 30,30 --optimizer lm:1000000 --budget 300 --no-recipe"
  )
  run_pairs paper "${runs[@]}"
  { stamp paper
    echo "Two runs at a time (one torch thread each on the two cores). rel. L2 on ≥ 10 000 points (kovasznay: u, v, p stacked; per output below the table). For the NNCG rows, \"loss before NNCG\" is the loss at the end of the L-BFGS phase. \`--sampling halton\`: the interior points are a Halton sequence instead of a tensor grid, on which convection, wave and burgers fit the residual at the nodes with a wrong solution between them (rel. L2 ≈ 1)."
    echo
    phase_table paper "${runs[@]}"
    echo
    field "$tmp/paper-kovasznay.json" "'kovasznay per output: ' + ', '.join(f'{k} rel. L2 {v[\"rel_l2\"]:.2e}' for k, v in d['outputs'].items())"
  } > "$sections/30-paper.md"
}

section_defaults() {   # every problem's recipe: `pinn solve P` without options, DEFAULTS_JOBS (default 2) at a time (one thread each; about an hour under load)
  local problems=(poisson2d heat1d poisson5d convection reaction wave burgers allen-cahn helmholtz2d kovasznay)
  local pids=() p jobs=${DEFAULTS_JOBS:-2}
  local load_start header; load_start=$(cut -d' ' -f1 /proc/loadavg); header=$(stamp defaults)
  for p in "${problems[@]}"; do
    /usr/bin/time -f '%U %S %e' -o "$tmp/defaults-$p.time" dotnet Solver/bin/Release/net10.0/pinn.dll solve "$p" --json --quiet \
      > "$tmp/defaults-$p.json" 2> "$tmp/defaults-$p.err" &
    pids+=($!)
    if (( ${#pids[@]} >= jobs )); then wait "${pids[0]}" || true; pids=("${pids[@]:1}"); fi
  done
  wait
  { echo "$header"; echo
    echo "What \`pinn solve PROBLEM\` runs without options: the problem's recipe (\`pinn list\`; the options below are the ones the recipe added, ending the resolved command). $([[ $jobs == 1 ]] && echo "One run at a time" || echo "$jobs runs at a time"), one torch thread each, other jobs sharing the machine. \"seconds\" is the training time (wall clock, evaluation excluded), \"CPU s\" the process's user + system time: with one thread it is about what the run takes on an idle machine, while on a loaded one the wall clock runs ahead of it and a recipe's \`--budget\` can end the run early (outcome BudgetReached; \"steps\" then says how many of the recipe's steps ran). rel. L2 on each problem's error grid (burgers and allen-cahn: the 201×512 reference points). A run that ends above 1e-2 prints a warning; \"warned\" says whether it did. Load average $load_start at the start, $(cut -d' ' -f1 /proc/loadavg) at the end."
    echo
    echo "| command | rel. L2 | steps | seconds | CPU s | outcome | warned | recipe |"
    echo "|---|---|---|---|---|---|---|---|"
    for p in "${problems[@]}"; do
      /usr/bin/python3 - "$tmp/defaults-$p" "$p" <<'PY'
import json, sys
base, problem = sys.argv[1], sys.argv[2]
user, system, wall = (float(v) for v in open(base + ".time").read().split()[-3:])
lines = open(base + ".json").read().strip().splitlines()
warned = "yes" if "did not reach rel. L2" in open(base + ".err").read() else "no"
if not lines:
    print(f"| `pinn solve {problem}` | — | — | — | {user + system:.0f} | no result (see stderr) | {warned} | |")
    sys.exit()
d = json.loads(lines[-1])
planned = sum(ph["planned"] for ph in d["phases"])
steps = f"{d['steps']}" if d["steps"] == planned else f"{d['steps']} of {planned}"
print(f"| `pinn solve {problem}` | {d['rel_l2']:.2e} | {steps} | {d['seconds']:.0f} | {user + system:.0f} | {d['outcome']} | {warned} | `{d['recipe']}` |")
PY
    done
  } > "$sections/25-defaults.md"
}

section_convection() {   # convection with Adam -> L-BFGS -> NNCG: Fourier features, three seeds, fewer points, and two contrasts
  local ff="solve convection --hard --periodic --fourier-features 1:16 --sampling halton --no-recipe"
  local seq="--optimizer adam:1000,lbfgs:9000,nncg:1000 --budget 600"
  local runs=(
    "ff-s0|$ff --points 3072 $seq"
    "ff-s1|$ff --points 3072 $seq --seed 1"
    "ff-s2|$ff --points 3072 $seq --seed 2"
    "ff-2048|$ff --points 2048 $seq"
    "ff32-s1|solve convection --hard --periodic --fourier-features 1:32 --sampling halton --points 3072 $seq --seed 1 --no-recipe"
    "plain|solve convection --hard --periodic --sampling halton --points 3072 --optimizer adam:1000,lbfgs:15000,nncg:1000 --budget 600 --no-recipe"
  )
  run_pairs convection "${runs[@]}"
  { stamp convection
    echo "Two runs at a time, one torch thread each. \`--fourier-features 1:16\`: 16 random Fourier features of the inputs (σ = 1; with \`--periodic\` their x frequencies are whole), drawn with \`--seed\`. The last two rows are contrasts: 32 features instead of 16 (seed 1), and no features (the paper section's setting with 3 072 points). The budget stops a run before a step that would likely end past 600 s."
    echo
    phase_table convection "${runs[@]}"
  } > "$sections/35-convection.md"
}

section_fourier() {   # wave and reaction with the convection section's 16 Fourier features and the Adam -> L-BFGS -> NNCG sequence
  local runs=(
    "wave-ff|solve wave --hard --sampling halton --points 4096 --hidden 32,32,32 --fourier-features 1:16 --optimizer adam:1000,lbfgs:3000,nncg:1000 --budget 600 --no-recipe"
    "reaction-ff|solve reaction --hard --periodic --fourier-features 1:16 --sampling halton --points 2048 --optimizer adam:1000,lbfgs:8000,nncg:1000 --budget 600 --no-recipe"
  )
  run_pairs fourier "${runs[@]}"
  { stamp fourier
    echo "Two runs at a time, one torch thread each. The paper section's wave and reaction sequence rows with 16 Fourier features (σ = 1) added, as in the convection section; everything else is the same."
    echo
    phase_table fourier "${runs[@]}"
  } > "$sections/36-fourier.md"
}

section_soap() {   # SOAP against Adam at equal steps and learning rate
  { stamp soap
    echo "| command | rel. L2 | final loss | seconds |"
    echo "|---|---|---|---|"
    for spec in adam:3000 soap:3000; do
      pinn solve poisson2d --optimizer $spec --eval-every 0 --json --quiet > "$tmp/soap.json"
      field "$tmp/soap.json" "f\"| \`pinn solve poisson2d --optimizer $spec\` | {d['rel_l2']:.2e} | {d['loss']:.2e} | {d['seconds']:.0f} |\""
    done
  } > "$sections/40-soap.md"
}

section_singularity() {   # self-similar profiles with the analytic ansatz: Burgers and Córdoba–Córdoba–Fontelos, every branch
  local analytic=("burgers --method analytic --branch 0" "burgers --method analytic --branch 1 --powers 6 --origin-weight 1000" "burgers --method analytic --branch 2"
                  "ccf --branch 0" "ccf --branch 1" "ccf --branch 2")
  local i=0
  for args in "${analytic[@]}"; do
    # shellcheck disable=SC2086
    pinn singularity $args --json -q > "$tmp/anal$i.json"
    i=$((i + 1))
  done
  { stamp singularity
    echo "Analytic ansatz F = Σ c u^((j−λ)/(1+λ)) ζ^k (plus the regular family ζ^k for CCF) with the exact Hilbert partner, one run at a time. λ found by the secant search on the smoothness indicator from a coarse λ₀, then trained (CCF branch 1: the staged search, every indicator value from a fixed-λ start on a coarse basis plus a fixed-λ correction on the rich one with origin emphasis, then λ held at the search's value for four refinement stages, \`--refine\`); λ error against 1/(2I+2) (Burgers) or Wang et al. 2025's values 1.1807776628998, 0.6057337012032, 0.47132 (CCF; 13 digits, so errors below ~1e-13 are not resolved); max_residual: |R|·(1+y²)^(−α/2) on 20 001 points covering the whole line."
    echo
    echo "| command | λ found | λ error | max_residual per stage | seconds |"
    echo "|---|---|---|---|---|"
    i=0
    for args in "${analytic[@]}"; do
      field "$tmp/anal$i.json" "f\"| \`pinn singularity $args\` | {d['lambda']:.15g} | {d['lambda_error']:.1e} | {' → '.join(f'{v:.2e}' for v in d['stage_max_residual'])} | {d['seconds']:.0f} |\""
      i=$((i + 1))
    done
  } > "$sections/50-singularity.md"
}

section_singularity_networks() {   # Burgers profiles with networks of the compact coordinate; one stored row per branch
  # Rows live in benchmarks/singularity-networks/KEY.json (command, start, CPU and wall seconds, the --json summary);
  # SINGULARITY_NETWORK_RUNS="0 2" reruns those rows, two at a time (default the six default-command rows, ~8 minutes);
  # "none" none. The net* rows (network stages only, ~15-20 CPU minutes each) run only when named.
  local cases=("0|--branch 0" "1|--branch 1" "2|--branch 2" "3|--branch 3" "4|--branch 4" "5|--branch 5"
    "net0|--branch 0 --stages 3 --chebyshev off" "net1|--branch 1 --stages 3 --steps 3000 --chebyshev off" "net2|--branch 2 --stages 3 --chebyshev off")
  local store=benchmarks/singularity-networks wanted=" ${SINGULARITY_NETWORK_RUNS:-0 1 2 3 4 5} "
  mkdir -p "$store"
  local c running=0
  for c in "${cases[@]}"; do
    [[ $wanted == *" ${c%%|*} "* ]] || continue
    singularity_network_run "${c%%|*}" "${c#*|}" "$store" &
    running=$((running + 1))
    if (( running == 2 )); then wait -n; running=1; fi
  done
  wait
  { stamp singularity_networks
    echo "The network search (Burgers only): stage 1 a network of the compact coordinate, later stages (by default) Chebyshev series of degree 200 in each component's coordinate (\`--chebyshev 2:200\`), all trained by full-Jacobian Levenberg–Marquardt in float64; one torch thread each, two runs side by side on the two cores. Rows are stored in \`benchmarks/singularity-networks/\` with their command, start time, wall seconds and user+system CPU seconds (\`/usr/bin/time\`; the machine is shared, so CPU seconds are what a quiet machine needs); rows not rerun keep their date. Each stage returns its best checked iterate, and a later stage that does not lower max|R̃| is dropped. max_residual: the envelope-scaled residual on 20 001 points covering the whole line; λ error against 1/(2I+2). Issue 17 asks for max residual ≤ 1e-13 and λ error ≤ 1e-14 within 30 minutes on branches 0, 1 and 2. The \`net\` rows are network stages only (\`--chebyshev off\`, the default before 2026-12-07); they ran before \`pinn\` set MKL's reproducible mode (2026-12-06 22:00), which changes every rounding, and a rerun with the mode, \`--branch 1 --stages 3 --steps 3000,3000,4000 --chebyshev off\`, stalled in stage 3 at 2.48e-12 (818 CPU s): whether a third network stage stalls depends on the stage-2 profile it starts from (README, singularity search). Branches 6 and up are not verified (README)."
    echo
    echo "| command | λ error | max_residual per stage | max_error | CPU s | wall s | run at (UTC) |"
    echo "|---|---|---|---|---|---|---|"
    for c in "${cases[@]}"; do
      local row="$store/${c%%|*}.json"
      if [[ -f $row ]]; then
        field "$row" "(lambda r: f\"| \`pinn singularity burgers {d['args']}\` | {r['lambda_error']:.1e} | {' → '.join(f'{v:.2e}' for v in r['stage_max_residual'])} | {r['max_error']:.1e} | {d['cpu_seconds']:.0f} | {d['wall_seconds']:.0f} | {d['run_at']} |\")(d['result'])"
      else
        echo "| \`pinn singularity burgers ${c#*|}\` | not run yet | | | | | |"
      fi
    done
  } > "$sections/51-singularity-networks.md"
}

singularity_network_run() {   # key args store: one branch, stored atomically with its command and times
  local key=$1 args=$2 store=$3 out="$tmp/sn-$1" started
  started=$(date -u +%Y-%m-%dT%H:%MZ)
  # shellcheck disable=SC2086
  /usr/bin/time -f '%U %S %e' -o "$out.time" dotnet Solver/bin/Release/net10.0/pinn.dll singularity burgers $args --json -q > "$out.json" || true
  singularity_network_store "$out.json" "$out.time" "$args" "$started" "$store/$key.json"
}

singularity_network_store() {   # summary.json time-file args started dest.json
  /usr/bin/python3 - "$@" <<'PY'
import json, os, sys
summary, times, args, started, dest = sys.argv[1:6]
lines = open(summary).read().strip().splitlines()
user, system, wall = map(float, open(times).read().split()[-3:])
row = {"args": args, "run_at": started, "cpu_seconds": user + system, "wall_seconds": wall,
       "load_average": float(open("/proc/loadavg").read().split()[0]), "result": json.loads(lines[-1]) if lines else None}
if row["result"] is None: sys.exit(f"{summary}: no summary line; not stored")
with open(dest + ".tmp", "w") as f: json.dump(row, f)
os.replace(dest + ".tmp", dest)
PY
}

frontier_rows=(   # name|pinn arguments: burgers and allen-cahn toward the best published runs (issue 14); one torch thread each
  "burgers-ssbroyden-vrba-s0|solve burgers --no-recipe --hard --hidden 30,30,30 --sampling uniform --points 4096 --adaptive vrba:pool=100000:every=100 --optimizer adam:2000,ssbroyden:14000 --seed 0"
  "burgers-long-s0|solve burgers --no-recipe --hard --hidden 30,30,30 --sampling uniform --points 4096 --adaptive vrba:pool=100000:every=100 --optimizer adam:2000,ssbroyden:22000 --seed 0"
  "burgers-long-s1|solve burgers --no-recipe --hard --hidden 30,30,30 --sampling uniform --points 4096 --adaptive vrba:pool=100000:every=100 --optimizer adam:2000,ssbroyden:22000 --seed 1"
  "burgers-long-s2|solve burgers --no-recipe --hard --hidden 30,30,30 --sampling uniform --points 4096 --adaptive vrba:pool=100000:every=100 --optimizer adam:2000,ssbroyden:22000 --seed 2"
  "burgers-short-s0|solve burgers --no-recipe --hard --hidden 30,30,30 --sampling uniform --points 4096 --adaptive vrba:pool=100000:every=100 --optimizer adam:1000,ssbroyden:4000 --seed 0"
  "burgers-short-s1|solve burgers --no-recipe --hard --hidden 30,30,30 --sampling uniform --points 4096 --adaptive vrba:pool=100000:every=100 --optimizer adam:1000,ssbroyden:4000 --seed 1"
  "burgers-short-s2|solve burgers --no-recipe --hard --hidden 30,30,30 --sampling uniform --points 4096 --adaptive vrba:pool=100000:every=100 --optimizer adam:1000,ssbroyden:4000 --seed 2"
  "burgers-p8192-s0|solve burgers --no-recipe --hard --hidden 30,30,30 --sampling uniform --points 8192 --adaptive vrba:pool=100000:every=100 --optimizer adam:2000,ssbroyden:12000 --seed 0 --eval-every 500"
  "burgers-p8192-s1|solve burgers --no-recipe --hard --hidden 30,30,30 --sampling uniform --points 8192 --adaptive vrba:pool=100000:every=100 --optimizer adam:2000,ssbroyden:12000 --seed 1 --eval-every 500"
  "burgers-p8192-s2|solve burgers --no-recipe --hard --hidden 30,30,30 --sampling uniform --points 8192 --adaptive vrba:pool=100000:every=100 --optimizer adam:2000,ssbroyden:12000 --seed 2 --eval-every 500"
  "burgers-p8192-best-s0|solve burgers --no-recipe --hard --hidden 30,30,30 --sampling uniform --points 8192 --adaptive vrba:pool=100000:every=100:final=best --optimizer adam:2000,ssbroyden:12000 --seed 0 --eval-every 500"
  "burgers-p8192-best-s1|solve burgers --no-recipe --hard --hidden 30,30,30 --sampling uniform --points 8192 --adaptive vrba:pool=100000:every=100:final=best --optimizer adam:2000,ssbroyden:12000 --seed 1 --eval-every 500"
  "burgers-p8192-best-s2|solve burgers --no-recipe --hard --hidden 30,30,30 --sampling uniform --points 8192 --adaptive vrba:pool=100000:every=100:final=best --optimizer adam:2000,ssbroyden:12000 --seed 2 --eval-every 500"
  "allen-cahn-short-s0|solve allen-cahn --no-recipe --periodic --hidden 30,30,30 --sampling uniform --points 4096 --boundary-points 512 --adaptive vrba:pool=100000:every=100 --optimizer adam:1000,ssbroyden:4000 --seed 0"
  "burgers-lm-grow-s0|solve burgers --no-recipe --hard --hidden 20,20,20 --sampling uniform --points 1024 --adaptive rad:pool=100000:every=50:grow=2:max=8192:final=best --optimizer lm:3000 --seed 0 --eval-every 250"
  "burgers-lm-grow-s1|solve burgers --no-recipe --hard --hidden 20,20,20 --sampling uniform --points 1024 --adaptive rad:pool=100000:every=50:grow=2:max=8192:final=best --optimizer lm:3000 --seed 1 --eval-every 250"
  "burgers-lm-grow-s2|solve burgers --no-recipe --hard --hidden 20,20,20 --sampling uniform --points 1024 --adaptive rad:pool=100000:every=50:grow=2:max=8192:final=best --optimizer lm:3000 --seed 2 --eval-every 250"
  "allen-cahn-hard-lm-s0|solve allen-cahn --no-recipe --hard --periodic --sampling halton --points 4096 --hidden 20,20,20 --optimizer lm:3000 --seed 0 --eval-every 500"
  "allen-cahn-hard-lm-s1|solve allen-cahn --no-recipe --hard --periodic --sampling halton --points 4096 --hidden 20,20,20 --optimizer lm:3000 --seed 1 --eval-every 500"
  "allen-cahn-hard-lm-s2|solve allen-cahn --no-recipe --hard --periodic --sampling halton --points 4096 --hidden 20,20,20 --optimizer lm:3000 --seed 2 --eval-every 500"
  "allen-cahn-hard-lm4-s0|solve allen-cahn --no-recipe --hard --periodic --sampling halton --points 4096 --hidden 20,20,20,20 --optimizer lm:3000 --seed 0 --eval-every 500"
  "allen-cahn-hard-lm4-s1|solve allen-cahn --no-recipe --hard --periodic --sampling halton --points 4096 --hidden 20,20,20,20 --optimizer lm:3000 --seed 1 --eval-every 500"
  "allen-cahn-hard-lm4-s2|solve allen-cahn --no-recipe --hard --periodic --sampling halton --points 4096 --hidden 20,20,20,20 --optimizer lm:3000 --seed 2 --eval-every 500"
)

section_frontier() {   # the rows above, FRONTIER_JOBS (2) at a time (5-15 CPU minutes each); FRONTIER_RUNS="name ..." runs only those rows, the others keep their stored results (benchmarks/frontier/NAME.json)
  local store=benchmarks/frontier run name args pids=()
  mkdir -p "$store"
  for run in "${frontier_rows[@]}"; do
    name=${run%%|*}; args=${run#*|}
    [[ -z ${FRONTIER_RUNS:-} || " $FRONTIER_RUNS " == *" $name "* ]] || continue
    frontier_run "$store" "$name" "$args" &
    pids+=($!)
    if (( ${#pids[@]} == ${FRONTIER_JOBS:-2} )); then wait "${pids[0]}" || true; pids=("${pids[@]:1}"); fi
  done
  wait || true
  { stamp frontier
    echo "## Frontier: burgers and allen-cahn (issue 14)"
    echo
    echo "Burgers (ν = 0.01/π) and Allen–Cahn toward the issue-14 targets (rel. L2 ≤ 1e-6 for burgers, stretch 1e-7; ≤ 1e-5 for allen-cahn; seeds 0–2, the worst counts; ≤ 30 minutes a run on this 2-core machine with one torch thread). Errors are the toolkit's rel. L2 at the 512 × 201 points of the jaxpi grid against our own references: burgers the exact Cole–Hopf solution (Gauss–Hermite, 150 nodes; agrees with 400 nodes to 3e-15 and with Raissi's 100 × 256 grid to 4e-11), allen-cahn the Fourier/ETDRK4 reference. Rows are stored in \`benchmarks/frontier/NAME.json\` with their command, start time, wall seconds and user+system CPU seconds (\`/usr/bin/time\`); the machine is shared, so wall seconds are inflated and CPU seconds are the time a quiet machine would need. \`training s\` excludes set-up and evaluation. Rows not rerun keep the date they were produced (\`FRONTIER_RUNS\` selects rows); a row stored before the per-problem recipes existed (main before 514605d) ran without \`--no-recipe\`, which then meant the same. \`verified\`: \`pinn verify\` on the run's results file recomputed its recorded errors from the stored network (rows stored before this check existed: —)."
    echo
    echo "Recipes: 3×30 tanh in the hard form (burgers: u = −sin πx + (1−x²)t·N; allen-cahn: periodic embedding of x, soft initial condition on 256 grid points), 4 096 PDE points per batch drawn from a pool of 100 000 uniform candidates; Adam (lr 1e-3), then the dense self-scaled Broyden method (\`ssbroyden\`, strong Wolfe line search, inverse Hessian kept across draws). \`--adaptive vrba:every=100\`: a new batch every 100 steps drawn by the vRBA multipliers kept on the whole pool (Toscano et al. 2025). A checkpoint (with its evaluation on the error grid) every 500 steps is part of each run and of its CPU seconds. Recipe 2 (Adam 2 000 + 22 000 self-scaled Broyden steps, sized to stay under 30 CPU minutes a run with margin) was the first issue-14 acceptance run for burgers, on seeds 0–2; recipe 1 (16 000 steps, seed 0) and recipe 3 (5 000 steps, seeds 0–2) show how the error falls with the number of quasi-Newton steps. Recipe 4, the acceptance recipe now, doubles the batch to 8 192 points and takes fewer steps (Adam 2 000 + 12 000 self-scaled Broyden steps), so it fits the same 30 CPU minutes: at equal steps its error was below recipe 2's on seed 1 (2.7e-6 at step 9 000 against recipe 2's 5e-6–7e-6 from step 9 000 to 22 000), and late in the run the error still moves by up to 3× between evaluations 500 steps apart (seed 0: 1.2e-6 at step 9 500, 4.3e-6 at 11 500, 4.6e-7 at 14 000; seed 2: 4.8e-7 at step 13 500, 2.4e-6 at the last step, 14 000, which decides its row); its rows were run with \`--eval-every 500\` (an evaluation on the error grid every 500 steps, part of their CPU seconds; it does not change the training) and without checkpoints. Recipe 5 is recipe 4 with \`final=best\` (the run ends at the iterate with the lowest mean squared residual over the 100 000-point pool among the draws and the last one; no reference solution involved): the same training as recipe 4 on the same seed, so the two rows show what the selection does (seed 0: the last iterate scored lowest on the pool, so it was kept and the row equals recipe 4's; seed 2, whose last iterate was its worst evaluation at 2.43e-6, ended at the iterate after step 13 400 with 4.73e-7). allen-cahn: the first hard form (\`--hard --periodic\` before 2026-12-06 23:00: u = x² cos πx + t·N) beat the soft initial condition at 5 000 steps (5.78e-4 against 1.12e-3, seed 0) but had a floor: the initial data's periodic extension has a kink (u_x(±1, 0) = ∓2) that this ansatz keeps at every t while the solution smooths it; with 8 192-point batches and Adam 2 000 + 12 000 self-scaled Broyden steps (seed 0) its error stayed at 5.5e-4 from step 5 000 to 8 000 while the loss fell from 6e-9 to 1e-9 (run stopped there). The hard form now carries that kink itself, smoothed by the heat kernel and damped by e^{−10t} (u = A + t·N, \`Problems/AllenCahn.cs\`), so what the network learns has no layer at x = ±1; recipe 8 is Levenberg–Marquardt on it (2-20-20-20-1, 4 096 fixed Halton points; evaluations every 500 steps). Its seed-0 screen (2026-12-06, the same training with evaluations every 250 steps): 1.1e-4 at step 1 000, 4.1e-5 at 1 500, 2.6e-5 at 2 000, 1.26e-5 at 3 000 and 3 500, 1.4e-5 at 4 000 while the loss fell from 1e-10 to 5e-11, so more steps do not pay; 8 192 Halton points (2.5e-5 at step 2 500) and RAD batches of 4 096 from a 100 000-point pool redrawn every 250 steps (2.2e-5 at step 3 000) were not better. Recipe 9 is recipe 8 with four hidden layers of 20 (1 361 parameters): its seed-2 screen (recipe 8's worst seed; the same training as the row) was at 1.7e-5 at step 1 000, 8.2e-6 at 1 500, 8.4e-6 at 2 000 and 8.2e-6 at 3 000, where 2-24-24-24-1 was at 3.8e-5 after 1 000 steps. Recipe 7 is issue 14's item 4, Gauss–Newton on resampled batches that grow as the fit tightens: Levenberg–Marquardt on the 3×20 hard form (921 parameters, the \`pinn solve burgers\` recipe's network), a fresh RAD batch from a 100 000-point pool every 50 steps, the batch doubled (\`grow=2\`, from 1 024 up to 8 192 points) at a draw where the pool's mean r² exceeds twice the batch's; on seed 0 it reached 8 192 points by step 150 and then stayed there. At equal CPU time the self-scaled quasi-Newton recipes win: recipe 7 ended at 7.3e-6, 3.8e-6 and 2.4e-6 on seeds 0–2 after 3 000 steps (1 070–1 105 CPU s; seed 0: 7.4e-5 at step 500, 2.6e-5 at 750, 7.8e-6 at 2 250; seeds 1–2 ran with MKL's reproducible mode, seed 0 before it), recipe 1 reached 2.1e-6 in 857 CPU s and recipe 5 4.6e-7–5.7e-7 in 1 230–1 530 CPU s, while the Levenberg–Marquardt row's loss had flattened (8.4e-9 at step 2 500, 5.6e-9 at 3 000); it is still 12× better than the 600-second default recipe (\`pinn solve burgers\`, 8.8e-5, section \`defaults\`). The line under the table gives each recipe's worst seed and slowest run; a target counts as reached only when the worst seed is within it and every run took at most 1 800 CPU seconds."
    echo
    /usr/bin/python3 benchmarks/frontier.py table "$store" "${frontier_rows[@]}"
    echo
    echo "Published anchors (float64; from the papers' code or text as quoted in issue 14, not rerun here):"
    echo
    echo "| problem | method | rel. L2 | network, points, steps | source |"
    echo "|---|---|---|---|---|"
    echo "| burgers | SSBroyden + vRBA | 8.25e-9 | 3×30 tanh, batches of 20 000 from a 200 000-point pool, Adam 5k + 100k quasi-Newton steps, GPU | Toscano et al. 2025 (vRBA code, notebook output) |"
    echo "| burgers | SSBroyden | 2.78e-8 | same | Toscano et al. 2025 |"
    echo "| burgers | SSBroyden | ≈ 1e-7 (figure) | 4×20 tanh, ~50k steps | Kiyani et al. 2025, CMAME 446, 118308 |"
    echo "| burgers | SOAP + PirateNet | 4.03e-5 (against the jaxpi file, itself 4.0e-5 off Cole–Hopf) | PirateNet | Wang et al. 2025 |"
    echo "| allen-cahn | SSBroyden + vRBA | 1.88e-6 (plain SSBroyden 8.97e-6) | 3×30, Adam 5k + 80k | Toscano et al. 2025 |"
    echo "| allen-cahn | SOAP + PirateNet | 3.48e-6 | PirateNet 3×256, 1e5 steps, GPU | Wang et al. 2025 |"
  } > "$sections/60-frontier.md.tmp"
  mv "$sections/60-frontier.md.tmp" "$sections/60-frontier.md"
}

frontier_run() {   # store name arguments: one run, stored with its command, CPU and wall seconds (a failed run stores nothing)
  # A run that fails part way (e.g. libtorch's rare 'Expected false to be true' under load) is resumed from its last
  # checkpoint with 'pinn resume' (bit for bit), at most 3 times; CPU and wall seconds add up every attempt. The results
  # file is checked with 'pinn verify' (recorded errors recomputed from the stored network).
  local started attempt=0 code=0 times=() checkpoint="$tmp/$2.checkpoint.h5" pinn_dll=Solver/bin/Release/net10.0/pinn.dll
  started=$(date -u +%Y-%m-%dT%H:%MZ)
  local evaluate="--eval-every 0"   # a row that gives its own --eval-every keeps it
  [[ " $3 " == *" --eval-every "* ]] && evaluate=""
  # shellcheck disable=SC2086
  /usr/bin/time -o "$tmp/$2.time0" -f '%U %S %e' dotnet $pinn_dll $3 $evaluate --json --quiet \
    --checkpoint-every 500 --checkpoint "$checkpoint" --out "$tmp/$2.h5" > "$tmp/$2.json" || code=$?
  times+=("$tmp/$2.time0")
  while (( code != 0 && attempt < 3 )) && [[ -f $checkpoint ]]; do
    attempt=$((attempt + 1))
    echo "frontier: $2 failed (exit $code); resuming from its checkpoint (attempt $attempt)" >&2
    code=0
    /usr/bin/time -o "$tmp/$2.time$attempt" -f '%U %S %e' dotnet $pinn_dll resume "$checkpoint" > "$tmp/$2.json" || code=$?
    times+=("$tmp/$2.time$attempt")
  done
  if (( code == 0 )); then
    local verified=yes   # the results file re-evaluated from its stored network: the recorded errors must agree
    dotnet $pinn_dll verify "$tmp/$2.h5" > "$tmp/$2.verify" 2>&1 || verified=no
    /usr/bin/python3 benchmarks/frontier.py store "$1/$2.json" "$2" "$3" "$tmp/$2.json" "$(IFS=,; echo "${times[*]}")" "$started" "$verified"
  else
    echo "frontier: $2 failed; its row keeps any earlier result" >&2
  fi
}

section_frontier_smooth() {   # issue 14's smooth targets: each problem's best command over seeds, two runs at a time
  # Each recipe: key|target|seeds|pinn arguments (--seed S appended). Every run is stored as
  # benchmarks/frontier-smooth/KEY-SEED.json (command, CPU and wall seconds, result), and the table is assembled from
  # the stored runs, so FRONTIER_SMOOTH_RUNS="KEY ..." reruns some problems only (default: all);
  # FRONTIER_SMOOTH_JOBS runs that many at a time (default 2).
  local recipes=(
    "kovasznay|1e-6 (u, v)|0 1 2|solve kovasznay --no-recipe --hard --hidden 30,30 --sampling halton --points 2500 --optimizer lm:2000"
    "helmholtz2d|1e-6|0 1 2|solve helmholtz2d --no-recipe --hard --hidden 20,20,20 --sampling halton --points 8192 --optimizer lm:2000"
    "wave|1e-4|0 1 2|solve wave --no-recipe --hard --sampling halton --points 4096 --hidden 20,20,20 --optimizer lm:5000"
    "convection|1e-3|0 1 2|solve convection --no-recipe --hard --periodic --sampling halton --points 4096 --hidden 20,20,20 --optimizer lm:1500"
    "poisson5d|1e-7|0 1 2|solve poisson5d --no-recipe --optimizer lm:5000 --resample-every 200"
    "heat1d|1e-7|0 1 2|solve heat1d --no-recipe --hard --hidden 64 --optimizer lm:3000"
    "poisson2d-ssbroyden|1e-6|0 1 2|solve poisson2d --no-recipe --hidden 64 --optimizer adam:1000,ssbroyden:5000"
  )
  local store=benchmarks/frontier-smooth wanted_runs=" ${FRONTIER_SMOOTH_RUNS:-kovasznay helmholtz2d wave convection poisson5d heat1d poisson2d-ssbroyden} "
  mkdir -p "$store"
  local recipe key target seeds args seed running=0
  frontier_smooth_run() {   # key seed args...: one run, stored atomically with its command and times
    local key=$1 seed=$2; shift 2
    local out="$tmp/fs-$key-$seed"
    /usr/bin/time -f '%U %S %e' -o "$out.time" dotnet Solver/bin/Release/net10.0/pinn.dll "$@" --seed "$seed" --eval-every 0 --json --quiet > "$out.json" || true
    /usr/bin/python3 - "$out" "$seed" "$*" "$store/$key-$seed.json" <<'PY'
import datetime, json, os, sys
out, seed, args, dest = sys.argv[1:5]
lines = open(out + ".json").read().strip().splitlines()
user, system, wall = map(float, open(out + ".time").read().split()[-3:])
row = {"args": args, "seed": int(seed), "run_at": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%MZ"),
       "cpu_seconds": user + system, "wall_seconds": wall, "load_average": float(open("/proc/loadavg").read().split()[0]),
       "jobs": int(os.environ.get("FRONTIER_SMOOTH_JOBS", "2")),
       "result": json.loads(lines[-1]) if lines else None}
with open(dest + ".tmp", "w") as f: json.dump(row, f, indent=1)
os.replace(dest + ".tmp", dest)
PY
  }
  local head; head=$(stamp frontier_smooth)
  for recipe in "${recipes[@]}"; do
    IFS='|' read -r key target seeds args <<< "$recipe"
    [[ $wanted_runs == *" $key "* ]] || continue
    for seed in $seeds; do
      # shellcheck disable=SC2086
      frontier_smooth_run "$key" "$seed" $args &
      running=$((running + 1))
      if (( running >= ${FRONTIER_SMOOTH_JOBS:-2} )); then wait -n || true; running=$((running - 1)); fi
    done
  done
  wait
  { echo "$head"; echo
    echo "## Frontier: the smooth problems (issue 14)"
    echo
    echo "Each problem's best command found here, once per seed, one or two runs of ours at a time (last column; one torch thread each on the two cores, other jobs sharing the machine; \`FRONTIER_SMOOTH_RUNS=\"heat1d ...\"\` reruns some problems, the others are read from benchmarks/frontier-smooth/, each with its date and load). rel. L2 on the problem's error grid (≥ 10 000 points; kovasznay per output u and v, the outputs the target names). \"worst\" is the largest over the seeds, the number the target is judged on. Wall seconds are the whole process (\`/usr/bin/time\`: start-up, training and the final evaluation) on the loaded machine; CPU seconds are that process's user + system time, about its wall time on an idle machine with one thread."
    echo
    echo "| problem | command (+ \`--seed S\`) | target | seeds | rel. L2 per seed | worst | met | steps | wall s | CPU s | run at (load average at the end, runs at a time) |"
    echo "|---|---|---|---|---|---|---|---|---|---|---|"
    for recipe in "${recipes[@]}"; do
      IFS='|' read -r key target seeds args <<< "$recipe"
      /usr/bin/python3 - "$store/$key" "$args" "$target" $seeds <<'PY'
import json, os, sys
base, args, target, seeds = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
stored = {s: json.load(open(f"{base}-{s}.json")) for s in seeds if os.path.exists(f"{base}-{s}.json")}
rows = [stored[s] for s in seeds if s in stored and stored[s]["args"] == args and stored[s]["result"] is not None]
done = [str(r["seed"]) for r in rows]
if not rows:
    print(f"| {os.path.basename(base)} | `pinn {args}` | {target} | {', '.join(seeds)} | not run with this command (or failed) | | | | | | |")
    sys.exit()
runs = [r["result"] for r in rows]
if runs[0].get("outputs"):
    errs = [[d["outputs"][k]["rel_l2"] for k in ("u", "v")] for d in runs]
    cells = "; ".join(f"u {u:.2e}, v {v:.2e}" for u, v in errs)
    worst = max(max(e) for e in errs)
else:
    cells = ", ".join(f"{d['rel_l2']:.2e}" for d in runs)
    worst = max(d["rel_l2"] for d in runs)
met = "yes" if worst <= float(target.split()[0]) else "no"
if len(rows) < len(seeds):
    cells += f" (seed {', '.join(s for s in seeds if s not in done)} not run or stopped)"
    met = "no" if met == "no" else "not judged"
steps = ", ".join(str(d["steps"]) for d in runs)
wall = ", ".join(f"{r['wall_seconds']:.0f}" for r in rows)
cpu = ", ".join(f"{r['cpu_seconds']:.0f}" for r in rows)
dates, loads = sorted(r["run_at"] for r in rows), [r["load_average"] for r in rows]
when = (dates[0] if dates[0] == dates[-1] else f"{dates[0]} to {dates[-1]}") + \
    f" ({min(loads):.1f}–{max(loads):.1f}, {'/'.join(sorted({str(r['jobs']) for r in rows}))})"
print(f"| {runs[0]['problem']} | `pinn {args}` | {target} | {', '.join(done)} | {cells} | {worst:.2e} | {met} | {steps} | {wall} | {cpu} | {when} |")
PY
    done
    cat <<'ANCHORS'

kovasznay: the hard form (`--hard`: u and v are the Coons patch of the boundary data plus (x+½)(1−x)(y+½)(3/2−y)·N, so the Dirichlet terms are gone; the pressure pin stays a soft term) on the recipe's 2-30-30-3 network and 2 500 Halton points, 2 000 LM steps. With 1 500 steps (2026-12-06, 629–669 CPU s) seeds 0–2 ended at u 9.1e-8, 1.2e-7, 1.6e-7 and v 7.1e-7, 8.3e-7, 1.14e-6: seed 2's v missed the target by 14 %. The soft form with 800 LM steps (the row before this one, seeds 0–1, 2026-12-06) ended at u 3.0e-6, v 1.3e-5–1.7e-5; the hard form's seed 0 screen (800 steps, progress evaluations every 100) was at stacked rel. L2 1.6e-6 at step 600 and 5.4e-7 at step 800 (u 2.3e-7, v 1.6e-6; 371 CPU s).

poisson2d-ssbroyden: issue 14's quasi-Newton target — the dense self-scaled Broyden method (`ssbroyden`, no Jacobian) on the 2-64-1 network reaches rel. L2 ≤ 1e-6.

helmholtz2d: 2-20-20-20-1 in the hard form on 8 192 Halton points, 2 000 LM steps (the `pinn solve helmholtz2d` recipe since 2026-12-07, which its 600 s budget may end earlier). Screens (seed 0, 2026-12-06, progress evaluations): the same network on 2 500 Halton points levelled off near 4e-6 from step 1 750 (4.8e-6 at 2 500) while its loss kept falling, on 4 096 points near 2e-6 to 3e-6 (2.1e-6 at step 2 500, 2.8e-6 at 3 000), and on 8 192 points it reached 5.3e-6 at step 500, 1.2e-6 at 1 000 and 5.7e-7 at 1 500, so the fixed points, not the optimiser, set those floors; RAD batches of 4 096 from a 100 000-point pool redrawn every 250 steps were slower (9.5e-6 at step 2 000); 2-40-40-1 on 3 600 points took 0.45 s a step and was at 0.70 after 250. The row before (2-30-30-1 on 2 500 points, 2 000 steps, seeds 0–1) ended at 2.83e-5 and 1.94e-5.

wave and convection: the recipes' settings (`pinn list`) without their 600 s budget, with more LM steps where that pays: wave 5 000 instead of 1 500 (its seed 0, screened with progress evaluations every 250 steps: rel. L2 2.0e-4 at step 1 250, 1.2e-4 at 1 750, 8.1e-5 at 2 500, 4.7e-5 at 4 000; with 4 000 steps seeds 0–2 ended at 4.65e-5, 1.11e-4 and 5.50e-5, 754–853 CPU s, so seed 1 missed the target by 11 %), convection the recipe's 1 500.

Tried and not better (seed 0, step-limited screens): redrawing the points every 200 LM steps (`--sampling uniform --resample-every 200`, which broke poisson5d's fixed-point floor) — kovasznay 30,30 with 2 500 points reached stacked rel. L2 7.8e-6 at step 1 000 and then hovered at 9.5e-6 to step 1 200 (fixed Halton points: 5.1e-6 at step 800), helmholtz2d 3.8e-4 at step 1 400 (its first 300 steps stayed at rel. L2 ≈ 1.2; fixed grid 3.6e-5 at step 1 400); helmholtz2d with `--activation sin` learns faster early (4.5e-5 at step 300 against 1.5e-4) but stalls at 3.4e-5 to 4.5e-5 by step 700 while its loss keeps falling (2.4e-6).

Published anchors (rel. L2 unless stated):

| problem | best published | source |
|---|---|---|
| heat1d | abs. L2 3.0e-8 (rel. ≈ 1e-7), 2-64-1, about 1 000 s on a GPU | ENGD, Müller & Zeinhofer 2023 |
| poisson5d | abs. L2 5.6e-8 (rel. ≈ 3.5e-8) on the Σ cos variant, points redrawn every step, about 3 000 s on a GPU | ENGD, Müller & Zeinhofer 2023 |
| kovasznay | "close to single precision" | Gauss–Newton natural gradient, Jnini, Vella & Zeinhofer 2024 |
| helmholtz2d | — | — |
| wave | 1.27e-2 (NNCG); 8.05e-6 with SOAP on a c = 2 variant | Rathore et al. 2024; Wang et al. 2025 (SOAP) |
ANCHORS
  } > "$sections/61-frontier-smooth.md.tmp"
  mv "$sections/61-frontier-smooth.md.tmp" "$sections/61-frontier-smooth.md"
}

wanted=("$@")
(( ${#wanted[@]} )) || wanted=(core memory quick defaults paper convection fourier soap singularity singularity_networks)
for s in "${wanted[@]}"; do "section_$s"; done
{
cat <<HEAD
# Benchmarks

Regenerated by \`bash benchmarks/run.sh [SECTION...]\`: each section below comes from the commands shown in it,
and states when it was generated. \`pinn\` stands for \`dotnet Solver/bin/Release/net10.0/pinn.dll\` (Release
build, float64, one torch thread).

- Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB, $(. /etc/os-release; echo "$PRETTY_NAME")
- Software: TorchSharp 0.107.0 with libtorch 2.10.0 (CPU), .NET SDK $(dotnet --version)

HEAD
for f in "$sections"/*.md; do cat "$f"; echo; done
} > BENCHMARKS.md.tmp
mv BENCHMARKS.md.tmp BENCHMARKS.md
