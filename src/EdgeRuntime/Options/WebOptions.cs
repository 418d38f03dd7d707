namespace EdgeGateway.Runtime.Options;

/// <summary>The technician page (<c>EdgeGateway:Web</c>): plain HTTP on the cabinet's LAN.</summary>
internal sealed class WebOptions
{
    /// <summary>Where the page listens when nothing is configured.</summary>
    public const string DefaultUrls = "http://0.0.0.0:8080";

    /// <summary>Where the page listens under <c>--simulate</c> when nothing is configured: this machine only.</summary>
    public const string SimulateUrls = "http://127.0.0.1:8080";

    /// <summary>Serve the page at all.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Semicolon-separated <c>http://host:port</c> URLs; port 0 picks a free port (tests).</summary>
    public string Urls { get; set; } = DefaultUrls;

    /// <summary>The old plain-text technician password: no longer accepted (validation refuses a non-empty value and
    /// names <c>edge-gateway provision --technician-password-file</c>); kept only so that the message can be given.</summary>
    public string Password { get; set; } = "";

    /// <summary>The technician password as a salted hash (<see cref="Web.PasswordHash"/>:
    /// <c>pbkdf2-sha256$ITERATIONS$SALT$HASH</c>), as <c>edge-gateway provision</c> writes it. When empty the page is
    /// read-only: it says how to set one, and login and commands are refused.</summary>
    public string PasswordHash { get; set; } = "";

    /// <summary>How long a login (and the cabinet's technician session it opens) lasts.</summary>
    public TimeSpan SessionDuration { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Host names (besides IP literals, <c>localhost</c> and this machine's name) the page answers to, separated by
    /// semicolons; any other <c>Host</c> header is refused (DNS rebinding).</summary>
    public string AllowedHosts { get; set; } = "";
}
