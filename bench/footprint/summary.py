#!/usr/bin/python3
"""Summarises run.sh's result lines: per program and configuration the range over runs of CPU, RSS, readings/s,
latency and disk bytes per reading, and edge-gateway's figures as ratios of Node-RED's."""
import re, sys
from collections import defaultdict

runs = defaultdict(list)
for line in open(sys.argv[1]):
    m = re.match(r"(nodered|edge-gateway) ", line)
    if not m:
        continue
    kv = dict(re.findall(r"(\w+)=([^\s|\[]+)", line))
    units = kv.get("slaves", kv.get("units"))
    readings = float(kv.get("got_readings_s", float(kv.get("got_msgs_s", 0)) * 20))
    runs[(m.group(1), int(units), int(kv["poll_ms"]))].append({
        "cpu": float(kv["cpu_pct"]), "rss": float(kv["rss_mean_mb"]), "rssmax": float(kv["rss_max_mb"]),
        "rate": readings, "p50": float(kv.get("lat_p50_ms", 0)), "p99": float(kv.get("lat_p99_ms", 0)),
        "disk": kv.get("disk_bytes_per_reading", "0"),
    })

def rng(vals, fmt="{:.1f}"):
    vals = [v for v in vals if v is not None]
    if not vals:
        return "-"
    lo, hi = min(vals), max(vals)
    return fmt.format(lo) if abs(hi - lo) < 1e-9 else f"{fmt.format(lo)}-{fmt.format(hi)}"

def num(s):
    try:
        return float(s)
    except ValueError:
        return None

configs = sorted({(u, p) for (_, u, p) in runs}, key=lambda c: (c[0] == 0, c))
print("| units @ poll | program | runs | readings/s | CPU % of a core | RSS mean / max MB | latency p50 / p99 ms | disk B/reading |")
print("| --- | --- | --- | --- | --- | --- | --- | --- |")
for (u, p) in configs:
    for prog in ("nodered", "edge-gateway"):
        r = runs.get((prog, u, p))
        if not r:
            continue
        name = "idle" if u == 0 else f"{u} @ {p} ms"
        print(f"| {name} | {prog} | {len(r)} | {rng([x['rate'] for x in r], '{:.0f}')} | {rng([x['cpu'] for x in r])} | "
              f"{rng([x['rss'] for x in r])} / {rng([x['rssmax'] for x in r])} | {rng([x['p50'] for x in r])} / {rng([x['p99'] for x in r])} | "
              f"{rng([num(x['disk']) for x in r]) if prog == 'edge-gateway' else '0 (keeps nothing)'} |")
print()
print("| units @ poll | CPU edge-gateway / Node-RED | RSS edge-gateway / Node-RED | p99 edge-gateway / Node-RED |")
print("| --- | --- | --- | --- |")
for (u, p) in configs:
    nr, gw = runs.get(("nodered", u, p)), runs.get(("edge-gateway", u, p))
    if not nr or not gw:
        continue
    mean = lambda rs, k: sum(x[k] for x in rs) / len(rs)
    ratio = lambda k: f"{mean(gw, k) / mean(nr, k):.2f}" if mean(nr, k) > 0 else "-"
    name = "idle" if u == 0 else f"{u} @ {p} ms"
    print(f"| {name} | {ratio('cpu')} | {ratio('rss')} | {ratio('p99') if u else '-'} |")
