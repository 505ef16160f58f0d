namespace Pinn.Solver.Singularity;

/// <summary>Weights of the row types of <see cref="ProfileLinearization"/>.</summary>
/// <param name="FirstDerivative">w₁ of the rows √(1+y²)·R̃'.</param>
/// <param name="SecondDerivative">w₂ of the rows (1+y²)·R̃''.</param>
/// <param name="Conditions">w_c of U'(0) + 1 and U(−2) − 1.</param>
/// <param name="Origin">w_o of the Taylor coefficient of R of order 2m+1 at y = 0 (<see cref="ProfileLinearization.OriginCoefficient"/>); 0 leaves it out.</param>
public sealed record ProfileWeights(double FirstDerivative = 0.1, double SecondDerivative = 0.01, double Conditions = 1, double Origin = 1);
