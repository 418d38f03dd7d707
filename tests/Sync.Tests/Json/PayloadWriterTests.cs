using System.Text.Json;
using EdgeGateway.Contracts;
using EdgeGateway.Sync.Json;
using EdgeGateway.Sync.Log;
using EdgeGateway.Sync.Tests.Support;

namespace EdgeGateway.Sync.Tests.Json;

[Trait("Category", "Unit")]
public sealed class PayloadWriterTests
{
    private static readonly DateTimeOffset T0 = SignallingTimeProvider.Origin;

    [Fact]
    public void Message_FromBacklog_CarriesBacklogTrueAfterSeq()
    {
        var record = new LogRecord { Seq = 7, Kind = RecordKind.Telemetry, Body = PayloadWriter.TelemetryBody([new("p", T0, 1, Quality.Good)]) };

        string live = System.Text.Encoding.UTF8.GetString(PayloadWriter.Message("gw-1", record));
        string backlog = System.Text.Encoding.UTF8.GetString(PayloadWriter.Message("gw-1", record, backlog: true));

        Assert.StartsWith("{\"gatewayId\":\"gw-1\",\"seq\":7,\"readings\":[", live);
        Assert.StartsWith("{\"gatewayId\":\"gw-1\",\"seq\":7,\"backlog\":true,\"readings\":[", backlog);
        using var doc = JsonDocument.Parse(backlog);
        Assert.True(doc.RootElement.GetProperty("backlog").GetBoolean());
    }

    [Theory]
    [InlineData("gw-1")]
    [InlineData("a\"b\\c")]
    [InlineData("tm+cab<0042>&'`")]
    [InlineData("Timișoara")]
    public void Message_AnyGatewayId_WritesItAsJsonSerializerDoes(string id)
    {
        var record = new LogRecord { Seq = 1, Kind = RecordKind.Event, Body = "\"ts\":\"x\"" };

        string message = System.Text.Encoding.UTF8.GetString(PayloadWriter.Message(id, record));

        Assert.Equal($"{{\"gatewayId\":{JsonSerializer.Serialize(id)},\"seq\":1,\"ts\":\"x\"}}", message);
    }

