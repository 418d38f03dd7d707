#!/bin/bash
# Footprint benchmark, edge-gateway side: the Node-RED peer's workload (../shared/bench/peer-nodered/modbus_server.py,
# UNITS Modbus TCP units of 20 input registers polled every POLL_MS) into a fresh Mosquitto, measured the way
# run_peer.sh measures Node-RED, plus the bytes the gateway writes to disk per reading.
# usage: run_gateway.sh UNITS POLL_MS SECONDS          (UNITS=0: no devices, the idle baseline)
# env: REGS=20, CONN=per-slave|shared (one Modbus TCP bus per unit, or all units on one bus), WARMUP=10,
#      BIN=folder of a built edge-gateway (default: built here, Release), PEER=the peer-nodered folder,
#      UNIT_ENV=1 runs with the Environment= lines of systemd/edge-gateway.service (0: without them),
#      GW_ENV="K=V ..." extra environment for the gateway (e.g. EdgeGateway__Recorder__CommitInterval=00:00:00.1),
#      STATE=folder for the log (default under /var/tmp: a tmpfs would hide the disk writes), KEEP=1 keeps the run.
# Prints one summary line on stdout.
set -u
UNITS=${1:?UNITS}; POLL_MS=${2:?POLL_MS}; SECONDS_RUN=${3:?SECONDS}
REGS=${REGS:-20}; CONN=${CONN:-per-slave}; WARMUP=${WARMUP:-10}; KEEP=${KEEP:-0}; UNIT_ENV=${UNIT_ENV:-1}
HERE=$(cd "$(dirname "$0")" && pwd); REPO=$(cd "$HERE/../.." && pwd)
PEER=${PEER:-$(cd "$REPO/../shared/bench/peer-nodered" 2>/dev/null && pwd)}
PY=/usr/bin/python3
RUN=$(mktemp -d /var/tmp/edge-footprint.XXXXXX)
if [ -z "${BIN:-}" ]; then
  BIN="$RUN/bin"
  dotnet build "$REPO/src/EdgeRuntime" -c Release -o "$BIN" -v q -nologo >"$RUN/build.log" 2>&1 || { cat "$RUN/build.log" >&2; exit 1; }
