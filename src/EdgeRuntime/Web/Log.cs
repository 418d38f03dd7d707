using Microsoft.Extensions.Logging;

namespace EdgeGateway.Runtime.Web;

/// <summary>The technician page's log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(900, LogLevel.Information, "Technician page on {Addresses} (logins {LoginsEnabled})")]
    public static partial void Listening(ILogger logger, string addresses, bool loginsEnabled);

    [LoggerMessage(901, LogLevel.Error, "Technician page cannot listen on {Urls} (EdgeGateway:Web:Urls): {Reason}. Is another program using the port? The gateway runs on without the page and retries every {RetryEvery}")]
    public static partial void CannotListen(ILogger logger, string urls, string reason, TimeSpan retryEvery);
}
