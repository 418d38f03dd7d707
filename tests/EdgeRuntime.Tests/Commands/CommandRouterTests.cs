using System.Text;
using System.Text.Json.Nodes;
using EdgeGateway.Runtime.Commands;
using EdgeGateway.Sync.Uplink;
using Microsoft.Extensions.Logging.Abstractions;

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

    private static readonly CommandRouter Router = new([new EchoCommand()], NullLogger<CommandRouter>.Instance);

    private static async Task<(OutboundMessage Message, JsonObject Body)> Send(string name, string payload, string? responseTopic = "reply/1", byte[]? correlation = null)
    {
        var responses = await Router.HandleAsync(new InboundMessage(Root + name, Encoding.UTF8.GetBytes(payload), responseTopic, correlation), CancellationToken.None);
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
    public async Task HandleAsync_CommandCrashes_InternalErrorStillAnswered()
    {
        var (_, body) = await Send("test.echo", """{"crash":true}""");

        Assert.Equal("internal", body["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task HandleAsync_NoReplyTopic_NoResponse()
    {
        var responses = await Router.HandleAsync(new InboundMessage(Root + "test.echo", "{}"u8.ToArray(), null, null), CancellationToken.None);

        Assert.Empty(responses);
    }

    [Fact]
    public async Task HandleAsync_EmptyPayload_TreatedAsNoArguments()
    {
        var (_, body) = await Send("test.echo", "");

        Assert.True(body["ok"]!.GetValue<bool>());
    }
}
