using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace EdgeGateway.Runtime.Web;

/// <summary>
/// <c>GET /api/live</c>: server-sent events. <c>state</c> (values, levels, uplink, devices, alarms: the state document)
/// at once and then every second and whenever the log takes a record; <c>events</c> with the log's new events since
/// the last frame. At most <see cref="MaxClients"/> streams at a time (a busy LAN cannot tie up the Pi).
/// </summary>
internal static class LiveFeed
{
    /// <summary>Streams open at once, at most.</summary>
    public const int MaxClients = 8;

    private static readonly TimeSpan Every = TimeSpan.FromSeconds(1);

    /// <summary>Streams until the browser goes or the page stops.</summary>
    public static async Task<IResult> StreamAsync(HttpContext ctx, TechnicianPage page, Func<Task<JsonObject>> state, CancellationToken stopping)
    {
        if (Interlocked.Increment(ref page.LiveClients.Value) > MaxClients)
        {
            Interlocked.Decrement(ref page.LiveClients.Value);
            return TechnicianEndpoints.Json(new JsonObject { ["error"] = $"Too many live pages open ({MaxClients}); close one or reload later." }, 503);
        }

        using var done = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, stopping);
        var wake = new SemaphoreSlim(0, 1);
        void OnAppended()
        {
            if (wake.CurrentCount == 0)
            {
                try
                {
                    wake.Release();
                }
                catch (SemaphoreFullException)
                {
                    // Already signalled.
                }
            }
        }

        var view = page.View;
        view.Log.Appended += OnAppended;
        try
        {
            ctx.Response.ContentType = "text/event-stream";
            ctx.Response.Headers.CacheControl = "no-store";
            ctx.Response.Headers["X-Accel-Buffering"] = "no";
            page.History.Refresh(view.Time.GetUtcNow());
            long lastSeq = page.History.LastSeq;
            await WriteAsync(ctx, "hello", new JsonObject { ["lastSeq"] = lastSeq }, done.Token);
            while (!done.IsCancellationRequested)
            {
                await WriteAsync(ctx, "state", await state(), done.Token);
                page.History.Refresh(view.Time.GetUtcNow());
                var fresh = page.History.Events(null, 50, lastSeq);
                if (fresh.Count > 0)
                {
                    lastSeq = page.History.LastSeq;
                    await WriteAsync(ctx, "events", new JsonObject { ["events"] = fresh, ["lastSeq"] = lastSeq }, done.Token);
                }

                // Whichever comes first: the period on the gateway's clock or a new record in the log.
                using var tick = CancellationTokenSource.CreateLinkedTokenSource(done.Token);
                var delay = Task.Delay(Every, view.Time, tick.Token);
                var signalled = wake.WaitAsync(tick.Token);
                await Task.WhenAny(delay, signalled);
                await tick.CancelAsync();
                await Task.WhenAll(delay.ContinueWith(_ => { }, TaskScheduler.Default), signalled.ContinueWith(_ => { }, TaskScheduler.Default));
            }
        }
        catch (OperationCanceledException)
        {
            // The browser went away, or the gateway stops.
        }
        finally
        {
            view.Log.Appended -= OnAppended;
            Interlocked.Decrement(ref page.LiveClients.Value);
        }

        return Results.Empty;
    }

    private static async Task WriteAsync(HttpContext ctx, string name, JsonNode data, CancellationToken cancellationToken)
    {
        await ctx.Response.WriteAsync($"event: {name}\ndata: {data.ToJsonString()}\n\n", Encoding.UTF8, cancellationToken);
        await ctx.Response.Body.FlushAsync(cancellationToken);
    }
}
