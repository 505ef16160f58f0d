using Spectre.Console.Cli;

namespace Pinn.Solver.Cli;

/// <summary>Runs the command app and turns every failure into a one-line message and an exit code.</summary>
public static class CommandLine
{
    /// <summary>The <c>pinn</c> command set.</summary>
    public static CommandApp CreateApp()
    {
        var app = new CommandApp();
        app.Configure(config =>
        {
            config.SetApplicationName("pinn");
            config.PropagateExceptions();
            config.UseStrictParsing();
            config.AddCommand<ListCommand>("list").WithDescription("List the problems and optimizers.");
            config.AddCommand<SolveCommand>("solve").WithDescription("Train a PINN on a problem and report its error.")
                .WithExample("solve", "poisson2d", "--optimizer", "adam:1000,lbfgs:1000", "--json");
            config.AddCommand<SingularityCommand>("singularity").WithDescription("Find a self-similar blow-up profile and its rate λ to high precision (burgers).");
            config.AddCommand<TimingCommand>("timing").WithDescription("Time the parts of a step (loss, gradient, Jacobian, Gramian, solve).");
        });
        return app;
    }

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
