namespace Pinn.Solver.Cli;

/// <summary>A mistake in what the user asked for: reported as one line, exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
