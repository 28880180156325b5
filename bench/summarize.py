"""Turns bench/run.sh's JSON lines into the README table, with ours/bpmn-engine and ours/floor ratios."""
import json
import sys

rows = [json.loads(line) for line in open(sys.argv[1], encoding="utf-8") if line.strip()]
ours = [r for r in rows if r.get("runtime") == "governance"]


def config_of(r):
    if r.get("runtime") == "governance":
        return (r["db"], r["n"], r["concurrency"])
    mode = r.get("mode") or r.get("config", {}).get("mode")
    return ({"postgresql": "pg", "pg": "pg", "sqlite": "sqlite"}.get(mode, mode), r.get("n"), r.get("concurrency", 1))


baseline = {config_of(r): r for r in rows if r.get("runtime") != "governance" and "steps_per_s" in json.dumps(r)}
floors = [r for r in rows if "commits_per_s" in json.dumps(r) or r.get("kind") == "floor"]


def find(obj, *keys):
    for k in keys:
        if isinstance(obj, dict) and k in obj:
            return obj[k]
    return None


print("| config | steps/s | instances/s | resume p50 ms | p99 ms | CPU cores | peak MB | bpmn-engine steps/s | ours/bpmn |")
print("|---|---|---|---|---|---|---|---|---|")
for r in ours:
    if r["label"].endswith("memory"):
        continue
    b = baseline.get(config_of(r))
    bs = find(b, "steps_per_s", "stepsPerSecond") if b else None
    ratio = f"{r['stepsPerSecond'] / bs:.2f}×" if bs else "–"
    print(f"| {r['label']} | {r['stepsPerSecond']:,} | {r['instancesPerSecond']} | {r['resumeP50Ms']} | {r['resumeP99Ms']} | "
          f"{r['processCpuCores']} | {r['peakWorkingSetMB']} | {f'{bs:,.0f}' if bs else '–'} | {ratio} |")

for f in floors:
    commits = find(f, "commits_per_s", "commitsPerSecond")
    backend = find(f, "backend")
    clients = find(f, "clients") or 1
    match = [r for r in ours if r["db"] == ("pg" if backend in ("pg", "postgresql") else "sqlite") and r["concurrency"] == clients and r["n"] == 7]
    if commits and match:
        print(f"\nfloor {backend} c{clients}: {commits:,.0f} commits/s; ours n7 c{clients}: {match[0]['stepsPerSecond']:,} steps/s = {match[0]['stepsPerSecond'] / commits:.2f} of the floor")

memory = [r for r in ours if r["label"].endswith("memory")]
for r in memory:
    series = ", ".join(f"{n:,}: {mb} MB" for n, mb in r["managedMBSeries"])
    print(f"\nmanaged heap after finished instances ({r['label']}): {series}")
