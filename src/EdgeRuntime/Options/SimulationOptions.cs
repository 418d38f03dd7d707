namespace EdgeGateway.Runtime.Options;

/// <summary>The virtual cabinet (<c>--simulate</c>).</summary>
internal sealed class SimulationOptions
{
    /// <summary>Run on simulated buses; set by <c>--simulate</c>.</summary>
    public bool Enabled { get; set; }

    /// <summary>How much faster than real time the virtual world runs (1 = real time; 60 = an hour a minute).</summary>
    public double TimeScale { get; set; } = 1;

    /// <summary>Virtual start time (UTC); now when empty. Set it an hour before sunset to watch a night fall.</summary>
    public DateTimeOffset? Start { get; set; }

    /// <summary>Run an MQTT broker in the process on 127.0.0.1 (set by <c>--simulate</c> when no broker is configured).</summary>
    public bool EmbeddedBroker { get; set; }

    /// <summary>Under simulation, Modbus buses talk to the virtual cabinet's simulated slaves (default). False: to the
    /// configured real buses, e.g. a meter or a pymodbus peer on a bench while the rest of the cabinet is simulated.</summary>
    public bool VirtualModbus { get; set; } = true;

    /// <summary>Seed of the world's randomness (clouds, noise, headlights).</summary>
    public int Seed { get; set; } = 1;
}
