namespace EdgeGateway.Contracts;

/// <summary>How far a reading can be trusted (CONTRACT.md: "good" | "uncertain" | "bad").</summary>
public enum Quality
{
    /// <summary>Read from the device this cycle and within its range.</summary>
    Good,

    /// <summary>Read, but suspect (out of range, substituted, or from a recovering device).</summary>
    Uncertain,

    /// <summary>Not read: bus error, timeout, CRC error, no echo. The value is stale, never zero.</summary>
    Bad,
}
