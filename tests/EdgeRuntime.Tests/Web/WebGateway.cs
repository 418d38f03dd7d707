using System.Net;
using System.Text.Json;
using EdgeGateway.Drivers.Simulation;
using EdgeGateway.Runtime.Cabinet;
using EdgeGateway.Runtime.Hosting;
using EdgeGateway.Runtime.Web;
using EdgeGateway.Sync.Log;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;

namespace EdgeGateway.Runtime.Tests.Web;

/// <summary>The whole gateway host on the virtual cabinet (no MQTT: <c>Simulation:Enabled</c> without <c>--simulate</c>
/// starts no embedded broker), on a <see cref="FakeTimeProvider"/> at night, with its page on a free loopback port,
/// and an <see cref="HttpClient"/> that keeps cookies like a browser.</summary>
internal sealed class WebGateway : IAsyncDisposable
{
    public const string Password = "lamp-post-42";

    /// <summary>The hash of <see cref="Password"/> as provision writes it (at the fewest iterations the check accepts, so
    /// a test's logins stay fast).</summary>
    public static readonly string Hash = PasswordHash.Create(Password, 100_000);
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);

    private readonly string _folder;
    private readonly IHost _host;

    private WebGateway(string folder, IHost host, FakeTimeProvider time)
    {
        _folder = folder;
        _host = host;
        Time = time;
        var server = host.Services.GetRequiredService<TechnicianWebServer>();
        Http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies }) { BaseAddress = new Uri(server.Addresses[0]), Timeout = Wait };
    }

    public FakeTimeProvider Time { get; }

    public CookieContainer Cookies { get; } = new();

    public HttpClient Http { get; }

    public IServiceProvider Services => _host.Services;

    public CabinetService Cabinet => Services.GetRequiredService<CabinetService>();

    public static Dictionary<string, string?> Settings(string folder) => new()
    {
        ["EdgeGateway:GatewayId"] = "web-test",
        ["EdgeGateway:Simulation:Enabled"] = "true",
        ["EdgeGateway:Storage:Path"] = Path.Combine(folder, "log.db"),
        ["EdgeGateway:Web:Urls"] = "http://127.0.0.1:0",

        // The page's tests read events from the log on a fake clock that only they move: commit each at once.
        ["EdgeGateway:Recorder:CommitInterval"] = "00:00:00",
        ["EdgeGateway:Web:PasswordHash"] = Hash,
        ["EdgeGateway:I2cBuses:0:BusId"] = "1",
        ["EdgeGateway:I2cBuses:0:Devices:0:Id"] = "lux1",
        ["EdgeGateway:I2cBuses:0:Devices:0:Kind"] = "bh1750",
        ["EdgeGateway:I2cBuses:0:Devices:0:Address"] = "35",
        ["EdgeGateway:I2cBuses:0:Devices:1:Id"] = "pwm1",
        ["EdgeGateway:I2cBuses:0:Devices:1:Kind"] = "pca9685",
        ["EdgeGateway:I2cBuses:0:Devices:1:Address"] = "64",
        ["EdgeGateway:LampGroups:0:Id"] = "street-1",
        ["EdgeGateway:LampGroups:0:LightSensor"] = "lux1",
        ["EdgeGateway:LampGroups:0:Outputs:0:Device"] = "pwm1",
        ["EdgeGateway:LampGroups:0:Outputs:0:Channel"] = "0",
        ["EdgeGateway:Cabinet:DoorPin"] = "17",
    };

    /// <summary>Starts the host; 21:00 in Timișoara in November is night. From an <c>InitializeAsync</c>, pass the test class's
    /// <see cref="TestLog.Current"/> taken in its constructor as <paramref name="log"/> (an async method's own would be lost).</summary>
    public static async Task<WebGateway> StartAsync(Action<Dictionary<string, string?>>? tweak = null, TestLogCollector? log = null)
    {
        string folder = Directory.CreateTempSubdirectory("web-tests-").FullName;
        var settings = Settings(folder);
        tweak?.Invoke(settings);
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 26, 19, 0, 0, TimeSpan.Zero));
        var host = GatewayHost.Build(new GatewayLaunch { UseDefaultSources = false, Overrides = settings, Time = time });
        TestLog.Attach(host.Services, log);
        await host.StartAsync().WaitAsync(Wait);

        // The loops take their first tick on their own threads, which a loaded machine may not have run yet; one
        // lighting step at the start time here makes the lamp state the tests read deterministic (a step is idempotent).
        host.Services.GetRequiredService<EdgeGateway.Runtime.Lighting.LightingService>().Step(time.GetUtcNow());
        return new WebGateway(folder, host, time);
    }

    public Task<HttpResponseMessage> PostJsonAsync(string path, object body) =>
        Http.PostAsync(path, new StringContent(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json"));

    public async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();

    public async Task LoginAsync()
    {
        using var response = await PostJsonAsync("/api/session", new { password = Password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Waits, bounded, for an event in the durable log that satisfies <paramref name="match"/>; signalled by
    /// the log's Appended event, not polled.</summary>
    public async Task<JsonElement> EventAsync(Func<JsonElement, bool> match)
    {
        var log = Services.GetRequiredService<DurableLog>();
        using var timeout = new CancellationTokenSource(Wait);
        while (true)
        {
            var appended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            void OnAppended() => appended.TrySetResult();
            log.Appended += OnAppended;
            try
            {
                var found = log.ReadAfter(0, 100_000).Where(r => r.Kind == RecordKind.Event)
                    .Select(r => JsonDocument.Parse("{" + r.Body + "}").RootElement.Clone()).Where(match).ToList();
                if (found.Count > 0)
                {
                    return found[0];
                }

                await appended.Task.WaitAsync(timeout.Token);
            }
            finally
            {
                log.Appended -= OnAppended;
            }
        }
    }

    /// <summary>Moves the door pin of the virtual cabinet and lets the cabinet confirm it past the debounce.</summary>
    public void Door(bool open)
    {
        Services.GetRequiredService<VirtualCabinet>().Gpio.SetInput(17, open ? System.Device.Gpio.PinValue.High : System.Device.Gpio.PinValue.Low);
        for (int i = 0; i < 2; i++)
        {
            Time.Advance(TimeSpan.FromMilliseconds(100));
            Cabinet.Step(Time.GetUtcNow());
        }
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _host.StopAsync().WaitAsync(Wait);
        _host.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
