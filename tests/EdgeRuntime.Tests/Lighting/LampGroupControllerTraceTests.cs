using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using EdgeGateway.Contracts;
using EdgeGateway.Runtime.Astro;
using EdgeGateway.Runtime.Lighting;

namespace EdgeGateway.Runtime.Tests.Lighting;

/// <summary>
/// Two days of a field light trace from Timisoara (5-s samples with noise, night flashes and dropouts), with its
/// ground truth of when the noise-free illuminance crossed each level. Copied from shared/traces.
/// </summary>
[Trait("Category", "Unit")]
public sealed class LampGroupControllerTraceTests
{
    private const string Trace = "Lighting/Data/light-timisoara-20261005.csv.gz";
    private const string Truth = "Lighting/Data/light-timisoara-20261005.truth.json";
    // Time the sample noise may straddle a level after the true value has crossed it.
    private static readonly TimeSpan Margin = TimeSpan.FromMinutes(3);

    private static readonly SiteLocation Timisoara = new(45.7489, 21.2087, "Europe/Bucharest");

    [Theory]
    [InlineData(LightingMode.Photocell)]
    [InlineData(LightingMode.AstroAndSensor)]
    public void Decide_TimisoaraTrace_OneSwitchPerDuskAndDawnNearTheTrueCrossings(LightingMode mode)
    {
        var options = LightingKit.Options(mode);
        var controller = new LampGroupController(options, Timisoara);
        var state = LampGroupState.Initial;
        var events = new List<GatewayEvent>();
        foreach (var reading in ReadTrace())
        {
            var (next, output) = controller.Decide(state, new LampGroupInputs(reading, ClockSynced: true), reading.Timestamp);
            state = next;
            events.AddRange(output.Events);
        }

        var light = events.Where(e => e.Type.StartsWith("light.", StringComparison.Ordinal)).ToList();
        Assert.Equal(["light.off", "light.on", "light.off", "light.on", "light.off"], light.Select(e => e.Type));
        var truth = ReadTruth();
        var onDelay = TimeSpan.FromSeconds(options.OnDelayS);
        var offDelay = TimeSpan.FromSeconds(options.OffDelayS);
        for (var night = 0; night < 2; night++)
        {
            // On: not before the true illuminance first fell below 20 lx, and within the delay (plus the time
            // the noise straddles the level) of its last fall below 10 lx.
            var on = light[1 + (2 * night)].Timestamp;
            Assert.InRange(
                on,
                Evening(truth["20"].Falling, 5 + night).First(),
                Evening(truth["10"].Falling, 5 + night).Last() + onDelay + Margin);

            // Off: not before the true rise above 35 lx, and within the delay (plus margin) of the rise above 65 lx.
            var off = light[2 + (2 * night)].Timestamp;
            Assert.InRange(
                off,
                Morning(truth["35"].Rising, 6 + night).First(),
                Morning(truth["65"].Rising, 6 + night).Last() + offDelay + Margin);
        }
    }

    private static IEnumerable<DateTimeOffset> Evening(IReadOnlyList<DateTimeOffset> crossings, int day) =>
        crossings.Where(t => t.Day == day && t.Hour >= 12);

    private static IEnumerable<DateTimeOffset> Morning(IReadOnlyList<DateTimeOffset> crossings, int day) =>
        crossings.Where(t => t.Day == day && t.Hour < 12);

    private static IEnumerable<Reading> ReadTrace()
    {
        using var file = File.OpenRead(Path.Combine(AppContext.BaseDirectory, Trace));
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        reader.ReadLine();
        while (reader.ReadLine() is { } line)
        {
            var comma = line.IndexOf(',', StringComparison.Ordinal);
            var ts = DateTimeOffset.Parse(line[..comma], CultureInfo.InvariantCulture);
            var value = line[(comma + 1)..];

            // CONTRACT.md: an empty value means no reading (bus error).
            yield return value.Length == 0
                ? new Reading("light", ts, double.NaN, Quality.Bad)
                : new Reading("light", ts, double.Parse(value, CultureInfo.InvariantCulture), Quality.Good);
        }
    }

    private static Dictionary<string, (IReadOnlyList<DateTimeOffset> Falling, IReadOnlyList<DateTimeOffset> Rising)> ReadTruth()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, Truth)));
        return doc.RootElement.GetProperty("true_crossings").EnumerateObject().ToDictionary(
            p => p.Name,
            p => ((IReadOnlyList<DateTimeOffset>)Times(p.Value.GetProperty("falling")), (IReadOnlyList<DateTimeOffset>)Times(p.Value.GetProperty("rising"))));
    }

    private static List<DateTimeOffset> Times(JsonElement array) =>
        array.EnumerateArray().Select(e => DateTimeOffset.Parse(e.GetString()!, CultureInfo.InvariantCulture)).ToList();
}
