using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeGateway.Hil.Infrastructure;

/// <summary>A central consumer: a persistent MQTT 5 session on <c>edge/#</c> that records every message by seq.</summary>
public sealed class CentralSubscriber : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly int _port;
    private readonly string _clientId = "hil-central-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Creates the subscriber for a broker port.</summary>
    public CentralSubscriber(int port)
    {
        _port = port;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            var m = e.ApplicationMessage;
            string payload = Encoding.UTF8.GetString(m.Payload);
            Messages.Enqueue((m.Topic, payload));
            if (m.Topic.EndsWith("/telemetry", StringComparison.Ordinal) || m.Topic.EndsWith("/events", StringComparison.Ordinal))
            {
                long seq = JsonDocument.Parse(payload).RootElement.GetProperty("seq").GetInt64();
                BySeq.GetOrAdd(seq, _ => new ConcurrentBag<string>()).Add(payload);
            }

            return Task.CompletedTask;
        };
    }

    /// <summary>Every telemetry and event payload received, by seq (duplicates kept).</summary>
    public ConcurrentDictionary<long, ConcurrentBag<string>> BySeq { get; } = new();

    /// <summary>Every message received, in order.</summary>
    public ConcurrentQueue<(string Topic, string Payload)> Messages { get; } = new();

    /// <summary>True while connected.</summary>
    public bool IsConnected => _client.IsConnected;

    /// <summary>Connects (resuming the persistent session) and subscribes.</summary>
    public async Task ConnectAsync()
    {
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", _port)
            .WithClientId(_clientId)
            .WithCleanStart(false)
            .WithSessionExpiryInterval(3600)
            .Build();
        await _client.ConnectAsync(options);
        await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic("edge/#").WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
            .Build());
    }

    /// <summary>The seqs missing from 1..<paramref name="upTo"/>.</summary>
    public IReadOnlyList<long> Missing(long upTo) => [.. Enumerable.Range(1, (int)upTo).Select(i => (long)i).Where(s => !BySeq.ContainsKey(s))];

    /// <summary>Seqs that arrived with two different payloads: a reused seq.</summary>
    public IReadOnlyList<long> Reused() => [.. BySeq.Where(kv => kv.Value.Distinct().Count() > 1).Select(kv => kv.Key)];

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            await _client.DisconnectAsync();
        }

        _client.Dispose();
    }
}
