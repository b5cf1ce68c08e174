using System.Globalization;
using System.Linq;
using System.Text;
using StaticNet.Generator.Model;

namespace StaticNet.Generator.Emit;

/// <summary>
/// ToString and Summary: the architecture as text, fixed when the network is generated, so both return one constant
/// string and allocate nothing.
/// </summary>
internal static class SummaryEmitter
{
    /// <summary>Writes ToString and Summary, each unless the user declared it.</summary>
    public static void Emit(CodeWriter writer, NetworkSpec spec)
    {
        if (!spec.UserConstructors.DeclaresToString)
        {
            writer.Line();
            writer.Summary("The architecture in one line: layer sizes, activations, loss and parameter count.");
            writer.Line($"{PublicApi.ToStringOverride} => {Literals.String(OneLine(spec))};");
        }

        if (!spec.UserConstructors.DeclaresSummary)
        {
            writer.Line();
            writer.Summary("The architecture as a table: one row per layer with its size, activation and parameter count, then the loss and the total.");
            writer.Line($"{PublicApi.Summary} => {Literals.String(Table(spec))};");
        }
    }

    /// <summary>e.g. <c>IrisNet: 4-8-3, ReLU, Softmax, loss CrossEntropy, 67 parameters</c>; a layer with dropout reads <c>ReLU + dropout 0.2</c>.</summary>
    internal static string OneLine(NetworkSpec spec) =>
        $"{spec.Type.Type.Name}: {string.Join("-", spec.LayerSizes)}, {string.Join(", ", spec.Layers.Select(layer => Activation(spec, layer) + (layer.HasDropout ? " + dropout " + Number(layer.Dropout) : "")))}, loss {Loss(spec)}, {Count(spec.ParameterCount)} parameters";

    /// <summary>A fixed-width table with a header, the input row, one row per layer and a closing line.</summary>
    internal static string Table(NetworkSpec spec)
    {
        var text = new StringBuilder();
        text.Append(spec.Type.Type.Name).Append('\n');
        // The dropout column only where a layer drops, so a network without dropout keeps the narrower table.
        bool dropout = spec.HasDropout;
        text.Append(dropout ? "layer   units  activation          dropout   parameters\n" : "layer   units  activation          parameters\n");
        text.Append(string.Format(CultureInfo.InvariantCulture, "{0,-5} {1,7}\n", "input", spec.LayerSizes[0]));
        foreach (LayerSpec layer in spec.Layers)
        {
            string rate = dropout ? string.Format(CultureInfo.InvariantCulture, "{0,-7} ", layer.HasDropout ? Number(layer.Dropout) : "-") : string.Empty;
            text.Append(string.Format(CultureInfo.InvariantCulture, "{0,-5} {1,7}  {2,-18} {3}{4,11}\n", layer.Index, layer.Size, Activation(spec, layer), rate, Count(layer.WeightsLength + layer.Size)));
        }

        text.Append($"loss {Loss(spec)}, {Count(spec.ParameterCount)} parameters");
        return text.ToString();
    }

    private static string Activation(NetworkSpec spec, LayerSpec layer) =>
        ActivationTable.Of(layer.Activation).TakesSlope
            ? $"{layer.Activation} ({Literals.Float(spec.LeakySlope).TrimEnd('f')})"
            : layer.Activation.ToString();

    /// <summary>The loss, with its δ where a Huber loss has one other than 1: <c>Huber (delta 2)</c>.</summary>
    private static string Loss(NetworkSpec spec) =>
        spec.Loss == Model.Loss.Huber && spec.HuberDelta != 1f ? $"Huber (delta {Number(spec.HuberDelta)})" : spec.Loss.ToString();

    private static string Number(float value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Count(int value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
