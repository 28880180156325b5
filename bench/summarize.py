"""Turns bench/run.sh's JSON lines into the README tables: ours, bpmn-engine and the commit floor
side by side with their ratios, then the goal rounds (PostgreSQL, 8 clients) with every round's
ratios, their median and how many rounds met issue 3's goal.

    summarize.py results.jsonl [round-1.jsonl round-2.jsonl ...]

Every result follows the host-speed probe run.sh takes just before it (CPU seconds of a fixed loop,
lower is faster); the tables show it, because this machine's speed drifts within minutes.
"""
import json
import os
import re
import statistics
import sys

GOAL_BPMN = 3.0
GOAL_FLOOR = 0.5


def load(path):
    """The results of one file, each with the probe taken just before it (None if there was none),
    and every probe of the file."""
    rows, probes, probe = [], [], None
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            row = json.loads(line)
            if row.get("kind") == "probe":
                probe = row["cpu_s"]
                probes.append(probe)
                continue
            row["_probe"] = probe
            probe = None  # a probe belongs to the one run after it
            rows.append(row)
    return rows, probes


def probe_range(probes):
    return f"{min(probes):.2f}–{max(probes):.2f}" if probes else "–"


def is_ours(r):
    return r.get("runtime") == "governance"


def is_floor(r):
    return "commits_per_s" in r


def config_of(r):
    if is_ours(r):
        return (r.get("db"), r.get("n"), r.get("concurrency"))
    mode = r.get("mode") or r.get("config", {}).get("mode")
    return ({"postgresql": "pg", "pg": "pg", "sqlite": "sqlite"}.get(mode, mode), r.get("n"), r.get("concurrency", 1))


def floor_config(f):
    return ("pg" if f.get("backend") in ("pg", "postgresql") else "sqlite", f.get("clients") or 1)


def probe_text(r):
    return f"{r['_probe']:.2f}" if r.get("_probe") is not None else "–"


def main_table(rows):
    ours = [r for r in rows if is_ours(r) and not r["label"].endswith("memory")]
    baseline = {config_of(r): r for r in rows if not is_ours(r) and "steps_per_s" in r}
    floors = {floor_config(f): f for f in rows if is_floor(f)}

    print("| config | steps/s | instances/s | resume p50 ms | p99 ms | CPU cores | peak MB | probe s "
          "| bpmn-engine steps/s | probe s | ours/bpmn |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for r in ours:
        b = baseline.get(config_of(r))
        bs = b["steps_per_s"] if b else None
        ratio = f"{r['stepsPerSecond'] / bs:.2f}×" if bs else "–"
        print(f"| {r['label']} | {r['stepsPerSecond']:,} | {r['instancesPerSecond']} | {r['resumeP50Ms']} | {r['resumeP99Ms']} | "
              f"{r['processCpuCores']} | {r['peakWorkingSetMB']} | {probe_text(r)} | {f'{bs:,.0f}' if bs else '–'} | "
              f"{probe_text(b) if b else '–'} | {ratio} |")

    for (db, clients), f in sorted(floors.items()):
        matches = [r for r in ours if r["db"] == db and r["concurrency"] == clients]
        if matches:
            parts = "; ".join(f"ours n{r['n']} {r['stepsPerSecond']:,} steps/s = {r['stepsPerSecond'] / f['commits_per_s']:.2f}"
                              for r in matches)
            print(f"\nfloor {db} c{clients}: {f['commits_per_s']:,.0f} commits/s (probe {probe_text(f)} s); {parts} of the floor")

    for r in rows:
        if is_ours(r) and r["label"].endswith("memory"):
            series = ", ".join(f"{n:,}: {mb} MB" for n, mb in r["managedMBSeries"])
            print(f"\nmanaged heap after finished instances ({r['label']}): {series}")


def round_number(path):
    match = re.search(r"round-(\d+)\.jsonl$", path)
    return int(match.group(1)) if match else 0


def goal_rounds(paths):
    """One line per round: ours and bpmn-engine at n = 7 and 25 and the floor, back to back."""
    table = []
    for path in sorted(paths, key=round_number):
        rows, probes = load(path)
        ours = {r.get("n"): r for r in rows if is_ours(r) and r.get("db") == "pg" and r.get("concurrency") == 8}
        bpmn = {r["n"]: r for r in rows if not is_ours(r) and "steps_per_s" in r and config_of(r) == ("pg", r.get("n"), 8)}
        floor = next((f for f in rows if is_floor(f) and floor_config(f) == ("pg", 8)), None)
        table.append((round_number(path), ours, bpmn, floor, probes))

    complete = [t for t in table if all(n in t[1] and n in t[2] for n in (7, 25)) and t[3]]
    incomplete = [str(t[0]) for t in table if t not in complete]
    if incomplete:
        print(f"\nGoal rounds left out because a run is missing from them: {', '.join(incomplete)}")
    if not complete:
        return

    print("\nGoal rounds, PostgreSQL with 8 clients, each round's five runs back to back "
          "(probe s: the range of the round's probes, CPU seconds of the fixed loop\n"
          "before each run and after the round, lower is faster):\n")
    print("| round | ours n7 | bpmn n7 | ours/bpmn n7 | ours n25 | bpmn n25 | ours/bpmn n25 | floor c8 "
          "| n7/floor | n25/floor | probe s |")
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    ratios = {"bpmn7": [], "bpmn25": [], "floor7": [], "floor25": []}
    for number, ours, bpmn, floor, probes in complete:
        o7, o25 = ours[7]["stepsPerSecond"], ours[25]["stepsPerSecond"]
        b7, b25 = bpmn[7]["steps_per_s"], bpmn[25]["steps_per_s"]
        f = floor["commits_per_s"]
        ratios["bpmn7"].append(o7 / b7)
        ratios["bpmn25"].append(o25 / b25)
        ratios["floor7"].append(o7 / f)
        ratios["floor25"].append(o25 / f)
        print(f"| {number} | {o7:,.0f} | {b7:,.0f} | {o7 / b7:.2f}× | {o25:,.0f} | {b25:,.0f} | {o25 / b25:.2f}× | {f:,.0f} "
              f"| {o7 / f:.2f} | {o25 / f:.2f} | {probe_range(probes)} |")

    def verdict(name, values, goal, unit):
        met = sum(1 for v in values if v >= goal)
        return (f"{name}: median {statistics.median(values):.2f}{unit} (goal {goal:g}{unit}), "
                f"met in {met} of {len(values)} rounds")

    print()
    print("- " + verdict("ours / bpmn-engine, n = 7", ratios["bpmn7"], GOAL_BPMN, "×"))
    print("- " + verdict("ours / bpmn-engine, n = 25", ratios["bpmn25"], GOAL_BPMN, "×"))
    print("- " + verdict("ours / floor, n = 7", ratios["floor7"], GOAL_FLOOR, ""))
    print("- " + verdict("ours / floor, n = 25", ratios["floor25"], GOAL_FLOOR, ""))


def main(argv):
    main_table(load(argv[1])[0])
    goal_rounds([p for p in argv[2:] if os.path.exists(p)])


if __name__ == "__main__":
    main(sys.argv)
