namespace EdgeGateway.Runtime.Lighting;

/// <summary>
/// One rule of a night program: which nights it applies to, and its steps. The first rule matching the
/// evening's date wins (so put holidays before the everyday rule).
/// </summary>
internal sealed record ProgramRule
{
    /// <summary>Evening weekdays it applies to (<c>Mon</c>..<c>Sun</c> or full names); empty means every day.</summary>
    public IReadOnlyList<string> Days { get; init; } = [];

    /// <summary>First evening it applies to each year, <c>MM-dd</c>; null with <see cref="ToDate"/> null means all year.</summary>
    public string? FromDate { get; init; }

    /// <summary>Last evening (inclusive), <c>MM-dd</c>; a range may wrap the new year (<c>12-20</c>..<c>01-06</c>).</summary>
    public string? ToDate { get; init; }

    /// <summary>The dimming steps; a lit moment no step covers gets the group's default on level.</summary>
    public IReadOnlyList<ProgramStep> Steps { get; init; } = [];
}
