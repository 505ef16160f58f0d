namespace Pinn.Problems;

/// <summary>What the user chooses of a benchmark problem: collocation sizes (null keeps the problem's literature default) and its form (hard-constrained, periodic embedding).</summary>
/// <param name="InteriorPoints">Residual points in the interior (space × time).</param>
/// <param name="BoundaryPoints">Points for the boundary and initial conditions together.</param>
/// <param name="Hard">Use the problem's hard-constrained form (<see cref="IBenchmarkProblem.HardForm"/>): the conditions it
/// satisfies exactly lose their loss terms.</param>
/// <param name="PeriodicEmbedding">Embed the periodic coordinate (<see cref="IBenchmarkProblem.PeriodicCoordinate"/>) so that
/// periodicity holds exactly and the periodic term is dropped.</param>
public sealed record ProblemOptions(int? InteriorPoints = null, int? BoundaryPoints = null, bool Hard = false, bool PeriodicEmbedding = false)
{
    /// <summary>Throws on zero or negative sizes.</summary>
    public ProblemOptions Validate()
    {
        if (InteriorPoints is <= 0) throw new ArgumentOutOfRangeException(nameof(InteriorPoints), $"--points must be a positive integer (got {InteriorPoints})");
        if (BoundaryPoints is <= 0) throw new ArgumentOutOfRangeException(nameof(BoundaryPoints), $"--boundary-points must be a positive integer (got {BoundaryPoints})");
        return this;
    }

    /// <summary>Throws an <see cref="ArgumentException"/> (one line) when <paramref name="problem"/> has no form that was asked for.</summary>
    public ProblemOptions CheckForms(IBenchmarkProblem problem)
    {
        Validate();
        if (Hard && problem.HardForm is null)
            throw new ArgumentException($"--hard: {problem.Name} has no hard-constrained form (problems with one: {Names(p => p.HardForm is not null)})");
        if (PeriodicEmbedding && problem.PeriodicCoordinate is null)
            throw new ArgumentException($"--periodic: {problem.Name} is not periodic (periodic problems: {Names(p => p.PeriodicCoordinate is not null)})");
        return this;
    }

    private static string Names(Func<IBenchmarkProblem, bool> which) => string.Join(", ", ProblemCatalog.All.Where(which).Select(p => p.Name));
}
