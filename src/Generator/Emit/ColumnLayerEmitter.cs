using System;
using System.Collections.Generic;
using StaticNet.Generator.Model;
using StaticNet.Generator.Planning;

namespace StaticNet.Generator.Emit;

/// <summary>
/// The vector code of a layer stored by columns (<see cref="ColumnOrder"/>): the forward sums
/// z = b + Σ_k a_k·W[:,k], one multiply-add of a broadcast input and a contiguous column per k, and the rank-1 updates
/// of BP3/BP4 (into the gradient, or the descent step into the parameters), one multiply-add per column. Each is
/// written at the widths the hardware computes, behind constant tests that the JIT and NativeAOT fold, so only one
/// branch is compiled; the caller writes the scalar form for the last branch.
/// </summary>
/// <remarks>
/// A column of n units is one vector of 4 or 8 lanes (or two of 4 where 256-bit vectors are not hardware), so a
/// vector reaches up to 7 floats past the column: into the next column, and after the last parameter into the
/// buffer's overhang (<see cref="ColumnOrder.Overhang"/>). Loads past a column compute lanes nobody reads; how stores
/// stay correct is on <see cref="EmitRows"/>.
/// </remarks>
internal static class ColumnLayerEmitter
{
    private const string Intrinsics = "global::System.Runtime.Intrinsics";
    private const string GetReference = "global::System.Runtime.InteropServices.MemoryMarshal.GetReference";

    /// <summary>
    /// Writes z[l] by columns and hands each unit's result to <paramref name="destination"/>: a[l]_j = g(z[l]_j) on
    /// whole vectors where <paramref name="activate"/> (a register layer), otherwise z[l]_j itself (a straight-line
    /// layer, whose activation the caller applies to the whole layer). <paramref name="input"/> spells a[l−1]_k.
    /// </summary>
    public static void EmitForward(CodeWriter writer, LayerPlan plan, float slope, Func<int, string> input, Func<int, string> destination, bool activate, Action scalarForm)
    {
        LayerSpec layer = plan.Layer;
        int l = layer.Index;
        writer.Comment($"W[{l}] by columns: z[{l}] = b[{l}] + Σ_k {LayerCode.InputSymbol(layer)}_k · W[{l}][:, k], a broadcast input times a column per multiply-add.");
        writer.Comment("Lanes past the units load the next column: they are computed and never read.");
        foreach ((string test, Width width) in Branches(layer))
        {
            using (writer.Open(test))
            {
                writer.Line($"ref float weights = ref {GetReference}(p);");
                EmitSums(writer, layer, width, input);
                EmitResults(writer, layer, width, slope, destination, activate);
            }
        }

        using (writer.Open("else"))
        {
            scalarForm();
        }
    }

    /// <summary>
    /// target[b[l]] += s and target[W[l][:, k]] += s·a[l−1]_k, with s_j the local <c>{scale}_j</c> (δ[l]_j for the
    /// gradient, −η·δ[l]_j for a descent step): b[l] is the column after W's last, so the layer is n[l−1] + 1 columns of
    /// one multiply-add (b: one add) each. <paramref name="mayOverhang"/> says whether the target has the parameter
    /// buffer's overhang after its end (the parameters do; a caller's gradient does not).
    /// </summary>
    /// <remarks>
    /// A column's store also writes the lanes past its units, into the start of the next column. So each column is
    /// loaded before the column below it is stored, and stored after: the next column then stores its own values over
    /// those lanes. The last column, b[l], has no column of this layer after it, so it is written without passing its
    /// units (<see cref="BiasPieces"/>), except into the buffer's overhang after the parameters.
    /// </remarks>
    public static void EmitRows(CodeWriter writer, LayerPlan plan, string target, string scale, string stepSymbol, bool mayOverhang, Action scalarForm)
    {
        LayerSpec layer = plan.Layer;
        int l = layer.Index;
        writer.Comment($"W[{l}] by columns: column k moves by {stepSymbol}·{LayerCode.InputSymbol(layer)}_k and b[{l}], the column after the last, by {stepSymbol}.");
        writer.Comment("A column's store runs past its units into the next column, which is loaded before that store and stored after it,");
        writer.Comment($"over those lanes; b[{l}] is written without passing its units, except into the buffer's overhang.");
        foreach ((string test, Width width) in Branches(layer))
        {
            using (writer.Open(test))
            {
                EmitColumnSteps(writer, plan, width, target, scale, mayOverhang);
            }
        }

        using (writer.Open("else"))
        {
            scalarForm();
        }
    }

