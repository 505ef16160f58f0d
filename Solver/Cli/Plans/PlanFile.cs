using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Pinn.Solver.Cli;

/// <summary>
/// The plan file: JSON Lines. The first line is the header (<c>pinn_plan</c> = 1, <c>kind</c>, <c>out</c>,
/// <c>command</c>, and the study's <c>problem</c> and <c>vary</c> or the bench's <c>suite</c> and <c>budget</c>); every
/// further line is one run: <c>index</c>, <c>labels</c>, <c>results</c> and <c>args</c>, the full <c>pinn solve</c>
/// arguments. Paths are relative to the file's folder. Lines may be edited or deleted by hand; indices stay 0..N-1 in order.
/// </summary>
public static class PlanFile
{
    /// <summary>The format version written and read.</summary>
    public const int Version = 1;

    /// <summary>Writes <paramref name="plan"/> to <paramref name="path"/> (atomically), paths made relative to its folder; returns the plan as written.</summary>
    public static RunPlan Write(string path, RunPlan plan)
    {
        var moved = plan.RelocatedTo(path);
        var h = moved.Header;
        var header = new JsonObject { ["pinn_plan"] = Version, ["kind"] = h.Kind, ["out"] = h.Out, ["command"] = h.Command };
        if (h.Problem is not null) header["problem"] = h.Problem;
        if (h.Keys.Count > 0) header["vary"] = new JsonArray(h.Keys.Select(k => (JsonNode)k).ToArray());
        if (h.Suite is not null) header["suite"] = h.Suite;
        if (h.Budget > 0) header["budget"] = h.Budget;
        var lines = new List<string> { header.ToJsonString(Options) };
        lines.AddRange(moved.Entries.Select(e => new JsonObject
        {
            ["index"] = e.Index,
            ["labels"] = new JsonObject(e.Labels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value))),
            ["results"] = e.Results,
            ["args"] = new JsonArray(e.Arguments.Select(a => (JsonNode)a).ToArray()),
        }.ToJsonString(Options)));
        try
        {
            Directory.CreateDirectory(moved.Directory);
            StudyTable.WriteAtomically(path, string.Join('\n', lines) + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot write plan '{path}': {e.Message}");
        }
        return moved;
    }

    /// <summary>Reads and checks a plan; every problem is a one-line <see cref="UsageException"/> naming the line.</summary>
    public static RunPlan Read(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"cannot read plan '{path}': {e.Message}");
        }
        var numbered = lines.Select((text, i) => (Text: text, Line: i + 1)).Where(l => l.Text.Trim().Length > 0).ToArray();
        if (numbered.Length == 0) throw new UsageException($"plan '{path}' is empty; write one with 'pinn study ... --plan FILE' or 'pinn bench ... --plan FILE'");
        var header = Header(path, numbered[0].Text, numbered[0].Line);
        var entries = numbered.Skip(1).Select((l, i) => Entry(path, l.Text, l.Line, i)).ToArray();
        if (entries.Length == 0) throw new UsageException($"plan '{path}' has no runs");
        var full = Path.GetFullPath(path);
        return new RunPlan(header, entries) { Directory = Path.GetDirectoryName(full)!, File = full };
    }

    private static readonly JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static PlanHeader Header(string path, string text, int line)
    {
        var o = Object(path, text, line);
        if (o["pinn_plan"] is not JsonValue v || !v.TryGetValue<int>(out var version) || version != Version)
            throw Fail(path, line, $"not a pinn plan of format {Version} (the first line must hold \"pinn_plan\": {Version})");
        var kind = Text(path, line, o, "kind");
        if (kind is not (PlanHeader.Study or PlanHeader.Bench)) throw Fail(path, line, $"kind must be study or bench (got '{kind}')");
        return new PlanHeader(kind, Text(path, line, o, "out"), o["command"]?.GetValue<string>() ?? "")
        {
            Problem = o["problem"]?.GetValue<string>(),
            Keys = o["vary"] is JsonArray keys ? keys.Select(k => k!.GetValue<string>()).ToArray() : [],
            Suite = o["suite"]?.GetValue<string>(),
            Budget = o["budget"] is JsonValue b && b.TryGetValue<double>(out var budget) ? budget : 0,
        };
    }

    private static PlanEntry Entry(string path, string text, int line, int expected)
    {
        var o = Object(path, text, line);
        if (o["index"] is not JsonValue v || !v.TryGetValue<int>(out var index) || index != expected)
            throw Fail(path, line, $"index must be {expected} (runs are numbered 0, 1, ... in order)");
        var results = Text(path, line, o, "results");
        if (o["args"] is not JsonArray args || args.Any(a => a is not JsonValue s || !s.TryGetValue<string>(out _)))
            throw Fail(path, line, "args must be an array of strings");
        var arguments = args.Select(a => a!.GetValue<string>()).ToArray();
        if (arguments.Length < 2 || arguments[0] != "solve") throw Fail(path, line, "args must start with \"solve\", PROBLEM");
        var outs = arguments.Select((a, i) => (a, i)).Where(p => p.a == "--out").ToArray();
        if (outs.Length != 1 || outs[0].i + 1 >= arguments.Length || arguments[outs[0].i + 1] != results)
            throw Fail(path, line, $"args must hold --out {results} once (the run's results file)");
        var labels = o["labels"] is JsonObject l ? l.Select(p => KeyValuePair.Create(p.Key, p.Value?.ToString() ?? "")).ToArray() : [];
        return new PlanEntry(index, labels, results, arguments);
    }

    private static JsonObject Object(string path, string text, int line)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject ?? throw Fail(path, line, "not a JSON object");
        }
        catch (JsonException e)
        {
            throw Fail(path, line, $"not valid JSON ({e.Message.Split('.')[0]})");
        }
    }

    private static string Text(string path, int line, JsonObject o, string key) =>
        o[key] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : throw Fail(path, line, $"\"{key}\" must be a non-empty string");

    private static UsageException Fail(string path, int line, string message) =>
        new(string.Create(CultureInfo.InvariantCulture, $"plan '{path}' line {line}: {message}"));
}
