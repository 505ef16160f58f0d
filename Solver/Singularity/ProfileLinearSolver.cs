namespace Pinn.Solver.Singularity;

/// <summary>How <see cref="StageTrainer"/> solves each Levenberg–Marquardt step.</summary>
public enum ProfileLinearSolver
{
    /// <summary>The SVD of the column-scaled Jacobian (<see cref="Optimizers.SvdLevenbergMarquardt"/>): keeps cond(J), not cond(J)².</summary>
    Svd,

    /// <summary>The normal equations (JᵀJ + μD)h = −Jᵀr by Cholesky (<see cref="Optimizers.LevenbergMarquardt"/>), for comparison.</summary>
    NormalEquations,
}
