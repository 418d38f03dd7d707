namespace EdgeGateway.Contracts;

/// <summary>Event severity (CONTRACT.md: "info" | "warning" | "critical").</summary>
public enum Severity
{
    /// <summary>Normal operation worth recording.</summary>
    Info,

    /// <summary>Needs attention soon.</summary>
    Warning,

    /// <summary>Needs attention now (a dark street, a door forced at night).</summary>
    Critical,
}
