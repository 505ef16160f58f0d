#!/usr/bin/env bash
# The cluster path tested for real: starts a single-node Slurm (munged, slurmctld, slurmd with a generated
# slurm.conf, everything under a temporary folder), submits a study with `pinn submit`, stops one array task
# mid-run with `scancel --signal=TERM` and requeues it, and checks that `pinn gather` gives the same table as
# running the same plan locally with `pinn run-plan --all` (errors bitwise equal; only the times may differ),
# and that the requeued task resumed from its checkpoint. Stops every daemon it started by PID at the end.
#
#   sudo bash tests/slurm/run.sh            # needs root (slurmd); installs Debian's slurm-wlm and munge if missing
#
# Environment: PINN_SLURM_SEEDS (default 0,1,2), PINN_SLURM_OPTIMIZERS (default three sequences, ';' between),
# PINN_SLURM_KEEP=1 keeps the temporary folder. Exit 0 on success, 1 on a failed check, 2 when it cannot run.
set -euo pipefail
repo=$(cd "$(dirname "$0")/../.." && pwd)
seeds=${PINN_SLURM_SEEDS:-0,1,2}
optimizers=${PINN_SLURM_OPTIMIZERS:-adam:2500;adam:500,lbfgs:700;lbfgs:1200}
start_time=$(date +%s)
say() { echo "slurm-test [$(( $(date +%s) - start_time )) s]: $*"; }
fail() { say "FAILED: $*"; exit 1; }

[ "$(id -u)" -eq 0 ] || { echo "slurm-test: run as root (slurmd must be root): sudo bash $0" >&2; exit 2; }
if ! command -v slurmctld >/dev/null || ! command -v slurmd >/dev/null || ! command -v sbatch >/dev/null || ! command -v munged >/dev/null; then
  command -v apt-get >/dev/null || { echo "slurm-test: Slurm is not installed and there is no apt-get to install it" >&2; exit 2; }
  say "installing slurmctld slurmd slurm-client munge"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurmctld slurmd slurm-client munge >/dev/null \
    || { apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurmctld slurmd slurm-client munge >/dev/null; }
fi
dll="$repo/Solver/bin/Release/net10.0/pinn.dll"
if [ ! -f "$dll" ]; then say "building pinn"; (cd "$repo" && dotnet build Solver -c Release -v q -nologo >/dev/null); fi
pinn() { dotnet "$dll" "$@"; }

