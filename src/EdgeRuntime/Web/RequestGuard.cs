using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace EdgeGateway.Runtime.Web;

/// <summary>
/// The page's outer wall, before any route: security headers on every answer (CSP without inline script,
/// <c>X-Frame-Options: DENY</c>, <c>nosniff</c>, no referrer, no caching of the API); the <c>Host</c> header checked on
/// every request (an IP literal, <c>localhost</c>, this machine's name or <c>Web:AllowedHosts</c>: a DNS-rebinding page
/// cannot read the gateway under its own name); <c>Origin</c> (or <c>Sec-Fetch-Site</c>) checked on every
/// state-changing request; a bad request (too large, malformed) answered with its status and one log line, never a
/// stack trace, rate-limited by <see cref="RefusalLog"/>.
/// </summary>
internal sealed class RequestGuard(IReadOnlyCollection<string> allowedHosts, RefusalLog refusals, ILogger logger)
{
    /// <summary>The Content-Security-Policy: scripts, styles and connections from the gateway itself only.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <summary>The host names always accepted besides IP literals.</summary>
    public static IReadOnlyCollection<string> DefaultHosts(string configured)
    {
        var hosts = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "localhost" };
        string machine = Environment.MachineName;
        if (machine.Length > 0)
        {
            hosts.Add(machine);
            hosts.Add(machine + ".local");
        }

        foreach (string h in configured.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            hosts.Add(h);
        }

        return hosts;
    }

    /// <summary>Why <paramref name="host"/> (a Host header's host part) is refused, or null when it is accepted.</summary>
    public string? HostError(HostString host)
    {
        if (!host.HasValue || string.IsNullOrEmpty(host.Host))
        {
            return "no Host header";
        }

        string name = host.Host.Trim('[', ']');
        return IPAddress.TryParse(name, out _) || allowedHosts.Contains(name.TrimEnd('.'))
            ? null
            : $"Host '{host.Host}' is not this gateway (use its IP address, or add the name to EdgeGateway:Web:AllowedHosts)";
    }

    /// <summary>Why a state-changing request is refused as cross-site, or null.</summary>
    public static string? OriginError(HttpRequest request)
    {
        string? origin = request.Headers.Origin;
        if (!string.IsNullOrEmpty(origin))
        {
            string expected = "http://" + request.Host.Value;
            return string.Equals(origin, expected, StringComparison.OrdinalIgnoreCase)
                ? null
                : $"Origin '{origin}' is not this page ({expected})";
        }

        // No Origin: a browser that sends Sec-Fetch-Site says where the request comes from; a client that sends
        // neither (curl, a script) is no browser that another site could drive.
        string? site = request.Headers["Sec-Fetch-Site"];
        return string.IsNullOrEmpty(site) || site is "same-origin" or "none" ? null : $"Sec-Fetch-Site '{site}': cross-site request";
    }

    /// <summary>The middleware.</summary>
    public async Task InvokeAsync(HttpContext ctx, RequestDelegate next)
    {
        var headers = ctx.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Cross-Origin-Resource-Policy"] = "same-origin";
        if (ctx.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            headers.CacheControl = "no-store";
        }

        if (HostError(ctx.Request.Host) is { } hostError)
        {
            await RefuseAsync(ctx, StatusCodes.Status421MisdirectedRequest, hostError);
            return;
        }

        if (!HttpMethods.IsGet(ctx.Request.Method) && !HttpMethods.IsHead(ctx.Request.Method) && OriginError(ctx.Request) is { } originError)
        {
            await RefuseAsync(ctx, StatusCodes.Status403Forbidden, originError);
            return;
        }

        try
        {
            await next(ctx);
        }
        catch (BadHttpRequestException ex)
        {
            // A body over the limit (413), a bad chunk, a client that stopped sending: the client's fault, one line.
            if (!ctx.Response.HasStarted)
            {
                await RefuseAsync(ctx, ex.StatusCode, ex.Message);
            }
            else
            {
                refusals.Refused(ctx.Request.Method, ctx.Request.Path, Client(ctx), ex.StatusCode, ex.Message);
            }
        }
        catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested)
        {
            // The browser went away (a closed tab on the live stream).
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            Log.Failed(logger, ctx.Request.Method, ctx.Request.Path, ex.GetType().Name + ": " + ex.Message);
            if (!ctx.Response.HasStarted)
            {
                await WriteErrorAsync(ctx, StatusCodes.Status500InternalServerError, "Internal error; see the gateway's log.");
            }
        }
    }

    /// <summary>The remote address as the page counts it.</summary>
    public static string Client(HttpContext ctx) => ctx.Connection.RemoteIpAddress?.ToString() ?? "";

    private async Task RefuseAsync(HttpContext ctx, int status, string reason)
    {
        refusals.Refused(ctx.Request.Method, ctx.Request.Path, Client(ctx), status, reason);
        await WriteErrorAsync(ctx, status, reason);
    }

    private static async Task WriteErrorAsync(HttpContext ctx, int status, string message)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = "application/json; charset=utf-8";
        await ctx.Response.WriteAsync(new JsonObject { ["error"] = message }.ToJsonString(), Encoding.UTF8);
    }
}
