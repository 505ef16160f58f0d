namespace Pinn.Verification;

/// <summary>
/// How a stored network reads its inputs and shapes its output, so that it can be re-evaluated outside the toolkit
/// (README, "Results files"): stored as attributes of <c>/network</c>.
/// </summary>
/// <param name="InputLower">Lower corner of the input box; inputs are scaled to x̂ = (x − c)·s⁻¹ with c = (lower + upper)/2 and
/// s⁻¹ = 2/(upper − lower), so the box maps onto [−1, 1]^d.</param>
/// <param name="InputUpper">Upper corner of the input box.</param>
/// <param name="Passthrough">With an input embedding: for each coordinate, 1 if x̂ₖ is passed through, else 0; the first layer
/// then reads φ(x̂) = [x̂_P, cos(x̂ Ωᵀ), sin(x̂ Ωᵀ)] with P the passed-through coordinates in order and Ω the parameter
/// <c>embedding/frequencies</c>. Null without an embedding.</param>
/// <param name="Embeddings">The embeddings by name and parameters, e.g. <c>periodic(coordinate=0, period=6.283185307179586, harmonics=1)</c>.</param>
/// <param name="HardForm">The hard-constrained output u = A(x) + B(x)·N(x) in words with its constants (empty without one); A and B
/// at the evaluation points are stored as <c>/evaluation/hard_offset</c> and <c>/evaluation/hard_factor</c>.</param>
public sealed record NetworkForm(double[] InputLower, double[] InputUpper, long[]? Passthrough, string[] Embeddings, string HardForm)
{
    /// <summary>Checks sizes and text; throws <see cref="ArgumentException"/>.</summary>
    internal void Validate(long inputs)
    {
        RecordChecks.NotNull(InputLower, "network input_lower");
        RecordChecks.NotNull(InputUpper, "network input_upper");
        if (InputLower.Length == 0 || InputLower.Length != InputUpper.Length)
            throw RecordChecks.Fail($"network input box has {InputLower.Length} lower and {InputUpper.Length} upper bounds.");
        if (InputLower.Zip(InputUpper).Any(b => !(b.First < b.Second) || !double.IsFinite(b.Second - b.First)))
            throw RecordChecks.Fail("network input box needs finite lower < upper in every coordinate.");
        if (Passthrough is null && inputs != InputLower.Length)
            throw RecordChecks.Fail($"network reads {inputs} inputs without an embedding but its input box has {InputLower.Length} coordinates.");
        if (Passthrough is not null && (Passthrough.Length != InputLower.Length || Passthrough.Any(k => k is not (0 or 1))))
            throw RecordChecks.Fail($"network embedding_passthrough must hold a 0 or 1 for each of the {InputLower.Length} coordinates.");
        RecordChecks.Texts(Embeddings, "network embeddings");
        RecordChecks.Text(HardForm, "network hard_form");
    }
}