fi
PIDS=()
cleanup() {
  local p i
  for ((i=${#PIDS[@]}-1; i>=0; i--)); do
    p=${PIDS[$i]}
    kill -TERM "$p" 2>/dev/null || continue
    for _ in $(seq 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$p" 2>/dev/null
    wait "$p" 2>/dev/null
  done
  [ "$KEEP" = 1 ] || rm -rf "$RUN"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() { $PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 never opened" >&2; return 1; }
cpu_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }  # utime+stime
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status"; }
write_bytes() { awk '/^write_bytes:/ {print $2}' "/proc/$1/io"; }
now() { date +%s.%N; }

MQTT_PORT=$(free_port); MB_PORT=$(free_port); WEB_PORT=$(free_port)
printf 'listener %s 127.0.0.1\nallow_anonymous true\npersistence false\nlog_dest stderr\nlog_type error\nlog_type warning\n' \
  "$MQTT_PORT" > "$RUN/mosquitto.conf"
/usr/sbin/mosquitto -c "$RUN/mosquitto.conf" > "$RUN/mosquitto.log" 2>&1 & MOSQ_PID=$!; PIDS+=($MOSQ_PID)
N_UNITS=$UNITS; [ "$N_UNITS" -ge 1 ] || N_UNITS=1
$PY "$PEER/modbus_server.py" "$MB_PORT" "$N_UNITS" > "$RUN/modbus_server.log" 2>&1 & SRV_PID=$!; PIDS+=($SRV_PID)
wait_port "$MQTT_PORT" || exit 1
wait_port "$MB_PORT" || exit 1
$PY "$HERE/make_config.py" "$RUN" "$UNITS" "$POLL_MS" "$MB_PORT" "$MQTT_PORT" --conn "$CONN" --regs "$REGS" --web-port "$WEB_PORT" || exit 1
mkdir -p "$RUN/state"

mosquitto_sub -h 127.0.0.1 -p "$MQTT_PORT" -q 1 -t 'edge/bench/telemetry' -F '%U|%t|%p' > "$RUN/sub.txt" 2> "$RUN/sub.err" & SUB_PID=$!; PIDS+=($SUB_PID)
mosquitto_sub -h 127.0.0.1 -p "$MQTT_PORT" -t 'edge/bench/health' > "$RUN/health.txt" 2>&1 & HSUB_PID=$!; PIDS+=($HSUB_PID)
mosquitto_sub -h 127.0.0.1 -p "$MQTT_PORT" -q 1 -t 'edge/bench/events' > "$RUN/events.txt" 2>&1 & ESUB_PID=$!; PIDS+=($ESUB_PID)

# The unit's environment (GC and thread-pool settings), read from the unit file so the two never differ.
ENVS=()
if [ "$UNIT_ENV" = 1 ]; then
  for kv in $(sed -n 's/^Environment=//p' "$REPO/systemd/edge-gateway.service"); do
    case "$kv" in DOTNET_*|MALLOC_*|GLIBC_TUNABLES=*) ENVS+=("$kv");; esac
  done
fi
for kv in ${GW_ENV:-}; do ENVS+=("$kv"); done
env "${ENVS[@]}" "$BIN/edge-gateway" run --config "$RUN/config.json" > "$RUN/gateway.log" 2>&1 & GW_PID=$!; PIDS+=($GW_PID)

echo "run dir $RUN  mqtt=$MQTT_PORT modbus=$MB_PORT gateway_pid=$GW_PID conn=$CONN regs=$REGS env=[${ENVS[*]}]; warmup ${WARMUP}s" >&2
sleep "$WARMUP"
kill -0 "$GW_PID" 2>/dev/null || { echo "edge-gateway died during warmup:" >&2; tail -20 "$RUN/gateway.log" >&2; exit 1; }

HZ=$(getconf CLK_TCK)
T0=$(now); C0=$(cpu_ticks $GW_PID); W0=$(write_bytes $GW_PID); S0=$(cpu_ticks $SRV_PID); M0=$(cpu_ticks $MOSQ_PID)
: > "$RUN/rss.txt"
for ((i=1; i<=SECONDS_RUN; i++)); do
  sleep "$(awk -v t0="$T0" -v i="$i" -v n="$(now)" 'BEGIN{d=t0+i-n; if(d<0)d=0; printf "%.3f", d}')"
  rss_kb $GW_PID >> "$RUN/rss.txt" || break
done
T1=$(now); C1=$(cpu_ticks $GW_PID); W1=$(write_bytes $GW_PID); S1=$(cpu_ticks $SRV_PID); M1=$(cpu_ticks $MOSQ_PID)
# What the RSS is made of at the end of the window: anonymous (heaps, JIT data), files (mapped assemblies), shared
# memory (the W^X double mapping of JIT code).
RSS_PARTS=$(awk '/^RssAnon:/{a=$2} /^RssFile:/{f=$2} /^RssShmem:/{s=$2} END{printf "anon=%.1f file=%.1f shmem=%.1f", a/1024, f/1024, s/1024}' "/proc/$GW_PID/status")
GC_MB=$(tail -1 "$RUN/health.txt" | $PY -c 'import json,sys
try: print("%.1f" % (json.loads(sys.stdin.read())["memoryBytes"] / 1048576))
except Exception: print("-")')
RSS_PARTS="$RSS_PARTS gc_heap=$GC_MB"
DROPPED=$(grep -c '"log.dropped"' "$RUN/events.txt")
# Let the window's readings reach the subscriber: the last batch waits for its age and the group commit.
sleep "${SETTLE:-4}"
METRIC=$(curl -s --max-time 2 "http://127.0.0.1:$WEB_PORT/metrics" 2>/dev/null | awk '/^edge_log_disk_write_bytes_per_reading /{print $2}')

read -r NMSG NREAD NTOPIC P50 P99 PMAX N50 N99 <<< "$($PY "$HERE/latency.py" "$RUN/sub.txt" "$T0" "$T1" | sed 's/[a-z_0-9]*=//g')"
RSS=$(awk '{s+=$1; if($1>m)m=$1; n++} END{printf "%.1f %.1f", n?s/n/1024:0, m/1024}' "$RUN/rss.txt")
read -r RSS_MEAN RSS_MAX <<< "$RSS"
EXPECTED=$(awk -v s="$UNITS" -v p="$POLL_MS" -v r="$REGS" 'BEGIN{printf "%.1f", s*r*1000/p}')
awk -v s="$UNITS" -v p="$POLL_MS" -v e="$EXPECTED" -v n="$NREAD" -v nm="$NMSG" -v t0="$T0" -v t1="$T1" \
  -v c0="$C0" -v c1="$C1" -v w0="$W0" -v w1="$W1" -v s0="$S0" -v s1="$S1" -v m0="$M0" -v m1="$M1" -v hz="$HZ" \
  -v rm="$RSS_MEAN" -v rx="$RSS_MAX" -v p50="$P50" -v p99="$P99" -v pmax="$PMAX" -v n50="$N50" -v n99="$N99" \
  -v conn="$CONN" -v dropped="$DROPPED" -v parts="$RSS_PARTS" -v metric="${METRIC:--}" 'BEGIN{
  dt=t1-t0
  printf "edge-gateway units=%d poll_ms=%d expected_readings_s=%.1f got_readings_s=%.1f cpu_pct=%.1f rss_mean_mb=%.1f rss_max_mb=%.1f", \
    s, p, e, n/dt, 100*(c1-c0)/hz/dt, rm, rx
  printf " lat_p50_ms=%s lat_p99_ms=%s disk_bytes_per_reading=%s", p50, p99, (n>0 ? sprintf("%.1f", (w1-w0)/n) : "-")
  printf " | window_s=%.1f msgs=%d msgs_s=%.1f lat_max_ms=%s newest_p50_ms=%s newest_p99_ms=%s disk_write_kib_s=%.1f metrics_bytes_per_reading=%s modbus_srv_cpu_pct=%.1f mosquitto_cpu_pct=%.1f conn=%s log_dropped_events=%s rss_end_mb=[%s]\n", \
    dt, nm, nm/dt, pmax, n50, n99, (w1-w0)/1024/dt, metric, 100*(s1-s0)/hz/dt, 100*(m1-m0)/hz/dt, conn, dropped, parts }'
grep -E '\b(fail|crit|error|warn)' -i "$RUN/gateway.log" | head -5 >&2
exit 0
