namespace EdgeGateway.Hil.Infrastructure;

/// <summary>
/// Finds the real peers HIL tests run against. A missing peer skips the test, unless
/// <c>EDGE_REQUIRE_PEERS=1</c> (as in CI), where it fails it: CI must never pass by skipping.
/// </summary>
public static class Peers
{
    /// <summary>True when CI demands every peer.</summary>
    public static bool Required => Environment.GetEnvironmentVariable("EDGE_REQUIRE_PEERS") == "1";

    /// <summary>The full path of <paramref name="program"/> on PATH (or in /usr/sbin), or skips/fails the test.</summary>
    public static string Require(string program)
    {
        string? found = Find(program);
        if (found is not null)
        {
            return found;
        }

        string message = $"'{program}' is not installed (apt-get install the package that provides it)";
        if (Required)
        {
            throw new InvalidOperationException($"EDGE_REQUIRE_PEERS=1 but {message}");
        }

        Skip.If(true, message);
        return "";
    }

    /// <summary>Finds <paramref name="program"/> on PATH, /usr/sbin or /usr/bin.</summary>
    public static string? Find(string program)
    {
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Concat(["/usr/sbin", "/usr/bin"]);
        return dirs.Select(d => Path.Combine(d, program)).FirstOrDefault(File.Exists);
    }

    /// <summary>A TCP port on loopback that nobody listens on right now.</summary>
    public static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        int port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Waits, bounded, until <paramref name="condition"/> holds; fails the test with <paramref name="what"/> otherwise.</summary>
    public static Task Until(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        Until(() => Task.FromResult(condition()), what, timeout);

    /// <summary>Waits, bounded, until the asynchronous <paramref name="condition"/> holds (e.g. one more poll cycle,
    /// then a look at its readings); fails the test with <paramref name="what"/> otherwise.</summary>
    public static async Task Until(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting for: {what}");
            }

            // Polls a condition on real peers; not a fixed sleep: it returns as soon as the condition holds.
            await Task.Delay(50);
        }
    }

    /// <summary>Kills a peer's process (and its children) and waits, bounded, for it to go; then disposes it.</summary>
    public static async Task StopAsync(System.Diagnostics.Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await process.WaitForExitAsync(cts.Token);
        }
        catch (Exception ex) when (ex is InvalidOperationException or OperationCanceledException)
        {
            // Already gone, or left for the OS to reap: nothing more a test fixture can do.
        }

        process.Dispose();
    }
}
