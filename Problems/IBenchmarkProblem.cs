using Pinn.Physics;

namespace Pinn.Problems;

/// <summary>A problem of the catalogue: its definition (exactly as in the literature) and defaults.</summary>
public interface IBenchmarkProblem
{
    /// <summary>Command-line name, e.g. <c>poisson2d</c>.</summary>
    string Name { get; }
    /// <summary>One line: equation, domain, conditions.</summary>
    string Description { get; }
    /// <summary>Default hidden widths of the network.</summary>
    int[] DefaultHidden { get; }
    /// <summary>The settings <c>pinn solve</c> uses when given none (see <see cref="Problems.Recipe"/>).</summary>
    Recipe Recipe { get; }
    /// <summary>The hard-constrained form u = A + B·N in words (used with <see cref="ProblemOptions.Hard"/>), or null when there is none.</summary>
    string? HardForm => null;
    /// <summary>The input in which the problem is periodic (embedded with <see cref="ProblemOptions.PeriodicEmbedding"/>), or null.</summary>
    int? PeriodicCoordinate => null;
    /// <summary>Builds the problem with the given collocation sizes and form; an <see cref="ArgumentException"/> for a form it lacks.</summary>
    Problem Create(ProblemOptions size);
}
