using System.Text;
using System.Text.Json.Nodes;
using EdgeGateway.Sync.Uplink;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Runtime.Commands;

/// <summary>
/// Dispatches <c>…/cmd/{name}</c> requests to commands and builds exactly one response each (CONTRACT.md):
/// MQTT 5 <c>ResponseTopic</c> + <c>CorrelationData</c>, or for MQTT 3.1.1 clients <c>"replyTo"</c> and
/// <c>"id"</c> in the payload. A malformed request (<see cref="CommandRequest"/>) gets <c>bad_request</c> naming the
/// field, an unknown name <c>unknown_command</c>; a request past its MQTT 5 message expiry, or whose <c>ts</c> is
/// older than <c>Commands:MaxAge</c>, gets <c>expired</c> and does not run; an unexpected failure gets
/// <c>internal</c> with no exception text (the log has it, event 501).
/// </summary>
internal sealed partial class CommandRouter : ICommandHandler
{
    /// <summary>What an <c>internal</c> answer says.</summary>
    public const string InternalMessage = "the command failed unexpectedly; the gateway's log has the details";

    private readonly Dictionary<string, IGatewayCommand> _commands;
    private readonly ILogger<CommandRouter> _logger;
    private readonly TimeProvider _time;
    private readonly CommandOptions _options;

    /// <summary>Creates the router over the registered commands.</summary>
    public CommandRouter(IEnumerable<IGatewayCommand> commands, ILogger<CommandRouter> logger, TimeProvider? time = null, CommandOptions? options = null)
    {
        _commands = commands.ToDictionary(c => c.Name, StringComparer.Ordinal);
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _options = options ?? new CommandOptions();
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<OutboundMessage>> HandleAsync(InboundMessage request, CancellationToken cancellationToken)
    {
        string name = request.Topic[(request.Topic.LastIndexOf('/') + 1)..];
        var parsed = CommandRequest.Read(request.Payload);
        var responses = new List<JsonObject>();
        try
        {
            if (parsed.Error is { } error)
            {
                throw error;
            }

            var now = _time.GetUtcNow();
            if (request.ExpiresAt is { } expires && now > expires)
            {
                throw new CommandException("expired", $"the request's MQTT message expiry passed {(now - expires).TotalSeconds:F0} s before it could run");
            }

            if (parsed.SentAt is { } sent && now - sent > _options.MaxAge)
            {
                throw new CommandException("expired", $"ts: sent {(now - sent).TotalSeconds:F0} s ago, older than Commands:MaxAge {_options.MaxAge.TotalSeconds:F0} s", "ts");
            }

            if (!_commands.TryGetValue(name, out var command))
            {
                throw new CommandException("unknown_command", $"No command '{name}'; known: {string.Join(", ", _commands.Keys.Order())}");
            }

            var args = parsed.Arguments!;
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
            responses = [Error(ex.Code, ex.Message, ex.Field)];
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            responses = [Error("unavailable", "the gateway is stopping; send the request again", null)];
        }
        catch (Exception ex)
        {
            LogFailed(_logger, name, ex);
            responses = [Error("internal", InternalMessage, null)];
        }

        return Address(request, parsed, name, responses);
    }

    /// <inheritdoc />
    public IReadOnlyList<OutboundMessage> Unavailable(InboundMessage request, string reason) =>
        Address(request, CommandRequest.Read(request.Payload), request.Topic[(request.Topic.LastIndexOf('/') + 1)..], [Error("unavailable", reason, null)]);

    private IReadOnlyList<OutboundMessage> Address(InboundMessage request, CommandRequest parsed, string name, List<JsonObject> responses)
    {
        string? replyTo = request.ResponseTopic ?? parsed.ReplyTo;
        int cmd = request.Topic.LastIndexOf("/cmd/", StringComparison.Ordinal);
        if (string.IsNullOrEmpty(replyTo) || replyTo.IndexOfAny(['+', '#']) >= 0
            || (cmd >= 0 && replyTo.StartsWith(request.Topic[..(cmd + 5)], StringComparison.Ordinal)))
        {
            // No reply topic, a wildcard, or our own command topics (an answer there would be a new command: a loop).
            LogNoReply(_logger, name);
            return [];
        }

        return [.. responses.Select(response =>
        {
            if (parsed.Id is { } id)
            {
                response["id"] = id.DeepClone();
            }

            return new OutboundMessage(replyTo, Encoding.UTF8.GetBytes(response.ToJsonString()), 1, false, request.CorrelationData);
        })];
    }

    private static JsonObject Error(string code, string message, string? field)
    {
        var error = new JsonObject { ["code"] = code, ["message"] = message };
        if (field is not null)
        {
            error["field"] = field;
        }

        return new JsonObject { ["ok"] = false, ["error"] = error };
    }

    [LoggerMessage(500, LogLevel.Warning, "Command {Command} names no usable reply topic; its response is dropped")]
    private static partial void LogNoReply(ILogger logger, string command);

    [LoggerMessage(501, LogLevel.Error, "Command {Command} failed unexpectedly")]
    private static partial void LogFailed(ILogger logger, string command, Exception exception);
}
