using System.Text.Json;
using EdgeGateway.Contracts;
using EdgeGateway.Sync.Json;
using EdgeGateway.Sync.Recording;

namespace EdgeGateway.Runtime.Replay;

/// <summary>
/// The replay's recorder: every event as a JSON line <c>{"ts","type","source","severity","data"}</c> and, when
/// asked, every reading as <c>{"ts","point","value","quality"}</c> (CONTRACT.md <c>replay</c>). The services
/// under replay are handed this in place of the durable log's recorder.
/// </summary>
internal sealed class JsonlRecorder(TextWriter output, bool readings) : IRecorder
{
    /// <summary>Events written.</summary>
    public int Events { get; private set; }

    /// <summary>Readings written.</summary>
    public int Readings { get; private set; }

    /// <inheritdoc />
    public void Record(Reading reading)
    {
        if (!readings)
        {
            return;
        }

        Readings++;
        output.WriteLine(JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["ts"] = Iso8601.Format(reading.Timestamp),
            ["point"] = reading.Point,
            ["value"] = double.IsFinite(reading.Value) ? reading.Value : null,
            ["quality"] = PayloadWriter.QualityName(reading.Quality),
        }));
    }

    /// <inheritdoc />
    public void Record(GatewayEvent gatewayEvent)
    {
        Events++;
        output.WriteLine("{" + PayloadWriter.EventBody(gatewayEvent) + "}");
    }
}
