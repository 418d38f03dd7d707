using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeGateway.Runtime.Cabinet;
using EdgeGateway.Runtime.Commands;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Prometheus;

namespace EdgeGateway.Runtime.Web;

/// <summary>The technician page's routes (minimal APIs). Reads are open to the LAN (Host checked); writes and tools
/// need the session cookie, a JSON body and a same-origin request (<see cref="RequestGuard"/>).</summary>
internal static class TechnicianEndpoints
{
    /// <summary>The session cookie's name.</summary>
    public const string Cookie = "edge_session";

    /// <summary>Longest override the page offers: one day, as <c>light.override</c>'s <c>durationS</c>.</summary>
    public const int MaxDurationMinutes = 1440;

    /// <summary>What the page says when no password hash is configured.</summary>
    public const string NoPassword = "No technician password is set on this gateway, so the page is read-only. Set one on the gateway with "
        + "'sudo edge-gateway provision --technician-password-file FILE' (it stores a salted hash in EdgeGateway:Web:PasswordHash) and restart it.";

    private static readonly Dictionary<string, Lazy<byte[]>> Assets = new(StringComparer.Ordinal)
    {
        ["technician.html"] = Asset("technician.html"),
        ["technician.js"] = Asset("technician.js"),
        ["technician.css"] = Asset("technician.css"),
    };

