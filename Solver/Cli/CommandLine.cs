using Spectre.Console.Cli;

namespace Pinn.Solver.Cli;

/// <summary>Runs the command app and turns every failure into a one-line message and an exit code.</summary>
public static class CommandLine
{
    /// <summary>Runs <paramref name="app"/>; usage errors exit with 2, other failures with 1.</summary>
    public static int Run(ICommandApp app, string[] args)
    {
        try
        {
            return app.Run(args);
        }
        catch (Exception e) when (IsUsage(e))
        {
            Console.Error.WriteLine($"pinn: {OneLine(e.Message)}");
            return ExitCodes.Usage;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"pinn: failed: {OneLine(e.Message)}");
            return ExitCodes.Failure;
        }
    }

    private static bool IsUsage(Exception e) => e is UsageException or CommandParseException or CommandRuntimeException;

    private static string OneLine(string message) =>
        string.Join(' ', message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
