using Pinn.Verification;
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
            Add<ListCommand>(config, "list").WithDescription("List the problems and optimizers.");
            Add<SolveCommand>(config, "solve").WithDescription("Train a PINN on a problem and report its error.")
                .WithExample("solve", "poisson2d", "--optimizer", "adam:1000,lbfgs:1000", "--json");
            Add<ResumeCommand>(config, "resume").WithDescription("Continue a run from its checkpoint (bit for bit).")
                .WithExample("resume", "poisson2d.checkpoint.h5");
            Add<VerifyCommand>(config, "verify").WithDescription("Re-evaluate a results file's network; exit 1 if its recorded errors disagree or exceed --max-rel-l2.")
                .WithExample("verify", "run.h5", "--max-rel-l2", "1e-5");
            Add<PlotCommand>(config, "plot").WithDescription("Figures (PNG and SVG) of a results file: loss and error histories, solution, exact solution, error.")
                .WithExample("plot", "run.h5");
            Add<BenchCommand>(config, "bench").WithDescription("Benchmark suite under a wall-clock budget per case; optionally side by side with PyTorch.")
                .WithExample("bench", "--suite", "quick", "--against-torch");
            Add<StudyCommand>(config, "study").WithDescription("Convergence study: solve once per value of a varied quantity; table and figure.")
                .WithExample("study", "poisson2d", "--vary", "width=8,16,32,64", "--optimizer", "engd:500");
            Add<RunPlanCommand>(config, "run-plan").WithDescription("Run a plan's line (--index I, what a Slurm array task calls) or every line here (--all --jobs N).")
                .WithExample("run-plan", "sweep/study.plan", "--all", "--jobs", "2");
            Add<SubmitCommand>(config, "submit").WithDescription("Submit a plan to Slurm as a job array (writes PLAN.sbatch, calls sbatch; --dry-run prints it).")
                .WithExample("submit", "sweep/study.plan", "--partition", "short", "--time", "01:00:00", "--mem", "2G");
            Add<GatherCommand>(config, "gather").WithDescription("Tables and figures of a plan from whatever results exist; lists missing and failed runs.")
                .WithExample("gather", "sweep");
            Add<SingularityCommand>(config, "singularity").WithDescription("Find a self-similar blow-up profile and its rate λ to high precision (burgers).");
            Add<TimingCommand>(config, "timing").WithDescription("Time the parts of a step (loss, gradient, Jacobian, Gramian, solve).");
        });
        return app;
    }

    /// <summary>The settings type of each command, by name (filled by <see cref="CreateApp"/>).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Type> Settings = new(StringComparer.Ordinal);

    private static ICommandConfigurator Add<T>(IConfigurator config, string name) where T : class, ICommand
    {
        for (var type = typeof(T); type is not null; type = type.BaseType)
        {
            if (type.IsGenericType && type.GetGenericArguments() is [var settings] && typeof(CommandSettings).IsAssignableFrom(settings))
            {
                Settings[name] = settings;
                break;
            }
        }
        return config.AddCommand<T>(name);
    }

    /// <summary>Runs <paramref name="app"/>; usage errors exit with 2, other failures with 1.</summary>
    public static int Run(ICommandApp app, string[] args)
    {
        try
        {
            OptionValues.Check(args, Settings);
            return app.Run(args);
        }
        catch (Exception e) when (IsUsage(e))
        {
            Console.Error.WriteLine($"pinn: {OneLine(e.Message)}");
            return ExitCodes.Usage;
        }
        catch (OutOfMemoryException)
        {
            Console.Error.WriteLine("pinn: failed: out of memory; lower the sizes (--hidden, --points, --boundary-points) or give --max-memory to have runs that would not fit refused before they start");
            return ExitCodes.Failure;
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"pinn: failed: {OneLine(AtomicFile.Cause(e))}");
            return ExitCodes.Failure;
        }
    }

    private static bool IsUsage(Exception e) => e is UsageException or CommandParseException or CommandRuntimeException;

    private static string OneLine(string message) =>
        string.Join(' ', message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
