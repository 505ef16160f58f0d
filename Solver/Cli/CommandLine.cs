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
            config.AddCommand<ResumeCommand>("resume").WithDescription("Continue a run from its checkpoint (bit for bit).")
                .WithExample("resume", "poisson2d.checkpoint.h5");
            config.AddCommand<VerifyCommand>("verify").WithDescription("Re-evaluate a results file's network; exit 1 if its recorded errors disagree or exceed --max-rel-l2.")
                .WithExample("verify", "run.h5", "--max-rel-l2", "1e-5");
            config.AddCommand<PlotCommand>("plot").WithDescription("Figures (PNG and SVG) of a results file: loss and error histories, solution, exact solution, error.")
                .WithExample("plot", "run.h5");
            config.AddCommand<BenchCommand>("bench").WithDescription("Benchmark suite under a wall-clock budget per case; optionally side by side with PyTorch.")
                .WithExample("bench", "--suite", "quick", "--against-torch");
            config.AddCommand<StudyCommand>("study").WithDescription("Convergence study: solve once per value of a varied quantity; table and figure.")
                .WithExample("study", "poisson2d", "--vary", "width=8,16,32,64", "--optimizer", "engd:500");
            config.AddCommand<RunPlanCommand>("run-plan").WithDescription("Run a plan's line (--index I, what a Slurm array task calls) or every line here (--all --jobs N).")
                .WithExample("run-plan", "sweep/study.plan", "--all", "--jobs", "2");
            config.AddCommand<SubmitCommand>("submit").WithDescription("Submit a plan to Slurm as a job array (writes PLAN.sbatch, calls sbatch; --dry-run prints it).")
                .WithExample("submit", "sweep/study.plan", "--partition", "short", "--time", "01:00:00", "--mem", "2G");
            config.AddCommand<GatherCommand>("gather").WithDescription("Tables and figures of a plan from whatever results exist; lists missing and failed runs.")
                .WithExample("gather", "sweep");
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
