using System.Collections.Concurrent;
using EdgeGateway.Contracts;
using EdgeGateway.Drivers.Polling;

namespace EdgeGateway.Runtime.Points;

/// <summary>The latest value of every point, with quality and time, and the list of points for <c>meta</c>.
/// Written by the bus pollers and the control loops, read by everything else.</summary>
internal sealed class PointTable
{
    private readonly ConcurrentDictionary<string, Reading> _latest = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PointInfo> _points = new(StringComparer.Ordinal);

    /// <summary>Creates the table with the points the configuration publishes (<c>Hosting.GatewayPoints</c>), for <c>meta</c>.</summary>
    public PointTable(IEnumerable<PointInfo>? declared = null)
    {
        foreach (var p in declared ?? [])
        {
            _points[p.Point] = p;
        }
    }

    /// <summary>Every declared point, sorted by name.</summary>
    public IReadOnlyList<PointInfo> Points => [.. _points.Values.OrderBy(p => p.Point, StringComparer.Ordinal)];

    /// <summary>The declared point <paramref name="point"/> (device, unit, kind), if any.</summary>
    public PointInfo? Info(string point) => _points.GetValueOrDefault(point);

    /// <summary>Stores a reading as the point's latest value.</summary>
    public void Update(Reading reading) => _latest[reading.Point] = reading;

    /// <summary>The latest reading of <paramref name="point"/>, if any.</summary>
    public Reading? Get(string point) => _latest.TryGetValue(point, out var r) ? r : null;

    /// <summary>Every point's latest reading.</summary>
    public IReadOnlyList<Reading> Snapshot() => [.. _latest.Values.OrderBy(r => r.Point, StringComparer.Ordinal)];
}
