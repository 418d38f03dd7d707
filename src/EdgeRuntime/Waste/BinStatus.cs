namespace EdgeGateway.Runtime.Waste;

/// <summary>What the web page and /metrics show for a bin.</summary>
/// <param name="BinId">The bin.</param>
/// <param name="FillPct">Last measured fill, %.</param>
/// <param name="AlarmActive">A <c>bin.full</c> was raised and the bin has not been emptied since.</param>
/// <param name="Faulted">The sensor gives no valid echo.</param>
/// <param name="FullAlarms">Alarms raised.</param>
/// <param name="Emptyings">Emptyings seen.</param>
/// <param name="LastCycle">Last cycle time.</param>
internal sealed record BinStatus(string BinId, double? FillPct, bool AlarmActive, bool Faulted, int FullAlarms, int Emptyings, DateTimeOffset? LastCycle);
