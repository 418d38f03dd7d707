using System.Globalization;
using System.Text.Json;
using EdgeGateway.Contracts;
using EdgeGateway.Runtime.Parking;

namespace EdgeGateway.Runtime.Tests.Parking;

/// <summary>Loads a magnetometer trace (CONTRACT.md: ts,x,y,z; empty value = no reading) and its truth.</summary>
internal static class MagTrace
{
    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "TestData", file);

    public static IEnumerable<(DateTimeOffset Ts, MagSample Sample)> Read(string file)
    {
        foreach (var line in Lines(file).Skip(1))
        {
            var cells = line.Split(',');
            var ts = DateTimeOffset.Parse(cells[0], CultureInfo.InvariantCulture);
            if (cells.Length < 4 || cells[1..4].Any(string.IsNullOrWhiteSpace))
            {
                yield return (ts, MagSample.Missing);
                continue;
            }

            double P(string c) => double.Parse(c, CultureInfo.InvariantCulture);
            yield return (ts, new MagSample(P(cells[1]), P(cells[2]), P(cells[3]), Quality.Good));
        }
    }

    /// <summary>The file's lines; field-b's traces are stored gzipped (<c>.csv.gz</c>).</summary>
    private static IEnumerable<string> Lines(string file)
    {
        if (File.Exists(PathOf(file)))
        {
            foreach (var line in File.ReadLines(PathOf(file)))
            {
                yield return line;
            }

            yield break;
        }

        using var reader = new StreamReader(new System.IO.Compression.GZipStream(File.OpenRead(PathOf(file) + ".gz"), System.IO.Compression.CompressionMode.Decompress));
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }

    public static IReadOnlyList<TruthStay> Truth(string file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(PathOf(file)));
        return doc.RootElement.GetProperty("occupancy").EnumerateArray().Select(o => new TruthStay(
            DateTimeOffset.Parse(o.GetProperty("enter_start").GetString()!, CultureInfo.InvariantCulture),
            DateTimeOffset.Parse(o.GetProperty("arrive").GetString()!, CultureInfo.InvariantCulture),
            DateTimeOffset.Parse(o.GetProperty("depart").GetString()!, CultureInfo.InvariantCulture),
            DateTimeOffset.Parse(o.GetProperty("leave_end").GetString()!, CultureInfo.InvariantCulture))).ToList();
    }
}

internal sealed record TruthStay(DateTimeOffset EnterStart, DateTimeOffset Arrive, DateTimeOffset Depart, DateTimeOffset LeaveEnd);
