using Spectre.Console.Cli;

namespace Pinn.Solver.Cli;

/// <summary>
/// <c>pinn resume FILE</c>: continues the run saved in a checkpoint with the arguments it was started with;
/// the steps taken are exactly those the uninterrupted run would have taken (bit for bit on the CPU).
/// </summary>
public sealed class ResumeCommand : Command<ResumeSettings>
{
    /// <inheritdoc />
    public override int Execute(CommandContext context, ResumeSettings settings, CancellationToken cancellationToken)
    {
        var record = Checkpoints.Read(settings.Checkpoint);
        var c = record.Checkpoint!;
        // a checkpoint stores the resolved arguments (ending in --no-recipe); one written before recipes existed ran the plain defaults
        string[] arguments = c.Arguments.Contains(SolveRecipe.Off) ? [.. c.Arguments] : [.. c.Arguments, SolveRecipe.Off];
        Console.Error.WriteLine($"pinn: resuming '{settings.Checkpoint}' ({c.Reason} checkpoint at step {c.Step}): solve {string.Join(' ', arguments)}");
        string[] args = ["solve", .. arguments, "--resume-from", settings.Checkpoint];
        return CommandLine.CreateApp().Run(args);
    }
}
