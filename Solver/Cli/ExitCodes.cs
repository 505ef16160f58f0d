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
    /// <summary>Stopped by SIGTERM (kill, a batch system's time limit) after writing a checkpoint (128 + 15).</summary>
    public const int Terminated = 143;
    /// <summary>Stopped by SIGHUP (the terminal or SSH session closed) after writing a checkpoint (128 + 1).</summary>
    public const int HungUp = 129;
}
