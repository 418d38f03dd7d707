namespace EdgeGateway.Sync.Tests.Support;

/// <summary>
/// Runs code with the process's local time zone set to another zone (on Linux .NET reads TZ), then restores it.
/// Tests using it belong to <see cref="LocalTimeZoneCollection"/>, which runs alone: the zone is process-wide.
/// </summary>
internal sealed class LocalTimeZone : IDisposable
{
    private readonly string? _previous;

    public LocalTimeZone(string zone)
    {
        _previous = Environment.GetEnvironmentVariable("TZ");
        Environment.SetEnvironmentVariable("TZ", zone);
        TimeZoneInfo.ClearCachedData();
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("TZ", _previous);
        TimeZoneInfo.ClearCachedData();
    }
}

/// <summary>Tests that change the process's local time zone; never run in parallel with others.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LocalTimeZoneCollection
{
    public const string Name = "LocalTimeZone";
}
