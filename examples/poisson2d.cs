// A new PDE in a few lines: -Δu = 2π² sin(πx) sin(πy) on the unit square, u = 0 on the boundary.
// Run from the repository root:  dotnet run examples/poisson2d.cs
#:project ../Solver/Engine/Engine.csproj
#:property TieredPGO=true

using Pinn.Physics;
using Pinn.Solver.Networks;
using Pinn.Solver.Training;
using static TorchSharp.torch;

set_num_threads(1);

Tensor Exact(Tensor x) => (Math.PI * x[.., 0]).sin() * (Math.PI * x[.., 1]).sin();

var problem = Problem.On(Domain.Box((0, 1), (0, 1)))
    .Interior(Sample.Grid(900), (u, x) => -u.Laplacian() - 2 * Math.PI * Math.PI * Exact(x))
    .Dirichlet(Sample.Grid(120), Exact)
    .WithSolution(Exact);

var bounds = problem.Domain.Bounds;
using var net = new Mlp(new MlpOptions(Inputs: 2, Hidden: [64, 64]), bounds.Lower, bounds.Upper);
var run = Trainer.For(problem, net).Using("adam:1000,lbfgs:1000").Run();
Console.WriteLine(run.Report());   // loss, rel. L2, L∞, steps, time
