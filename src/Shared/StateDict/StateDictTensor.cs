// Shared by the runtime (net10.0) and the generator (netstandard2.0).
namespace StaticNet.Interop;

/// <summary>One named tensor of a weight file, as far as the state-dict name rules need to know it.</summary>
internal sealed class StateDictTensor
{
    /// <summary>Creates the description of one tensor.</summary>
    /// <param name="name">Its key, e.g. <c>fc1.weight</c>.</param>
    /// <param name="shape">Its dimensions.</param>
    /// <param name="kind">How messages introduce its type before the shape, e.g. <c>F32</c>; empty when the format has one type.</param>
    /// <param name="where">Where it sits in the file for messages, e.g. <c>line 3, column 14</c>; empty when there is nothing useful to say.</param>
    public StateDictTensor(string name, long[] shape, string kind, string where)
    {
        Name = name;
        Shape = shape;
        Kind = kind;
        Where = where;
    }

    /// <summary>Its key in the file.</summary>
    public string Name { get; }

    /// <summary>Its dimensions.</summary>
    public long[] Shape { get; }

    /// <summary>Its element type as messages show it, or empty.</summary>
    public string Kind { get; }

    /// <summary>Its position in the file as messages show it, or empty.</summary>
    public string Where { get; }

    /// <summary>How a message lists it, e.g. <c>'fc1.weight' (F32 [8,4])</c>.</summary>
    public string Describe()
    {
        string type = Kind.Length == 0 ? StateDictMatcher.FormatShape(Shape) : Kind + " " + StateDictMatcher.FormatShape(Shape);
        return "'" + MessageText.Name(Name) + "' (" + type + (Where.Length == 0 ? ")" : ", " + Where + ")");
    }
}
