namespace Pinn.Problems;

/// <summary>
/// How the condition points of a 1-D evolution problem (<see cref="ProblemOptions.BoundaryPoints"/>) are
/// shared: half on the initial slice, half on the two spatial ends (for periodicity: half as many
/// matched pairs, two points each).
/// </summary>
internal readonly record struct ConditionSplit(int Initial, int Ends)
{
    /// <summary>The split of <paramref name="conditions"/> points.</summary>
    public static ConditionSplit Of(int conditions)
    {
        int initial = Math.Max(2, conditions / 2);
        return new ConditionSplit(initial, Math.Max(2, conditions - initial));
    }

    /// <summary>Matched pairs for a periodic condition using <see cref="Ends"/> points.</summary>
    public int Pairs => Math.Max(1, Ends / 2);
}
