// Shared by the runtime (net10.0) and the generator (netstandard2.0): reads the JSON weights format into tensors
// without touching any network, so that a loader can validate everything before it changes a parameter.
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace StaticNet.Interop;

/// <summary>
/// The tensors of a JSON weights file: the object that
/// <c>json.dump({k: v.tolist() for k, v in model.state_dict().items()}, f)</c> writes, whose keys are state-dict
/// names and whose values are nested arrays of numbers (a weight [n_l][n_(l−1)], a bias [n_l]; a scalar buffer
/// such as <c>num_batches_tracked</c> is a bare number).
/// </summary>
/// <remarks>
/// The file is read in one pass, token by token: no tree of the document is built, a tensor's shape is learned from
/// the values that are actually there (the first array at each depth sets that dimension, every other array at that
/// depth must agree), and the values of a tensor are kept only while it is no larger than
/// <see cref="JsonWeightsLimits.MaxStoredValues"/>, the largest tensor the network has. So memory is bounded by the
/// text read and by the network, never by what a shape promises.
/// </remarks>
internal sealed class JsonWeights
{
    // Arrays within one tensor: the tokenizer allows 64 levels of nesting and the file's object is one of them, so
    // a tensor nests at most 63 deep.
    private const int MaxRank = 64;

    private JsonWeights(List<StateDictTensor> tensors, List<float[]?> values)
    {
        Tensors = tensors;
        Values = values;
    }

    /// <summary>The tensors in the order the file lists them, with the position of each value for messages.</summary>
    public List<StateDictTensor> Tensors { get; }

    /// <summary>
    /// For each tensor, its values in row-major order, each rounded from the decimal text to the nearest float; null
    /// for a tensor larger than <see cref="JsonWeightsLimits.MaxStoredValues"/>, which no layer can match.
    /// </summary>
    public List<float[]?> Values { get; }

    /// <summary>Parses <paramref name="text"/> with <see cref="JsonWeightsLimits.Default"/>.</summary>
    /// <exception cref="JsonFormatException">See <see cref="Read"/>.</exception>
    public static JsonWeights Parse(string text) => Read(new StringReader(text), JsonWeightsLimits.Default);

    /// <summary>Reads the weights <paramref name="reader"/> holds, to its end.</summary>
    /// <exception cref="JsonFormatException">
    /// The text is not JSON, not an object of rectangular nested arrays of numbers, lists more tensors than
    /// <paramref name="limits"/> allow, or holds a value that is NaN or infinite (unless allowed) or outside float's
    /// range; the exception gives the line and column.
    /// </exception>
    public static JsonWeights Read(TextReader reader, JsonWeightsLimits limits)
    {
        var tokens = new JsonTokenizer(reader);
        JsonToken root = tokens.Next();
        if (root != JsonToken.StartObject)
        {
            throw new JsonFormatException(
                "the file is " + JsonTokenizer.Describe(root) + ", not an object of tensors such as {\"0.weight\": [[...]], \"0.bias\": [...]}",
                tokens.TokenLine,
                tokens.TokenColumn,
                JsonProblemKind.Structure);
        }

        var tensors = new List<StateDictTensor>();
        var values = new List<float[]?>();
        var names = new HashSet<string>();
        var reading = new TensorReading(tokens, limits);
        while (tokens.Next() != JsonToken.EndObject)
        {
            string name = tokens.StringValue;

            // Which of two equal keys a Python or JavaScript reader keeps differs; refusing both is the only safe reading.
            if (!names.Add(name))
            {
                throw new JsonFormatException("the key \"" + MessageText.Name(name) + "\" appears more than once in this object", tokens.TokenLine, tokens.TokenColumn);
            }

            if (tensors.Count == limits.MaxTensorCount)
            {
                throw new JsonFormatException(
                    Invariant("the file lists more than {0} tensors{1}", limits.MaxTensorCount, limits.TensorCountHint),
                    tokens.TokenLine,
                    tokens.TokenColumn,
                    JsonProblemKind.Structure);
            }

            JsonToken first = tokens.Next();
            string where = tokens.TokenPosition;
            values.Add(reading.Read(name, first, out long[] shape));
            tensors.Add(new StateDictTensor(name, shape, string.Empty, where));
        }

        tokens.Next(); // JsonToken.End, or a syntax error for anything after the object
        return new JsonWeights(tensors, values);
    }

