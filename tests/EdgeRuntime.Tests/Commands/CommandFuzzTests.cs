using System.Text;
using System.Text.Json.Nodes;
using EdgeGateway.Runtime.Hosting;
using EdgeGateway.Sync.Uplink;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EdgeGateway.Runtime.Tests.Commands;

/// <summary>Every command of a whole (simulated, not started) gateway, fed wrong types, extreme values, extreme dates
/// and malformed payloads: each gets exactly one answer, never <c>internal</c>, and a <c>bad_request</c> names its field.</summary>
[Trait("Category", "Integration")]
public sealed class CommandFuzzTests : IDisposable
{
    private static readonly string[] Names =
        ["diag.ping", "state.get", "light.override", "light.release", "parking.calibrate", "cabinet.session", "history.get", "sync.resend", "config.get", "config.set"];

    private static readonly string[] Fields =
        ["group", "level", "durationS", "from", "to", "points", "types", "maxItems", "fromSeq", "bay", "open", "config", "patch", "expectedVersion", "confirmS", "allowIdentityChange"];

    private static readonly string[] Values =
        ["null", "true", "-1", "0", "1e308", "-1e308", "9223372036854775808", "1.5", "\"\"", "\"x\"", "[]", "{}", "[1,\"a\"]", "{\"a\":{}}",
         "\"0001-01-01T00:00:00Z\"", "\"9999-12-31T23:59:59.999Z\"", "\"2026-13-45T99:99:99Z\"", "\"street-1\"", "100", "86400", "86401"];

    private readonly string _folder = Directory.CreateTempSubdirectory("cmd-fuzz-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task HandleAsync_EveryCommandEveryBadArgument_OneAnswerNeverInternal()
    {
        using var host = GatewayHost.Build(new GatewayLaunch
        {
            Simulate = true,
            UseDefaultSources = false,
            Overrides = new Dictionary<string, string?>
            {
                ["EdgeGateway:GatewayId"] = "fuzz",
                ["EdgeGateway:Storage:Path"] = Path.Combine(_folder, "log.db"),
                ["EdgeGateway:Web:Enabled"] = "false",
                ["EdgeGateway:I2cBuses:0:BusId"] = "1",
                ["EdgeGateway:I2cBuses:0:Devices:0:Id"] = "lux1",
                ["EdgeGateway:I2cBuses:0:Devices:0:Kind"] = "bh1750",
                ["EdgeGateway:I2cBuses:0:Devices:0:Address"] = "35",
                ["EdgeGateway:I2cBuses:0:Devices:1:Id"] = "pwm1",
                ["EdgeGateway:I2cBuses:0:Devices:1:Kind"] = "pca9685",
                ["EdgeGateway:I2cBuses:0:Devices:1:Address"] = "64",
                ["EdgeGateway:LampGroups:0:Id"] = "street-1",
                ["EdgeGateway:LampGroups:0:LightSensor"] = "lux1",
                ["EdgeGateway:LampGroups:0:Outputs:0:Device"] = "pwm1",
                ["EdgeGateway:LampGroups:0:Outputs:0:Channel"] = "0",
            },
        });
        TestLog.Attach(host.Services);
        var router = host.Services.GetRequiredService<ICommandHandler>();
        var stopped = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        var codes = new Dictionary<string, int>();
        var failures = new List<string>();
        int requests = 0;

        foreach (string name in Names)
        {
            foreach (string payload in Payloads())
            {
                requests++;
                var responses = await router.HandleAsync(new InboundMessage($"edge/fuzz/cmd/{name}", Encoding.UTF8.GetBytes(payload), "reply/fuzz", null), CancellationToken.None);
                var pages = responses.Select(r => JsonNode.Parse(r.Payload)!).ToList();
                Assert.True(pages.Count >= 1, $"{name} {payload}: no answer");
                Assert.True(pages.Count == 1 || pages[^1]!["last"]!.GetValue<bool>(), $"{name} {payload}: pages without last");
                var error = pages[0]!["error"];
                string code = error?["code"]!.GetValue<string>() ?? "ok";
                codes[code] = codes.GetValueOrDefault(code) + 1;
                if (code == "internal" || (code == "bad_request" && error!["field"] is null))
                {
                    failures.Add($"{name} {payload}: {error?.ToJsonString()}");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {requests}:\n" + string.Join("\n", failures.DistinctBy(f => f[..f.IndexOf(' ')] + f[f.LastIndexOf(':')..]).Take(30)));
        Assert.False(stopped.IsCancellationRequested);
        Assert.True(codes.GetValueOrDefault("bad_request") > requests / 2, string.Join(", ", codes));
    }

    private static IEnumerable<string> Payloads()
    {
        yield return "{}";
        yield return "{\"a\":1,\"a\":2}";
        yield return new string('[', 100) + new string(']', 100);
        yield return "{\"from\":\"0001-01-01T00:00:00Z\",\"to\":\"9999-12-31T23:59:59Z\"}";
        yield return "{\"from\":\"0001-01-01T00:00:00Z\",\"to\":\"0001-01-01T00:00:01Z\"}";
        yield return "{\"group\":\"street-1\",\"level\":50,\"durationS\":60,\"level\":70}";
        foreach (string field in Fields)
        {
            foreach (string value in Values)
            {
                yield return $"{{\"{field}\":{value}}}";
                yield return $"{{\"group\":\"street-1\",\"level\":50,\"durationS\":60,\"from\":\"2026-01-01T00:00:00Z\",\"to\":\"2026-01-02T00:00:00Z\",\"{field}\":{value}}}";
            }
        }
    }
}
