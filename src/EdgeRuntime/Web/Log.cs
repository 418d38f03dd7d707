using Microsoft.Extensions.Logging;

namespace EdgeGateway.Runtime.Web;

/// <summary>The technician page's log messages.</summary>
internal static partial class Log
{
    [LoggerMessage(900, LogLevel.Information, "Technician page on {Addresses} (logins {LoginsEnabled})")]
    public static partial void Listening(ILogger logger, string addresses, bool loginsEnabled);

    [LoggerMessage(901, LogLevel.Error, "Technician page cannot listen on {Urls} (EdgeGateway:Web:Urls): {Reason}. Is another program using the port? The gateway runs on without the page and retries every {RetryEvery}")]
    public static partial void CannotListen(ILogger logger, string urls, string reason, TimeSpan retryEvery);

    [LoggerMessage(902, LogLevel.Warning, "Technician page refused {Method} {Path} from {Client}: {Status} {Reason}")]
    public static partial void Refused(ILogger logger, string method, string path, string client, int status, string reason);

    [LoggerMessage(903, LogLevel.Warning, "Technician page: {Count} more refused requests in the last {Window} not logged one by one")]
    public static partial void RefusedSuppressed(ILogger logger, int count, TimeSpan window);

    [LoggerMessage(904, LogLevel.Error, "Technician page: {Method} {Path} failed: {Error}")]
    public static partial void Failed(ILogger logger, string method, string path, string error);

    [LoggerMessage(905, LogLevel.Information, "Technician page: lamp test of {Group} at {Level} % for {Minutes} min by {By}")]
    public static partial void LampTest(ILogger logger, string group, int level, int minutes, string by);

    [LoggerMessage(906, LogLevel.Warning, "Technician page: login refused from {Client}: {Outcome}")]
    public static partial void LoginRefused(ILogger logger, string client, LoginOutcome outcome);
}
