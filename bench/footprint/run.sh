#!/bin/bash
# Footprint benchmark, side by side: the same workload (the Node-RED peer's modbus_server.py: UNITS Modbus TCP units of
# 20 input registers polled every POLL_MS, published to a fresh Mosquitto) through Node-RED (where it is installed:
# ../shared/bench/peer-nodered/install.sh) and through edge-gateway (Release build, the unit's environment), back to
# back, each CONFIG REPEATS times; then one table with the ratios.
# usage: bench/footprint/run.sh [SECONDS=60] [REPEATS=2] [CONFIGS="10:100 10:1000 100:100 100:1000 0:1000"]
#   CONFIG "0:1000" is idle: no devices (Node-RED: an empty flow).
# env: as run_gateway.sh and run_peer.sh (CONN, REGS, WARMUP, NRPEER, GW_ENV); ONLY=gateway|nodered runs one side.
set -u
SECONDS_RUN=${1:-60}; REPEATS=${2:-2}; CONFIGS=${3:-"10:100 10:1000 100:100 100:1000 0:1000"}
HERE=$(cd "$(dirname "$0")" && pwd); REPO=$(cd "$HERE/../.." && pwd)
PEER=${PEER:-$(cd "$REPO/../shared/bench/peer-nodered" 2>/dev/null && pwd)}
NRPEER=${NRPEER:-${TMPDIR:-/tmp}/nrpeer}
ONLY=${ONLY:-}
OUT=$(mktemp -d /var/tmp/edge-footprint-all.XXXXXX)
trap 'rm -rf "$OUT/bin"' EXIT
echo "building edge-gateway (Release) ..." >&2
dotnet build "$REPO/src/EdgeRuntime" -c Release -o "$OUT/bin" -v q -nologo >"$OUT/build.log" 2>&1 || { cat "$OUT/build.log" >&2; exit 1; }
HAVE_NR=0
[ -f "$NRPEER/node_modules/node-red/red.js" ] && [ -n "$PEER" ] && HAVE_NR=1
[ "$HAVE_NR" = 1 ] || echo "Node-RED not installed at $NRPEER (run $PEER/install.sh): edge-gateway only" >&2
echo "machine: $(nproc) cores, $(uname -r); $(node --version 2>/dev/null | sed 's/^/node /')" | tee "$OUT/results.txt"
for ((r=1; r<=REPEATS; r++)); do
  for c in $CONFIGS; do
    u=${c%%:*}; p=${c##*:}
    if [ "$HAVE_NR" = 1 ] && [ "$ONLY" != gateway ]; then
      echo "# load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/results.txt"
      NRPEER="$NRPEER" "$PEER/run_peer.sh" "$u" "$p" "$SECONDS_RUN" 2>>"$OUT/stderr.txt" | tee -a "$OUT/results.txt"
    fi
    if [ "$ONLY" != nodered ]; then
      echo "# load $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/results.txt"
      BIN="$OUT/bin" "$HERE/run_gateway.sh" "$u" "$p" "$SECONDS_RUN" 2>>"$OUT/stderr.txt" | tee -a "$OUT/results.txt"
    fi
  done
done
echo
/usr/bin/python3 "$HERE/summary.py" "$OUT/results.txt"
echo "(full lines: $OUT/results.txt)"