    /// <summary>The widths, widest first, with their constant tests: one Vector256 for 5 to 8 units where 256-bit vectors are hardware, otherwise Vector128s.</summary>
    private static IEnumerable<(string Test, Width Width)> Branches(LayerSpec layer)
    {
        bool wide = layer.Size > Width.Vector128.Lanes;
        if (wide)
        {
            yield return ($"if ({Intrinsics}.Vector256.IsHardwareAccelerated)", Width.Vector256);
        }

        yield return ($"{(wide ? "else " : "")}if ({Intrinsics}.Vector128.IsHardwareAccelerated)", Width.Vector128);
    }

    /// <summary>
    /// z from b's column plus one multiply-add per input, in <see cref="Width.Chunks"/> vectors. One vector per column
    /// is one chain of dependent multiply-adds, so it is split in two (even k, odd k) and added at the end.
    /// </summary>
    private static void EmitSums(CodeWriter writer, LayerSpec layer, Width width, Func<int, string> input)
    {
        int chunks = width.Chunks(layer.Size);
        bool split = chunks == 1 && layer.InputSize >= 3;
        for (int c = 0; c < chunks; c++)
        {
            writer.Line($"{width.Type}<float> {Sum(layer, width, c)} = {width.Load("weights", LayerCode.ColumnOffset(layer, layer.InputSize) + (c * width.Lanes))};");
        }

        if (split)
        {
            writer.Comment("Even k into the sum, odd k into a second one: two chains of multiply-adds, each about half as long.");
        }

        for (int k = 0; k < layer.InputSize; k++)
        {
            string broadcast = $"{width.Type}.Create({input(k)})";
            for (int c = 0; c < chunks; c++)
            {
                string column = width.Load("weights", LayerCode.ColumnOffset(layer, k) + (c * width.Lanes));
                string sum = Sum(layer, width, c);
                if (split && k == 1)
                {
                    writer.Line($"{width.Type}<float> {sum}Odd = {column} * {broadcast};");
                }
                else
                {
                    string chain = split && k % 2 == 1 ? sum + "Odd" : sum;
                    writer.Line($"{chain} = {RuntimeContract.MultiplyAdd}({column}, {broadcast}, {chain});");
                }
            }
        }

        if (split)
        {
            writer.Line($"{Sum(layer, width, 0)} += {Sum(layer, width, 0)}Odd;");
        }
    }

    /// <summary>Each unit's lane of the sums, through g on the whole vector where the layer applies it here.</summary>
    private static void EmitResults(CodeWriter writer, LayerSpec layer, Width width, float slope, Func<int, string> destination, bool activate)
    {
        bool onVectors = activate && ActivationFormulas.HasVectorForm(layer.Activation);
        for (int c = 0; c < width.Chunks(layer.Size); c++)
        {
            int start = c * width.Lanes;
            string vector = Sum(layer, width, c);
            if (onVectors)
            {
                string activations = $"{Names.A(layer.Index)}From{Literals.Int(start)}";
                writer.Line($"{width.Type}<float> {activations} = {ActivationFormulas.Vector(layer.Activation, width.Type, vector, slope)};");
                vector = activations;
            }

            for (int j = start; j < Math.Min(start + width.Lanes, layer.Size); j++)
            {
                string lane = $"{vector}[{Literals.Int(j - start)}]";
                writer.Line($"{destination(j)} = {(activate && !onVectors ? ActivationFormulas.Scalar(layer.Activation, lane, slope) : lane)};");
            }
        }
    }

