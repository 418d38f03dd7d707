using EdgeGateway.Runtime.Waste;

namespace EdgeGateway.Runtime.Options;

/// <summary>One smart bin: its distance source, geometry, alarm level and measurement cycle.</summary>
internal sealed class WasteBinOptions
{
    private static readonly BinOptions Defaults = new();

    /// <summary>Bin id: the events' source and the <c>{Id}.fill</c> point.</summary>
    public string Id { get; set; } = "";

    /// <summary>Device id of the ultrasonic distance source (simulated now; the Modbus level sensor later).</summary>
    public string DistanceSource { get; set; } = "";

    /// <summary>Distance from the sensor to the empty bin's floor, mm (fill 0 %).</summary>
    public double EmptyDistanceMm { get; set; } = Defaults.EmptyDistanceMm;

    /// <summary>Distance to a full bin's surface, mm (fill 100 %).</summary>
    public double FullDistanceMm { get; set; } = Defaults.FullDistanceMm;

    /// <summary>Echoes nearer than this are transducer ringing, mm.</summary>
    public double BlindZoneMm { get; set; } = Defaults.BlindZoneMm;

    /// <summary><c>bin.full</c> at or above this fill, %.</summary>
    public double FullLevelPct { get; set; } = Defaults.FullLevelPct;

    /// <summary>Pings per measurement cycle (their median is the surface).</summary>
    public int PingsPerCycle { get; set; } = 5;

    /// <summary>Time between measurement cycles.</summary>
    public TimeSpan CycleInterval { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The monitor's settings.</summary>
    internal BinOptions ToMonitor() => Defaults with
    {
        EmptyDistanceMm = EmptyDistanceMm, FullDistanceMm = FullDistanceMm, BlindZoneMm = BlindZoneMm, FullLevelPct = FullLevelPct,
    };
}
