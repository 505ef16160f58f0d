using System.Text;

namespace Pinn.Solver.Cli;

/// <summary>
/// Writes to two writers (the console and a log file) and remembers the last complete line that starts with
/// <c>pinn:</c>, the program's one-line reason for a failure.
/// </summary>
public sealed class TeeWriter(TextWriter first, TextWriter second) : TextWriter
{
    private readonly StringBuilder _line = new();

    /// <summary>The last line written that starts with <c>pinn:</c> (without the prefix), or null.</summary>
    public string? LastMessage { get; private set; }

    /// <inheritdoc />
    public override Encoding Encoding => first.Encoding;

    /// <inheritdoc />
    public override void Write(char value)
    {
        first.Write(value);
        second.Write(value);
        if (value == '\n') EndLine();
        else if (value != '\r') _line.Append(value);
    }

    /// <inheritdoc />
    public override void Write(string? value)
    {
        if (value is null) return;
        first.Write(value);
        second.Write(value);
        foreach (var c in value)
        {
            if (c == '\n') EndLine();
            else if (c != '\r') _line.Append(c);
        }
    }

    /// <inheritdoc />
    public override void WriteLine(string? value) => Write((value ?? "") + "\n");

    /// <inheritdoc />
    public override void Flush()
    {
        first.Flush();
        second.Flush();
    }

    private void EndLine()
    {
        var line = _line.ToString();
        if (line.StartsWith("pinn: ", StringComparison.Ordinal)) LastMessage = line["pinn: ".Length..];
        _line.Clear();
    }
}
