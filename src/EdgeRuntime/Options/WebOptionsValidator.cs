namespace EdgeGateway.Runtime.Options;

/// <summary>Validates <c>EdgeGateway:Web</c>; every message names the bad key.</summary>
internal static class WebOptionsValidator
{
    /// <summary>The shortest technician password accepted (a cabinet on a shared LAN), for whatever sets one.</summary>
    public const int MinPasswordLength = 8;

    private const string P = GatewayOptions.Section + ":Web";

    /// <summary>Every problem with the web section.</summary>
    public static IEnumerable<string> Errors(GatewayOptions o)
    {
        var w = o.Web;
        if (!w.Enabled)
        {
            yield break;
        }

        var urls = w.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (urls.Length == 0)
        {
            yield return $"{P}:Urls must list at least one http://host:port URL (was '{w.Urls}')";
        }

        foreach (var url in urls)
        {
            if (UrlError(url) is { } error)
            {
                yield return $"{P}:Urls: '{url}' {error}";
            }
        }

        if (w.PasswordHash.Length > 0 && !Web.PasswordHash.IsWellFormed(w.PasswordHash))
        {
            yield return $"{P}:PasswordHash must be a hash written by 'edge-gateway provision' (pbkdf2-sha256$ITERATIONS$SALT$HASH)";
        }

        if (w.Password.Length > 0)
        {
            // Refused, not hashed at start: a plain password must not stay in the config file (and in backups of it).
            yield return $"{P}:Password (a plain-text password) is no longer accepted: remove it and run 'edge-gateway provision --technician-password-file FILE', which stores only a salted hash in {P}:PasswordHash";
        }

        if (w.SessionDuration < TimeSpan.FromMinutes(1) || w.SessionDuration > o.Cabinet.MaxSession)
        {
            yield return $"{P}:SessionDuration must be between 1 minute and EdgeGateway:Cabinet:MaxSession ({o.Cabinet.MaxSession}) (was {w.SessionDuration})";
        }
    }

    private static string? UrlError(string url)
    {
        // Kestrel's own wildcard forms (http://*:8080, http://+:8080) are not URIs; check them by hand.
        if (url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            return "is https: the gateway has no certificate; use http:// on the cabinet LAN";
        }

        if (!url.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            return "must look like http://host:port";
        }

        string rest = url["http://".Length..].TrimEnd('/');

        int colon = rest.LastIndexOf(':');
        if (colon <= 0 || rest.EndsWith(']'))
        {
            return "must name a port, like http://0.0.0.0:8080";
        }

        string host = rest[..colon];
        if (!int.TryParse(rest[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int port) || port > 65535)
        {
            return "must have a port 0-65535";
        }

        return host is "*" or "+" || Uri.CheckHostName(host.Trim('[', ']')) != UriHostNameType.Unknown ? null : "has an invalid host";
    }
}
