using OxyPlot;

namespace Pinn.Verification.Figures;

/// <summary>
/// A plot ready to be written: its <see cref="Name"/> becomes the middle part of the file names, so the figure
/// <c>loss</c> written next to <c>run.h5</c> lands in <c>run.loss.png</c> and <c>run.loss.svg</c>.
/// </summary>
/// <param name="Name">A short file-name part: letters, digits, '-' and '_' (e.g. <c>history</c>, <c>error</c>).</param>
/// <param name="Model">The OxyPlot model, fully built (title, axes with labels, legend or colour bar).</param>
public sealed record Figure(string Name, PlotModel Model);
