using System.Text;
using System.Text.Json.Nodes;
using EdgeGateway.Runtime.Commands;
using EdgeGateway.Sync.Uplink;

namespace EdgeGateway.Runtime.Tests.Commands;

[Trait("Category", "Unit")]
public sealed class CommandRouterTests
{
    private const string Root = "edge/cab-01/cmd/";

    private sealed class EchoCommand : IGatewayCommand
    {
        public string Name => "test.echo";

        public Task<JsonNode?> ExecuteAsync(JsonObject arguments, CancellationToken cancellationToken) =>
            arguments["fail"] is not null
                ? throw new CommandException("conflict", "asked to fail")
                : arguments["crash"] is not null
                    ? throw new InvalidOperationException("boom")
                    : Task.FromResult<JsonNode?>(arguments.DeepClone());
    }

    private readonly CommandRouter _router = new([new EchoCommand()], TestLog.For<CommandRouter>());

    private async Task<(OutboundMessage Message, JsonObject Body)> Send(string name, string payload, string? responseTopic = "reply/1", byte[]? correlation = null)
    {
        var responses = await _router.HandleAsync(new InboundMessage(Root + name, Encoding.UTF8.GetBytes(payload), responseTopic, correlation), CancellationToken.None);
        var message = Assert.Single(responses);
        return (message, (JsonObject)JsonNode.Parse(message.Payload)!);
    }

    [Fact]
    public async Task HandleAsync_Mqtt5Request_AnswersOnResponseTopicWithCorrelation()
    {
        var (message, body) = await Send("test.echo", """{"a":1}""", "reply/1", [1, 2, 3]);

        Assert.Equal("reply/1", message.Topic);
        Assert.Equal([1, 2, 3], message.CorrelationData);
        Assert.True(body["ok"]!.GetValue<bool>());
        Assert.Equal(1, body["result"]!["a"]!.GetValue<int>());
    }

