namespace Pinn.Verification.Figures;

/// <summary>
/// The data of a convergence study, row by row as in a table: each row is (series, varied quantity, error), e.g.
/// ("engd", 400 collocation points, 1.2e-4). <see cref="ConvergenceFigure"/> draws it on log-log axes.
/// </summary>
/// <example>
/// <code>
/// var study = new ConvergenceStudy("Poisson 2-D", "collocation points N", "rel. L2 error")
///     .WithReferenceOrder(-1, "O(N⁻¹)");
/// foreach (var run in runs) study.Add(run.Optimizer, run.Points, run.RelativeL2);
/// FigureWriter.Write("study.h5", [ConvergenceFigure.Build(study)]);
/// </code>
/// </example>
/// <param name="Title">The figure title.</param>
/// <param name="QuantityLabel">The varied quantity with its unit, e.g. <c>collocation points N</c> or <c>width</c>.</param>
/// <param name="ErrorLabel">The measured error, e.g. <c>rel. L2 error</c>.</param>
public sealed class ConvergenceStudy(string Title, string QuantityLabel, string ErrorLabel)
{
    private readonly List<(string Series, double Quantity, double Error)> _rows = [];
    private readonly List<(double Order, string Label)> _references = [];

    /// <summary>The figure title.</summary>
    public string Title { get; } = Title ?? throw new ArgumentNullException(nameof(Title));
    /// <summary>The varied quantity (horizontal axis).</summary>
    public string QuantityLabel { get; } = QuantityLabel ?? throw new ArgumentNullException(nameof(QuantityLabel));
    /// <summary>The error (vertical axis).</summary>
    public string ErrorLabel { get; } = ErrorLabel ?? throw new ArgumentNullException(nameof(ErrorLabel));

    /// <summary>The rows in the order added.</summary>
    public IReadOnlyList<(string Series, double Quantity, double Error)> Rows => _rows;

    /// <summary>Reference slopes drawn as dotted lines: error ∝ quantity^Order.</summary>
    public IReadOnlyList<(double Order, string Label)> ReferenceOrders => _references;

    /// <summary>The series names in order of first appearance.</summary>
    public IReadOnlyList<string> SeriesNames => _rows.Select(r => r.Series).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>Adds one row; rows whose quantity or error is not positive and finite are kept but not drawn.</summary>
    public ConvergenceStudy Add(string series, double quantity, double error)
    {
        ArgumentException.ThrowIfNullOrEmpty(series);
        _rows.Add((series, quantity, error));
        return this;
    }

    /// <summary>Adds a reference slope, e.g. order −1 labelled "O(N⁻¹)", anchored at the first drawable point.</summary>
    public ConvergenceStudy WithReferenceOrder(double order, string? label = null)
    {
        if (!double.IsFinite(order))
        {
            throw new ArgumentOutOfRangeException(nameof(order), order, "a reference order must be finite.");
        }
        _references.Add((order, label ?? $"slope {order:0.##}"));
        return this;
    }

    /// <summary>The drawable points of one series (positive, finite), sorted by quantity.</summary>
    public (double Quantity, double Error)[] Points(string series) =>
        _rows.Where(r => r.Series == series && Drawable(r.Quantity) && Drawable(r.Error))
            .Select(r => (r.Quantity, r.Error)).OrderBy(p => p.Quantity).ToArray();

    /// <summary>
    /// The observed order of a series: the least-squares slope of log(error) against log(quantity) over its drawable
    /// points (NaN with fewer than two distinct quantities). For error ≈ C·quantity^p it returns p.
    /// </summary>
    public double ObservedOrder(string series)
    {
        var points = Points(series);
        if (points.Select(p => p.Quantity).Distinct().Count() < 2)
        {
            return double.NaN;
        }
        var x = points.Select(p => Math.Log(p.Quantity)).ToArray();
        var y = points.Select(p => Math.Log(p.Error)).ToArray();
        double meanX = x.Average(), meanY = y.Average(), covariance = 0, variance = 0;
        for (var i = 0; i < x.Length; i++)
        {
            covariance += (x[i] - meanX) * (y[i] - meanY);
            variance += (x[i] - meanX) * (x[i] - meanX);
        }
        return covariance / variance;
    }

    internal static bool Drawable(double value) => double.IsFinite(value) && value > 0;
}
