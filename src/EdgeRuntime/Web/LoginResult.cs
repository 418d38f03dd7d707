using EdgeGateway.Runtime.Cabinet;

namespace EdgeGateway.Runtime.Web;

/// <summary>What a login attempt gave.</summary>
/// <param name="Outcome">Accepted or why not.</param>
/// <param name="Token">The cookie token when accepted.</param>
/// <param name="Session">The technician session it opened or extended.</param>
internal sealed record LoginResult(LoginOutcome Outcome, string? Token, TechnicianSessionStatus? Session);
