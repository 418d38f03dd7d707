using System.Net;
using System.Text.Json;
using EdgeGateway.Runtime.Lighting;
using EdgeGateway.Runtime.Web;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.Runtime.Tests.Web;

/// <summary>The technician page over real HTTP: Kestrel on a free loopback port inside the whole gateway host.</summary>
[Trait("Category", "Integration")]
public sealed class TechnicianPageTests : IAsyncLifetime
{
    private readonly TestLogCollector _log = TestLog.Current; // taken in the constructor: InitializeAsync's host logs into it
    private WebGateway _gw = null!;

    public async Task InitializeAsync() => _gw = await WebGateway.StartAsync(log: _log);

    public async Task DisposeAsync() => await _gw.DisposeAsync();

    [Fact]
    public async Task GetRoot_ServesTheEmbeddedPageScriptAndStyle_NoInlineScriptNoCdn()
    {
        using var response = await _gw.Http.GetAsync("/");
        string html = await response.Content.ReadAsStringAsync();
        using var js = await _gw.Http.GetAsync("/technician.js");
        string script = await js.Content.ReadAsStringAsync();
        using var css = await _gw.Http.GetAsync("/technician.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("text/javascript", js.Content.Headers.ContentType!.MediaType);
        Assert.Equal("text/css", css.Content.Headers.ContentType!.MediaType);
        Assert.Contains("<script src=\"/technician.js\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal); // CSP: no inline script
        Assert.DoesNotContain("<style>", html, StringComparison.Ordinal);
        Assert.Contains("/api/live", script, StringComparison.Ordinal);
        foreach (string text in new[] { html, script, await css.Content.ReadAsStringAsync() })
        {
            Assert.DoesNotContain("https://", text, StringComparison.Ordinal); // no CDN: works offline
        }
    }

    [Fact]
    public async Task GetState_HasGatewayUplinkPointsLightingFieldAndSession()
    {
        using var response = await _gw.Http.GetAsync("/api/state");
        var s = await _gw.JsonAsync(response);

        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("web-test", s.GetProperty("gatewayId").GetString());
        Assert.Equal("2026-11-26T19:00:00.000Z", s.GetProperty("ts").GetString());
        Assert.True(s.GetProperty("clock").GetProperty("trusted").GetBoolean());
        Assert.Equal("disabled", s.GetProperty("uplink").GetProperty("state").GetString());
        Assert.True(s.GetProperty("uplink").GetProperty("backlog").GetInt32() >= 0);
        var level = s.GetProperty("points").EnumerateArray().Single(p => p.GetProperty("point").GetString() == "street-1.level");
        Assert.Equal("%", level.GetProperty("unit").GetString());
        Assert.Equal("good", level.GetProperty("quality").GetString());
        Assert.Equal(JsonValueKind.Number, level.GetProperty("ageS").ValueKind);
        var group = s.GetProperty("lighting").EnumerateArray().Single();
        Assert.Equal("street-1", group.GetProperty("group").GetString());
        Assert.Equal(JsonValueKind.Number, group.GetProperty("level").ValueKind);
        Assert.Equal(JsonValueKind.Null, group.GetProperty("override").ValueKind);
        Assert.Equal(JsonValueKind.Array, s.GetProperty("parking").ValueKind);
        Assert.Equal(JsonValueKind.Array, s.GetProperty("bins").ValueKind);
        Assert.True(s.GetProperty("cabinet").GetProperty("night").GetBoolean());
        Assert.False(s.GetProperty("session").GetProperty("active").GetBoolean());
        Assert.False(s.GetProperty("session").GetProperty("loggedIn").GetBoolean());
        Assert.True(s.GetProperty("session").GetProperty("loginEnabled").GetBoolean());
    }

    [Fact]
    public async Task GetHealth_IsTheMqttHealthDocument()
    {
        using var response = await _gw.Http.GetAsync("/api/health");
        var h = await _gw.JsonAsync(response);

        Assert.Equal("web-test", h.GetProperty("gatewayId").GetString());
        Assert.True(h.GetProperty("devices").TryGetProperty("lux1", out var lux));
        Assert.Equal(JsonValueKind.Number, lux.GetProperty("reads").ValueKind);
        Assert.Equal(JsonValueKind.Number, h.GetProperty("log").GetProperty("unsent").ValueKind);
    }

    [Fact]
    public async Task GetMetrics_PrometheusTextWithPointsBacklogAndDeviceCounters()
    {
        using var response = await _gw.Http.GetAsync("/metrics");
        string text = await response.Content.ReadAsStringAsync();

        Assert.Equal("text/plain", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("version=0.0.4", response.Content.Headers.ContentType.ToString(), StringComparison.Ordinal);
        Assert.Contains("# TYPE edge_point_value gauge\n", text, StringComparison.Ordinal);
        Assert.Contains("edge_point_value{device=\"street-1\",kind=\"dimLevel\",point=\"street-1.level\",quality=\"good\",unit=\"%\"} ", text, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^edge_uplink_backlog_records \d+$", text);
        Assert.Matches(@"(?m)^edge_uplink_state\{state=""disabled""\} 1$", text);
        Assert.Matches(@"(?m)^edge_device_reads_total\{device=""lux1""\} \d+$", text);
        Assert.Matches(@"(?m)^edge_device_failures_total\{device=""lux1""\} \d+$", text);
        Assert.Matches(@"(?m)^edge_lamp_output_level_percent\{group=""street-1"",output=""pwm1:0""\} \d+$", text);
        Assert.Matches(@"(?m)^edge_lamp_output_up\{group=""street-1"",output=""pwm1:0""\} 1$", text);

        // Every line is a comment or "name{labels} value".
        Assert.All(text.Split('\n', StringSplitOptions.RemoveEmptyEntries), line =>
            Assert.Matches(@"^(# (HELP|TYPE) \w+ .+|[a-z_]+(\{([a-z_]+=""[^""]*"",?)*\})? (-?[0-9.eE+-]+|NaN|[+-]Inf))$", line));
    }

    [Fact]
    public async Task PostSession_WrongPassword_401WithClearErrorAndNoCookie()
    {
        using var response = await _gw.PostJsonAsync("/api/session", new { password = "not-the-password" });
        var body = await _gw.JsonAsync(response);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Wrong password.", body.GetProperty("error").GetString());
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Null(_gw.Cabinet.Session.Current(_gw.Time.GetUtcNow()));
    }

    [Fact]
    public async Task PostSession_GoodPassword_HttpOnlyStrictCookieAndTheCabinetSessionOpens()
    {
        using var response = await _gw.PostJsonAsync("/api/session", new { password = WebGateway.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        string cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        var session = _gw.Cabinet.Session.Current(_gw.Time.GetUtcNow());
        Assert.NotNull(session);
        Assert.Equal("technician page", session.OpenedBy);
        Assert.Equal(_gw.Time.GetUtcNow().AddHours(2), session.Until);
        var state = await _gw.JsonAsync(await _gw.Http.GetAsync("/api/state"));
        Assert.True(state.GetProperty("session").GetProperty("loggedIn").GetBoolean());
        Assert.NotEqual(JsonValueKind.Null, state.GetProperty("cabinet").GetProperty("sessionUntil").ValueKind);
    }

    [Fact]
    public async Task PostOverride_WithoutSession_401AndNothingChanges()
    {
        var before = Runner().Status(_gw.Time.GetUtcNow()).Override;

        using var response = await _gw.PostJsonAsync("/api/light/override", new { group = "street-1", level = 37, durationMinutes = 10 });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(before);
        Assert.Null(Runner().Status(_gw.Time.GetUtcNow()).Override);
    }

    [Fact]
    public async Task PostOverride_WithSession_LevelChangesAndEventNamesTheTechnicianPage()
    {
        await _gw.LoginAsync();

        using var response = await _gw.PostJsonAsync("/api/light/override", new { group = "street-1", level = 37, durationMinutes = 10 });
        var body = await _gw.JsonAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(37, body.GetProperty("result").GetProperty("level").GetInt32());
        Assert.Equal(37, Runner().Level);
        var status = Runner().Status(_gw.Time.GetUtcNow());
        Assert.Equal(37, status.Override!.Level);
        Assert.Equal(_gw.Time.GetUtcNow().AddMinutes(10), status.Override.ExpiresAt);
        var e = await _gw.EventAsync(e => e.GetProperty("source").GetString() == "street-1"
            && e.GetProperty("data").GetProperty("level").GetInt32() == 37);
        Assert.Equal("override", e.GetProperty("data").GetProperty("cause").GetString());
        Assert.Equal("technician page", e.GetProperty("data").GetProperty("by").GetString());
        var state = await _gw.JsonAsync(await _gw.Http.GetAsync("/api/state"));
        Assert.Equal(37, state.GetProperty("lighting")[0].GetProperty("level").GetInt32());
    }

    [Fact]
    public async Task PostRelease_WithSession_OverrideGoneBackToProgram()
    {
        await _gw.LoginAsync();
        (await _gw.PostJsonAsync("/api/light/override", new { group = "street-1", level = 37, durationMinutes = 10 })).Dispose();

        using var response = await _gw.PostJsonAsync("/api/light/release", new { group = "street-1" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(Runner().Status(_gw.Time.GetUtcNow()).Override);
        Assert.NotEqual(37, Runner().Level);
    }

    [Theory]
    [InlineData("{\"group\":\"street-1\",\"level\":150,\"durationMinutes\":10}", "level")]
    [InlineData("{\"group\":\"street-1\",\"durationMinutes\":10}", "level")]
    [InlineData("{\"group\":\"street-9\",\"level\":50,\"durationMinutes\":10}", "group")]
    [InlineData("{\"level\":50,\"durationMinutes\":10}", "group")]
    [InlineData("{\"group\":\"street-1\",\"level\":50,\"durationMinutes\":0}", "durationMinutes")]
    [InlineData("{\"group\":\"street-1\",\"level\":50,\"durationMinutes\":\"ten\"}", "durationMinutes")]
    [InlineData("{\"group\":\"street-1\",\"level\":50}", "durationMinutes")]
    [InlineData("not json", "body")]
    public async Task PostOverride_BadInput_400NamingTheField(string json, string field)
    {
        await _gw.LoginAsync();

        using var response = await _gw.Http.PostAsync("/api/light/override", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        var body = await _gw.JsonAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(field, body.GetProperty("field").GetString());
        Assert.StartsWith(field + ":", body.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Null(Runner().Status(_gw.Time.GetUtcNow()).Override);
    }

    [Fact]
    public async Task PostOverride_FormEncodedBody_400NotJson()
    {
        await _gw.LoginAsync();

        using var response = await _gw.Http.PostAsync("/api/light/override", new FormUrlEncodedContent([new("group", "street-1"), new("level", "10"), new("durationMinutes", "5")]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(Runner().Status(_gw.Time.GetUtcNow()).Override);
    }

    [Fact]
    public async Task DeleteSession_AfterLogin_CabinetSessionClosedAndCommandsRefused()
    {
        await _gw.LoginAsync();

        using var logout = await _gw.Http.DeleteAsync("/api/session");
        using var response = await _gw.PostJsonAsync("/api/light/override", new { group = "street-1", level = 37, durationMinutes = 10 });

        Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        Assert.True((await _gw.JsonAsync(logout)).GetProperty("loggedOut").GetBoolean());
        Assert.Null(_gw.Cabinet.Session.Current(_gw.Time.GetUtcNow()));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Login_FiveWrongFromOneAddress_LocksThatAddressOnly_ForAMinute()
    {
        await using var gw = await WebGateway.StartAsync();
        var logins = gw.Services.GetRequiredService<PageLogins>();

        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(LoginOutcome.WrongPassword, logins.Login("guess-" + i, "10.0.0.9").Outcome);
        }

        Assert.Equal(LoginOutcome.Ok, logins.Login(WebGateway.Password, "10.0.0.8").Outcome); // another address
        Assert.Equal(LoginOutcome.WrongPassword, logins.Login("guess-5", "10.0.0.9").Outcome);

        Assert.Equal(LoginOutcome.LockedOut, logins.Login(WebGateway.Password, "10.0.0.9").Outcome);
        Assert.Equal(LoginOutcome.Ok, logins.Login(WebGateway.Password, "10.0.0.7").Outcome);

        gw.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(LoginOutcome.Ok, logins.Login(WebGateway.Password, "10.0.0.9").Outcome);
    }

    [Fact]
    public async Task Session_ExpiresOnTheHostClock_CommandsRefusedAndCabinetSessionGone()
    {
        await _gw.LoginAsync();

        _gw.Time.Advance(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1));
        using var response = await _gw.PostJsonAsync("/api/light/override", new { group = "street-1", level = 37, durationMinutes = 10 });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(_gw.Cabinet.Session.Current(_gw.Time.GetUtcNow()));
    }

    [Fact]
    public async Task MqttCabinetSessionClose_EndsThePageLoginToo()
    {
        await _gw.LoginAsync();
        var command = _gw.Services.GetServices<EdgeGateway.Runtime.Commands.IGatewayCommand>().Single(c => c.Name == "cabinet.session");

        await command.ExecuteAsync(new System.Text.Json.Nodes.JsonObject { ["open"] = false }, CancellationToken.None);
        using var response = await _gw.PostJsonAsync("/api/light/override", new { group = "street-1", level = 37, durationMinutes = 10 });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task DoorOpensAtNight_LoggedInOnThePage_InfoNotCritical_LoggedOut_Critical()
    {
        _gw.Door(false);
        await _gw.LoginAsync();

        _gw.Door(true);
        var withSession = await _gw.EventAsync(e => e.GetProperty("type").GetString() == "door.opened");
        _gw.Door(false);
        await _gw.EventAsync(e => e.GetProperty("type").GetString() == "door.closed");
        (await _gw.Http.DeleteAsync("/api/session")).Dispose();
        _gw.Door(true);
        var without = await _gw.EventAsync(e => e.GetProperty("type").GetString() == "door.opened" && e.GetProperty("severity").GetString() != "info");

        Assert.Equal("info", withSession.GetProperty("severity").GetString());
        Assert.True(withSession.GetProperty("data").GetProperty("technicianSession").GetBoolean());
        Assert.Equal("critical", without.GetProperty("severity").GetString());
    }

    private LampGroupRunner Runner() => _gw.Services.GetRequiredService<LightingService>().Groups["street-1"];
}
