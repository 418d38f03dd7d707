namespace EdgeGateway.Drivers.Modbus.Profiles;

/// <summary>How a point's registers become an engineering value: <c>value = raw × Scale + Offset</c>.</summary>
/// <param name="Type">The raw type.</param>
/// <param name="WordOrder">Byte and word order of the registers.</param>
/// <param name="Scale">Multiplier applied to the raw value (never 0).</param>
/// <param name="Offset">Added after scaling.</param>
public readonly record struct ValueFormat(ModbusDataType Type, WordOrder WordOrder = WordOrder.ABCD, double Scale = 1, double Offset = 0);
