using Spectre.Console.Cli;

namespace Pinn.Solver.Cli;

/// <summary>
/// Parses a <c>pinn solve</c> argument list into its <see cref="SolveSettings"/> with the program's own parser (strict,
/// the same rules and messages as the command line), without running anything.
/// </summary>
public static class SolveArguments
{
    [ThreadStatic] private static SolveSettings? _captured;

    /// <summary>The settings of <paramref name="arguments"/> (command name <c>solve</c> first); a mistake is a <see cref="UsageException"/>.</summary>
    public static SolveSettings Parse(IReadOnlyList<string> arguments)
    {
        if (arguments.Count == 0 || arguments[0] != "solve")
            throw new UsageException($"a planned run must start with 'solve' (got '{string.Join(' ', arguments)}')");
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.PropagateExceptions();
            config.UseStrictParsing();
            config.AddCommand<Capture>("solve");
        });
        _captured = null;
        try
        {
            app.Run(arguments);
        }
        catch (Exception e) when (e is CommandParseException or CommandRuntimeException)
        {
            throw new UsageException($"{e.Message} in 'pinn {string.Join(' ', arguments)}'");
        }
        return _captured ?? throw new UsageException($"'pinn {string.Join(' ', arguments)}' is not a solve command");
    }

    /// <summary>The validated job of <paramref name="arguments"/>.</summary>
    public static SolveJob Job(IReadOnlyList<string> arguments) => SolveJob.FromSettings(Parse(arguments), arguments);

    private sealed class Capture : Command<SolveSettings>
    {
        public override int Execute(CommandContext context, SolveSettings settings, CancellationToken cancellationToken)
        {
            _captured = settings;
            return 0;
        }
    }
}
