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
        Console.Error.WriteLine($"pinn: resuming '{settings.Checkpoint}' ({c.Reason} checkpoint at step {c.Step}): solve {string.Join(' ', c.Arguments)}");
        string[] args = ["solve", .. c.Arguments, "--resume-from", settings.Checkpoint];
        return CommandLine.CreateApp().Run(args);
    }
}
