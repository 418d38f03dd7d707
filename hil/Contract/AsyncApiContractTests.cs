using System.Text;
using System.Text.Json.Nodes;
using EdgeGateway.Hil.Infrastructure;

namespace EdgeGateway.Hil.Contract;

/// <summary>What a real gateway publishes through Mosquitto, and its answer to every command (good and bad, both
/// request forms), validated against the schemas of docs/asyncapi.yaml with JsonSchema.Net.</summary>
[Trait("Category", "Hil")]
public sealed class AsyncApiContractTests : BrokerTestBase
{
    private const string Id = "hil-contract";
    private readonly AsyncApiSchemas _schemas = AsyncApiSchemas.Load();

    protected override bool WithOperator => true;

    [SkippableFact]
    public async Task Run_EveryPublishedMessageAndCommandResponse_MatchesTheAsyncApiSchemas()
    {
        var settings = GatewayUnderTest.Settings(Id, Broker.Port, Path.Combine(Folder, "log.db"));
        settings["EdgeGateway:HealthInterval"] = "00:00:01";
        var failures = new List<string>();
        int validated = 0;
        await using (var gateway = await GatewayUnderTest.StartAsync(settings))
        {
            await Peers.Until(() => gateway.Log.Checkpoint >= 3 && Has("/health"), "telemetry and health published");
            foreach (var (name, args) in Requests())
            {
                var response = await Operator.RequestAsync(Id, name, JsonNode.Parse(args)!.AsObject());
                Check("commandResponse", response.ToJsonString(), $"{name} {args}");
            }

            // The 3.1.1 form (replyTo and id in the payload, no correlation), a duplicate key among them.
            foreach (string payload in new[] { $$"""{"replyTo":"{{Operator.ReplyTopic}}","id":"legacy-1"}""", $$"""{"replyTo":"{{Operator.ReplyTopic}}","id":"legacy-2","a":1,"a":2}""" })
            {
                await Operator.SendAsync(Id, "diag.ping", Encoding.UTF8.GetBytes(payload), null);
            }

            await Peers.Until(() => Operator.Responses.ContainsKey("legacy-1") && Operator.Responses.ContainsKey("legacy-2"), "3.1.1 answers");
            foreach (string key in new[] { "legacy-1", "legacy-2" })
            {
                Check("commandResponse", Operator.Responses[key].Single(), key);
            }

            await Peers.Until(() => Has("/events"), "an event (the override's light.level)");
            await gateway.StopAsync();
        }

        await Peers.Until(() => Central.Messages.Any(m => m.Topic.EndsWith("/status", StringComparison.Ordinal) && m.Payload.Contains("offline", StringComparison.Ordinal)), "offline status");
        foreach (var (topic, payload) in Central.Messages.ToList())
        {
            string kind = topic[(topic.LastIndexOf('/') + 1)..];
            Check(topic.Contains("/cmd/", StringComparison.Ordinal) ? "commandRequest" : kind == "events" ? "event" : kind, payload, topic);
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
        Assert.True(validated > 30, $"only {validated} messages validated");
        foreach (string kind in new[] { "status", "meta", "telemetry", "events", "health" })
        {
            Assert.True(Has("/" + kind), $"no {kind} message seen");
        }

        void Check(string schema, string payload, string what)
        {
            validated++;
            var errors = _schemas.Validate(schema, payload);
            if (errors.Count > 0)
            {
                failures.Add($"{what} ({schema}): {string.Join("; ", errors.Take(3))} in {payload[..Math.Min(payload.Length, 300)]}");
            }
        }
    }

    [Theory]
    [InlineData("telemetry", """{"gatewayId":"g","seq":1,"readings":[{"point":"p","ts":"2026-11-26T16:00:00.000Z","value":1,"quality":"great"}]}""")]
    [InlineData("telemetry", """{"gatewayId":"g","seq":0,"readings":[]}""")]
    [InlineData("event", """{"gatewayId":"g","seq":3,"ts":"2026-11-26 16:00","type":"light.on","source":"s","severity":"info","data":{}}""")]
    [InlineData("status", """{"gatewayId":"g","state":"maybe","ts":"2026-11-26T16:00:00.000Z","version":"1","bootId":"b"}""")]
    [InlineData("commandResponse", """{"ok":false,"error":{"code":"oops","message":"m"}}""")]
    [InlineData("commandResponse", """{"ok":true}""")]
    public void Validate_PayloadBreakingTheContract_Errors(string schema, string payload) =>
        Assert.NotEmpty(_schemas.Validate(schema, payload));

    private bool Has(string suffix) => Central.Messages.Any(m => m.Topic.EndsWith(suffix, StringComparison.Ordinal));

    private static IEnumerable<(string Name, string Args)> Requests()
    {
        yield return ("diag.ping", "{}");
        yield return ("state.get", "{}");
        yield return ("light.override", """{"group":"street-1","level":40,"durationS":60}""");
        yield return ("light.override", """{"group":"street-1","level":400,"durationS":60}""");
        yield return ("light.release", """{"group":"street-1"}""");
        yield return ("light.release", """{"group":"nowhere"}""");
        yield return ("parking.calibrate", """{"bay":"bay-99"}""");
        yield return ("cabinet.session", """{"open":"yes"}""");
        yield return ("history.get", """{"from":"0001-01-01T00:00:00Z","to":"9999-12-31T00:00:00Z","maxItems":3}""");
        yield return ("history.get", """{"from":"soon"}""");
        yield return ("sync.resend", """{"fromSeq":1}""");
        yield return ("sync.resend", """{"fromSeq":"one"}""");
        yield return ("config.get", "{}");
        yield return ("config.set", """{"patch":{"HealthInterval":"00:00:05"}}""");
        yield return ("config.set", """{"config":{"GatewayId":5}}""");
        yield return ("diag.ping", """{"ts":"2020-01-01T00:00:00.000Z"}""");
        yield return ("no.such", "{}");
    }
}
