namespace EdgeGateway.Runtime.Web;

/// <summary>Outcomes of a login attempt.</summary>
internal enum LoginOutcome
{
    /// <summary>Logged in.</summary>
    Ok,

    /// <summary>The password is wrong.</summary>
    WrongPassword,

    /// <summary>No technician password is configured: the page is read-only.</summary>
    Disabled,

    /// <summary>Too many wrong passwords in a row: wait a minute.</summary>
    LockedOut,
}
