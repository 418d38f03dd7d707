using EdgeGateway.Drivers.Simulation;
using EdgeGateway.Hil.Infrastructure;
using EdgeGateway.Runtime.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace EdgeGateway.Hil.Web;

/// <summary>
/// A technician's laptop: Debian's Chromium, driven by Playwright, against the whole gateway in process on the
/// virtual cabinet (uplink to a real Mosquitto). Playwright never downloads a browser here.
/// </summary>
[Trait("Category", "Hil")]
public sealed class TechnicianPageBrowserTests : IAsyncLifetime
{
    private const string Password = "cabinet-12-tech";
    private const float Timeout = 15_000;
    private readonly string _folder = Directory.CreateTempSubdirectory("hil-web-").FullName;
    private MosquittoBroker? _broker;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        if (_broker is not null)
        {
            await _broker.DisposeAsync();
        }

        Directory.Delete(_folder, recursive: true);
    }

    [SkippableFact]
    public async Task Browser_LogsInAndOverrides_PageAndTheLampOutputFollow_WrongPasswordShowsAnError()
    {
        string chromium = Peers.Require("chromium");
        _broker = new MosquittoBroker();
        await _broker.StartAsync();
        var settings = GatewayUnderTest.Settings("hil-web-1", _broker.Port, Path.Combine(_folder, "log.db"), timeScale: 1);
        settings["EdgeGateway:Web:Password"] = Password;
        settings["EdgeGateway:ModbusBuses:0:Id"] = "rs485-1";
        settings["EdgeGateway:ModbusBuses:0:Devices:0:Id"] = "meter1";
        settings["EdgeGateway:ModbusBuses:0:Devices:0:Profile"] = "eastron-sdm120";
        settings["EdgeGateway:ModbusBuses:0:Devices:0:UnitId"] = "1";
        await using var gateway = await GatewayUnderTest.StartAsync(settings);
        string url = gateway.Services.GetRequiredService<TechnicianWebServer>().Addresses.Single();
        var cabinet = gateway.Services.GetRequiredService<VirtualCabinet>();

        // Never fetch browsers: the test drives the system's Chromium.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            Timeout = 60_000,
        });
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(Timeout);
        Assertions.SetDefaultExpectTimeout(Timeout);

        await page.GotoAsync(url);
        await Assertions.Expect(page.Locator("#gateway")).ToContainTextAsync("hil-web-1");
        await Assertions.Expect(page.Locator("#points")).ToContainTextAsync("street-1.level");
        await Assertions.Expect(page.Locator("#points")).ToContainTextAsync("meter1.voltage");
        await Assertions.Expect(page.Locator("#devices")).ToContainTextAsync("rs485-1 unit 1");
        await Assertions.Expect(page.Locator("#devices")).ToContainTextAsync("lux1");

        await page.FillAsync("#password", "not-the-password");
        await page.ClickAsync("#login");
        await Assertions.Expect(page.Locator("#error")).ToHaveTextAsync("Wrong password.");
        await Assertions.Expect(page.Locator("#logout")).ToBeHiddenAsync();

        await page.FillAsync("#password", Password);
        await page.ClickAsync("#login");
        await Assertions.Expect(page.Locator("#logout")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#error")).ToHaveTextAsync("");

        await page.Locator("#override-level-street-1").FillAsync("37");
        await page.Locator("#override-minutes-street-1").FillAsync("15");
        await page.ClickAsync("#override-street-1");

        await Assertions.Expect(page.Locator("#level-street-1")).ToHaveTextAsync("37 %");
        await Peers.Until(() => Math.Abs(cabinet.LampLevel(1, 0x40, 0) - 37) < 0.5, "the simulated PCA9685 channel 0 at 37 %", TimeSpan.FromSeconds(10));

        await page.ClickAsync("#logout");
        await Assertions.Expect(page.Locator("#login")).ToBeVisibleAsync();
    }
}
