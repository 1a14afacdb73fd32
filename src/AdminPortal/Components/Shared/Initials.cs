namespace AdminPortal.Components.Shared;

/// <summary>The letters of a person's avatar.</summary>
public static class Initials
{
    /// <summary>The first letter of the first and last word, upper case ("Ada Admin" is "AA"); "?" for a blank name.</summary>
    public static string Of(string? name)
    {
        var words = (name ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return words.Length switch
        {
            0 => "?",
            1 => First(words[0]),
            _ => First(words[0]) + First(words[^1]),
        };

        // A whole text element, so that a name starting with an emoji or a combined letter is not cut in half.
        static string First(string word) =>
            System.Globalization.StringInfo.GetNextTextElement(word).ToUpperInvariant();
    }
}
