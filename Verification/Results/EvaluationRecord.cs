namespace Pinn.Verification;

/// <summary>
/// The trained network evaluated at N points of the domain: stored under <c>/evaluation</c> in a results file.
/// </summary>
/// <param name="Points">Coordinates, N × d (one row per point).</param>
/// <param name="CoordinateNames">The d coordinate names, e.g. <c>["x", "t"]</c>.</param>
/// <param name="Prediction">u at the N points.</param>
/// <param name="Exact">u* at the N points, or null when no exact solution is known.</param>
/// <param name="Error">Pointwise signed error u − u* (against the exact or a reference solution), N values.</param>
/// <remarks>Arrays are compared by reference by the record's equality.</remarks>
public sealed record EvaluationRecord(
    double[,] Points,
    string[] CoordinateNames,
    double[] Prediction,
    double[]? Exact,
    double[] Error)
{
    /// <summary>A(x) of a hard-constrained output u = A + B·N at the points, [N, 1] or [N, outputs] (null without one).</summary>
    public double[,]? HardOffset { get; init; }

    /// <summary>B(x) of a hard-constrained output at the points, [N, 1] or [N, outputs] (null without one).</summary>
    public double[,]? HardFactor { get; init; }

    /// <summary>N, the number of points.</summary>
    public int PointCount => Prediction.Length;

    /// <summary>An evaluation against an exact solution; <see cref="Error"/> is computed as prediction − exact.</summary>
    public static EvaluationRecord FromExact(double[,] points, string[] coordinateNames, double[] prediction, double[] exact)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        ArgumentNullException.ThrowIfNull(exact);
        if (prediction.Length != exact.Length)
        {
            throw new ArgumentException(
                $"prediction has {prediction.Length} values but exact has {exact.Length}.", nameof(exact));
        }
        var error = new double[prediction.Length];
        for (var i = 0; i < error.Length; i++)
        {
            error[i] = prediction[i] - exact[i];
        }
        return new EvaluationRecord(points, coordinateNames, prediction, exact, error);
    }

    /// <summary>The error norms of <see cref="Prediction"/> against <see cref="Exact"/>, or null without an exact solution.</summary>
    public ErrorReport? Norms() => Exact is null ? null : ErrorNorms.Compute(Prediction, Exact);

    /// <summary>Checks that the parts agree in size; throws <see cref="ArgumentException"/> naming the first mismatch.</summary>
    internal void Validate()
    {
        RecordChecks.NotNull(Points, "evaluation points");
        RecordChecks.NotNull(Prediction, "evaluation prediction");
        RecordChecks.Texts(CoordinateNames, "evaluation coordinate names");
        var count = Prediction.Length;
        RecordChecks.Length(Points, count, "evaluation points", "prediction");
        if (Points.GetLength(1) != CoordinateNames.Length)
        {
            throw RecordChecks.Fail(
                $"evaluation points have {Points.GetLength(1)} columns but there are {CoordinateNames.Length} coordinate names.");
        }
        if (Exact is not null)
        {
            RecordChecks.Length(Exact, count, "evaluation exact", "prediction");
        }
        RecordChecks.Length(Error, count, "evaluation error", "prediction");
        if ((HardOffset is null) != (HardFactor is null))
        {
            throw RecordChecks.Fail("evaluation hard_offset and hard_factor come together.");
        }
        if (HardOffset is not null)
        {
            RecordChecks.Length(HardOffset, count, "evaluation hard_offset", "prediction");
            RecordChecks.Length(HardFactor, count, "evaluation hard_factor", "prediction");
        }
    }
}
