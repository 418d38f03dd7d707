namespace EdgeGateway.Sync.Tests.Support;

/// <summary>The one bound on how long a test waits for a signal: a hang fails the test instead of blocking the run.</summary>
internal static class Waits
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static Task<T> Bounded<T>(this Task<T> task) => task.WaitAsync(Timeout);

    public static Task Bounded(this Task task) => task.WaitAsync(Timeout);

    public static Task<T> Bounded<T>(this ValueTask<T> task) => task.AsTask().WaitAsync(Timeout);
}
