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
    /// <summary>Builds the problem with the given collocation sizes.</summary>
    Problem Create(ProblemSize size);
}
