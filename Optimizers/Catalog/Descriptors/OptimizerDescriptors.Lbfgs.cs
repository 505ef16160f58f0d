using System.Globalization;

namespace Pinn.Optimizers;

public static partial class OptimizerDescriptors
{
    /// <summary>The catalogue entry: <c>lbfgs[:STEPS][:history=..][:gtol=..][:ftol=..][:max-evals=..][:keep=..]</c>.</summary>
    public static OptimizerDescriptor Lbfgs { get; } = CreateLbfgs();

    private static OptimizerDescriptor CreateLbfgs()
    {
        var d = new LbfgsOptions();
        return new OptimizerDescriptor(
            "lbfgs",
            "limited-memory BFGS with a strong Wolfe line search (Nocedal & Wright 2006, Alg. 7.4/7.5, 3.5/3.6)",
            [
                new OptimizerOption("history", OptimizerOptionKind.PositiveInteger, d.History.ToString(CultureInfo.InvariantCulture), "number of curvature pairs (s, y) kept"),
                OptimizerOption.Number("gtol", OptimizerOptionKind.PositiveNumber, d.GradientTolerance, "stop when the largest absolute gradient entry is at most this"),
                OptimizerOption.Number("ftol", OptimizerOptionKind.PositiveNumber, d.FunctionTolerance, "relative loss change regarded as none (stall test)"),
                new OptimizerOption("max-evals", OptimizerOptionKind.PositiveInteger, d.MaxEvaluationsPerStep.ToString(CultureInfo.InvariantCulture), "line-search evaluations allowed per iteration"),
                new OptimizerOption("keep", OptimizerOptionKind.Boolean, d.KeepHistory ? "true" : "false", "when the objective changes at the current θ (new points, new weights): keep the curvature pairs, only recompute f and g"),
            ],
            s => new Lbfgs(new LbfgsOptions
            {
                History = s.Integer("history"),
                GradientTolerance = s.Number("gtol"),
                FunctionTolerance = s.Number("ftol"),
                MaxEvaluationsPerStep = s.Integer("max-evals"),
                KeepHistory = s.Flag("keep"),
            }));
    }
}
