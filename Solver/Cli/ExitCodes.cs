namespace Pinn.Solver.Cli;

/// <summary>Exit codes of the <c>pinn</c> program.</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;
    /// <summary>The run failed for a reason other than the input (a bug, a numerical breakdown).</summary>
    public const int Failure = 1;
    /// <summary>Bad input: unknown names, malformed specs, bad sizes, unwritable files.</summary>
    public const int Usage = 2;
    /// <summary>Interrupted by Ctrl-C (SIGINT) after writing a checkpoint (128 + 2, the shell convention).</summary>
    public const int Interrupted = 130;
}
