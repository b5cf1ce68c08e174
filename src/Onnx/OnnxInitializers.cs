using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using StaticNet.Interop;
using StaticNet.OnnxFormat;

namespace StaticNet;

/// <summary>
/// The graph's initializers by name, and the checks that one holds float data stored inside the model: the only
/// kind of tensor a network's parameters can come from.
/// </summary>
internal sealed class OnnxInitializers
{
    private readonly Dictionary<string, TensorProto> _byName = new(StringComparer.Ordinal);

    /// <summary>Indexes <paramref name="graph"/>'s initializers; a name given twice is an error the caller reports.</summary>
    public OnnxInitializers(GraphProto graph, out string? duplicate)
    {
        duplicate = null;
        foreach (TensorProto tensor in graph.Initializer)
        {
            if (!_byName.TryAdd(tensor.Name, tensor))
            {
                duplicate ??= tensor.Name;
            }
        }
    }

    /// <summary>Whether a value of this name is an initializer.</summary>
    public bool Contains(string name) => _byName.ContainsKey(name);

    /// <summary>The initializer <paramref name="name"/>, or null.</summary>
    public TensorProto? Find(string name) => _byName.GetValueOrDefault(name);

    /// <summary>
    /// The float values of <paramref name="tensor"/>, in row-major order, or a problem saying why it has none:
    /// not FLOAT, stored in an external file, or holding a different number of values than its shape.
    /// </summary>
    public static float[]? ReadFloats(TensorProto tensor, string user, out string? problem)
    {
        string what = $"initializer '{MessageText.Name(tensor.Name)}' (used by {user})";
        if (tensor.DataLocation == TensorProto.Types.DataLocation.External || tensor.ExternalData.Count > 0)
        {
            string location = "an external file";
            foreach (StringStringEntryProto entry in tensor.ExternalData)
            {
                if (entry.Key == "location")
                {
                    location = "the external file '" + MessageText.Name(entry.Value) + "'";
                }
            }

            problem = $"{what} keeps its data in {location}; save the model with every tensor inside it (onnx.save_model(model, path, save_as_external_data=False))";
            return null;
        }

        if (tensor.DataType != (int)TensorProto.Types.DataType.Float)
        {
            problem = $"{what} is {OnnxOperators.ElementTypeName(tensor.DataType)}, but the network's parameters are FLOAT (convert the model to float32 before exporting it)";
            return null;
        }

        long count = 1;
        foreach (long dimension in tensor.Dims)
        {
            if (dimension < 0 || (dimension > 0 && count > int.MaxValue / dimension))
            {
                problem = $"{what} has the impossible shape {Shape(tensor)}";
                return null;
            }

            count *= dimension;
        }

        // The lengths are checked before anything is allocated, so a shape that promises more than the tensor holds costs nothing.
        float[] values;
        if (tensor.RawData.Length > 0 || tensor.FloatData.Count == 0)
        {
            ReadOnlySpan<byte> raw = tensor.RawData.Span;
            if (raw.Length != count * sizeof(float))
            {
                problem = $"{what} has shape {Shape(tensor)}, which needs {count * sizeof(float)} bytes of raw data, but it holds {raw.Length}";
                return null;
            }

            values = new float[count];
            for (int i = 0; i < values.Length; i++)
            {
                values[i] = BinaryPrimitives.ReadSingleLittleEndian(raw.Slice(i * sizeof(float)));
            }
        }
        else
        {
            if (tensor.FloatData.Count != count)
            {
                problem = $"{what} has shape {Shape(tensor)}, which needs {count} values, but its float_data holds {tensor.FloatData.Count}";
                return null;
            }

            values = new float[count];
            tensor.FloatData.CopyTo(values, 0);
        }

        problem = null;
        return values;
    }

    /// <summary>A tensor's shape as messages show it, e.g. <c>[8,4]</c>.</summary>
    public static string Shape(TensorProto tensor) => "[" + string.Join(',', tensor.Dims) + "]";

    /// <summary>Whether the tensor's dimensions are exactly <paramref name="expected"/>.</summary>
    public static bool HasShape(TensorProto tensor, params long[] expected)
    {
        if (tensor.Dims.Count != expected.Length)
        {
            return false;
        }

        for (int i = 0; i < expected.Length; i++)
        {
            if (tensor.Dims[i] != expected[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Formats numbers invariantly, for shapes in messages.</summary>
    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
