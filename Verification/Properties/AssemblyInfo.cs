using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Pinn.Verification.Tests")]
[assembly: InternalsVisibleTo("Pinn.Solver.Tests")]
