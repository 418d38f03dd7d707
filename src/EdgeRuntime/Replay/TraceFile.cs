using System.Globalization;

namespace EdgeGateway.Runtime.Replay;

/// <summary>
/// One parsed trace file (CONTRACT.md "Trace files"): a header naming the kind, then rows of an ISO 8601 UTC
/// timestamp and values. An empty value is kept as <see cref="double.NaN"/> (no reading, or no echo). Rows must
/// be in time order. Every error names the file and the 1-based line.
/// </summary>
internal sealed record TraceFile(string Device, string Path, TraceKind Kind, IReadOnlyList<(DateTimeOffset Ts, double[] Values)> Rows)
{
    private static readonly Dictionary<string, TraceKind> Headers = new(StringComparer.Ordinal)
    {
        ["ts,lux"] = TraceKind.Light,
        ["ts,x,y,z"] = TraceKind.Magnetometer,
        ["ts,distance_mm"] = TraceKind.Distance,
    };

    /// <summary>Reads and checks the whole file.</summary>
    /// <exception cref="TraceException">Missing file, unknown header, bad timestamp or number, rows out of order.</exception>
    public static TraceFile Load(string device, string path)
    {
        if (!File.Exists(path))
        {
            throw new TraceException($"{path}: trace file does not exist");
        }

        using var reader = new StreamReader(path);
        string header = (reader.ReadLine() ?? "").Trim().TrimStart('\uFEFF');
        if (!Headers.TryGetValue(header.Replace(" ", "", StringComparison.Ordinal), out var kind))
        {
            throw new TraceException($"{path}:1: header '{header}' is not one of {string.Join(" | ", Headers.Keys)}");
        }

        int columns = header.Split(',').Length;
        var rows = new List<(DateTimeOffset, double[])>();
        DateTimeOffset? last = null;
        int lineNo = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNo++;
            if (line.Length == 0)
            {
                continue;
            }

            var cells = line.Split(',');
            if (cells.Length != columns)
            {
                throw new TraceException($"{path}:{lineNo}: expected {columns} columns, found {cells.Length}");
            }

            if (!DateTimeOffset.TryParse(cells[0], CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var ts))
            {
                throw new TraceException($"{path}:{lineNo}: '{cells[0]}' is not an ISO 8601 timestamp");
            }

            if (last is { } l && ts < l)
            {
                throw new TraceException($"{path}:{lineNo}: {cells[0]} is earlier than the row before");
            }

            var values = new double[columns - 1];
            for (int c = 1; c < columns; c++)
            {
                values[c - 1] = string.IsNullOrWhiteSpace(cells[c]) ? double.NaN
                    : double.TryParse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) ? v
                    : throw new TraceException($"{path}:{lineNo}: '{cells[c]}' is not a number");
            }

            rows.Add((ts, values));
            last = ts;
        }

        return new TraceFile(device, path, kind, rows);
    }
}
