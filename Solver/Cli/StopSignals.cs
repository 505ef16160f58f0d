using System.Runtime.InteropServices;

namespace Pinn.Solver.Cli;

/// <summary>
/// Turns SIGINT (Ctrl-C), SIGTERM (<c>kill</c>, Slurm's time limit and <c>scancel</c>) and SIGHUP (a closed terminal or
/// SSH session) into a cancellation: the run finishes its step, writes a checkpoint and exits with 128 + the signal's
/// number (130, 143, 129). Further signals while the checkpoint is written are absorbed, so a second TERM (Slurm signals
/// every process of a step, and a wrapper may forward one more) cannot abort a half-written checkpoint.
/// </summary>
public sealed class StopSignals : IDisposable
{
    private readonly CancellationTokenSource _source;
    private readonly PosixSignalRegistration[] _registrations;
    private int _received;

    private StopSignals(CancellationToken linked)
    {
        _source = CancellationTokenSource.CreateLinkedTokenSource(linked);
        _registrations = [.. new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP }.Select(s => PosixSignalRegistration.Create(s, OnSignal))];
    }

    /// <summary>Starts listening (until disposed); <paramref name="linked"/> also cancels.</summary>
    public static StopSignals Listen(CancellationToken linked = default) => new(linked);

    /// <summary>Cancelled by the first stop signal.</summary>
    public CancellationToken Token => _source.Token;

    /// <summary>The first signal received, or null.</summary>
    public PosixSignal? Received => _received == 0 ? null : (PosixSignal)_received;

    /// <summary>The exit code for the signal received: 128 + its number (130 when none was received, as for Ctrl-C).</summary>
    public int ExitCode => Received switch
    {
        PosixSignal.SIGTERM => ExitCodes.Terminated,
        PosixSignal.SIGHUP => ExitCodes.HungUp,
        _ => ExitCodes.Interrupted,
    };

    /// <summary>The signal's name for messages, e.g. "SIGTERM".</summary>
    public string Name => Received?.ToString() ?? "SIGINT";

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;   // no default termination: finish the step, write the checkpoint, exit
        Interlocked.CompareExchange(ref _received, (int)context.Signal, 0);
        _source.Cancel();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
        _source.Dispose();
    }
}
