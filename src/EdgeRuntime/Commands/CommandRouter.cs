using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeGateway.Sync.Uplink;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Runtime.Commands;

/// <summary>
/// Dispatches <c>…/cmd/{name}</c> requests to commands and builds exactly one response each (CONTRACT.md):
/// MQTT 5 <c>ResponseTopic</c> + <c>CorrelationData</c>, or for MQTT 3.1.1 clients <c>"replyTo"</c> and
/// <c>"id"</c> in the payload. A malformed request gets <c>bad_request</c>, an unknown name <c>unknown_command</c>.
/// </summary>
public sealed partial class CommandRouter : ICommandHandler
{
    private readonly Dictionary<string, IGatewayCommand> _commands;
    private readonly ILogger<CommandRouter> _logger;

    /// <summary>Creates the router over the registered commands.</summary>
    public CommandRouter(IEnumerable<IGatewayCommand> commands, ILogger<CommandRouter> logger)
    {
        _commands = commands.ToDictionary(c => c.Name, StringComparer.Ordinal);
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<OutboundMessage>> HandleAsync(InboundMessage request, CancellationToken cancellationToken)
    {
        string name = request.Topic[(request.Topic.LastIndexOf('/') + 1)..];
        string? replyTo = request.ResponseTopic;
        JsonNode? id = null;
        var responses = new List<JsonObject>();
        try
        {
            var args = Parse(request.Payload);
            if (args.TryGetPropertyValue("replyTo", out var r) && r is JsonValue rv && rv.TryGetValue(out string? rt))
            {
                replyTo ??= rt;
                args.Remove("replyTo");
            }

            if (args.TryGetPropertyValue("id", out var idNode))
            {
                id = idNode?.DeepClone();
                args.Remove("id");
            }

            if (!_commands.TryGetValue(name, out var command))
            {
                throw new CommandException("unknown_command", $"No command '{name}'; known: {string.Join(", ", _commands.Keys.Order())}");
            }

            if (command is IPagedCommand paged)
            {
                await foreach (var page in paged.PagesAsync(args, cancellationToken))
                {
                    responses.Add(new JsonObject { ["ok"] = true, ["result"] = page, ["page"] = responses.Count + 1, ["last"] = false });
                }

                responses[^1]["last"] = true;
            }
            else
            {
                var result = await command.ExecuteAsync(args, cancellationToken);
                responses.Add(new JsonObject { ["ok"] = true, ["result"] = result ?? new JsonObject() });
            }
        }
        catch (CommandException ex)
        {
            responses = [Error(ex.Code, ex.Message)];
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogFailed(_logger, name, ex);
            responses = [Error("internal", ex.Message)];
        }

        if (string.IsNullOrEmpty(replyTo) || replyTo.IndexOfAny(['+', '#']) >= 0)
        {
            LogNoReply(_logger, name);
            return [];
        }

        return [.. responses.Select(response =>
        {
            if (id is not null)
            {
                response["id"] = id.DeepClone();
            }

            return new OutboundMessage(replyTo, Encoding.UTF8.GetBytes(response.ToJsonString()), 1, false, request.CorrelationData);
        })];
    }

    private static JsonObject Parse(byte[] payload)
    {
        if (payload.Length == 0)
        {
            return [];
        }

        try
        {
            return JsonNode.Parse(payload) as JsonObject
                ?? throw new CommandException("bad_request", "The payload must be a JSON object");
        }
        catch (JsonException ex)
        {
            throw new CommandException("bad_request", $"The payload is not valid JSON: {ex.Message}");
        }
    }

    private static JsonObject Error(string code, string message) =>
        new() { ["ok"] = false, ["error"] = new JsonObject { ["code"] = code, ["message"] = message } };

    [LoggerMessage(500, LogLevel.Warning, "Command {Command} names no reply topic; its response is dropped")]
    private static partial void LogNoReply(ILogger logger, string command);

    [LoggerMessage(501, LogLevel.Error, "Command {Command} failed unexpectedly")]
    private static partial void LogFailed(ILogger logger, string command, Exception exception);
}
