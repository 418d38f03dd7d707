namespace EdgeGateway.Runtime.Options;

/// <summary>The cabinet itself: door contact, climate, mains presence. Every part is optional.</summary>
internal sealed class CabinetOptions
{
    /// <summary>GPIO line of the door contact; none when null.</summary>
    public int? DoorPin { get; set; }

    /// <summary>The line level that means "door open": "High" (NC contact to ground with pull-up) or "Low".</summary>
    public string DoorOpenLevel { get; set; } = "High";

    /// <summary>Turn on the line's pull-up.</summary>
    public bool DoorPullUp { get; set; } = true;

    /// <summary>How long a level must hold to count (contact bounce).</summary>
    public TimeSpan DoorDebounce { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Device id of the sht3x climate sensor; none when empty.</summary>
    public string ClimateSensor { get; set; } = "";

    /// <summary><c>cabinet.overtemp</c> above this, °C.</summary>
    public double OvertempOnC { get; set; } = 60;

    /// <summary>Cleared below this, °C.</summary>
    public double OvertempClearC { get; set; } = 55;

    /// <summary>How long the temperature must stay past a level.</summary>
    public TimeSpan OvertempHold { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Point carrying the mains voltage (an energy meter's, e.g. <c>meter1.voltage</c>); none when empty.</summary>
    public string MainsVoltagePoint { get; set; } = "";

    /// <summary>The longest technician session <c>cabinet.session</c> accepts.</summary>
    public TimeSpan MaxSession { get; set; } = TimeSpan.FromHours(8);
}