    /// <summary>The steps of <see cref="EmitRows"/> at one width: load column k + 1, then store column k.</summary>
    private static void EmitColumnSteps(CodeWriter writer, LayerPlan plan, Width width, string target, string scale, bool mayOverhang)
    {
        LayerSpec layer = plan.Layer;
        int chunks = width.Chunks(layer.Size);
        int biasColumn = layer.InputSize;

        // b[l] is the end of the layer's block. Whole vectors past it would land in the next layer's W, stepped just
        // before (a load overlapping a recent store waits for it to retire instead of being forwarded), or past the end
        // of a caller's gradient; only the output layer's b in the parameters has the buffer's overhang after it. So b[l]
        // is otherwise written as whole Vector128s and then floats, none past its units.
        var bias = new BiasPieces(layer, width, chunks * width.Lanes == layer.Size || (mayOverhang && plan.IsOutput));
        writer.Line($"ref float origin = ref {GetReference}({target});");
        for (int c = 0; c < chunks; c++)
        {
            var lanes = new List<string>();
            for (int lane = 0; lane < width.Lanes; lane++)
            {
                int j = (c * width.Lanes) + lane;
                lanes.Add(j < layer.Size ? LayerCode.ElementLocal(scale, j) : "0f");
            }

            writer.Line($"{width.Type}<float> {Step(scale, c, width)} = {width.Type}.Create({string.Join(", ", lanes)});");
        }

        EmitLoad(writer, layer, width, target, 0, bias);
        for (int k = 0; k < biasColumn; k++)
        {
            EmitLoad(writer, layer, width, target, k + 1, bias);
            for (int c = 0; c < chunks; c++)
            {
                string factor = $"{width.Type}.Create({LayerCode.ElementLocal(LayerCode.Input(layer), k)})";
                string moved = $"{RuntimeContract.MultiplyAdd}({Step(scale, c, width)}, {factor}, {Column(k, c, width)})";
                writer.Line($"{RuntimeContract.VectorArithmetic}.Store(ref origin, {LayerCode.ColumnOffset(layer, k) + (c * width.Lanes)}, {moved});");
            }
        }

        for (int piece = 0; piece < bias.Vectors; piece++)
        {
            string step = bias.Whole ? Step(scale, piece, width) : StepOf128(scale, piece, width);
            writer.Line($"{RuntimeContract.VectorArithmetic}.Store(ref origin, {layer.BiasesOffset + (piece * bias.Lanes)}, {Column(biasColumn, piece, bias.Lanes)} + {step});");
        }

        for (int j = bias.FirstFloat; j < layer.Size; j++)
        {
            writer.Line($"{target}[{layer.BiasesOffset + j}] = {LayerCode.ElementLocal(Column(biasColumn, 0, bias.Lanes), j)} + {LayerCode.ElementLocal(scale, j)};");
        }
    }

    /// <summary>Loads column <paramref name="k"/> into locals: its vectors, or b[l]'s pieces (<see cref="BiasPieces"/>).</summary>
    private static void EmitLoad(CodeWriter writer, LayerSpec layer, Width width, string target, int k, BiasPieces bias)
    {
        if (k < layer.InputSize)
        {
            for (int c = 0; c < width.Chunks(layer.Size); c++)
            {
                writer.Line($"{width.Type}<float> {Column(k, c, width)} = {width.Load("origin", LayerCode.ColumnOffset(layer, k) + (c * width.Lanes))};");
            }

            return;
        }

        Width pieces = bias.Whole ? width : Width.Vector128;
        for (int piece = 0; piece < bias.Vectors; piece++)
        {
            writer.Line($"{pieces.Type}<float> {Column(k, piece, bias.Lanes)} = {pieces.Load("origin", layer.BiasesOffset + (piece * bias.Lanes))};");
        }

        if (bias.FirstFloat < layer.Size)
        {
            var declarators = new List<string>();
            for (int j = bias.FirstFloat; j < layer.Size; j++)
            {
                declarators.Add($"{LayerCode.ElementLocal(Column(k, 0, bias.Lanes), j)} = {target}[{layer.BiasesOffset + j}]");
            }

            writer.Line($"float {string.Join(", ", declarators)};");
        }
    }

