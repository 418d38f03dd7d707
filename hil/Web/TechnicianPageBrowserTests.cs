using System.IO.Compression;
using EdgeGateway.Drivers.Simulation;
using EdgeGateway.Hil.Infrastructure;
using EdgeGateway.Runtime.Lighting;
using EdgeGateway.Runtime.Simulation;
using EdgeGateway.Runtime.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EdgeGateway.Hil.Web;

/// <summary>
/// A technician's laptop and phone: Debian's Chromium, driven by Playwright, against the whole gateway in process on
/// the virtual cabinet (field devices, an RS-485 meter and LED driver, uplink to a real Mosquitto). Playwright never
/// downloads a browser here. Screenshots go to <c>$HIL_ARTIFACTS</c> (default <c>hil/TestResults/screenshots</c>).
/// </summary>
[Trait("Category", "Hil")]
public sealed class TechnicianPageBrowserTests : IAsyncLifetime
{
    private const string Password = "cabinet-12-tech";
    private const float Timeout = 20_000;
    private static readonly string Hash = PasswordHash.Create(Password, 100_000);
    private readonly string _folder = Directory.CreateTempSubdirectory("hil-web-").FullName;
    private MosquittoBroker? _broker;
    private GatewayUnderTest? _gateway;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>Where the screenshots are kept.</summary>
    public static string Artifacts => Environment.GetEnvironmentVariable("HIL_ARTIFACTS") is { Length: > 0 } dir
        ? dir
        : Path.GetFullPath(Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "TestResults", "screenshots"));

    private string Url => _gateway!.Services.GetRequiredService<TechnicianWebServer>().Addresses.Single();

    private VirtualCabinet Cabinet => _gateway!.Services.GetRequiredService<VirtualCabinet>();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }

        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    [SkippableFact]
    public async Task Browser_WrongPasswordRefused_LockedOutAfterFive_LoginAndLogout()
    {
        var page = await StartAsync("hil-web-1");

        for (int i = 0; i < PageLogins.MaxFailures; i++)
        {
            await page.FillAsync("#password", "not-the-password-" + i);
            await page.ClickAsync("#login");
            await Assertions.Expect(page.Locator("#error")).ToHaveTextAsync("Wrong password.");
            await page.EvaluateAsync("() => document.getElementById('error').textContent = ''");
        }

        await page.FillAsync("#password", Password);
        await page.ClickAsync("#login");
        await Assertions.Expect(page.Locator("#error")).ToContainTextAsync("Too many wrong passwords");
        await Assertions.Expect(page.Locator("#logout")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#tools")).ToBeHiddenAsync();

        // The lockout is per address and lasts a minute (every test client is 127.0.0.1): a fresh gateway shows the
        // good path.
        await Restart("hil-web-1b");
        await page.GotoAsync(Url);
        await page.FillAsync("#password", Password);
        await page.ClickAsync("#login");
        await Assertions.Expect(page.Locator("#logout")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#login-form")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#tools")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#session-state")).ToContainTextAsync("Logged in until");

        await page.ClickAsync("#logout");
        await Assertions.Expect(page.Locator("#login")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#tools")).ToBeHiddenAsync();
    }

    [SkippableFact]
    public async Task Browser_NoPasswordSet_PageSaysHowAndOffersNoControl()
    {
        var page = await StartAsync("hil-web-2", s => s.Remove("EdgeGateway:Web:PasswordHash"));

        await Assertions.Expect(page.Locator("#no-password")).ToContainTextAsync("edge-gateway provision --technician-password-file");
        await Assertions.Expect(page.Locator("#login-form")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#tools")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#override-street-1")).ToHaveCountAsync(0);
    }

    [SkippableFact]
    public async Task Browser_LiveValueChangesThroughSse_EventAppears_LampTestSetsThePwmAndReturns()
    {
        var page = await StartAsync("hil-web-3");
        await LoginAsync(page);
        await Assertions.Expect(page.Locator("#live")).ToHaveTextAsync("live");

        // The virtual cabinet's light sensor stops acknowledging: the devices table, the points' quality and the alarm
        // strip follow with no reload (the page does not poll its state: it only listens to /api/live).
        await Assertions.Expect(page.Locator("#devices tr", new() { HasText = "lux1" })).ToContainTextAsync("ok");
        Cabinet.Device<SimulatedI2cDevice>(1, 0x23)!.Faulted = true;
        await Assertions.Expect(page.Locator("#devices tr", new() { HasText = "lux1" })).ToContainTextAsync("FAILING");
        await Assertions.Expect(page.Locator("#alarms")).ToContainTextAsync("lux1: device failing");
        await Assertions.Expect(page.Locator("#points tr", new() { HasText = "lux1.lux" })).ToContainTextAsync("bad");
        Cabinet.Device<SimulatedI2cDevice>(1, 0x23)!.Faulted = false;
        await Assertions.Expect(page.Locator("#devices tr", new() { HasText = "lux1" })).Not.ToContainTextAsync("FAILING");

        // Lamp test: one minute of gateway time (6 s at the simulation's time scale of 10) at 23 %, then the program.
        var runner = _gateway!.Services.GetRequiredService<LightingService>().Groups["street-1"];
        await page.SelectOptionAsync("#lamp-test-group", "street-1");
        await page.FillAsync("#lamp-test-level", "23");
        await page.FillAsync("#lamp-test-minutes", "1");
        await page.ClickAsync("#lamp-test-run");
        await Peers.Until(() => Math.Abs(Cabinet.LampLevel(1, 0x40, 0) - 23) < 0.5, "the simulated PCA9685 channel 0 at 23 %", TimeSpan.FromSeconds(10));
        await Assertions.Expect(page.Locator("#level-street-1")).ToHaveTextAsync("23 %");
        await Assertions.Expect(page.Locator("#events")).ToContainTextAsync("lamp.test");
        await Assertions.Expect(page.Locator("#events")).ToContainTextAsync("by: technician page");
        await Peers.Until(() => runner.Status(_gateway.Time.GetUtcNow()).Override is null && Math.Abs(Cabinet.LampLevel(1, 0x40, 0) - (runner.Level ?? -1)) < 0.5,
            "street-1 back to its program after the test", TimeSpan.FromSeconds(30));
        await Assertions.Expect(page.Locator("#level-street-1")).Not.ToHaveTextAsync("23 %");

        // Severity filter: only critical rows (if any) once "critical" is chosen.
        await page.SelectOptionAsync("#severity", "info");
        await Assertions.Expect(page.Locator("#events tr.sev-critical")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator("#events")).ToContainTextAsync("lamp.test");
    }

    [SkippableFact]
    public async Task Browser_ChartDrawnWithPoints_BundleDownloadedWithoutSecrets_CrossOriginPostRefused()
    {
        var page = await StartAsync("hil-web-4");
        await LoginAsync(page);

        // The charts come from the log's telemetry: at time scale 10 a few 5-minute buckets fill within a minute.
        await Peers.Until(async () =>
        {
            await page.ReloadAsync();
            await Assertions.Expect(page.Locator("#logout")).ToBeVisibleAsync();
            return await page.Locator(".chart[data-point='lux1.lux'] circle").CountAsync() >= 2;
        }, "the light chart drawn with points", TimeSpan.FromSeconds(90));
        await Assertions.Expect(page.Locator(".chart[data-point='lux1.lux'] polyline.series")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".chart[data-point='lux1.lux'] line.on")).ToHaveCountAsync(1);

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#bundle"));
        string zipPath = Path.Combine(_folder, "bundle.zip");
        await download.SaveAsAsync(zipPath);
        using (var zip = ZipFile.OpenRead(zipPath))
        {
            Assert.Contains("config.json", zip.Entries.Select(e => e.FullName));
            foreach (var entry in zip.Entries)
            {
                using var reader = new StreamReader(entry.Open());
                string text = await reader.ReadToEndAsync();
                Assert.DoesNotContain(Password, text, StringComparison.Ordinal);
                Assert.DoesNotContain(Hash.Split('$')[3], text, StringComparison.Ordinal);
                Assert.DoesNotContain("hil-broker-secret", text, StringComparison.Ordinal);
            }
        }

        // A POST from another origin with the technician's cookie (what a page elsewhere would make the laptop send):
        // refused by Origin, logged in one line, nothing changes.
        var runner = _gateway!.Services.GetRequiredService<LightingService>().Groups["street-1"];
        var response = await page.Context.APIRequest.PostAsync(Url.TrimEnd('/') + "/api/light/override", new()
        {
            Headers = new Dictionary<string, string> { ["Origin"] = "http://evil.example", ["Content-Type"] = "application/json" },
            DataString = "{\"group\":\"street-1\",\"level\":5,\"durationMinutes\":10}",
        });
        Assert.Equal(403, response.Status);
        using (var refusal = System.Text.Json.JsonDocument.Parse(await response.TextAsync()))
        {
            Assert.Contains("Origin 'http://evil.example'", refusal.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        }

        var ring = _gateway.Services.GetRequiredService<TechnicianPage>().Ring;
        Assert.Contains(ring.Tail(500), l => l.Contains("refused POST /api/light/override", StringComparison.Ordinal));
        Assert.Null(runner.Status(_gateway.Time.GetUtcNow()).Override);
    }

    [SkippableFact]
    public async Task Browser_Screenshots_LaptopAndPhone_LoggedOutAndIn_WithAFailingLedDriver()
    {
        var page = await StartAsync("hil-web-5", s =>
        {
            s["EdgeGateway:Site:Name"] = "Timisoara Bd. Take Ionescu";
            s["EdgeGateway:ModbusBuses:0:Id"] = "rs485-1";
            s["EdgeGateway:ModbusBuses:0:Devices:0:Id"] = "meter1";
            s["EdgeGateway:ModbusBuses:0:Devices:0:Profile"] = "eastron-sdm120";
            s["EdgeGateway:ModbusBuses:0:Devices:0:UnitId"] = "1";
            s["EdgeGateway:ModbusBuses:0:Devices:1:Id"] = "led1";
            s["EdgeGateway:ModbusBuses:0:Devices:1:Profile"] = "generic-led-driver";
            s["EdgeGateway:ModbusBuses:0:Devices:1:UnitId"] = "2";
            s["EdgeGateway:LampGroups:1:Id"] = "street-2";
            s["EdgeGateway:LampGroups:1:LightSensor"] = "lux1";
            s["EdgeGateway:LampGroups:1:Outputs:0:Kind"] = "modbus";
            s["EdgeGateway:LampGroups:1:Outputs:0:Device"] = "led1";
            s["EdgeGateway:Cabinet:MainsVoltagePoint"] = "meter1.voltage";
        });
        await Assertions.Expect(page.Locator("#devices")).ToContainTextAsync("led1");

        // The LED driver stops answering; a lamp test on its group makes the lighting loop write to it.
        _gateway!.Services.GetRequiredService<VirtualModbus>().Clients["rs485-1"].SetDead(2);
        await LoginAsync(page);
        await page.SelectOptionAsync("#lamp-test-group", "street-2");
        await page.FillAsync("#lamp-test-level", "80");
        await page.FillAsync("#lamp-test-minutes", "30");
        await page.ClickAsync("#lamp-test-run");
        await Assertions.Expect(page.Locator("#actual-street-2")).ToContainTextAsync("OUTPUT NOT ANSWERING", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#devices")).ToContainTextAsync("FAILING", new() { Timeout = 60_000 });
        await Assertions.Expect(page.Locator("#alarms")).ToContainTextAsync("not answering");

        Directory.CreateDirectory(Artifacts);
        foreach (var (name, width, height) in new[] { ("laptop-1280x900", 1280, 900), ("phone-390x844", 390, 844) })
        {
            await page.SetViewportSizeAsync(width, height);
            await Assertions.Expect(page.Locator("#logout")).ToBeVisibleAsync();

            // Nothing wider than the screen: every table stacks or fits.
            int overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
            string widest = overflow <= 0 ? "" : await page.EvaluateAsync<string>(@"() => [...document.querySelectorAll('body *')]
                .filter(e => e.scrollWidth > e.clientWidth + 1 || e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
                .slice(-5).map(e => e.tagName + '#' + e.id + '.' + e.className + ' ' + e.scrollWidth + '/' + e.clientWidth + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ')");
            Assert.True(overflow <= 0, $"{name}: the page is {overflow} px wider than the screen: {widest}");
            await page.EvaluateAsync("() => window.scrollTo(0, 0)");
            await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, $"technician-{name}-logged-in.png") });
            await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, $"technician-{name}-logged-in-full.png"), FullPage = true });
        }

        // The phone further down: the stacked devices table and the events.
        foreach (string section in new[] { "devices", "events" })
        {
            await page.Locator("#" + section).ScrollIntoViewIfNeededAsync();
            await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, $"technician-phone-390x844-{section}.png") });
        }

        await page.ClickAsync("#logout");
        await Assertions.Expect(page.Locator("#login")).ToBeVisibleAsync();
        foreach (var (name, width, height) in new[] { ("laptop-1280x900", 1280, 900), ("phone-390x844", 390, 844) })
        {
            await page.SetViewportSizeAsync(width, height);
            await page.EvaluateAsync("() => window.scrollTo(0, 0)");
            await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, $"technician-{name}-logged-out.png") });
            await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, $"technician-{name}-logged-out-full.png"), FullPage = true });
        }

        // Times are ISO-style, 24-hour, in the site's zone (Europe/Bucharest, UTC+2 in December).
        await Assertions.Expect(page.Locator("#updated")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(Europe/Bucharest\)$"));
        Assert.True(File.Exists(Path.Combine(Artifacts, "technician-phone-390x844-logged-in.png")));
    }

    private async Task<IPage> StartAsync(string gatewayId, Action<Dictionary<string, string?>>? tweak = null)
    {
        string chromium = Peers.Require("chromium");
        _broker = new MosquittoBroker();
        await _broker.StartAsync();
        _gateway = await GatewayUnderTest.StartAsync(Settings(gatewayId, tweak));

        // Never fetch browsers: the test drives the system's Chromium.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            Timeout = 60_000,
        });
        var context = await _browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, AcceptDownloads = true });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(Timeout);
        Assertions.SetDefaultExpectTimeout(Timeout);
        await page.GotoAsync(Url);
        await Assertions.Expect(page.Locator("#gateway")).ToContainTextAsync(gatewayId);
        return page;
    }

    private Dictionary<string, string?> Settings(string gatewayId, Action<Dictionary<string, string?>>? tweak)
    {
        var settings = GatewayUnderTest.Settings(gatewayId, _broker!.Port, Path.Combine(_folder, gatewayId + ".db"));

        // By day (11:30 in Timișoara), with bays, a bin and the door contact.
        settings = GatewayUnderTest.WithField(settings, seed: 7, start: new DateTimeOffset(2026, 12, 1, 9, 30, 0, TimeSpan.Zero));
        settings["EdgeGateway:Web:PasswordHash"] = Hash;
        settings["EdgeGateway:Mqtt:Username"] = "hil";
        settings["EdgeGateway:Mqtt:Password"] = "hil-broker-secret";
        tweak?.Invoke(settings);
        return settings;
    }

    // A second gateway on the same broker (the first one's lockout is per address and every test client is 127.0.0.1).
    private async Task Restart(string gatewayId)
    {
        await _gateway!.DisposeAsync();
        _gateway = null;
        _gateway = await GatewayUnderTest.StartAsync(Settings(gatewayId, null));
    }

    private static async Task LoginAsync(IPage page)
    {
        await page.FillAsync("#password", Password);
        await page.ClickAsync("#login");
        await Assertions.Expect(page.Locator("#logout")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#error")).ToHaveTextAsync("");
    }
}