    [Fact]
    public async Task HandleAsync_Mqtt311Request_UsesReplyToAndEchoesId()
    {
        var (message, body) = await Send("test.echo", """{"replyTo":"legacy/reply","id":"r-7","a":2}""", responseTopic: null);

        Assert.Equal("legacy/reply", message.Topic);
        Assert.Equal("r-7", body["id"]!.GetValue<string>());
        Assert.Null(body["result"]!["replyTo"]);
        Assert.Equal(2, body["result"]!["a"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("[1,2]")]
    [InlineData("\"text\"")]
    public async Task HandleAsync_MalformedPayload_BadRequest(string payload)
    {
        var (_, body) = await Send("test.echo", payload);

        Assert.False(body["ok"]!.GetValue<bool>());
        Assert.Equal("bad_request", body["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task HandleAsync_UnknownName_UnknownCommandListingKnownOnes()
    {
        var (_, body) = await Send("light.explode", "{}");

        Assert.Equal("unknown_command", body["error"]!["code"]!.GetValue<string>());
        Assert.Contains("test.echo", body["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_CommandRefuses_ItsCodeIsReturned()
    {
        var (_, body) = await Send("test.echo", """{"fail":true}""");

        Assert.Equal("conflict", body["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task HandleAsync_CommandCrashes_InternalErrorWithoutExceptionText()
    {
        TestLog.ExpectError(501);
        var (_, body) = await Send("test.echo", """{"crash":true}""");

        Assert.Equal("internal", body["error"]!["code"]!.GetValue<string>());
        Assert.Equal(CommandRouter.InternalMessage, body["error"]!["message"]!.GetValue<string>());
        Assert.DoesNotContain("boom", body.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(TestLog.Current.Errors, e => e.Id.Id == 501 && e.Exception?.Message == "boom"); // the journal has it
    }

    [Theory]
    [InlineData("""{"a":1,"a":2}""", "a")]
    [InlineData("""{"a":{"b":1,"b":2}}""", "a.b")]
    [InlineData("""{"replyTo":"x/y","replyTo":"x/z"}""", "replyTo")]
    [InlineData("""{"ts":5}""", "ts")]
    [InlineData("""{"ts":"yesterday"}""", "ts")]
    [InlineData("""{"id":{"x":1}}""", "id")]
    [InlineData("""{"a":1""", "payload")]
    [InlineData("""{"a":1} trailing""", "payload")]
    [InlineData("""null""", "payload")]
    [InlineData("""5""", "payload")]
    [InlineData("""{"a":1}/*c*/""", "payload")]
    public async Task HandleAsync_BadPayload_BadRequestNamingTheField(string payload, string field)
    {
        var (_, body) = await Send("test.echo", payload);

        Assert.Equal("bad_request", body["error"]!["code"]!.GetValue<string>());
        Assert.Equal(field, body["error"]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task HandleAsync_DuplicateKeyIn311Form_StillAnsweredOnReplyToWithId()
    {
        var (message, body) = await Send("test.echo", """{"replyTo":"legacy/r","id":9,"a":1,"a":2}""", responseTopic: null);

        Assert.Equal("legacy/r", message.Topic);
        Assert.Equal(9, body["id"]!.GetValue<int>());
        Assert.Equal("bad_request", body["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task HandleAsync_DeepNesting_BadRequest()
    {
        string deep = "{\"a\":" + new string('[', 5000) + new string(']', 5000) + "}";

        var (_, body) = await Send("test.echo", deep);

        Assert.Equal("bad_request", body["error"]!["code"]!.GetValue<string>());
        Assert.Contains("nested deeper", body["error"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_HugeString_BadRequestOnPayloadSize()
    {
        string huge = "{\"a\":\"" + new string('x', CommandRequest.MaxBytes) + "\"}";

        var (_, body) = await Send("test.echo", huge);

        Assert.Equal("payload", body["error"]!["field"]!.GetValue<string>());
    }

    [Fact]
    public async Task HandleAsync_NotUtf8_BadRequest()
    {
        var responses = await _router.HandleAsync(new InboundMessage(Root + "test.echo", [0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d], "reply/1", null), CancellationToken.None);

        Assert.Contains("\"bad_request\"", Encoding.UTF8.GetString(Assert.Single(responses).Payload), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_ReplyToOwnCommandTopic_NoResponse()
    {
        var responses = await _router.HandleAsync(new InboundMessage(Root + "test.echo", """{"replyTo":"edge/cab-01/cmd/test.echo"}"""u8.ToArray(), null, null), CancellationToken.None);

        Assert.Empty(responses);
    }

    [Fact]
    public async Task HandleAsync_TsOlderThanMaxAge_ExpiredAndNotRun()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 8, 0, 0, TimeSpan.Zero));
        var counting = new CountingCommand();
        var router = new CommandRouter([counting], TestLog.For<CommandRouter>(), time, new CommandOptions { MaxAge = TimeSpan.FromMinutes(5) });

        var old = await router.HandleAsync(new InboundMessage(Root + "test.count", """{"ts":"2026-11-25T22:00:00.000Z"}"""u8.ToArray(), "r", null), CancellationToken.None);
        var fresh = await router.HandleAsync(new InboundMessage(Root + "test.count", """{"ts":"2026-11-26T07:58:00.000Z"}"""u8.ToArray(), "r", null), CancellationToken.None);

        Assert.Contains("\"expired\"", Encoding.UTF8.GetString(Assert.Single(old).Payload), StringComparison.Ordinal);
        Assert.Contains("\"ok\":true", Encoding.UTF8.GetString(Assert.Single(fresh).Payload), StringComparison.Ordinal);
        Assert.Equal(1, counting.Runs);
    }

    [Fact]
    public async Task HandleAsync_PastMqttMessageExpiry_ExpiredAndNotRun()
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var counting = new CountingCommand();
        var router = new CommandRouter([counting], TestLog.For<CommandRouter>(), time);
        var request = new InboundMessage(Root + "test.count", "{}"u8.ToArray(), "r", null) { ReceivedAt = time.GetUtcNow(), ExpirySeconds = 10 };

        time.Advance(TimeSpan.FromSeconds(11));
        var responses = await router.HandleAsync(request, CancellationToken.None);

        Assert.Contains("\"expired\"", Encoding.UTF8.GetString(Assert.Single(responses).Payload), StringComparison.Ordinal);
        Assert.Equal(0, counting.Runs);
    }

    private sealed class CountingCommand : IGatewayCommand
    {
        public int Runs { get; private set; }

        public string Name => "test.count";

        public Task<JsonNode?> ExecuteAsync(JsonObject arguments, CancellationToken cancellationToken)
        {
            Runs++;
            return Task.FromResult<JsonNode?>(new JsonObject());
        }
    }

    [Fact]
    public async Task HandleAsync_NoReplyTopic_NoResponse()
    {
        var responses = await _router.HandleAsync(new InboundMessage(Root + "test.echo", "{}"u8.ToArray(), null, null), CancellationToken.None);

        Assert.Empty(responses);
    }

    [Fact]
    public async Task HandleAsync_EmptyPayload_TreatedAsNoArguments()
    {
        var (_, body) = await Send("test.echo", "");

        Assert.True(body["ok"]!.GetValue<bool>());
    }
}
