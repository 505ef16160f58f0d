using static TorchSharp.torch;

namespace Pinn.Optimizers;

/// <summary>
/// The validated <see cref="ParameterShape"/>s of an objective (or one vector when it declares none),
/// with views of a flat tensor as the matrix or vector each one is.
/// </summary>
internal sealed class ParameterLayout
{
    private ParameterLayout(IReadOnlyList<ParameterShape> shapes) => Shapes = shapes;

    /// <summary>The shapes, in order, covering θ.</summary>
    public IReadOnlyList<ParameterShape> Shapes { get; }

    /// <summary>The shapes the objective declares (checked against θ), or one vector covering θ.</summary>
    /// <exception cref="ArgumentException">The declared shapes do not tile θ.</exception>
    public static ParameterLayout Of(IObjective objective, long parameterCount)
    {
        if (objective is not IParameterShapes shaped) return new([ParameterShape.Vector(0, parameterCount)]);
        var shapes = shaped.ParameterShapes ?? throw new ArgumentException("the objective's ParameterShapes is null.", nameof(objective));
        long next = 0;
        foreach (var s in shapes)
        {
            if (s.Offset != next || s.Rows < 1 || s.Columns < 1 || (s.IsVector && s.Columns != 1))
            {
                throw new ArgumentException(
                    $"the objective's parameter shapes must tile θ in order from offset 0 with positive sizes; {s} does not follow offset {next}.",
                    nameof(objective));
            }
            next = s.End;
        }
        if (next != parameterCount)
        {
            throw new ArgumentException(
                $"the objective's parameter shapes cover {next} entries but θ has {parameterCount}.", nameof(objective));
        }
        return new([.. shapes]);
    }

    /// <summary>Throws unless <paramref name="objective"/> declares these shapes (an optimizer's state is built for one layout).</summary>
    public void CheckMatches(IObjective objective, long parameterCount)
    {
        if (!Of(objective, parameterCount).Shapes.SequenceEqual(Shapes))
        {
            throw new ArgumentException(
                "the objective's parameter shapes differ from those this optimizer's state was built for; call Reset() or create a new optimizer.",
                nameof(objective));
        }
    }

    /// <summary>Saves the shapes as one [k, 4] array (offset, rows, columns, 1 for a vector) under <c>shapes</c>.</summary>
    public void Save(OptimizerState state)
    {
        var values = Shapes.SelectMany(s => new double[] { s.Offset, s.Rows, s.Columns, s.IsVector ? 1 : 0 }).ToArray();
        state.Set("shapes", new StateArray([Shapes.Count, 4], values));
    }

    /// <summary>The shapes saved by <see cref="Save"/>, or null when the state holds none.</summary>
    public static ParameterLayout? Load(OptimizerState state)
    {
        if (!state.Has("shapes")) return null;
        var a = state.Entries["shapes"];
        if (a.Shape.Length != 2 || a.Shape[1] != 4) throw new InvalidDataException($"{state.Optimizer} state entry 'shapes' is not a [k, 4] array.");
        var shapes = new ParameterShape[a.Shape[0]];
        for (var i = 0; i < shapes.Length; i++)
        {
            shapes[i] = new((long)a.Values[4 * i], (long)a.Values[4 * i + 1], (long)a.Values[4 * i + 2], a.Values[4 * i + 3] != 0);
        }
        return new(shapes);
    }

    /// <summary>The entries of <paramref name="shape"/> in <paramref name="flat"/> as a [Rows, Columns] view (a [Rows] view for a vector).</summary>
    public static Tensor View(Tensor flat, ParameterShape shape)
    {
        var piece = flat.narrow(0, shape.Offset, shape.Length);
        return shape.IsVector ? piece : piece.view(shape.Rows, shape.Columns);
    }
}
