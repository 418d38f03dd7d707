using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EdgeGateway.Runtime.Commands;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace EdgeGateway.Runtime.Web;

/// <summary>The technician page's routes (minimal APIs). Writes need the session cookie and a JSON body: with
/// <c>SameSite=Strict</c> and no CORS, another site cannot make a laptop's browser send them.</summary>
internal static class TechnicianEndpoints
{
    /// <summary>The session cookie's name.</summary>
    public const string Cookie = "edge_session";

    /// <summary>Longest override the page offers: one day, as <c>light.override</c>'s <c>durationS</c>.</summary>
    public const int MaxDurationMinutes = 1440;

    private static readonly Lazy<byte[]> Page = new(() =>
    {
        using var stream = typeof(TechnicianEndpoints).Assembly.GetManifestResourceStream("EdgeGateway.Runtime.Web.technician.html")
            ?? throw new InvalidOperationException("The technician page is not embedded in the assembly");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    });

    /// <summary>Maps every route on <paramref name="app"/>.</summary>
    public static void Map(IEndpointRouteBuilder app, GatewayView view, PageLogins logins)
    {
        app.MapGet("/", () => Results.Bytes(Page.Value, "text/html; charset=utf-8"));
        app.MapGet("/api/state", Handler(async ctx =>
            Json(await StateDocument.BuildAsync(view, logins.Validate(ctx.Request.Cookies[Cookie]), logins.Enabled, ctx.RequestAborted))));
        app.MapGet("/api/health", () => Json(view.Health.Snapshot()));
        app.MapGet("/metrics", () => Results.Text(MetricsText.Build(view), MetricsText.ContentType));
        app.MapPost("/api/session", Handler(ctx => LoginAsync(ctx, logins)));
        app.MapDelete("/api/session", (HttpContext ctx) =>
        {
            bool ended = logins.Logout(ctx.Request.Cookies[Cookie]);
            ctx.Response.Cookies.Delete(Cookie, CookieOptions(TimeSpan.Zero));
            return Json(new JsonObject { ["loggedOut"] = ended });
        });
        app.MapPost("/api/light/override", Handler(ctx => CommandAsync(ctx, logins, body =>
        {
            if (body["durationMinutes"] is not JsonValue d || d.GetValueKind() != JsonValueKind.Number || !d.TryGetValue(out int minutes) || minutes is < 1 or > MaxDurationMinutes)
            {
                throw new CommandException("bad_request", $"durationMinutes: expected an integer 1..{MaxDurationMinutes}, got {body["durationMinutes"]?.ToJsonString() ?? "nothing"}");
            }

            var args = new JsonObject { ["group"] = body["group"]?.DeepClone(), ["level"] = body["level"]?.DeepClone(), ["durationS"] = minutes * 60 };
            return view.Override.Execute(args, PageLogins.By);
        })));
        app.MapPost("/api/light/release", Handler(ctx => CommandAsync(ctx, logins, body =>
            view.Release.ExecuteAsync(new JsonObject { ["group"] = body["group"]?.DeepClone() }, ctx.RequestAborted))));
    }

    // A lambda of HttpContext returning Task<IResult> would bind as a RequestDelegate and drop the result (ASP0016).
    private static Delegate Handler(Func<HttpContext, Task<IResult>> handler) => handler;

    private static async Task<IResult> LoginAsync(HttpContext ctx, PageLogins logins)
    {
        if (await ReadObjectAsync(ctx) is not { } body)
        {
            return Error(400, "body: expected a JSON object {\"password\": \"…\"} with Content-Type: application/json", "body");
        }

        if (body["password"] is not JsonValue p || !p.TryGetValue(out string? password))
        {
            return Error(400, "password: required, a string", "password");
        }

        var result = logins.Login(password, ctx.Connection.RemoteIpAddress?.ToString() ?? "");
        switch (result.Outcome)
        {
            case LoginOutcome.Ok:
                ctx.Response.Cookies.Append(Cookie, result.Token!, CookieOptions(logins.SessionDuration));
                return Json(new JsonObject { ["loggedIn"] = true, ["until"] = Sync.Json.Iso8601.Format(result.Session!.Until) });
            case LoginOutcome.Disabled:
                return Error(403, "No technician password is configured on this gateway (EdgeGateway:Web:Password): the page is read-only.");
            case LoginOutcome.LockedOut:
                return Error(429, "Too many wrong passwords: try again in a minute.");
            default:
                return Error(401, "Wrong password.", "password");
        }
    }

    private static async Task<IResult> CommandAsync(HttpContext ctx, PageLogins logins, Func<JsonObject, Task<JsonNode?>> run)
    {
        if (!logins.Enabled)
        {
            return Error(403, "No technician password is configured on this gateway (EdgeGateway:Web:Password): commands from the page are refused.");
        }

        if (logins.Validate(ctx.Request.Cookies[Cookie]) is null)
        {
            return Error(401, "Log in first (or your session ended).");
        }

        if (await ReadObjectAsync(ctx) is not { } body)
        {
            return Error(400, "body: expected a JSON object with Content-Type: application/json", "body");
        }

        try
        {
            return Json(new JsonObject { ["ok"] = true, ["result"] = await run(body) });
        }
        catch (CommandException ex) when (ex.Code == "bad_request")
        {
            return Error(400, ex.Message, FieldOf(ex.Message));
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

    private static IResult Json(JsonNode node, int status = 200) =>
        Results.Content(node.ToJsonString(), "application/json; charset=utf-8", Encoding.UTF8, status);

    private static IResult Error(int status, string message, string? field = null) =>
        Json(new JsonObject { ["error"] = message, ["field"] = field }, status);
}
