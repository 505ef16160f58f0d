using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Pinn.Verification.Tests")]
