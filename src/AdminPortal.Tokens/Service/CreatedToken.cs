namespace AdminPortal.Tokens.Service;

/// <summary>A token just created or rolled, with its secret: the only time the secret exists outside the caller's hands.</summary>
public sealed record CreatedToken(TokenView Token, string Secret)
{
    /// <summary>Keeps the secret out of logs and debugger displays.</summary>
    public override string ToString() => $"CreatedToken {{ Token = {Token.Id}, Secret = *** }}";
}