    private static string Invariant(string format, params object[] arguments) => string.Format(CultureInfo.InvariantCulture, format, arguments);

    /// <summary>
    /// Reads one tensor's value: learns its shape from the arrays as they close, checks that every array at a depth
    /// has the same length and every leaf sits at the same depth, and keeps the values while they fit.
    /// </summary>
    private sealed class TensorReading
    {
        private readonly JsonTokenizer _tokens;
        private readonly JsonWeightsLimits _limits;
        private readonly long[] _dimensions = new long[MaxRank];
        private readonly long[] _counts = new long[MaxRank];
        private readonly int[] _startLines = new int[MaxRank];
        private readonly int[] _startColumns = new int[MaxRank];
        private float[] _scratch = new float[16];
        private long _stored;
        private string _name = string.Empty;

        public TensorReading(JsonTokenizer tokens, JsonWeightsLimits limits)
        {
            _tokens = tokens;
            _limits = limits;
        }

        public float[]? Read(string name, JsonToken first, out long[] shape)
        {
            _name = name;
            _stored = 0;
            if (first == JsonToken.Number)
            {
                Store();
                shape = new long[0];
                return Values();
            }

            if (first != JsonToken.StartArray)
            {
                throw NotANumber(first);
            }

            // The depth of the leaves, learned from the first number or the first empty array (a shape ending in 0).
            int leafDepth = -1;
            int depth = 0;
            Open(0);
            while (true)
            {
                JsonToken token = _tokens.Next();
                switch (token)
                {
                    case JsonToken.Number:
                        if (leafDepth < 0)
                        {
                            leafDepth = depth + 1;
                        }
                        else if (depth + 1 != leafDepth)
                        {
                            throw NotRectangular("this is a number, but the first item at this depth is an array");
                        }

                        _counts[depth]++;
                        Store();
                        break;
                    case JsonToken.StartArray:
                        if (leafDepth >= 0 && depth + 1 >= leafDepth)
                        {
                            throw NotRectangular(leafDepth == depth + 1
                                ? "this is an array, but the first item at this depth is a number"
                                : "this is an array, but the first array at the depth above is empty");
                        }

                        _counts[depth]++;
                        Open(++depth);
                        break;
                    case JsonToken.EndArray:
                        long count = _counts[depth];
                        if (leafDepth < 0 && count == 0)
                        {
                            leafDepth = depth + 1;
                        }

                        if (_dimensions[depth] < 0)
                        {
                            _dimensions[depth] = count;
                        }
                        else if (_dimensions[depth] != count)
                        {
                            throw new JsonFormatException(
                                Invariant(
                                    "tensor '{0}' is not rectangular: the first array at this depth has {1} items, so this should be an array of {1}, but it is an array of {2}",
                                    MessageText.Name(_name),
                                    _dimensions[depth],
                                    count),
                                _startLines[depth],
                                _startColumns[depth],
                                JsonProblemKind.Structure);
                        }

                        if (depth == 0)
                        {
                            shape = new long[leafDepth];
                            System.Array.Copy(_dimensions, shape, leafDepth);
                            return Values();
                        }

                        depth--;
                        break;
                    default:
                        throw NotANumber(token);
                }
            }
        }

        private void Open(int depth)
        {
            _counts[depth] = 0;
            _startLines[depth] = _tokens.TokenLine;
            _startColumns[depth] = _tokens.TokenColumn;
            if (depth == 0)
            {
                for (int i = 0; i < _dimensions.Length; i++)
                {
                    _dimensions[i] = -1;
                }
            }
        }

