#!/usr/bin/python3
"""Writes the edge-gateway side of the footprint benchmark: a profile of 20 u16 input registers (the peer's
workload, FC 4 addresses 0..19) and a configuration polling UNITS Modbus TCP units every POLL_MS.

usage: make_config.py DIR UNITS POLL_MS MODBUS_PORT MQTT_PORT [--conn per-slave|shared] [--regs 20] [--web-port N]
Writes DIR/profiles/bench-u16x20.json and DIR/config.json."""
import argparse, json, os

p = argparse.ArgumentParser()
p.add_argument("dir"); p.add_argument("units", type=int); p.add_argument("poll_ms", type=int)
p.add_argument("modbus_port", type=int); p.add_argument("mqtt_port", type=int)
p.add_argument("--conn", default="per-slave", choices=["per-slave", "shared"])
p.add_argument("--regs", type=int, default=20)
p.add_argument("--web-port", type=int, default=0)
a = p.parse_args()

os.makedirs(os.path.join(a.dir, "profiles"), exist_ok=True)
profile = {
    "model": "bench-u16x20", "manufacturer": "bench",
    "notes": "footprint benchmark: the Node-RED peer's workload, FC 4 registers 0..N-1 as u16",
    "maxRegistersPerRequest": 125, "maxGap": 0,
    "points": [{"name": f"r{i}", "table": "input", "address": i, "type": "u16", "unit": "", "kind": "raw"}
               for i in range(a.regs)],
}
with open(os.path.join(a.dir, "profiles", "bench-u16x20.json"), "w") as f:
    json.dump(profile, f, indent=1)

interval = "00:00:%06.3f" % (a.poll_ms / 1000.0)
def device(u):
    return {"Id": f"u{u}", "Profile": "bench-u16x20", "UnitId": u, "PollInterval": interval}
def bus(name, units):
    return {"Id": name, "Kind": "tcp", "Host": "127.0.0.1", "Port": a.modbus_port,
            "RequestTimeout": "00:00:01", "Devices": [device(u) for u in units]}
units = list(range(1, a.units + 1))
buses = [bus("mb", units)] if a.conn == "shared" else [bus(f"mb{u}", [u]) for u in units]
config = {"EdgeGateway": {
    "GatewayId": "bench",
    "Mqtt": {"Host": "127.0.0.1", "Port": a.mqtt_port},
    "Storage": {"Path": os.path.join(a.dir, "state", "log.db")},
    "ModbusProfiles": os.path.join(a.dir, "profiles"),
    "ModbusBuses": buses if a.units > 0 else [],
    "Web": {"Enabled": a.web_port > 0, "Urls": f"http://127.0.0.1:{a.web_port}"},
}}
with open(os.path.join(a.dir, "config.json"), "w") as f:
    json.dump(config, f, indent=1)
