using System.Security.Cryptography;
using EdgeGateway.Runtime.Cabinet;
using EdgeGateway.Runtime.Options;

namespace EdgeGateway.Runtime.Web;

/// <summary>
/// Page logins. A good password opens (or extends) the cabinet's one <see cref="TechnicianSession"/> and returns a
/// random cookie token bound to that session's generation: when the session ends (logout, MQTT
/// <c>cabinet.session {"open":false}</c>, expiry on the host's clock) every page token of it stops working.
/// </summary>
internal sealed class PageLogins(WebOptions options, CabinetService cabinet, TimeProvider time)
{
    /// <summary>What a page login is called in the session and in <c>light.*</c> events.</summary>
    public const string By = "technician page";

    /// <summary>Wrong passwords in a row from one address that lock that address out for <see cref="Lockout"/>: slows
    /// guessing on a LAN without letting another machine lock the technician out.</summary>
    public const int MaxFailures = 5;

    /// <summary>How long an address stays locked out.</summary>
    public static readonly TimeSpan Lockout = TimeSpan.FromMinutes(1);

    private const int MaxClients = 256;
    private const int MaxTokens = 32;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, long> _tokens = new(StringComparer.Ordinal);

    // One PBKDF2 check at a time: 600,000 iterations is ~0.3 s of a Pi core, and parallel guesses must not take both.
    private readonly SemaphoreSlim _verify = new(1, 1);
    private readonly Dictionary<string, (int Failures, DateTimeOffset LockedUntil)> _clients = new(StringComparer.Ordinal);

    /// <summary>True when a technician password hash is configured (otherwise the page is read-only).</summary>
    public bool Enabled => options.PasswordHash.Length > 0;

    /// <summary>How long a login lasts.</summary>
    public TimeSpan SessionDuration => options.SessionDuration;

    /// <summary>Checks <paramref name="password"/> in constant time; on success opens the session. Failures count
    /// per <paramref name="client"/> (the remote address).</summary>
    public LoginResult Login(string password, string client = "")
    {
        var now = time.GetUtcNow();
        if (!Enabled)
        {
            return new LoginResult(LoginOutcome.Disabled, null, null);
        }

        lock (_gate)
        {
            var record = _clients.GetValueOrDefault(client);
            if (now < record.LockedUntil)
            {
                return new LoginResult(LoginOutcome.LockedOut, null, null);
            }
        }

        bool good;
        _verify.Wait();
        try
        {
            // Salted PBKDF2, compared in constant time (PasswordHash.Verify).
            good = PasswordHash.Verify(password, options.PasswordHash);
        }
        finally
        {
            _verify.Release();
        }

        lock (_gate)
        {
            var record = _clients.GetValueOrDefault(client);
            if (now < record.LockedUntil)
            {
                return new LoginResult(LoginOutcome.LockedOut, null, null);
            }

            if (!good)
            {
                if (_clients.Count >= MaxClients && !_clients.ContainsKey(client))
                {
                    // Bounded: forget addresses that are not locked out (a flood of addresses cannot grow memory).
                    foreach (var key in _clients.Where(c => c.Value.LockedUntil <= now).Select(c => c.Key).ToList())
                    {
                        _clients.Remove(key);
                    }
                }

                record = record.Failures + 1 >= MaxFailures ? (0, now + Lockout) : (record.Failures + 1, record.LockedUntil);
                if (_clients.Count < MaxClients || _clients.ContainsKey(client))
                {
                    _clients[client] = record;
                }

                return new LoginResult(LoginOutcome.WrongPassword, null, null);
            }

            _clients.Remove(client);
            var session = cabinet.SetSession(true, options.SessionDuration, now, By)!;
            Prune(now);
            string token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            _tokens[token] = session.Generation;
            return new LoginResult(LoginOutcome.Ok, token, session);
        }
    }

    /// <summary>The open session <paramref name="token"/> belongs to, or null (no token, unknown, or its session ended).</summary>
    public TechnicianSessionStatus? Validate(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return null;
        }

        lock (_gate)
        {
            return _tokens.TryGetValue(token, out long generation) && cabinet.Session.Current(time.GetUtcNow()) is { } s && s.Generation == generation ? s : null;
        }
    }

    /// <summary>Ends the session if <paramref name="token"/> belongs to it; true if it did.</summary>
    public bool Logout(string? token)
    {
        if (Validate(token) is null)
        {
            return false;
        }

        lock (_gate)
        {
            cabinet.SetSession(false, TimeSpan.Zero, time.GetUtcNow(), By);
            _tokens.Clear();
            return true;
        }
    }

    private void Prune(DateTimeOffset now)
    {
        long? current = cabinet.Session.Current(now)?.Generation;
        foreach (var (token, generation) in _tokens.ToList())
        {
            if (generation != current || _tokens.Count >= MaxTokens)
            {
                _tokens.Remove(token);
            }
        }
    }
}
