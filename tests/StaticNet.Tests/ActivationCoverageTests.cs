using System;
using System.Linq;
using System.Reflection;
using System.Runtime.Intrinsics;
using StaticNet.CompilerServices;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// The runtime side of "one place per activation": every member of <see cref="Activation"/> has every runtime form
/// generated code may call (the scalar NetworkMath function and its derivative, the whole-layer kernel and derivative
/// kernel, the vector functions of register layers, the frozen column kernel), and each form computes what the
/// others compute, since all are the activation's one operator struct. The generator's side (equations,
/// initialisation, which form each layer strategy writes) is ActivationTableTests; ONNX export and import of every
/// activation in every position is OnnxExportTests over the test networks, which cover each one hidden and output.
/// </summary>
public sealed class ActivationCoverageTests
{
    public static TheoryData<Activation> Activations() => new(Enum.GetValues<Activation>());

    // The ReLU family's vector form is written inline by the generator (Vector128.Max, ConditionalSelect), and
    // identity has none; softmax is a function of the whole layer.
    private static readonly Activation[] InlineVector = { Activation.Identity, Activation.ReLU, Activation.LeakyReLU };

    [Theory]
    [MemberData(nameof(Activations))]
    public void EveryActivation_HasEveryRuntimeForm(Activation activation)
    {
        string name = activation.ToString();
        if (activation == Activation.Softmax)
        {
            Assert.NotNull(Method(typeof(NetworkMath), "SoftmaxInPlace"));
            Assert.NotNull(Method(typeof(NetworkMath), "SoftmaxBackward"));
            Assert.NotNull(Method(typeof(ActivationKernels), "SoftmaxRows"));
            return;
        }

        if (activation != Activation.Identity)
        {
            Assert.NotNull(Method(typeof(NetworkMath), name));
            Assert.NotNull(Method(typeof(ActivationKernels), name));
            Assert.NotNull(Method(typeof(ActivationKernels), "Multiply" + name + "Derivative"));
        }

        if (!InlineVector.Contains(activation))
        {
            foreach (Type vector in new[] { typeof(Vector128<float>), typeof(Vector256<float>), typeof(Vector512<float>) })
            {
                Assert.NotNull(typeof(VectorActivations).GetMethod(name, BindingFlags.Public | BindingFlags.Static, new[] { vector }));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Activations))]
    public void EveryElementwiseActivation_GivesTheSameValues_InTheScalarKernelAndFrozenForms(Activation activation)
    {
        if (activation == Activation.Softmax)
        {
            return;
        }

        const float slope = 0.1f;
        float[] z = Enumerable.Range(0, 37).Select(i => (i - 18) * 0.41f).ToArray();
        var kernel = new float[z.Length];
        if (activation == Activation.Identity)
        {
            z.CopyTo(kernel, 0);
        }
        else if (activation == Activation.LeakyReLU)
        {
            ActivationKernels.LeakyReLU(z, kernel, slope);
        }
        else
        {
            Method(typeof(ActivationKernels), activation.ToString())!.CreateDelegate<LayerKernel>()(z, kernel);
        }

        // The frozen column kernel: one unit per z, a weight of 1 on an input of z and a zero bias.
        var frozen = new float[z.Length];
        for (int j = 0; j < z.Length; j++)
        {
            var columns = new float[FrozenLayers.ColumnsLength(1, 1)];
            FrozenLayers.WriteColumns(new[] { 1f }, new[] { 0f }, columns);
            var output = new float[1];
            FrozenLayers.Forward(columns, new[] { z[j] }, output, activation, slope);
            frozen[j] = output[0];
        }

        for (int j = 0; j < z.Length; j++)
        {
            float scalar = Scalar(activation, z[j], slope);
            Assert.True(Math.Abs(kernel[j] - scalar) <= 1e-6f * Math.Max(1f, Math.Abs(scalar)), $"{activation}({z[j]}): kernel {kernel[j]:R}, scalar {scalar:R}");
            Assert.True(Math.Abs(frozen[j] - scalar) <= 1e-6f * Math.Max(1f, Math.Abs(scalar)), $"{activation}({z[j]}): frozen {frozen[j]:R}, scalar {scalar:R}");
        }
    }

    private static float Scalar(Activation activation, float z, float slope) => activation switch
    {
        Activation.Identity => z,
        Activation.LeakyReLU => NetworkMath.LeakyReLU(z, slope),
        _ => (float)Method(typeof(NetworkMath), activation.ToString())!.Invoke(null, new object[] { z })!,
    };

    private static MethodInfo? Method(Type type, string name) =>
        type.GetMethods(BindingFlags.Public | BindingFlags.Static).FirstOrDefault(method => method.Name == name);

    private delegate void LayerKernel(ReadOnlySpan<float> z, Span<float> a);
}
