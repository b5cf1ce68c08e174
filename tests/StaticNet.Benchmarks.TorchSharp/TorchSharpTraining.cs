using System;
using System.Linq;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace StaticNet.Benchmarks.TorchSharp;

/// <summary>
/// The same 784-128-10 mini-batch SGD step in TorchSharp, written the way PyTorch code trains: <c>zero_grad</c>,
/// Linear(784, 128) → ReLU → Linear(128, 10), <c>cross_entropy</c> (log-softmax and the mean negative log-likelihood
/// over the batch, the math of StaticNet's softmax output with cross-entropy on one-hot targets), <c>backward</c>,
/// <c>optim.SGD.step</c>. The batch lives in tensors made once; each step's temporaries are freed by a dispose scope,
/// so neither the garbage collector nor finalizers are part of what is timed.
/// </summary>
public sealed class TorchSharpTraining : IDisposable
{
    private readonly Linear _hidden, _output;
    private readonly SGD _optimizer;
    private readonly Tensor _inputs, _classes;

    /// <summary>Builds the model from <paramref name="initial"/>'s parameters and one fixed batch.</summary>
    /// <param name="initial">The StaticNet network whose current parameters the model starts from.</param>
    /// <param name="inputs">The batch, row-major (N × 784).</param>
    /// <param name="targets">One-hot targets, row-major (N × 10): each row's 1 becomes the class index PyTorch takes.</param>
    public TorchSharpTraining(Mnist784 initial, float[] inputs, float[] targets)
    {
        int batch = inputs.Length / Mnist784.InputSize;
        _hidden = nn.Linear(Mnist784.InputSize, 128);
        _output = nn.Linear(128, Mnist784.OutputSize);
        _inputs = tensor(inputs, new long[] { batch, Mnist784.InputSize });
        _classes = tensor(ClassIndices(targets, Mnist784.OutputSize));

        // StaticNet may keep a layer's W by columns in memory; NetworkWeights gives each layer in PyTorch's order.
        using (no_grad())
        using (NewDisposeScope())
        {
            CopyLayer(initial, 1, _hidden);
            CopyLayer(initial, 2, _output);
        }

        _optimizer = optim.SGD(_hidden.parameters().Concat(_output.parameters()), Implementations<Mnist784>.LearningRate);
    }

    /// <summary>
    /// Sets libtorch's intra-op threads (the ones its matrix products and element-wise kernels run on) to
    /// <paramref name="threads"/>, and its inter-op threads too when <paramref name="interOpAlso"/>: libtorch takes the
    /// latter once per process, before any parallel work, which is how each BenchmarkDotNet process sets it.
    /// </summary>
    public static void UseThreads(int threads, bool interOpAlso)
    {
        set_num_threads(threads);
        if (interOpAlso)
        {
            set_num_interop_threads(threads);
        }

        if (get_num_threads() != threads)
        {
            throw new InvalidOperationException($"libtorch runs {get_num_threads()} intra-op threads; {threads} were asked for.");
        }
    }

    /// <summary>One SGD step on the batch; returns the batch's mean loss before the step.</summary>
    public float Step()
    {
        using DisposeScope scope = NewDisposeScope();
        _optimizer.zero_grad();
        Tensor logits = _output.call(nn.functional.relu(_hidden.call(_inputs)));
        Tensor loss = nn.functional.cross_entropy(logits, _classes);
        loss.backward();
        _optimizer.step();
        return loss.item<float>();
    }

    /// <summary>Every parameter in PyTorch's order (W[1], b[1], W[2], b[2]), as <see cref="NetworkWeights.CopyParametersTo"/> gives StaticNet's.</summary>
    public float[] Parameters() => Flatten(static p => p);

    /// <summary>Every parameter's gradient from the last step, in the order of <see cref="Parameters"/>.</summary>
    public float[] Gradient() => Flatten(static p => p.grad ?? throw new InvalidOperationException("No gradient: no step has run."));

    /// <summary>Frees the model's and the batch's native memory.</summary>
    public void Dispose()
    {
        _optimizer.Dispose();
        _hidden.Dispose();
        _output.Dispose();
        _inputs.Dispose();
        _classes.Dispose();
    }

    private static long[] ClassIndices(float[] oneHot, int classes)
    {
        var indices = new long[oneHot.Length / classes];
        for (int i = 0; i < indices.Length; i++)
        {
            indices[i] = Array.IndexOf(oneHot, 1f, i * classes, classes) - (i * classes);
        }

        return indices;
    }

    private static void CopyLayer(Mnist784 network, int layer, Linear linear)
    {
        var weights = new float[linear.weight!.numel()];
        var biases = new float[linear.bias!.numel()];
        network.GetWeights(layer, weights);
        network.GetBiases(layer, biases);
        linear.weight.copy_(tensor(weights, linear.weight.shape));
        linear.bias.copy_(tensor(biases, linear.bias.shape));
    }

    private float[] Flatten(Func<Tensor, Tensor> select)
    {
        using DisposeScope scope = NewDisposeScope();
        return new[] { _hidden.weight!, _hidden.bias!, _output.weight!, _output.bias! }
            .SelectMany(p => select(p).data<float>().ToArray())
            .ToArray();
    }
}
