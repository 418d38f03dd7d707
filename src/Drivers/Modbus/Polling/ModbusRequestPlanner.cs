using EdgeGateway.Drivers.Modbus.Profiles;

namespace EdgeGateway.Drivers.Modbus.Polling;

/// <summary>
/// Groups one device's due points into the fewest reads. Per table, points sorted by address are merged left to
/// right while the span stays within the request limit and the hole between the span and the next point is at most
/// <c>maxGap</c>. Each point must lie whole in one read, so for intervals on a line this greedy choice is optimal:
/// the first read has to start at the lowest point, and extending it as far as allowed never forces an extra read.
/// </summary>
internal static class ModbusRequestPlanner
{
    /// <summary>Modbus spec 6.1/6.2: at most 2000 coils or discrete inputs per read.</summary>
    public const int MaxBitsPerRequest = 2000;

    /// <summary>Plans the reads for <paramref name="points"/> with the profile's limits.</summary>
    public static IReadOnlyList<ModbusReadRequest> Plan(IEnumerable<ProfilePoint> points, DeviceProfile profile) =>
        Plan(points, profile.MaxRegistersPerRequest, profile.MaxGap);

    /// <summary>Plans the reads for <paramref name="points"/>.</summary>
    /// <param name="points">The points due now (any tables, any order).</param>
    /// <param name="maxRegistersPerRequest">Largest register read (1-125); bit reads use <see cref="MaxBitsPerRequest"/>.</param>
    /// <param name="maxGap">Unused registers a read may span between two points.</param>
    public static IReadOnlyList<ModbusReadRequest> Plan(IEnumerable<ProfilePoint> points, int maxRegistersPerRequest, int maxGap)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRegistersPerRequest, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(maxGap);
        var requests = new List<ModbusReadRequest>();
        foreach (var table in points.GroupBy(p => p.Table).OrderBy(g => g.Key))
        {
            int limit = table.Key is ModbusTable.Coil or ModbusTable.Discrete ? MaxBitsPerRequest : maxRegistersPerRequest;
            var current = new List<ProfilePoint>();
            int start = 0, end = 0;
            foreach (var point in table.OrderBy(p => p.Address).ThenByDescending(p => p.Width))
            {
                if (current.Count > 0 && point.Address - end <= maxGap && Math.Max(end, point.End) - start <= limit)
                {
                    current.Add(point);
                    end = Math.Max(end, point.End);
                    continue;
                }

                if (current.Count > 0)
                {
                    requests.Add(new ModbusReadRequest(table.Key, (ushort)start, (ushort)(end - start), current));
                }

                current = [point];
                start = point.Address;
                end = point.End;
            }

            if (current.Count > 0)
            {
                requests.Add(new ModbusReadRequest(table.Key, (ushort)start, (ushort)(end - start), current));
            }
        }

        return requests;
    }
}