        private void Store()
        {
            float value = ToFloat();
            if (_stored < _limits.MaxStoredValues)
            {
                if (_stored == _scratch.Length)
                {
                    var larger = new float[System.Math.Min(2L * _scratch.Length, _limits.MaxStoredValues)];
                    System.Array.Copy(_scratch, larger, _scratch.Length);
                    _scratch = larger;
                }

                _scratch[_stored] = value;
            }

            _stored++;
        }

        // The values read, or null when there were more than any of the network's tensors holds.
        private float[]? Values()
        {
            if (_stored > _limits.MaxStoredValues)
            {
                return null;
            }

            var values = new float[_stored];
            System.Array.Copy(_scratch, values, _stored);
            return values;
        }

        private float ToFloat()
        {
            double value = _tokens.NumberValue;
            if (_tokens.NumberIsWord)
            {
                if (_limits.AllowNonFinite)
                {
                    return (float)value;
                }

                throw new JsonFormatException(
                    "tensor '" + MessageText.Name(_name) + "' holds " + _tokens.NumberText + "; weights must be finite",
                    _tokens.TokenLine,
                    _tokens.TokenColumn,
                    JsonProblemKind.NonFiniteValue);
            }

            // Python writes a float32 as the double that equals it exactly, so this cast is exact for such files; text
            // with more digits than a float holds is rounded to the nearest float through the nearest double.
            float single = (float)value;
            if (float.IsInfinity(single))
            {
                throw new JsonFormatException(
                    "tensor '" + MessageText.Name(_name) + "' holds " + MessageText.Name(_tokens.NumberText) + ", beyond the largest float (3.4028235E+38)",
                    _tokens.TokenLine,
                    _tokens.TokenColumn,
                    JsonProblemKind.OutOfRange);
            }

            return single;
        }

        private JsonFormatException NotRectangular(string problem) => new(
            "tensor '" + MessageText.Name(_name) + "' is not rectangular: " + problem,
            _tokens.TokenLine,
            _tokens.TokenColumn,
            JsonProblemKind.Structure);

        private JsonFormatException NotANumber(JsonToken token) => new(
            "tensor '" + MessageText.Name(_name) + "' holds " + JsonTokenizer.Describe(token) + " where a number was expected",
            _tokens.TokenLine,
            _tokens.TokenColumn,
            JsonProblemKind.NotANumber);
    }
}

/// <summary>What <see cref="JsonWeights.Read"/> may keep and accept.</summary>
internal sealed class JsonWeightsLimits
{
    /// <summary>Creates limits.</summary>
    /// <param name="maxTensorCount">The most tensors the file may list.</param>
    /// <param name="maxStoredValues">The most values kept of one tensor: the network's largest tensor.</param>
    /// <param name="allowNonFinite">Whether NaN, Infinity and -Infinity are read as values rather than refused.</param>
    /// <param name="tensorCountHint">What the too-many-tensors message adds after the limit, e.g. the option that sets it.</param>
    public JsonWeightsLimits(int maxTensorCount, long maxStoredValues, bool allowNonFinite, string tensorCountHint)
    {
        MaxTensorCount = maxTensorCount;
        MaxStoredValues = maxStoredValues;
        AllowNonFinite = allowNonFinite;
        TensorCountHint = tensorCountHint;
    }

    /// <summary>10,000 tensors (a network of 5,000 layers), every value kept, non-finite values refused.</summary>
    public static JsonWeightsLimits Default { get; } = new(10_000, int.MaxValue, allowNonFinite: false, string.Empty);

    /// <summary>The most tensors the file may list.</summary>
    public int MaxTensorCount { get; }

    /// <summary>The most values kept of one tensor; a larger one is read (its shape is reported) but not kept.</summary>
    public long MaxStoredValues { get; }

    /// <summary>Whether NaN and ±Infinity are loaded.</summary>
    public bool AllowNonFinite { get; }

    /// <summary>Text added after the tensor limit in its message.</summary>
    public string TensorCountHint { get; }
}
