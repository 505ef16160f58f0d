using Pinn.Physics;
using static TorchSharp.torch;

namespace VerifyingYourSolver;

/// <summary>One face of a box, x_dim = value: a region of your own (anything with <see cref="IRegion.Draw"/> will do).</summary>
public sealed class Face(Box box, int dim, double value) : IRegion
{
    /// <inheritdoc />
    public int Dimension => box.Dimension;

    /// <summary>Points drawn from the face's own box of the other coordinates, with x_dim = value inserted.</summary>
    public Tensor Draw(Sample sample, Random random)
    {
        var others = Enumerable.Range(0, box.Dimension).Where(k => k != dim).Select(k => (box.Lower[k], box.Upper[k])).ToArray();
        using var scope = NewDisposeScope();
        var p = new Box(others).Draw(sample, random);
        var fixedColumn = full(p.shape[0], 1, value, dtype: ScalarType.Float64);
        return cat([p[.., ..dim], fixedColumn, p[.., dim..]], 1).MoveToOuterDisposeScope();
    }
}