    /// <summary>Maps every route on <paramref name="app"/>.</summary>
    public static void Map(IEndpointRouteBuilder app, TechnicianPage page, CancellationToken stopping)
    {
        var view = page.View;
        var logins = page.Logins;
        app.MapGet("/", () => Results.Bytes(Assets["technician.html"].Value, "text/html; charset=utf-8"));
        app.MapGet("/technician.js", () => Results.Bytes(Assets["technician.js"].Value, "text/javascript; charset=utf-8"));
        app.MapGet("/technician.css", () => Results.Bytes(Assets["technician.css"].Value, "text/css; charset=utf-8"));
        app.MapGet("/api/state", Handler(async ctx => Json(await StateAsync(page, ctx))));
        app.MapGet("/api/health", () => Results.Content(view.Health.Snapshot().ToJson(), "application/json; charset=utf-8", Encoding.UTF8));
        app.MapGet("/api/events", (HttpContext ctx) =>
        {
            string? severity = ctx.Request.Query["severity"];
            if (severity is not (null or "" or "info" or "warning" or "critical"))
            {
                return Error(400, $"severity: expected info, warning or critical, got '{severity}'", "severity");
            }

            page.History.Refresh(view.Time.GetUtcNow());
            return Json(new JsonObject { ["events"] = page.History.Events(string.IsNullOrEmpty(severity) ? null : severity, 200), ["lastSeq"] = page.History.LastSeq });
        });
        app.MapGet("/api/charts", () =>
        {
            var now = view.Time.GetUtcNow();
            page.History.Refresh(now);
            var thresholds = new JsonArray([.. view.Options.LampGroups.Where(g => g.LightSensor.Length > 0).Select(g => (JsonNode)new JsonObject
            {
                ["group"] = g.Id,
                ["point"] = Drivers.Devices.RolePoints.Lux(g.LightSensor),
                ["onLux"] = g.Control.OnLevelLux,
                ["offLux"] = g.Control.OffLevelLux,
            })]);
            return Json(page.History.Charts(now, thresholds));
        });
        app.MapGet("/api/live", Handler(ctx => LiveFeed.StreamAsync(ctx, page, () => StateAsync(page, ctx), stopping)));
        app.MapGet("/healthz", () =>
        {
            var (healthy, body) = HealthzDocument.Build(view);
            return Json(body, healthy ? 200 : 503);
        });
        app.MapMetrics("/metrics", page.Metrics.Registry);

        app.MapPost("/api/session", Handler(ctx => LoginAsync(ctx, page)));
        app.MapDelete("/api/session", (HttpContext ctx) =>
        {
            bool ended = logins.Logout(ctx.Request.Cookies[Cookie]);
            ctx.Response.Cookies.Delete(Cookie, CookieOptions(TimeSpan.Zero));
            return Json(new JsonObject { ["loggedOut"] = ended });
        });
        app.MapPost("/api/light/override", Handler(ctx => CommandAsync(ctx, logins, (body, _) =>
        {
            if (body["durationMinutes"] is not JsonValue d || d.GetValueKind() != JsonValueKind.Number || !d.TryGetValue(out int minutes) || minutes is < 1 or > MaxDurationMinutes)
            {
                throw new CommandException("bad_request", $"durationMinutes: expected an integer 1..{MaxDurationMinutes}, got {body["durationMinutes"]?.ToJsonString() ?? "nothing"}");
            }

            var args = new JsonObject { ["group"] = body["group"]?.DeepClone(), ["level"] = body["level"]?.DeepClone(), ["durationS"] = minutes * 60 };
            return view.Override.Execute(args, PageLogins.By);
        })));
        app.MapPost("/api/light/release", Handler(ctx => CommandAsync(ctx, logins, (body, _) =>
            view.Release.ExecuteAsync(new JsonObject { ["group"] = body["group"]?.DeepClone() }, ctx.RequestAborted))));
        app.MapPost("/api/tools/lamp-test", Handler(ctx => CommandAsync(ctx, logins, (body, session) =>
        {
            var result = page.Tools.LampTestAsync(body, PageLogins.By);
            Log.LampTest(page.Logger, (string?)body["group"] ?? "", body["level"] is JsonValue l && l.TryGetValue(out int level) ? level : -1,
                body["minutes"] is JsonValue m && m.TryGetValue(out int min) ? min : -1, session.OpenedBy);
            return result;
        })));
        app.MapPost("/api/tools/modbus-read", Handler(ctx => CommandAsync(ctx, logins, (body, _) => page.Tools.ModbusReadAsync(body, ctx.RequestAborted))));
        app.MapPost("/api/tools/i2c-scan", Handler(ctx => CommandAsync(ctx, logins, (body, _) => Task.FromResult(page.Tools.I2cScan(body)))));
        app.MapGet("/api/tools/log", Handler(ctx =>
        {
            if (Refusal(ctx, logins) is { } refused)
            {
                return Task.FromResult(refused);
            }

            int lines = int.TryParse(ctx.Request.Query["lines"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int n) ? Math.Clamp(n, 1, 500) : 100;
            return Task.FromResult(Json(page.Tools.LogTail(lines)));
        }));
        app.MapGet("/api/tools/bundle", Handler(async ctx =>
        {
            if (Refusal(ctx, logins) is { } refused)
            {
                return refused;
            }

            byte[] zip = await page.Tools.BundleAsync(await StateAsync(page, ctx), ctx.RequestAborted);
            string name = $"edge-gateway-{view.Identity.GatewayId}-{view.Time.GetUtcNow():yyyyMMdd'T'HHmmss'Z'}.zip";
            return Results.File(zip, "application/zip", name);
        }));
    }

    /// <summary>The state document for the caller of <paramref name="ctx"/>.</summary>
    public static Task<JsonObject> StateAsync(TechnicianPage page, HttpContext ctx) =>
        StateDocument.BuildAsync(page.View, page.Drain, page.Logins.Validate(ctx.Request.Cookies[Cookie]), page.Logins.Enabled, ctx.RequestAborted);

    private static Lazy<byte[]> Asset(string name) => new(() =>
    {
        using var stream = typeof(TechnicianEndpoints).Assembly.GetManifestResourceStream("EdgeGateway.Runtime.Web." + name)
            ?? throw new InvalidOperationException($"{name} is not embedded in the assembly");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    // A lambda of HttpContext returning Task<IResult> would bind as a RequestDelegate and drop the result (ASP0016).
    private static Delegate Handler(Func<HttpContext, Task<IResult>> handler) => handler;

    private static async Task<IResult> LoginAsync(HttpContext ctx, TechnicianPage page)
    {
        if (await ReadObjectAsync(ctx) is not { } body)
        {
            return Error(400, "body: expected a JSON object {\"password\": \"…\"} with Content-Type: application/json", "body");
        }

        if (body["password"] is not JsonValue p || !p.TryGetValue(out string? password))
        {
            return Error(400, "password: required, a string", "password");
        }

        string client = RequestGuard.Client(ctx);
        var result = page.Logins.Login(password, client);
        if (result.Outcome != LoginOutcome.Ok)
        {
            Log.LoginRefused(page.Logger, client, result.Outcome);
        }

        switch (result.Outcome)
        {
            case LoginOutcome.Ok:
                ctx.Response.Cookies.Append(Cookie, result.Token!, CookieOptions(page.Logins.SessionDuration));
                return Json(new JsonObject { ["loggedIn"] = true, ["until"] = Sync.Json.Iso8601.Format(result.Session!.Until) });
            case LoginOutcome.Disabled:
                return Error(403, NoPassword);
            case LoginOutcome.LockedOut:
                return Error(429, $"Too many wrong passwords from this address ({PageLogins.MaxFailures} in a row): try again in a minute.");
            default:
                return Error(401, "Wrong password.", "password");
        }
    }

    private static IResult? Refusal(HttpContext ctx, PageLogins logins) =>
        !logins.Enabled ? Error(403, NoPassword)
        : logins.Validate(ctx.Request.Cookies[Cookie]) is null ? Error(401, "Log in first (or your session ended).")
        : null;

    private static async Task<IResult> CommandAsync(HttpContext ctx, PageLogins logins, Func<JsonObject, TechnicianSessionStatus, Task<JsonNode?>> run)
    {
        if (Refusal(ctx, logins) is { } refused)
        {
            return refused;
        }

        var session = logins.Validate(ctx.Request.Cookies[Cookie])!;
        if (await ReadObjectAsync(ctx) is not { } body)
        {
            return Error(400, "body: expected a JSON object with Content-Type: application/json", "body");
        }

        try
        {
            return Json(new JsonObject { ["ok"] = true, ["result"] = await run(body, session) });
        }
        catch (CommandException ex) when (ex.Code == "bad_request")
        {
            return Error(400, ex.Message, FieldOf(ex.Message));
        }
        catch (CommandException ex) when (ex.Code == "unavailable")
        {
            return Error(502, ex.Message);
        }
    }

    private static async Task<JsonObject?> ReadObjectAsync(HttpContext ctx)
    {
        if (!ctx.Request.HasJsonContentType())
        {
            return null;
        }

        try
        {
            return await JsonNode.ParseAsync(ctx.Request.Body, cancellationToken: ctx.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // Command errors start with the argument's name ("level: expected …"); the page highlights that field.
    private static string? FieldOf(string message) =>
        message.IndexOf(':', StringComparison.Ordinal) is > 0 and var i && message[..i].All(char.IsAsciiLetter) ? message[..i] : null;

    private static CookieOptions CookieOptions(TimeSpan maxAge) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        MaxAge = maxAge,
        IsEssential = true,

        // Plain HTTP on the cabinet LAN (no certificate on a street gateway): a Secure cookie would never come back.
        Secure = false,
    };

    /// <summary>A JSON answer.</summary>
    public static IResult Json(JsonNode node, int status = 200) =>
        Results.Content(node.ToJsonString(), "application/json; charset=utf-8", Encoding.UTF8, status);

    private static IResult Error(int status, string message, string? field = null) =>
        Json(new JsonObject { ["error"] = message, ["field"] = field }, status);
}
