#!/usr/bin/python3
"""Reads a subscriber capture (one line per message: receive time as unix seconds with ns | topic | payload) and
prints, for messages received in [T0, T1): messages, readings, topics, and the latency from each reading's own
time stamp to its arrival at the subscriber, p50 and p99 in ms.

usage: latency.py FILE T0 T1
Payloads: edge-gateway telemetry {"readings":[{"ts":"ISO 8601"...}]} (one latency per reading) or the Node-RED
peer's {"ts": unix ms} (one per message)."""
import json, sys
from datetime import datetime

path, t0, t1 = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
def iso(s):
    return datetime.fromisoformat(s.replace("Z", "+00:00")).timestamp()
msgs = readings = 0; topics = set(); lat = []; lat_newest = []
with open(path, errors="replace") as f:
    for line in f:
        parts = line.rstrip("\n").split("|", 2)
        if len(parts) < 3:
            continue
        try:
            rx = float(parts[0])
        except ValueError:
            continue
        if not (t0 <= rx < t1):
            continue
        msgs += 1; topics.add(parts[1])
        try:
            body = json.loads(parts[2])
        except ValueError:
            continue
        if isinstance(body.get("readings"), list):
            ts = [iso(r["ts"]) for r in body["readings"]]
            readings += len(ts)
            lat.extend((rx - t) * 1000 for t in ts)
            if ts:
                lat_newest.append((rx - max(ts)) * 1000)
        elif isinstance(body.get("ts"), (int, float)):
            readings += len(body.get("values", [])) or 1
            lat.append((rx - body["ts"] / 1000.0) * 1000)
def pct(v, q):
    if not v:
        return 0.0
    v = sorted(v)
    return v[int((len(v) - 1) * q)]
print(f"msgs={msgs} readings={readings} topics={len(topics)} lat_p50_ms={pct(lat, .5):.1f} lat_p99_ms={pct(lat, .99):.1f}"
      f" lat_max_ms={max(lat) if lat else 0:.1f} newest_p50_ms={pct(lat_newest, .5):.1f} newest_p99_ms={pct(lat_newest, .99):.1f}")
