using System.Text.Json.Nodes;

namespace EdgeGateway.Runtime.Commands;

/// <summary>A command whose result comes in pages (CONTRACT.md: pages ending with <c>"last":true</c>).</summary>
internal interface IPagedCommand : IGatewayCommand
{
    /// <summary>The result pages; throws <see cref="CommandException"/> before the first page for a bad request.</summary>
    IAsyncEnumerable<JsonNode> PagesAsync(JsonObject arguments, CancellationToken cancellationToken);
}
