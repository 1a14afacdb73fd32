namespace AdminPortal.Tokens.Verification;

/// <summary>Something that holds derived token state (such as the verification cache) and must drop it on a change.</summary>
public interface ITokenChangeListener
{
    /// <summary>Called after the change is committed; must be fast and must not throw.</summary>
    void OnTokenChanged(TokenChange change);
}
