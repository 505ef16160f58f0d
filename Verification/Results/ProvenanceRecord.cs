using System.Reflection;
using System.Runtime.InteropServices;

namespace Pinn.Verification;

/// <summary>
/// Where and how a run was made, stored as attributes of <c>/provenance</c> in a results file.
/// </summary>
/// <param name="ToolkitVersion">Version of this toolkit.</param>
/// <param name="TorchSharpVersion">Version of TorchSharp.</param>
/// <param name="DotNetVersion">The .NET runtime, e.g. <c>".NET 10.0.0"</c>.</param>
/// <param name="OperatingSystem">Operating system description.</param>
/// <param name="Machine">Host name, architecture and processor count.</param>
/// <param name="Date">When the run was made; stored as ISO 8601 text (<c>2025-01-31T12:00:00.0000000+00:00</c>).</param>
/// <param name="Seed">Random seed, or null when none was set (then not stored).</param>
/// <param name="Device">Compute device, e.g. <c>"cpu"</c> or <c>"cuda:0"</c>.</param>
/// <param name="CommandLine">The command line of the process.</param>
public sealed record ProvenanceRecord(
    string ToolkitVersion,
    string TorchSharpVersion,
    string DotNetVersion,
    string OperatingSystem,
    string Machine,
    DateTimeOffset Date,
    long? Seed,
    string Device,
    string CommandLine)
{
    /// <summary>
    /// The provenance of the current process now. TorchSharp's version is taken from
    /// <paramref name="torchSharpVersion"/> if given, else from the loaded TorchSharp assembly, else "not loaded".
    /// </summary>
    public static ProvenanceRecord Capture(long? seed, string device, string? torchSharpVersion = null) => new(
        ToolkitVersion: VersionOf(typeof(ProvenanceRecord).Assembly),
        TorchSharpVersion: torchSharpVersion ?? LoadedVersion("TorchSharp") ?? "not loaded",
        DotNetVersion: RuntimeInformation.FrameworkDescription,
        OperatingSystem: RuntimeInformation.OSDescription,
        Machine: $"{Environment.MachineName} ({RuntimeInformation.ProcessArchitecture}, {Environment.ProcessorCount} CPUs)",
        Date: DateTimeOffset.Now,
        Seed: seed,
        Device: device,
        CommandLine: string.Join(' ', Environment.GetCommandLineArgs().Select(Quote)));

    /// <summary>Checks that every text is storable; throws <see cref="ArgumentException"/>.</summary>
    internal void Validate()
    {
        RecordChecks.Text(ToolkitVersion, "provenance toolkit version");
        RecordChecks.Text(TorchSharpVersion, "provenance TorchSharp version");
        RecordChecks.Text(DotNetVersion, "provenance .NET version");
        RecordChecks.Text(OperatingSystem, "provenance operating system");
        RecordChecks.Text(Machine, "provenance machine");
        RecordChecks.Text(Device, "provenance device");
        RecordChecks.Text(CommandLine, "provenance command line");
    }

    private static string? LoadedVersion(string assemblyName) =>
        AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name == assemblyName)
            .Select(VersionOf)
            .FirstOrDefault();

    private static string VersionOf(Assembly assembly) =>
        assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? assembly.GetName().Version?.ToString()
        ?? "unknown";

    private static string Quote(string argument) =>
        argument.Length > 0 && !argument.Any(c => char.IsWhiteSpace(c) || c is '"' or '\'')
            ? argument
            : "'" + argument.Replace("'", "'\\''") + "'";
}
