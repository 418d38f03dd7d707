using EdgeGateway.Runtime.Parking;

namespace EdgeGateway.Runtime.Options;

/// <summary>One parking bay: its magnetometer and the detector's thresholds (defaults from <c>BayOptions</c>).</summary>
internal sealed class ParkingBayOptions
{
    private static readonly BayOptions Defaults = new();

    /// <summary>Bay id: the events' source and the <c>{Id}.occupied</c> point.</summary>
    public string Id { get; set; } = "";

    /// <summary>Device id of the bay's hmc5883l.</summary>
    public string Magnetometer { get; set; } = "";

    /// <summary>Strong entry level, µT.</summary>
    public double EnterStrongUt { get; set; } = Defaults.EnterStrongUt;

    /// <summary>Time above the strong level that makes the bay occupied.</summary>
    public TimeSpan EnterStrongFor { get; set; } = Defaults.EnterStrongFor;

    /// <summary>Weak entry level (high-chassis cars), µT.</summary>
    public double EnterWeakUt { get; set; } = Defaults.EnterWeakUt;

    /// <summary>Time above the weak level that makes the bay occupied.</summary>
    public TimeSpan EnterWeakFor { get; set; } = Defaults.EnterWeakFor;

    /// <summary>Exit level, µT, below both entry levels (hysteresis).</summary>
    public double ExitUt { get; set; } = Defaults.ExitUt;

    /// <summary>Time below the exit level that makes the bay vacant.</summary>
    public TimeSpan ExitFor { get; set; } = Defaults.ExitFor;

    /// <summary>No usable sample for this long raises <c>sensor.fault</c>.</summary>
    public TimeSpan FaultAfter { get; set; } = Defaults.FaultAfter;

    /// <summary>The detector's tuning.</summary>
    internal BayOptions ToDetector() => Defaults with
    {
        EnterStrongUt = EnterStrongUt, EnterStrongFor = EnterStrongFor, EnterWeakUt = EnterWeakUt,
        EnterWeakFor = EnterWeakFor, ExitUt = ExitUt, ExitFor = ExitFor, FaultAfter = FaultAfter,
    };
}
