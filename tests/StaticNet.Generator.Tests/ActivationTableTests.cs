using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using StaticNet.Generator.Emit;
using StaticNet.Generator.Model;
using Xunit;

namespace StaticNet.Generator.Tests;

// Inside the namespace, so that it wins over the runtime's StaticNet.Activation.
using Activation = StaticNet.Generator.Model.Activation;

/// <summary>
/// The generator's one table of activations: every member of the enum has an entry, every form the emitters write
/// exists for it (comment equations, whole-layer kernels, g' as a kernel and as an expression, scalar, vector,
/// initialisation, the frozen column kernel), every runtime member an entry names is in the runtime contract, and a
/// network of each activation in each layer strategy generates code that compiles.
/// </summary>
public sealed class ActivationTableTests
{
    /// <summary>Every member of the generator's Activation enum, as its runtime twin (the theory's public parameter type).</summary>
    public static TheoryData<StaticNet.Activation> Activations()
    {
        var data = new TheoryData<StaticNet.Activation>();
        foreach (Activation activation in Enum.GetValues(typeof(Activation)))
        {
            data.Add((StaticNet.Activation)(int)activation);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Activations))]
    public void EveryActivation_HasAnEntry_NamedLikeTheRuntimeEnumMember(StaticNet.Activation runtime)
    {
        var activation = (Activation)(int)runtime;
        ActivationForms forms = ActivationTable.Of(activation);

        Assert.Equal(activation, forms.Activation);
        Assert.Equal(runtime, Enum.Parse<StaticNet.Activation>(forms.RuntimeName));
    }

    [Theory]
    [MemberData(nameof(Activations))]
    public void EveryActivation_HasEveryFormTheEmittersWrite(StaticNet.Activation runtime)
    {
        var activation = (Activation)(int)runtime;
        const float slope = 0.25f;
        Assert.NotEmpty(ActivationFormulas.Equation(activation, "z[1]"));
        Assert.NotEmpty(ActivationFormulas.DerivativeEquation(activation, 1, slope));
        Assert.NotEmpty(ActivationFormulas.ApplyToLayer(activation, "z1", "a1", slope));
        Assert.NotEmpty(ActivationFormulas.InitialBound(activation, 4, 5, slope).Bound);
        Assert.NotEmpty(ActivationFormulas.Fused(activation, slope).Member);

        ActivationForms forms = ActivationTable.Of(activation);
        if (!forms.IsElementwise)
        {
            // A layer-wise g: applied to a row or to every row of a block, backpropagated by its Jacobian.
            Assert.Equal(DerivativeSource.Jacobian, forms.Derivative);
            Assert.NotEmpty(ActivationFormulas.ApplyToLayer(activation, "a1", "a1", slope, rowWidth: "Layer1Size"));
            Assert.NotEmpty(ActivationFormulas.JacobianProduct(activation, "a1", "g", "delta1"));
            Assert.Throws<ArgumentOutOfRangeException>(() => ActivationFormulas.TimesDerivative(activation, "v", "a", "z", slope));
            return;
        }

        Assert.NotEqual(DerivativeSource.Jacobian, forms.Derivative);
        Assert.NotEmpty(ActivationFormulas.TimesDerivative(activation, "v", "a", "z", slope));
        Assert.NotEmpty(ActivationFormulas.Scalar(activation, "s", slope));
        Assert.NotEmpty(ActivationFormulas.Vector(activation, "global::System.Runtime.Intrinsics.Vector128", "z", slope));
        string? multiply = ActivationFormulas.MultiplyDerivative(activation, "delta1", "a1", "z1", slope);
        Assert.Equal(forms.Derivative == DerivativeSource.None, multiply is null);

        // A slope reaches every form that takes one, written as the same literal.
        if (forms.TakesSlope)
        {
            Assert.Contains("0.25f", ActivationFormulas.ApplyToLayer(activation, "z1", "a1", slope)[0]);
            Assert.Contains("0.25f", multiply);
            Assert.Contains("0.25f", ActivationFormulas.TimesDerivative(activation, "v", "a", "z", slope));
            Assert.Contains("0.25f", ActivationFormulas.Scalar(activation, "s", slope));
            Assert.Contains("0.25f", ActivationFormulas.Vector(activation, "V", "z", slope));
            Assert.Equal("0.25f", ActivationFormulas.Fused(activation, slope).Slope);
        }
    }

    [Fact]
    public void EveryRuntimeMemberTheTableNames_IsInTheRuntimeContract()
    {
        // RuntimeContractTests checks by reflection that each listed method exists in StaticNet.dll.
        var missing = new List<string>();
        foreach (ActivationForms forms in ActivationTable.All)
        {
            Check(RuntimeContract.NetworkMath, forms.ScalarFunction);
            Check(RuntimeContract.NetworkMath, forms.JacobianProduct);
            Check(RuntimeContract.ActivationKernels, forms.LayerKernel);
            Check(RuntimeContract.ActivationKernels, forms.DerivativeKernel);
            Check(RuntimeContract.VectorActivations, forms.VectorFunction);
        }

        Assert.True(missing.Count == 0, "Not in RuntimeContract.Methods: " + string.Join(", ", missing));

        void Check(string type, string? member)
        {
            if (member is not null && !RuntimeContract.Methods.Contains(type + "." + member))
            {
                missing.Add(type + "." + member);
            }
        }
    }

    [Fact]
    public void EveryElementwiseActivation_GeneratesCompilingCode_InEveryLayerStrategy_AndFrozen()
    {
        // 4-5-3: registers (frozen: constant columns); 4-8-3: registers for inference, straight-line where training
        // keeps z (frozen: 8-lane constant columns); 20-40-3: kernels (frozen: the 40-unit layer by columns).
        int[][] shapes = { new[] { 4, 5, 3 }, new[] { 4, 8, 3 }, new[] { 20, 40, 3 } };
        var source = new StringBuilder("using StaticNet;\nnamespace Demo;\n");
        var files = new List<(string Path, string Text)>();
        int n = 0;
        foreach (ActivationForms forms in ActivationTable.All.Where(f => f.IsElementwise))
        {
            foreach (int[] shape in shapes)
            {
                string sizes = string.Join(", ", shape);
                string activations = $"Hidden = Activation.{forms.RuntimeName}, Output = Activation.{forms.RuntimeName}, LeakySlope = 0.125f";
                source.AppendLine($"[Network({sizes}, {activations})] partial class Net{n} {{ }}");
                source.AppendLine($"[Network({sizes}, {activations}, Weights = \"w{n}.json\")] partial class Frozen{n} {{ }}");
                files.Add(($"w{n}.json", Weights(shape)));
                n++;
            }
        }

        GeneratorRun run = FrozenHarness.Run(source.ToString(), files.ToArray());

        Assert.Empty(run.GeneratorDiagnostics);
        Assert.Equal(2 * n, run.Sources.Count);
        Assert.True(!run.GeneratedCodeDiagnostics.Any(), GeneratorRun.Describe(run.GeneratedCodeDiagnostics));
        Assert.True(!run.CompilationErrors.Any(), GeneratorRun.Describe(run.CompilationErrors));
    }

    /// <summary>A JSON state dict of a Sequential of Linear layers with these sizes (keys 0, 2, …).</summary>
    private static string Weights(int[] shape)
    {
        var json = new StringBuilder("{");
        for (int l = 1; l < shape.Length; l++)
        {
            string Row(int count, int seed) => "[" + string.Join(", ", Enumerable.Range(0, count).Select(i => ((((seed + i) % 7) - 3) / 8.0).ToString(CultureInfo.InvariantCulture))) + "]";
            string rows = "[" + string.Join(", ", Enumerable.Range(0, shape[l]).Select(j => Row(shape[l - 1], j))) + "]";
            json.Append(l > 1 ? ", " : string.Empty)
                .Append($"\"{2 * (l - 1)}.weight\": {rows}, \"{2 * (l - 1)}.bias\": {Row(shape[l], l)}");
        }

        return json.Append('}').ToString();
    }
}
