using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EdgeGateway.Runtime.Web;

/// <summary>
/// What the technician's laptop sees while the gateway waits for provisioning: one page that says so and how to fix
/// it, and <c>/healthz</c> answering 503. No data, no controls (nothing is configured yet, not even a password).
/// </summary>
internal sealed class NotProvisionedPage : IAsyncDisposable
{
    private readonly WebApplication _app;

    private NotProvisionedPage(WebApplication app) => _app = app;

    /// <summary>The addresses it listens on (real ports when asked for port 0).</summary>
    public IReadOnlyList<string> Addresses => [.. _app.Urls];

    /// <summary>Starts the page on <paramref name="urls"/>; null (and one line on <paramref name="log"/>) when it cannot listen.</summary>
    public static async Task<NotProvisionedPage?> TryStartAsync(string urls, string line, TextWriter log, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.AddServerHeader = false);
        builder.Services.AddSingleton<IHostLifetime, NoLifetime>();
        var app = builder.Build();
        foreach (string url in urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            app.Urls.Add(url);
        }

        string html = Html(line);
        app.Run(ctx => Answer(ctx, html));
        try
        {
            await app.StartAsync(cancellationToken);
            return new NotProvisionedPage(app);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException)
        {
            await log.WriteLineAsync($"edge-gateway: the 'not provisioned' page cannot listen on {urls}: {ex.Message}");
            await app.DisposeAsync();
            return null;
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static Task Answer(HttpContext ctx, string html)
    {
        var headers = ctx.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-store";
        if (!HttpMethods.IsGet(ctx.Request.Method) && !HttpMethods.IsHead(ctx.Request.Method))
        {
            ctx.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            return Task.CompletedTask;
        }

        if (ctx.Request.Path == "/healthz")
        {
            ctx.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            ctx.Response.ContentType = "text/plain; charset=utf-8";
            return ctx.Response.WriteAsync("not provisioned\n");
        }

        // Every other path (the page, /api/state that the page's script would ask for) is this one notice.
        ctx.Response.StatusCode = ctx.Request.Path == "/" ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        ctx.Response.ContentType = "text/html; charset=utf-8";
        return ctx.Response.WriteAsync(html);
    }

    private static string Html(string line) => $"""
        <!doctype html>
        <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>edge-gateway: not provisioned</title>
        <style>body{"{"}font:16px/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#111{"}"}
        code{"{"}background:#eee;padding:0 .2rem{"}"}h1{"{"}font-size:1.4rem{"}"}</style></head>
        <body><h1>This gateway is not provisioned</h1>
        <p>{HtmlEncoder.Default.Encode(line)}</p>
        <p>On the gateway, as root: <code>edge-gateway provision --config /etc/edge-gateway/config.json --gateway-id ID
        --broker HOST --technician-password-file FILE</code>, or put <code>edge-gateway.json</code> on the boot partition
        and restart. The service starts by itself once the file is written; this page then becomes the technician page.</p>
        </body></html>
        """;

    private sealed class NoLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
