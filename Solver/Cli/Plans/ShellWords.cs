namespace Pinn.Solver.Cli;

/// <summary>POSIX shell quoting: words that need it go in single quotes.</summary>
public static class ShellWords
{
    /// <summary><paramref name="word"/> as one shell word.</summary>
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:=,+@%".Contains(c)) ? word : "'" + word.Replace("'", "'\\''") + "'";

    /// <summary>The words quoted and joined by spaces.</summary>
    public static string Join(IEnumerable<string> words) => string.Join(' ', words.Select(Quote));
}
