#!/usr/bin/env bash
# Start-up benchmark: time from launching `edge-gateway run --simulate` (Release build) to its first telemetry message
# at a local Mosquitto, over several runs. Not a test: figures for the README.
#   bench/startup/run.sh [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
out=$(mktemp -d /tmp/edge-startup.XXXXXX)
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$out"' EXIT
dotnet build src/EdgeRuntime -c Release -o "$out/bin" -v q -nologo >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mosquitto -p "$port" >/dev/null 2>&1 &
sleep 0.5
for i in $(seq "$runs"); do
  rm -rf "$out/state" && mkdir -p "$out/state"
  start=$(date +%s.%N)
  timeout 30 mosquitto_sub -p "$port" -t 'edge/+/telemetry' -C 1 >/dev/null &
  sub=$!
  sleep 0.2 # the subscription is in place before the gateway starts (subtracted below)
  start=$(date +%s.%N)
  EdgeGateway__Mqtt__Host=127.0.0.1 EdgeGateway__Mqtt__Port=$port EdgeGateway__Storage__Path="$out/state/log.db" \
    EdgeGateway__Web__Urls=http://127.0.0.1:0 "$out/bin/edge-gateway" run --simulate >"$out/gw.log" 2>&1 &
  gw=$!
  wait "$sub"
  end=$(date +%s.%N)
  kill -TERM "$gw"; wait "$gw" 2>/dev/null || true
  echo "run $i: first telemetry at the broker $(python3 -c "print(f'{$end-$start:.2f}')") s after launch"
done
