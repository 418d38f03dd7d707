namespace EdgeGateway.Runtime.Options;

/// <summary>One Modbus bus: an RS-485 line on a serial port, a Modbus TCP device or gateway, or an RS-485-to-Ethernet
/// converter that passes RTU frames through TCP. One polling loop per bus.</summary>
internal sealed class ModbusBusOptions
{
    /// <summary>The kinds a bus may be.</summary>
    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(StringComparer.Ordinal) { "rtu", "tcp", "rtu-over-tcp" };

    /// <summary>The bus id, for logs, health and the technician page.</summary>
    public string Id { get; set; } = "";

    /// <summary><c>rtu</c> (serial port), <c>tcp</c> (MBAP) or <c>rtu-over-tcp</c>.</summary>
    public string Kind { get; set; } = "rtu";

    /// <summary>The serial device for <c>rtu</c>, e.g. <c>/dev/ttyAMA0</c> or <c>/dev/ttyUSB0</c>.</summary>
    public string SerialPort { get; set; } = "";

    /// <summary>Baud rate for <c>rtu</c>.</summary>
    public int Baud { get; set; } = 9600;

    /// <summary>Parity for <c>rtu</c>: None, Even or Odd.</summary>
    public string Parity { get; set; } = "None";

    /// <summary>Data bits for <c>rtu</c> (7 or 8).</summary>
    public int DataBits { get; set; } = 8;

    /// <summary>Stop bits for <c>rtu</c> (1 or 2).</summary>
    public int StopBits { get; set; } = 1;

    /// <summary>Host for <c>tcp</c> and <c>rtu-over-tcp</c>.</summary>
    public string Host { get; set; } = "";

    /// <summary>TCP port for <c>tcp</c> and <c>rtu-over-tcp</c>.</summary>
    public int Port { get; set; } = 502;

    /// <summary>How long one request may wait for its answer.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Retries after a timeout or a bad frame (never after an exception response).</summary>
    public int Retries { get; set; } = 1;

    /// <summary>How long a slave that stopped answering is left alone before one trial request.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The slaves on the bus.</summary>
    public List<ModbusDeviceOptions> Devices { get; set; } = [];
}

/// <summary>One Modbus slave: a device profile (a JSON file in <c>profiles/</c>) at a unit id.</summary>
internal sealed class ModbusDeviceOptions
{
    /// <summary>The device id; its points are named <c>{Id}.{point}</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>The profile's file name without <c>.json</c>, e.g. <c>eastron-sdm120</c>.</summary>
    public string Profile { get; set; } = "";

    /// <summary>The slave's unit id (1-247).</summary>
    public int UnitId { get; set; } = 1;

    /// <summary>Overrides the profile's poll interval.</summary>
    public TimeSpan? PollInterval { get; set; }
}