    /// <summary>Piece <paramref name="piece"/> of the step as a Vector128: a Vector256 step's lower half, or a Vector128 chunk.</summary>
    private static string StepOf128(string scale, int piece, Width width) =>
        width == Width.Vector256 ? $"{Width.Vector256.Type}.GetLower({Step(scale, 0, width)})" : Step(scale, piece, width);

    private static string Sum(LayerSpec layer, Width width, int chunk) => $"{Names.Z(layer.Index)}From{Literals.Int(chunk * width.Lanes)}";

    private static string Step(string scale, int chunk, Width width) => $"{scale}From{Literals.Int(chunk * width.Lanes)}";

    /// <summary>The local holding one vector of column k, e.g. <c>column2</c>, and <c>column2From4</c> for its second Vector128.</summary>
    private static string Column(int k, int chunk, Width width) => Column(k, chunk, width.Lanes);

    private static string Column(int k, int chunk, int lanes) =>
        chunk == 0 ? $"column{Literals.Int(k)}" : $"column{Literals.Int(k)}From{Literals.Int(chunk * lanes)}";

    /// <summary>
    /// How b[l]'s column is read and written: as the other columns' whole vectors (<see cref="Whole"/>), or as whole
    /// Vector128s and then single floats, none past the layer's units.
    /// </summary>
    private sealed class BiasPieces
    {
        public BiasPieces(LayerSpec layer, Width width, bool whole)
        {
            Whole = whole;
            Lanes = whole ? width.Lanes : Width.Vector128.Lanes;
            Vectors = whole ? width.Chunks(layer.Size) : layer.Size / Lanes;
            FirstFloat = whole ? layer.Size : Vectors * Lanes;
        }

        /// <summary>Whether b[l] is read and written in the width's vectors, lanes past its units included.</summary>
        public bool Whole { get; }

        /// <summary>The lanes of each vector piece.</summary>
        public int Lanes { get; }

        /// <summary>The vector pieces, from b[l]_0 on.</summary>
        public int Vectors { get; }

        /// <summary>The first unit written as a single float (the units if none is).</summary>
        public int FirstFloat { get; }
    }

    /// <summary>One vector width the column code is written at.</summary>
    private sealed class Width
    {
        public static readonly Width Vector128 = new("Vector128", 4);
        public static readonly Width Vector256 = new("Vector256", 8);

        private Width(string name, int lanes)
        {
            Name = name;
            Lanes = lanes;
        }

        /// <summary>The runtime's type name, e.g. Vector256.</summary>
        public string Name { get; }

        /// <summary>Floats per vector.</summary>
        public int Lanes { get; }

        /// <summary>The fully qualified static class, e.g. <c>global::System.Runtime.Intrinsics.Vector256</c>.</summary>
        public string Type => $"{Intrinsics}.{Name}";

        /// <summary>Vectors per column of <paramref name="units"/>.</summary>
        public int Chunks(int units) => (units + Lanes - 1) / Lanes;

        /// <summary>An unchecked load of one vector at <paramref name="offset"/> from the ref local <paramref name="origin"/>.</summary>
        public string Load(string origin, int offset) => $"{RuntimeContract.VectorArithmetic}.Load{Lanes * 32}(ref {origin}, {Literals.Int(offset)})";
    }
}
