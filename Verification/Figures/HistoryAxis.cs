namespace Pinn.Verification.Figures;

/// <summary>What the horizontal axis of a history figure shows.</summary>
public enum HistoryAxis
{
    /// <summary>The optimizer step.</summary>
    Step,
    /// <summary>Wall-clock seconds since the start of training.</summary>
    Seconds,
}
