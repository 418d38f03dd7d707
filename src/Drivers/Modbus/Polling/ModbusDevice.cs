using EdgeGateway.Drivers.Modbus.Profiles;

namespace EdgeGateway.Drivers.Modbus.Polling;

/// <summary>One slave on a bus, as configured.</summary>
/// <param name="Id">Device id; its points are published as <c>{Id}.{pointName}</c>.</param>
/// <param name="Profile">Its model's register map.</param>
/// <param name="UnitId">Its Modbus address (1-247).</param>
/// <param name="PollInterval">Overrides the profile's default interval (a point's own interval still wins).</param>
public sealed record ModbusDevice(string Id, DeviceProfile Profile, byte UnitId, TimeSpan? PollInterval = null);
