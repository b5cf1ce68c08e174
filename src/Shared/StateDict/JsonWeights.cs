// Shared by the runtime (net10.0) and the generator (netstandard2.0): reads the JSON weights format into tensors
// without touching any network, so that a loader can validate everything before it changes a parameter.
using System.Collections.Generic;
using System.Globalization;

namespace StaticNet.Interop;

/// <summary>
/// The tensors of a JSON weights file: the object that
/// <c>json.dump({k: v.tolist() for k, v in model.state_dict().items()}, f)</c> writes, whose keys are state-dict
/// names and whose values are nested arrays of numbers (a weight [n_l][n_(l−1)], a bias [n_l]; a scalar buffer
/// such as <c>num_batches_tracked</c> is a bare number).
/// </summary>
internal sealed class JsonWeights
{
    private JsonWeights(List<StateDictTensor> tensors, List<float[]> values)
    {
        Tensors = tensors;
        Values = values;
    }

    /// <summary>The tensors in the order the file lists them, with the position of each value for messages.</summary>
    public List<StateDictTensor> Tensors { get; }

    /// <summary>For each tensor, its values in row-major order, each rounded from the decimal text to the nearest float.</summary>
    public List<float[]> Values { get; }

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <exception cref="JsonFormatException">
    /// The text is not JSON, not an object of rectangular nested arrays of numbers, or holds a value that is NaN,
    /// infinite or outside float's range; the exception gives the line and column.
    /// </exception>
    public static JsonWeights Parse(string text)
    {
        JsonNode root = JsonParser.Parse(text);
        if (root.Kind != JsonKind.Object)
        {
            throw new JsonFormatException(
                "the file is " + JsonNode.Describe(root.Kind) + ", not an object of tensors such as {\"0.weight\": [[...]], \"0.bias\": [...]}",
                root.Line,
                root.Column,
                JsonProblemKind.Structure);
        }

        var tensors = new List<StateDictTensor>(root.Members.Count);
        var values = new List<float[]>(root.Members.Count);
        foreach (KeyValuePair<string, JsonNode> member in root.Members)
        {
            long[] shape = ShapeOf(member.Key, member.Value);
            var data = new float[Count(shape)];
            int next = 0;
            Flatten(member.Key, member.Value, shape, 0, data, ref next);
            tensors.Add(new StateDictTensor(member.Key, shape, string.Empty, member.Value.Position));
            values.Add(data);
        }

        return new JsonWeights(tensors, values);
    }

    // The shape read along the first item of every level; Flatten then checks that every other item agrees.
    private static long[] ShapeOf(string name, JsonNode value)
    {
        var shape = new List<long>();
        JsonNode node = value;
        while (node.Kind == JsonKind.Array)
        {
            shape.Add(node.Items.Count);
            if (node.Items.Count == 0)
            {
                break;
            }

            node = node.Items[0];
        }

        if (node.Kind != JsonKind.Array && node.Kind != JsonKind.Number)
        {
            throw new JsonFormatException(
                "tensor '" + name + "' holds " + JsonNode.Describe(node.Kind) + " where a number was expected",
                node.Line,
                node.Column,
                JsonProblemKind.NotANumber);
        }

        return shape.ToArray();
    }

    private static long Count(long[] shape)
    {
        long count = 1;
        foreach (long dimension in shape)
        {
            count *= dimension;
        }

        return count;
    }

    private static void Flatten(string name, JsonNode node, long[] shape, int depth, float[] data, ref int next)
    {
        if (depth == shape.Length)
        {
            if (node.Kind != JsonKind.Number)
            {
                throw new JsonFormatException(
                    Invariant("tensor '{0}' has {1} where its shape {2} needs a number", name, JsonNode.Describe(node.Kind), StateDictMatcher.FormatShape(shape)),
                    node.Line,
                    node.Column,
                    node.Kind == JsonKind.Array ? JsonProblemKind.Structure : JsonProblemKind.NotANumber);
            }

            data[next++] = ToFloat(name, node);
            return;
        }

        if (node.Kind != JsonKind.Array || node.Items.Count != shape[depth])
        {
            string found = node.Kind == JsonKind.Array
                ? Invariant("an array of {0}", node.Items.Count)
                : JsonNode.Describe(node.Kind);
            throw new JsonFormatException(
                Invariant("tensor '{0}' is not rectangular: its first row says shape {1}, so this should be an array of {2}, but it is {3}", name, StateDictMatcher.FormatShape(shape), shape[depth], found),
                node.Line,
                node.Column,
                JsonProblemKind.Structure);
        }

        foreach (JsonNode item in node.Items)
        {
            Flatten(name, item, shape, depth + 1, data, ref next);
        }
    }

    private static float ToFloat(string name, JsonNode node)
    {
        double value = node.Number;
        if (double.IsNaN(value) || double.IsInfinity(value))
        {
            throw new JsonFormatException(
                "tensor '" + name + "' holds " + node.Text + "; weights must be finite",
                node.Line,
                node.Column,
                JsonProblemKind.NonFiniteValue);
        }

        // Python writes a float32 as the double that equals it exactly, so this cast is exact for such files; text
        // with more digits than a float holds is rounded to the nearest float through the nearest double.
        float single = (float)value;
        if (float.IsInfinity(single))
        {
            throw new JsonFormatException(
                "tensor '" + name + "' holds " + node.Text + ", beyond the largest float (3.4028235E+38)",
                node.Line,
                node.Column,
                JsonProblemKind.NonFiniteValue);
        }

        return single;
    }

    private static string Invariant(string format, params object[] arguments) => string.Format(CultureInfo.InvariantCulture, format, arguments);
}
