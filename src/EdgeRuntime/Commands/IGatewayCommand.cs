using System.Text.Json.Nodes;

namespace EdgeGateway.Runtime.Commands;

/// <summary>One command of CONTRACT.md (<c>…/cmd/{name}</c>).</summary>
internal interface IGatewayCommand
{
    /// <summary>The command's name, e.g. <c>diag.ping</c>.</summary>
    string Name { get; }

    /// <summary>Runs the command. Throws <see cref="CommandException"/> for a request it refuses.</summary>
    Task<JsonNode?> ExecuteAsync(JsonObject arguments, CancellationToken cancellationToken);
}
