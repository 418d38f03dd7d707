namespace EdgeGateway.Drivers.Modbus.Simulation;

/// <summary>Faults a <see cref="ModbusTcpSlaveServer"/> injects into one unit's answers.</summary>
internal sealed record ModbusSlaveFaults
{
    /// <summary>No faults.</summary>
    public static ModbusSlaveFaults None { get; } = new();

    /// <summary>The unit hears requests but never answers (powered off, wrong address, broken A/B pair).</summary>
    public bool Silent { get; init; }

    /// <summary>
    /// The answer is corrupted: RTU frames get a wrong CRC; MBAP frames (which carry no CRC) get a stray byte
    /// after the PDU (a bad byte count), so the master sees a bad frame either way.
    /// </summary>
    public bool CorruptCrc { get; init; }

    /// <summary>Answer as this unit id instead (a misconfigured slave, or cross-talk on the bus).</summary>
    public byte? AnswerAsUnit { get; init; }

    /// <summary>MBAP: send a copy of the answer with another transaction id before the right one (a late answer).</summary>
    public bool StaleTransactionFirst { get; init; }

    /// <summary>Wait this long before answering.</summary>
    public TimeSpan Delay { get; init; }
}