    [Fact]
    public void FormatUtf8_AnyTime_SameTextAsFormat()
    {
        var random = new Random(5);
        Span<byte> buffer = stackalloc byte[Iso8601.Length];
        for (int i = 0; i < 2000; i++)
        {
            var t = new DateTimeOffset(1, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks((long)(random.NextDouble() * DateTime.MaxValue.Ticks))
                .ToOffset(TimeSpan.FromMinutes(random.Next(-720, 720) / 15 * 15));
            int n = Iso8601.FormatUtf8(t, buffer);
            Assert.Equal(Iso8601.Format(t), System.Text.Encoding.ASCII.GetString(buffer[..n]));
        }
    }

    [Fact]
    public void Message_TelemetryBody_IsContractJson()
    {
        Reading[] readings =
        [
            new("cab1.lux", T0, 12.5, Quality.Good),
            new("cab1.temp", T0.AddMilliseconds(1234), -3, Quality.Uncertain),
        ];
        var record = new LogRecord { Seq = 42, Kind = RecordKind.Telemetry, Body = PayloadWriter.TelemetryBody(readings) };

        using var doc = JsonDocument.Parse(PayloadWriter.Message("gw-1", record));
        var root = doc.RootElement;

        Assert.Equal("gw-1", root.GetProperty("gatewayId").GetString());
        Assert.Equal(42, root.GetProperty("seq").GetInt64());
        var items = root.GetProperty("readings").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.Equal("cab1.lux", items[0].GetProperty("point").GetString());
        Assert.Equal("2026-11-26T16:00:00.000Z", items[0].GetProperty("ts").GetString());
        Assert.Equal(12.5, items[0].GetProperty("value").GetDouble());
        Assert.Equal("good", items[0].GetProperty("quality").GetString());
        Assert.Equal("2026-11-26T16:00:01.234Z", items[1].GetProperty("ts").GetString());
        Assert.Equal(-3, items[1].GetProperty("value").GetDouble());
        Assert.Equal("uncertain", items[1].GetProperty("quality").GetString());
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void TelemetryBody_NonFiniteValue_WritesNull(double value)
    {
        var record = new LogRecord { Seq = 1, Body = PayloadWriter.TelemetryBody([new("p", T0, value, Quality.Bad)]) };

        using var doc = JsonDocument.Parse(PayloadWriter.Message("gw", record));
        var reading = doc.RootElement.GetProperty("readings")[0];

        Assert.Equal(JsonValueKind.Null, reading.GetProperty("value").ValueKind);
        Assert.Equal("bad", reading.GetProperty("quality").GetString());
    }

    [Fact]
    public void TelemetryBody_NonUtcTimestamp_WritesUtcWithZ()
    {
        var local = new DateTimeOffset(2026, 11, 26, 18, 0, 0, 5, TimeSpan.FromHours(2));
        var record = new LogRecord { Seq = 1, Body = PayloadWriter.TelemetryBody([new("p", local, 1, Quality.Good)]) };

        using var doc = JsonDocument.Parse(PayloadWriter.Message("gw", record));

        Assert.Equal("2026-11-26T16:00:00.005Z", doc.RootElement.GetProperty("readings")[0].GetProperty("ts").GetString());
    }

    [Theory]
    [InlineData(Severity.Info, "info")]
    [InlineData(Severity.Warning, "warning")]
    [InlineData(Severity.Critical, "critical")]
    public void Message_EventBody_IsContractJsonWithLowerCaseSeverity(Severity severity, string expected)
    {
        var e = new GatewayEvent("door.opened", "cab1.door", severity, T0, new Dictionary<string, object?> { ["group"] = "A", ["level"] = 40 });
        var record = new LogRecord { Seq = 7, Kind = RecordKind.Event, Body = PayloadWriter.EventBody(e) };

        using var doc = JsonDocument.Parse(PayloadWriter.Message("gw-\"quoted\"", record));
        var root = doc.RootElement;

        Assert.Equal("gw-\"quoted\"", root.GetProperty("gatewayId").GetString());
        Assert.Equal(7, root.GetProperty("seq").GetInt64());
        Assert.Equal("2026-11-26T16:00:00.000Z", root.GetProperty("ts").GetString());
        Assert.Equal("door.opened", root.GetProperty("type").GetString());
        Assert.Equal("cab1.door", root.GetProperty("source").GetString());
        Assert.Equal(expected, root.GetProperty("severity").GetString());
        Assert.Equal("A", root.GetProperty("data").GetProperty("group").GetString());
        Assert.Equal(40, root.GetProperty("data").GetProperty("level").GetInt32());
    }

    [Fact]
    public void EventBody_EmptyData_WritesEmptyObject()
    {
        var record = new LogRecord { Seq = 1, Body = PayloadWriter.EventBody(GatewayEvent.Create("power.lost", "cab1", Severity.Critical, T0)) };

        using var doc = JsonDocument.Parse(PayloadWriter.Message("gw", record));

        Assert.Equal(JsonValueKind.Object, doc.RootElement.GetProperty("data").ValueKind);
        Assert.Empty(doc.RootElement.GetProperty("data").EnumerateObject());
    }

    [Fact]
    public void EventBody_NonFiniteNumberInData_StillWritesValidJson()
    {
        // A sensor.fault carrying the last (NaN) value must not make the recorder throw.
        var e = new GatewayEvent("sensor.fault", "cab1.lux", Severity.Warning, T0, new Dictionary<string, object?> { ["last"] = double.NaN, ["ok"] = 1.5 });
        var record = new LogRecord { Seq = 1, Body = PayloadWriter.EventBody(e) };

        using var doc = JsonDocument.Parse(PayloadWriter.Message("gw", record));

        Assert.Equal(1.5, doc.RootElement.GetProperty("data").GetProperty("ok").GetDouble());
        Assert.Equal("NaN", doc.RootElement.GetProperty("data").GetProperty("last").GetString());
    }

    [Fact]
    public void Format_UtcDateTime_HasMillisecondsAndZ()
    {
        Assert.Equal("2026-11-26T16:00:00.000Z", Iso8601.Format(T0.UtcDateTime));
        Assert.Equal("2026-11-26T16:00:00.000Z", Iso8601.Format(T0));
    }
}
