namespace EdgeGateway.Runtime.Lighting;

/// <summary>
/// One dimming step of a night program, as configured: <c>{"from":"sunset+0","to":"23:00","level":100}</c>.
/// Times are <c>HH:mm</c> local wall time, or <c>sunset</c>/<c>sunrise</c>/<c>civilDusk</c>/<c>civilDawn</c> with an
/// optional <c>+N</c>/<c>-N</c> minutes offset. A night runs from noon to noon: fixed times from 12:00 belong to
/// the evening's date, earlier ones to the next morning, so <c>23:00</c>-<c>05:00</c> crosses midnight.
/// </summary>
internal sealed record ProgramStep
{
    /// <summary>Start of the step (inclusive).</summary>
    public string From { get; init; } = "";

    /// <summary>End of the step (exclusive).</summary>
    public string To { get; init; } = "";

    /// <summary>Level while the step holds, 0-100 %.</summary>
    public int Level { get; init; } = 100;
}
