using System.Diagnostics.CodeAnalysis;

namespace AdminPortal.Tokens.Service;

/// <summary>The outcome of an operation: a value, or the error that says why there is none.</summary>
public readonly struct Result<T>
{
    private Result(T? value, TokenError? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The value, when the operation succeeded.</summary>
    public T? Value { get; }

    /// <summary>The error, when it did not.</summary>
    public TokenError? Error { get; }

    /// <summary>Whether the operation succeeded.</summary>
    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Error is null;

    /// <summary>A success (for interface-typed values, which implicit conversions cannot take).</summary>
    public static Result<T> Ok(T value) => new(value, null);

    /// <summary>A success.</summary>
    public static implicit operator Result<T>(T value) => new(value, null);

    /// <summary>A failure.</summary>
    public static implicit operator Result<T>(TokenError error) => new(default, error);

    /// <inheritdoc />
    public override string ToString() => Succeeded ? $"Ok({Value})" : $"Error({Error})";
}
