#!/usr/bin/python3
"""Modbus slave peer for the HIL tests: Debian's pymodbus 3.0.0rc1 (python3-pymodbus).

Run it with /usr/bin/python3 (a pyenv python3 on PATH has no pymodbus):

    /usr/bin/python3 hil/pymodbus_server.py --tcp PORT LAYOUT.json
    /usr/bin/python3 hil/pymodbus_server.py --rtu /dev/pts/N --baud 19200 LAYOUT.json

LAYOUT.json: {"units": [{"unit": 1, "holding": {"start": 0, "values": [..]}, "input": {..}, "coils": {..},
"discrete": {..}}]}. A register table may list "typed" values instead of raw "values":
[{"type": "f32", "order": "CDAB", "value": 230.5}, ...], laid out one after the other by pymodbus' own
BinaryPayloadBuilder (types u16 s16 u32 s32 f32 u64; orders ABCD CDAB BADC DCBA), so the peer, not our codec,
decides the bytes on the wire. Addresses are wire addresses (zero_mode=True). One server serves every unit (single=False);
a unit that is not in the context gets no answer (ignore_missing_slaves=True, and pymodbus' framer drops it).
A killed unit stays in the unit list the framer checks (pymodbus 3.0.0rc1 reads that list before it awaits the
next request, so a change would reach one request late) and fails at lookup instead: no answer, at once.

Control on stdin, one command a line, each acknowledged on stdout:
    kill N     unit N stops answering                              -> "killed N"
    revive N   unit N answers again                                -> "revived N"
Prints "ready" once listening. Exits when stdin closes, so a dead test never leaves it behind.
"""
import argparse
import asyncio
import json
import os
import sys
import threading

from pymodbus.constants import Endian
from pymodbus.datastore import ModbusSequentialDataBlock, ModbusServerContext, ModbusSlaveContext
from pymodbus.exceptions import NoSuchSlaveException
from pymodbus.framer.rtu_framer import ModbusRtuFramer
from pymodbus.framer.socket_framer import ModbusSocketFramer
from pymodbus.payload import BinaryPayloadBuilder
from pymodbus.server import StartAsyncSerialServer, StartAsyncTcpServer


ORDERS = {
    "ABCD": (Endian.Big, Endian.Big),
    "CDAB": (Endian.Big, Endian.Little),
    "BADC": (Endian.Little, Endian.Big),
    "DCBA": (Endian.Little, Endian.Little),
}


def typed_registers(values):
    """Registers for typed values, encoded by pymodbus itself."""
    registers = []
    for item in values:
        byteorder, wordorder = ORDERS[item["order"]]
        builder = BinaryPayloadBuilder(byteorder=byteorder, wordorder=wordorder)
        add = {
            "u16": builder.add_16bit_uint, "s16": builder.add_16bit_int,
            "u32": builder.add_32bit_uint, "s32": builder.add_32bit_int,
            "f32": builder.add_32bit_float, "u64": builder.add_64bit_uint,
        }[item["type"]]
        add(float(item["value"]) if item["type"] == "f32" else int(item["value"]))
        registers.extend(builder.to_registers())
    return registers


def block(spec):
    """A data block for one table; an absent table is one zero at address 0 (anything else is IllegalDataAddress)."""
    if not spec:
        return ModbusSequentialDataBlock(0, [0])
    if "typed" in spec:
        return ModbusSequentialDataBlock(int(spec["start"]), typed_registers(spec["typed"]))
    return ModbusSequentialDataBlock(int(spec["start"]), [int(v) for v in spec["values"]])


def load(path):
    with open(path, encoding="utf-8") as f:
        layout = json.load(f)
    slaves = {}
    for unit in layout["units"]:
        slaves[int(unit["unit"])] = ModbusSlaveContext(
            hr=block(unit.get("holding")),
            ir=block(unit.get("input")),
            co=block(unit.get("coils")),
            di=block(unit.get("discrete")),
            zero_mode=True,
        )
    return slaves


class KillableContext(ModbusServerContext):
    """A multi-unit context whose killed units raise NoSuchSlaveException when a request looks them up."""

    def __init__(self, slaves):
        super().__init__(slaves=slaves, single=False)
        self.dead = set()

    def __getitem__(self, slave):
        if slave in self.dead:
            raise NoSuchSlaveException(f"unit {slave} is dead")
        return super().__getitem__(slave)


def say(line):
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def control(loop, context):
    """Reads commands from stdin on a thread; applies them on the event loop."""

    def apply(command, unit):
        if command == "kill":
            context.dead.add(unit)
            say(f"killed {unit}")
        elif command == "revive":
            context.dead.discard(unit)
            say(f"revived {unit}")

    for line in sys.stdin:
        parts = line.split()
        if len(parts) == 2 and parts[0] in ("kill", "revive") and parts[1].isdigit():
            loop.call_soon_threadsafe(apply, parts[0], int(parts[1]))
        elif parts:
            say(f"error unknown command: {line.strip()}")
    # stdin closed: the test is gone.
    os._exit(0)


async def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--tcp", type=int, metavar="PORT")
    where.add_argument("--rtu", metavar="DEVICE")
    parser.add_argument("--baud", type=int, default=19200)
    parser.add_argument("--parity", default="N", choices=["N", "E", "O"])
    parser.add_argument("layout")
    args = parser.parse_args()

    slaves = load(args.layout)
    context = KillableContext(dict(slaves))
    if args.tcp is not None:
        server = await StartAsyncTcpServer(
            context=context, address=("127.0.0.1", args.tcp), framer=ModbusSocketFramer,
            ignore_missing_slaves=True, allow_reuse_address=True, defer_start=True)
        serving = asyncio.create_task(server.serve_forever())
        await server.serving
    else:
        server = await StartAsyncSerialServer(
            context=context, framer=ModbusRtuFramer, port=args.rtu, baudrate=args.baud, parity=args.parity,
            bytesize=8, stopbits=1, ignore_missing_slaves=True, defer_start=True)
        await server.start()
        if server.transport is None:
            raise SystemExit(f"cannot open {args.rtu}")
        serving = asyncio.create_task(server.serve_forever())

    threading.Thread(target=control, args=(asyncio.get_running_loop(), context), daemon=True).start()
    say("ready")
    await serving


if __name__ == "__main__":
    asyncio.run(main())
