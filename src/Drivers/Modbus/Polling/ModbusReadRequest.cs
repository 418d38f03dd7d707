using EdgeGateway.Drivers.Modbus.Profiles;

namespace EdgeGateway.Drivers.Modbus.Polling;

/// <summary>One planned read: a span of one table and the points it carries.</summary>
/// <param name="Table">The table read (decides the function code: 1, 2, 3 or 4).</param>
/// <param name="Start">First address read.</param>
/// <param name="Count">Registers (or bits) read.</param>
/// <param name="Points">The points inside the span, by address.</param>
internal sealed record ModbusReadRequest(ModbusTable Table, ushort Start, ushort Count, IReadOnlyList<ProfilePoint> Points);
