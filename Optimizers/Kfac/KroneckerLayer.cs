namespace Pinn.Optimizers;

/// <summary>
/// Where one dense layer z = W a + b sits in the flat parameter vector θ: the weight W [Outputs, Inputs]
/// row-major from <see cref="WeightOffset"/>, the bias b [Outputs] from <see cref="BiasOffset"/>.
/// </summary>
/// <param name="WeightOffset">Offset of W[0, 0] in θ.</param>
/// <param name="BiasOffset">Offset of b[0] in θ.</param>
/// <param name="Outputs">Rows of W (the layer's output width).</param>
/// <param name="Inputs">Columns of W (the layer's input width); the input factor is [Inputs + 1]² with the bias as the last input.</param>
public sealed record KroneckerLayer(long WeightOffset, long BiasOffset, int Outputs, int Inputs)
{
    /// <summary>Parameters of the layer: Outputs · (Inputs + 1).</summary>
    public long ParameterCount => (long)Outputs * (Inputs + 1);

    /// <summary>Throws unless <paramref name="layers"/> cover each of <paramref name="parameterCount"/> parameters exactly once.</summary>
    internal static void CheckCover(IReadOnlyList<KroneckerLayer> layers, long parameterCount)
    {
        var covered = new bool[parameterCount];
        void Mark(long offset, long length)
        {
            if (offset < 0 || length < 1 || offset + length > parameterCount || Enumerable.Range(0, (int)length).Any(i => covered[offset + i]))
            {
                throw new ArgumentException($"the Kronecker layers must cover each of the {parameterCount} parameters exactly once; a block ({offset}, {length}) is out of range or overlaps.");
            }
            for (var i = 0L; i < length; i++) covered[offset + i] = true;
        }
        if (layers is null || layers.Count == 0) throw new ArgumentException("the objective has no Kronecker layers.");
        foreach (var layer in layers)
        {
            if (layer.Outputs < 1 || layer.Inputs < 1) throw new ArgumentException($"a Kronecker layer needs positive widths; got {layer.Outputs}×{layer.Inputs}.");
            Mark(layer.WeightOffset, (long)layer.Outputs * layer.Inputs);
            Mark(layer.BiasOffset, layer.Outputs);
        }
        if (covered.Any(c => !c)) throw new ArgumentException($"the Kronecker layers leave some of the {parameterCount} parameters uncovered.");
    }
}