work=$(mktemp -d /tmp/pinn-slurm.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
  [ -n "${SLURM_CONF:-}" ] && scancel --quiet --full "--name=$(cat "$work/jobname" 2>/dev/null || echo none)" 2>/dev/null && sleep 2
  for (( i = ${#pids[@]} - 1; i >= 0; i-- )); do   # slurmd, slurmctld, then munged
    p=${pids[$i]}
    [ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null && sleep 1
    [ -f "$p" ] && kill -9 "$(cat "$p")" 2>/dev/null || true
  done
  if [ "${PINN_SLURM_KEEP:-0}" = 1 ]; then say "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

# munge: its own key, socket and pid file
mkdir -p "$work/munge" && chmod 700 "$work/munge"
dd if=/dev/urandom of="$work/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$work/munge/munge.key"
munged --force --key-file="$work/munge/munge.key" --socket="$work/munge/munge.socket" \
  --pid-file="$work/munge/munged.pid" --log-file="$work/munge/munged.log" --seed-file="$work/munge/munged.seed"
pids+=("$work/munge/munged.pid")

# slurm.conf for this machine (slurmd -C describes it), on free ports
mkdir -p "$work/etc" "$work/state" "$work/spool" "$work/log" "$work/run"
port=$(( 20000 + RANDOM % 20000 ))
node=$(slurmd -C | head -1)
host=$(echo "$node" | sed 's/^NodeName=\([^ ]*\).*/\1/')
cat > "$work/etc/slurm.conf" <<EOF
ClusterName=pinntest
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$port
SlurmdPort=$((port + 1))
AuthType=auth/munge
AuthInfo=socket=$work/munge/munge.socket
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/run/slurmctld.pid
SlurmdPidFile=$work/run/slurmd.pid
SlurmctldLogFile=$work/log/slurmctld.log
SlurmdLogFile=$work/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
MpiDefault=none
ReturnToService=2
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
KillWait=30
$node State=UNKNOWN
PartitionName=debug Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$work/etc/slurm.conf"
slurmctld -i
pids+=("$work/run/slurmctld.pid")
slurmd
pids+=("$work/run/slurmd.pid")
for _ in $(seq 60); do
  state=$(sinfo -h -o %T 2>/dev/null | head -1 || true)
  [ "$state" = idle ] && break
  sleep 1
done
[ "$state" = idle ] || { tail -5 "$work/log/slurmctld.log" "$work/log/slurmd.log" >&2; fail "the node did not come up (state '$state')"; }
say "single-node Slurm up on $host ($(echo "$node" | grep -o 'CPUs=[0-9]*'))"

# the study: a plan, submitted as an array of one-CPU tasks
cd "$work"
pinn study poisson2d --vary "seed=$seeds" --vary "optimizer=$optimizers" --hidden 16 --points 100 --boundary-points 40 \
  --checkpoint-every 100 --plan cluster/study.plan >/dev/null
runs=$(( $(wc -l < cluster/study.plan) - 1 ))
pinn submit cluster/study.plan --partition nosuchpartition >/dev/null 2>"$work/refused.txt" && fail "sbatch accepted an unknown partition"
grep -q "sbatch refused the job" "$work/refused.txt" || fail "no clear error when sbatch refuses: $(cat "$work/refused.txt")"
out=$(pinn submit cluster/study.plan --time 00:10:00 --mem 1G)
job=$(echo "$out" | sed -n 's/^submitted job array \([0-9]*\):.*/\1/p')
[ -n "$job" ] || fail "pinn submit printed no job id: $out"
sed -n 's/^#SBATCH --job-name=//p' cluster/study.sbatch > "$work/jobname"
say "submitted job array $job with $runs runs"

# stop task 0 with SIGTERM once it has written a periodic checkpoint, then requeue it
victim=0
for _ in $(seq 600); do
  ls cluster/runs/000-*.checkpoint.h5 >/dev/null 2>&1 && break
  sleep 0.2
done
ls cluster/runs/000-*.checkpoint.h5 >/dev/null 2>&1 || fail "task $victim wrote no checkpoint"
[ -f cluster/runs/000-*.status.json ] && fail "task $victim finished before it could be stopped; make its run longer"
scancel --signal=TERM "${job}_${victim}" || true   # it retries while the task is still starting; the wait below checks the effect
say "sent SIGTERM to task ${job}_${victim}"
for _ in $(seq 120); do
  st=$(squeue -h -j "${job}_${victim}" -o %T 2>/dev/null || true)
  [ -z "$st" ] && break
  sleep 0.5
done
[ -z "$st" ] || fail "task $victim did not stop after SIGTERM (state $st)"
reason=$(grep -o '"outcome":"[a-z]*"' cluster/runs/000-*.status.json 2>/dev/null || echo "no status (killed)")
scontrol requeue "${job}_${victim}"
say "task $victim stopped ($reason) and requeued"

# wait for the whole array
for _ in $(seq 1200); do
  [ -z "$(squeue -h -j "$job" 2>/dev/null || true)" ] && break
  sleep 0.5
done
[ -z "$(squeue -h -j "$job" 2>/dev/null || true)" ] || fail "the array did not finish in 10 minutes"
say "array finished"
grep -h "resuming from" cluster/runs/000-*.log || fail "the requeued task did not resume from its checkpoint: $(tail -3 cluster/runs/000-*.log)"
ls cluster/logs/*_${job}_${victim}.out >/dev/null || fail "no per-task Slurm log"
pinn gather cluster >/dev/null 2>"$work/gather.txt" || fail "gather lists runs that are not done: $(cat "$work/gather.txt")"
out=$(pinn submit cluster/study.plan --only-missing)
echo "$out" | grep -q "nothing to submit" || fail "--only-missing found runs to submit after all finished: $out"

# the same plan run here, uninterrupted
mkdir local && cp cluster/study.plan local/
pinn run-plan local/study.plan --all --jobs 2 -q >/dev/null
pinn gather local >/dev/null 2>&1 || fail "the local run of the plan is incomplete"
# study.csv ends with parameters,residuals,steps,seconds,loss,rel_l2,abs_l2,linf (R format: the exact doubles); drop seconds
drop_seconds() { awk -F, '{ for (i = 1; i <= NF; i++) if (i != NF - 4) printf "%s%s", $i, (i < NF ? "," : "\n") }' "$1"; }
if ! diff <(drop_seconds cluster/study.csv) <(drop_seconds local/study.csv); then
  fail "the gathered table differs from the local run (columns other than seconds)"
fi
[ "$(wc -l < cluster/study.csv)" -eq $((runs + 1)) ] || fail "the gathered table has $(($(wc -l < cluster/study.csv) - 1)) rows, expected $runs"
say "PASSED: $runs runs through Slurm (one stopped by SIGTERM and requeued) equal the local run bit for bit (loss, rel. L2, abs. L2, L∞)"
