using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;
using MQTTnet;
using MQTTnet.Protocol;

namespace EdgeGateway.Hil.Infrastructure;

/// <summary>A central operator's MQTT 5 client: sends commands with a ResponseTopic and CorrelationData and collects
/// every response by correlation (and, for the 3.1.1 form, by the echoed <c>id</c>).</summary>
public sealed class CommandClient : IAsyncDisposable
{
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly int _port;
    private readonly string _replyTopic = "central/replies/" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Creates the client for a broker port.</summary>
    public CommandClient(int port)
    {
        _port = port;
        _client.ApplicationMessageReceivedAsync += e =>
        {
            var m = e.ApplicationMessage;
            string key = m.CorrelationData is { Length: > 0 } c ? Encoding.UTF8.GetString(c) : "";
            string payload = Encoding.UTF8.GetString(m.Payload);
            if (key.Length == 0 && JsonNode.Parse(payload)?["id"] is JsonValue id)
            {
                key = id.ToJsonString().Trim('"');
            }

            Responses.GetOrAdd(key, _ => new ConcurrentQueue<string>()).Enqueue(payload);
            return Task.CompletedTask;
        };
    }

    /// <summary>The topic responses come back on.</summary>
    public string ReplyTopic => _replyTopic;

    /// <summary>Every response payload, by correlation data (or echoed id).</summary>
    public ConcurrentDictionary<string, ConcurrentQueue<string>> Responses { get; } = new();

    /// <summary>Connects and subscribes to the reply topic.</summary>
    public async Task ConnectAsync()
    {
        await _client.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", _port).WithClientId("hil-operator-" + _replyTopic[^8..]).Build());
        await _client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder()
            .WithTopicFilter(f => f.WithTopic(_replyTopic).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce))
            .Build());
    }

    /// <summary>Publishes a raw request on <c>edge/{gatewayId}/cmd/{name}</c>; MQTT 5 form when <paramref name="correlation"/>
    /// is given, otherwise the payload is sent as it is (the 3.1.1 form carries its own replyTo and id).</summary>
    public Task SendAsync(string gatewayId, string name, byte[] payload, string? correlation, uint? expirySeconds = null)
    {
        var builder = new MqttApplicationMessageBuilder()
            .WithTopic($"edge/{gatewayId}/cmd/{name}")
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce);
        if (correlation is not null)
        {
            builder.WithResponseTopic(_replyTopic).WithCorrelationData(Encoding.UTF8.GetBytes(correlation));
        }

        if (expirySeconds is { } e)
        {
            builder.WithMessageExpiryInterval(e);
        }

        return _client.PublishAsync(builder.Build());
    }

    /// <summary>Sends <paramref name="arguments"/> and waits, bounded, for the (first) response.</summary>
    public async Task<JsonObject> RequestAsync(string gatewayId, string name, JsonObject arguments, TimeSpan? timeout = null)
    {
        string correlation = Guid.NewGuid().ToString("N");
        await SendAsync(gatewayId, name, Encoding.UTF8.GetBytes(arguments.ToJsonString()), correlation);
        string? payload = null;
        await Peers.Until(() => Responses.TryGetValue(correlation, out var q) && q.TryPeek(out payload), $"a response to {name}", timeout ?? TimeSpan.FromSeconds(30));
        return JsonNode.Parse(payload!)!.AsObject();
    }

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
