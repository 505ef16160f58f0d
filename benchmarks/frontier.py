#!/usr/bin/env python3
"""Helpers of run.sh's `frontier` section: store one run's result, and write the section's tables.

  frontier.py store OUT NAME ARGS RESULT_JSON TIME_FILES STARTED [VERIFIED]
      OUT: the stored result (written to OUT.tmp, then renamed): pinn's JSON summary line with the command,
      the user+system CPU seconds and wall seconds from /usr/bin/time -f '%U %S %e' (TIME_FILES: comma-separated,
      one per attempt, summed), the number of resumes, the start time and VERIFIED ('pinn verify' passed: yes/no) added.
  frontier.py table STORE ROW...
      ROW is "name|pinn arguments"; prints one table line per row whose stored result exists (rows not run yet
      are listed as such), then the worst rel. L2 and the slowest run's CPU
      seconds over the seeds of each recipe (the target counts as reached only when both are within it).
Every number printed comes from a stored pinn result; nothing is typed in by hand.
"""
import json
import os
import re
import sys


def store(out, name, args, result, time_file, started, verified=None):
    lines = open(result).read().strip().splitlines()
    if not lines:
        raise SystemExit(f"frontier: {name}: pinn printed no JSON summary (see its stderr)")
    d = json.loads(lines[-1])
    cpu = wall = 0.0
    attempts = time_file.split(",")
    for path in attempts:   # one file per attempt: the run, then each resume from its checkpoint
        user, system, elapsed = (float(v) for v in open(path).read().split()[-3:])
        cpu, wall = cpu + user + system, wall + elapsed
    d.update({"name": name, "command": f"pinn {args}", "cpu_seconds": cpu, "wall_seconds": wall, "started": started,
              "resumes": len(attempts) - 1})
    if verified is not None:
        d["verified"] = verified
    with open(out + ".tmp", "w") as f:
        json.dump(d, f)
        f.write("\n")
    os.replace(out + ".tmp", out)


TARGETS = {"burgers": 1e-6, "allen-cahn": 1e-5}   # issue 14, "Done when" (worst of seeds 0-2)
TIME_LIMIT = 1800   # issue 14: at most 30 minutes a run on a quiet machine with one thread (CPU seconds stand in for it)


def same_command(stored, wanted):
    """Whether a stored result is for this row: the same arguments; a result stored before the toolkit had per-problem
    recipes (main before 514605d, so no '--no-recipe') ran what '--no-recipe' runs now."""
    if stored == wanted:
        return True
    if stored == wanted.replace(" --no-recipe", "", 1):
        return True
    return None


def recipe(args):
    """The command without its seed: the rows of one recipe differ only there."""
    return re.sub(r"\s*--seed \d+", "", args).strip()


def table(store_dir, rows):
    print("| problem | seed | rel. L2 | final loss | steps per phase | training s | wall s | CPU s | resumes | verified | started (UTC) |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    worst = {}
    commands = []
    for row in rows:
        name, args = row.split("|", 1)
        key = recipe(args)
        if key not in commands:
            commands.append(key)
        path = os.path.join(store_dir, name + ".json")
        label = f"{args.split()[1]} (recipe {commands.index(key) + 1})"
        seed = re.search(r"--seed (\d+)", args)
        seed = seed.group(1) if seed else "0"
        if not os.path.exists(path):
            print(f"| {label} | {seed} | not run yet | | | | | | | | |")
            continue
        d = json.load(open(path))
        if same_command(d["command"], f"pinn {args}") is None:
            print(f"| {label} | {seed} | stored result is for another command; rerun this row | | | | | | | | |")
            continue
        steps = ", ".join(f"{p['optimizer']} {p['steps']}" for p in d["phases"])
        print(f"| {label} | {seed} | {d['rel_l2']:.2e} | {d['loss']:.2e} | {steps} | {d['seconds']:.0f} | "
              f"{d['wall_seconds']:.0f} | {d['cpu_seconds']:.0f} | {d.get('resumes', 0)} | {d.get('verified', '—')} | {d['started']} |")
        worst.setdefault(key, []).append((d["rel_l2"], seed, d["cpu_seconds"], d["wall_seconds"]))
    print()
    for i, key in enumerate(commands, 1):
        runs = worst.get(key, [])
        target = TARGETS.get(key.split()[1])
        verdict = ""
        if runs and target:
            slowest = max(c for _, _, c, _ in runs)
            reached = max(r for r, _, _, _ in runs) <= target and slowest <= TIME_LIMIT
            judged = "reached" if reached and len(runs) >= 3 else "not reached" if not reached else \
                "not judged yet: within it on the seeds measured, but fewer than three seeds"
            verdict = f"; slowest run {slowest:.0f} CPU s (limit {TIME_LIMIT}; longest wall {max(w for *_, w in runs):.0f} s on the shared machine)" + \
                f"; issue-14 target {target:.0e} {judged}" + \
                ("" if len(runs) >= 3 or reached else " (fewer than three seeds measured)")
        summary = (f"worst rel. L2 {max(r for r, *_ in runs):.2e} over seed(s) {', '.join(s for _, s, *_ in runs)}{verdict}"
                   if runs else "no stored result yet")
        print(f"- recipe {i}: `pinn {key} --seed S` — {summary}")


def main():
    if len(sys.argv) >= 2 and sys.argv[1] == "store" and len(sys.argv) in (8, 9):
        store(*sys.argv[2:])
    elif len(sys.argv) >= 3 and sys.argv[1] == "table":
        table(sys.argv[2], sys.argv[3:])
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main()
