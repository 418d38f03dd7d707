using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace EdgeGateway.Runtime.Web;

/// <summary>
/// The gateway's logging as the page's own <see cref="Microsoft.AspNetCore.Builder.WebApplication"/> sees it, minus that
/// host's lifecycle category: when Kestrel cannot listen, the inner host logs "Hosting failed to start" as an error with
/// the whole stack trace on every retry (every 30 s), beside the page's own one-line CannotListen (901) logged once.
/// Kestrel's and the page's own categories pass through. The gateway's factory is not disposed here: the gateway owns it.
/// </summary>
internal sealed class PageLoggerFactory(ILoggerFactory gateway) : ILoggerFactory
{
    /// <summary>The inner host's category (Microsoft.Extensions.Hosting.Internal.Host).</summary>
    public const string InnerHostCategory = "Microsoft.Extensions.Hosting.Internal.Host";

    /// <inheritdoc />
    public ILogger CreateLogger(string categoryName) =>
        categoryName == InnerHostCategory ? NullLogger.Instance : gateway.CreateLogger(categoryName);

    /// <inheritdoc />
    public void AddProvider(ILoggerProvider provider) => gateway.AddProvider(provider);

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
