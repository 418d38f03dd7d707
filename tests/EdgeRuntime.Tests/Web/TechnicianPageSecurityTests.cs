using System.Net;
using System.Text;
using EdgeGateway.Runtime.Lighting;
using EdgeGateway.Runtime.Web;
using Microsoft.Extensions.DependencyInjection;

namespace EdgeGateway.Runtime.Tests.Web;

/// <summary>The page's wall: headers, Host and Origin checks, bad requests, logins and what anonymous readers see.</summary>
[Trait("Category", "Integration")]
public sealed class TechnicianPageSecurityTests : IAsyncLifetime
{
    private readonly TestLogCollector _log = TestLog.Current; // taken in the constructor: InitializeAsync's host logs into it
    private WebGateway _gw = null!;

    public async Task InitializeAsync() => _gw = await WebGateway.StartAsync(log: _log);

    public async Task DisposeAsync() => await _gw.DisposeAsync();

    [Theory]
    [InlineData("/")]
    [InlineData("/technician.js")]
    [InlineData("/api/state")]
    [InlineData("/api/events")]
    [InlineData("/healthz")]
    [InlineData("/metrics")]
    [InlineData("/api/tools/bundle")]
    public async Task Get_AnyPath_CspNoFramesNoSniff(string path)
    {
        using var response = await _gw.Http.GetAsync(path);

        Assert.Equal(RequestGuard.ContentSecurityPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Contains("script-src 'self'", RequestGuard.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", RequestGuard.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("gateway.attacker.test:8080")]
    public async Task Get_ForeignHost_421AndNoState(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/state");
        request.Headers.Host = host;

        using var response = await _gw.Http.SendAsync(request);
        string body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.MisdirectedRequest, response.StatusCode);
        Assert.Contains("EdgeGateway:Web:AllowedHosts", body, StringComparison.Ordinal);
        Assert.DoesNotContain("web-test", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("127.0.0.1:8080")]
    [InlineData("[::1]:8080")]
    [InlineData("10.20.30.40")]
    public async Task Get_IpOrLocalhost_200(string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/state");
        request.Headers.Host = host;

        using var response = await _gw.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Get_NameInAllowedHosts_200()
    {
        await using var gw = await WebGateway.StartAsync(s => s["EdgeGateway:Web:AllowedHosts"] = "cabinet-17.lan");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/state");
        request.Headers.Host = "cabinet-17.lan:8080";

        using var response = await gw.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task PostOverride_CrossOriginWithTheCookie_403AndNothingChanges()
    {
        await _gw.LoginAsync();
        using var request = Json("/api/light/override", "{\"group\":\"street-1\",\"level\":37,\"durationMinutes\":10}");
        request.Headers.Add("Origin", "http://evil.example");

        using var response = await _gw.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Origin 'http://evil.example'", (await _gw.JsonAsync(response)).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Null(Runner().Status(_gw.Time.GetUtcNow()).Override);
    }

    [Fact]
    public async Task PostOverride_SecFetchSiteCrossSite_403()
    {
        await _gw.LoginAsync();
        using var request = Json("/api/light/override", "{\"group\":\"street-1\",\"level\":37,\"durationMinutes\":10}");
        request.Headers.Add("Sec-Fetch-Site", "cross-site");

        using var response = await _gw.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Null(Runner().Status(_gw.Time.GetUtcNow()).Override);
    }

    [Fact]
    public async Task PostOverride_SameOrigin_200()
    {
        await _gw.LoginAsync();
        using var request = Json("/api/light/override", "{\"group\":\"street-1\",\"level\":37,\"durationMinutes\":10}");
        request.Headers.Add("Origin", "http://" + _gw.Http.BaseAddress!.Authority);
        request.Headers.Add("Sec-Fetch-Site", "same-origin");

        using var response = await _gw.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(37, Runner().Status(_gw.Time.GetUtcNow()).Override!.Level);
    }

    [Fact]
    public async Task PostSession_CrossOrigin_403NoCookie()
    {
        using var request = Json("/api/session", $"{{\"password\":\"{WebGateway.Password}\"}}");
        request.Headers.Add("Origin", "http://evil.example");

        using var response = await _gw.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Null(_gw.Cabinet.Session.Current(_gw.Time.GetUtcNow()));
    }

    [Fact]
    public async Task Post_BodyOver16KB_413InOneLogLineWithoutStackTrace()
    {
        var page = _gw.Services.GetRequiredService<TechnicianPage>();
        using var request = Json("/api/session", "{\"password\":\"" + new string('x', 40_000) + "\"}");

        using var response = await _gw.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("error", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var lines = page.Ring.Tail(50);
        var refused = Assert.Single(lines, l => l.Contains("refused POST /api/session", StringComparison.Ordinal));
        Assert.Contains("413", refused, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.Contains(" at ", StringComparison.Ordinal) && l.Contains("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BadRequests_AFlood_TenLinesAMinuteThenOneCount()
    {
        var page = _gw.Services.GetRequiredService<TechnicianPage>();
        for (int i = 0; i < 25; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/api/state");
            request.Headers.Host = "evil.example";
            (await _gw.Http.SendAsync(request)).Dispose();
        }

        _gw.Time.Advance(TimeSpan.FromMinutes(1));
        using var last = new HttpRequestMessage(HttpMethod.Get, "/api/state");
        last.Headers.Host = "evil.example";
        (await _gw.Http.SendAsync(last)).Dispose();

        var lines = page.Ring.Tail(200);
        Assert.Equal(RefusalLog.PerWindow + 1, lines.Count(l => l.Contains("refused GET /api/state", StringComparison.Ordinal)));
        Assert.Single(lines, l => l.Contains("15 more refused requests", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("POST", "/api/light/override", "{\"group\":\"street-1\",\"level\":37,\"durationMinutes\":10}")]
    [InlineData("POST", "/api/light/release", "{\"group\":\"street-1\"}")]
    [InlineData("POST", "/api/tools/lamp-test", "{\"group\":\"street-1\",\"level\":37,\"minutes\":1}")]
    [InlineData("POST", "/api/tools/modbus-read", "{\"device\":\"meter1\",\"table\":\"input\",\"address\":0,\"count\":2,\"type\":\"f32\"}")]
    [InlineData("POST", "/api/tools/i2c-scan", "{\"bus\":1}")]
    [InlineData("GET", "/api/tools/log", null)]
    [InlineData("GET", "/api/tools/bundle", null)]
    public async Task Protected_WithoutLogin_401AndNothingHappens(string method, string path, string? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await _gw.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Null(Runner().Status(_gw.Time.GetUtcNow()).Override);
    }

    [Fact]
    public async Task GetState_SessionOpenButNotMine_NoEndTime_Mine_EndTime()
    {
        // Another client (the technician's laptop) logs in; this one reads anonymously.
        using var laptop = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = _gw.Http.BaseAddress };
        (await laptop.PostAsync("/api/session", new StringContent($"{{\"password\":\"{WebGateway.Password}\"}}", Encoding.UTF8, "application/json"))).Dispose();

        var anonymous = await _gw.JsonAsync(await _gw.Http.GetAsync("/api/state"));
        var mine = await _gw.JsonAsync(await laptop.GetAsync("/api/state"));

        Assert.True(anonymous.GetProperty("session").GetProperty("active").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, anonymous.GetProperty("session").GetProperty("until").ValueKind);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, anonymous.GetProperty("session").GetProperty("openedBy").ValueKind);
        Assert.False(anonymous.GetProperty("cabinet").TryGetProperty("sessionUntil", out _));
        Assert.Equal("2026-11-26T21:00:00.000Z", mine.GetProperty("session").GetProperty("until").GetString());
        Assert.Equal("2026-11-26T21:00:00.000Z", mine.GetProperty("cabinet").GetProperty("sessionUntil").GetString());
    }

    [Fact]
    public async Task PostSession_FiveWrongOverHttp_429ThenEvenTheRightOneRefused()
    {
        for (int i = 0; i < PageLogins.MaxFailures; i++)
        {
            using var wrong = await _gw.PostJsonAsync("/api/session", new { password = "guess-" + i });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var right = await _gw.PostJsonAsync("/api/session", new { password = WebGateway.Password });

        Assert.Equal((HttpStatusCode)429, right.StatusCode);
        Assert.Contains("try again in a minute", (await _gw.JsonAsync(right)).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Null(_gw.Cabinet.Session.Current(_gw.Time.GetUtcNow()));
    }

    [Fact]
    public void PageLogins_StoresOnlyTheSaltedHash_TheSamePasswordHashesDifferently()
    {
        string a = PasswordHash.Create(WebGateway.Password, 100_000);
        string b = PasswordHash.Create(WebGateway.Password, 100_000);

        Assert.NotEqual(a, b);
        Assert.True(PasswordHash.Verify(WebGateway.Password, a));
        Assert.True(PasswordHash.Verify(WebGateway.Password, b));
        Assert.DoesNotContain(WebGateway.Password, a, StringComparison.Ordinal);
    }

    private static HttpRequestMessage Json(string path, string body) =>
        new(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private LampGroupRunner Runner() => _gw.Services.GetRequiredService<LightingService>().Groups["street-1"];
}
