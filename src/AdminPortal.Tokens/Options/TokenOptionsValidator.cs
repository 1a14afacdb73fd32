using Microsoft.Extensions.Options;

namespace AdminPortal.Tokens.Options;

/// <summary>Checks what data annotations cannot: the hash key and the scope configuration.</summary>
internal sealed class TokenOptionsValidator : IValidateOptions<TokenOptions>
{
    public ValidateOptionsResult Validate(string? name, TokenOptions options)
    {
        var problems = new ScopeCatalog(options).Problems().ToList();
        if (options.HashKey is { } key && !IsStrongKey(key))
        {
            problems.Add("Tokens:HashKey must be base64 of at least 32 bytes.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }

    internal static bool IsStrongKey(string key)
    {
        var buffer = new byte[key.Length];
        return Convert.TryFromBase64String(key, buffer, out var length) && length >= 32;
    }
}
