using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using EdgeGateway.Hil.Infrastructure;
using Xunit.Abstractions;

namespace EdgeGateway.Hil.Commands;

/// <summary>10,000 malformed commands through Mosquitto (random bytes, wrong types, duplicate keys, deep nesting, huge
/// strings; MQTT 5 and 3.1.1 forms): each answered exactly once with <c>bad_request</c> naming a field, and the
/// gateway's memory flat.</summary>
[Trait("Category", "Hil")]
public sealed class MalformedCommandFloodTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Id = "hil-flood";
    private const int Count = 10_000;
    private const int Window = 100;
    private readonly string _folder = Directory.CreateTempSubdirectory("hil-flood-").FullName;
    private MosquittoBroker _broker = null!;
    private CommandClient _operator = null!;

    public async Task InitializeAsync()
    {
        _broker = new MosquittoBroker();
        await _broker.StartAsync();
        _operator = new CommandClient(_broker.Port);
        await _operator.ConnectAsync();
    }

    public async Task DisposeAsync()
    {
        await _operator.DisposeAsync();
        await _broker.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [SkippableFact]
    public async Task Run_TenThousandMalformedCommands_EachAnsweredOnceWithBadRequestMemoryFlat()
    {
        await using var gateway = await GatewayUnderTest.StartAsync(GatewayUnderTest.Settings(Id, _broker.Port, Path.Combine(_folder, "log.db")));
        await Peers.Until(() => gateway.Uplink.Status.State == Sync.Uplink.UplinkState.Online, "online");
        var random = new Random(20261201);
        long rssWarm = 0, heapWarm = 0;
        int sent = 0;
        for (int i = 0; i < Count; i++)
        {
            var (name, payload, mqtt5) = Malformed(random, i);
            if (!mqtt5)
            {
                payload = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(payload).Replace(ReplyTopicPlaceholder, _operator.ReplyTopic, StringComparison.Ordinal));
            }

            await _operator.SendAsync(Id, name, payload, mqtt5 ? Key(i) : null);
            sent++;

            // A window of requests in flight: the flood stays under the command queue's capacity, so every answer
            // is the request's own (bad_request), not the queue's unavailable.
            if (sent - _operator.Responses.Count >= Window)
            {
                int target = sent - (Window / 2);
                await Peers.Until(() => _operator.Responses.Count >= target, $"answers to {target} requests");
            }

            if (i == 1000)
            {
                await Peers.Until(() => _operator.Responses.Count >= sent, "the first thousand answered");
                rssWarm = Rss();
                heapWarm = GC.GetTotalMemory(forceFullCollection: true);
            }
        }

        // Commands run in order: once a last good request is answered, every earlier answer has been published too.
        await _operator.SendAsync(Id, "diag.ping", "{}"u8.ToArray(), "sentinel");
        await Peers.Until(() => _operator.Responses.ContainsKey("sentinel"), "the sentinel answered", TimeSpan.FromSeconds(120));
        long rssEnd = Rss();
        long heapEnd = GC.GetTotalMemory(forceFullCollection: true);

        var wrong = new List<string>();
        for (int i = 0; i < Count; i++)
        {
            if (!_operator.Responses.TryGetValue(Key(i), out var answers) || answers.Count != 1)
            {
                wrong.Add($"{i}: {answers?.Count ?? 0} answers");
                continue;
            }

            var error = JsonNode.Parse(answers.Single())!["error"];
            if (error?["code"]?.GetValue<string>() != "bad_request" || error["field"] is null)
            {
                wrong.Add($"{i}: {error?.ToJsonString() ?? "ok"}");
            }
        }

        output.WriteLine($"{Count} malformed commands: {Count - wrong.Count} answered once with bad_request and a field; RSS {rssWarm / 1048576} MiB after 1,000, {rssEnd / 1048576} MiB after {Count}; "
            + $"managed heap after a full collection {heapWarm / 1048576} MiB and {heapEnd / 1048576} MiB");
        Assert.True(wrong.Count == 0, $"{wrong.Count} wrong: " + string.Join("; ", wrong.Take(10)));
        Assert.Equal(Count + 1, _operator.Responses.Count);
        // What the gateway keeps: the managed heap after a full collection (the RSS of this test process also holds the
        // earlier HIL classes' heap and every answer, and the GC returns pages to the OS when it likes).
        Assert.True(heapEnd - heapWarm < 40L * 1024 * 1024, $"the heap kept {(heapEnd - heapWarm) / 1048576} MiB more over {Count - 1000} commands");
    }

    private static string Key(int i) => "m" + i.ToString(CultureInfo.InvariantCulture);

    private static long Rss()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var self = System.Diagnostics.Process.GetCurrentProcess();
        self.Refresh();
        return self.WorkingSet64;
    }

    private static (string Name, byte[] Payload, bool Mqtt5) Malformed(Random random, int i)
    {
        string[] names = ["light.override", "history.get", "sync.resend", "cabinet.session", "config.set", "diag.ping", "parking.calibrate"];
        string name = names[i % names.Length];
        bool mqtt5 = i % 2 == 0;
        string envelope = mqtt5 ? "" : $"\"replyTo\":\"{ReplyTopicPlaceholder}\",\"id\":\"{Key(i)}\",";
        string body = (i % 5) switch
        {
            0 when mqtt5 => null!,
            0 or 1 => WrongTypes(name, random),
            2 => $"\"a\":{random.Next()},\"b\":true,\"a\":{random.Next()}",
            3 => "\"x\":" + new string('[', 200 + random.Next(800)) + new string(']', 200) + "",
            _ => i % 100 == 4 ? $"\"s\":\"{new string('x', 300_000)}\"" : $"\"group\":\"street-1\",\"level\":50,\"durationS\":60,\"level\":{random.Next(100)}",
        };
        if (body is null)
        {
            // Random bytes (MQTT 5 form only: nowhere to find a replyTo in them). A leading '~' keeps them from ever
            // being a JSON object by chance.
            var bytes = new byte[1 + random.Next(200)];
            random.NextBytes(bytes);
            bytes[0] = (byte)'~';
            return (name, bytes, mqtt5);
        }

        return (name, Encoding.UTF8.GetBytes("{" + envelope + body + "}"), mqtt5);
    }

    private static string WrongTypes(string name, Random random) => name switch
    {
        "light.override" => $"\"group\":{random.Next()},\"level\":\"high\",\"durationS\":[]",
        "history.get" => $"\"from\":{random.Next()},\"to\":{{}}",
        "sync.resend" => "\"fromSeq\":\"one\"",
        "cabinet.session" => "\"open\":\"yes\"",
        "config.set" => "\"patch\":[1,2]",
        "diag.ping" => "\"ts\":12345",
        _ => "\"bay\":[]",
    };

    /// <summary>Replaced by the operator's reply topic when sent.</summary>
    private const string ReplyTopicPlaceholder = "%REPLY%";
}
