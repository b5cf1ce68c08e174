using System;
using System.Collections.Generic;
using StaticNet.CompilerServices;
using StaticNet.Tests.Networks;
using Xunit;

namespace StaticNet.Tests;

/// <summary>
/// Inverted dropout ([Network(…, Dropout = p)] and Dropouts): inference is the network without dropout bit for bit;
/// training drops units at rate p, scales kept ones by exactly 1/(1 − p) and sends no gradient through dropped ones;
/// masks are fresh on every call, reproducible from the seed, and the same whichever thread or part of a batch
/// computes a sample; with a round replayed, finite differences agree with the gradient. Each in every form the
/// generator writes a hidden layer (registers, straight-line, kernels; g' from z or from a).
/// </summary>
public class DropoutTests
{
    /// <summary>Each dropout network with its twin without dropout (same sizes and activations, so the same initial parameters).</summary>
    public static TheoryData<string> Networks() => new() { nameof(DropoutReLUNet), nameof(DropoutTanhNet), nameof(DropoutKernelNet) };

    [Theory]
    [MemberData(nameof(Networks))]
    public void Inference_IsTheNetworkWithoutDropout_BitForBit(string name)
    {
        IBatchNetwork network = Create(name, seed: 3);
        IBatchNetwork twin = Twin(name, seed: 3);
        (float[] inputs, float[] targets) = Batch(network, 70, seed: 1);

        // Train the dropout network a little, then give the twin its weights: inference must not see dropout at all.
        var gradient = new float[network.ParameterCount];
        var optimizer = new AdamW(0.01f);
        for (int step = 0; step < 5; step++)
        {
            Array.Clear(gradient);
            network.BackwardBatch(inputs, targets, gradient);
            optimizer.Step(network.Parameters, gradient);
        }

        network.Parameters.CopyTo(twin.Parameters);
        var output = new float[network.OutputSize];
        var twinOutput = new float[network.OutputSize];
        for (int s = 0; s < 70; s++)
        {
            ReadOnlySpan<float> x = inputs.AsSpan(s * network.InputSize, network.InputSize);
            network.Forward(x, output);
            twin.Forward(x, twinOutput);
            AssertSameBits(twinOutput, output);

            // Forward twice: still the same (no state of dropout changes what inference computes).
            network.Forward(x, output);
            AssertSameBits(twinOutput, output);
        }

        var outputs = new float[70 * network.OutputSize];
        var twinOutputs = new float[70 * network.OutputSize];
        network.ForwardBatch(inputs, outputs);
        twin.ForwardBatch(inputs, twinOutputs);
        AssertSameBits(twinOutputs, outputs);
    }

    [Fact]
    public void FrozenNetwork_PredictsAsWithoutDropout_AndDropsWhenFineTuned()
    {
        var random = new DeterministicRandom(4);
        var input = new float[FrozenKernelNet.InputSize];
        var target = new float[FrozenKernelNet.OutputSize];
        for (int i = 0; i < input.Length; i++)
        {
            input[i] = random.NextSymmetric(1f);
        }

        var predicted = new float[FrozenKernelNet.OutputSize];
        var expected = new float[FrozenKernelNet.OutputSize];
        var forward = new float[FrozenKernelNet.OutputSize];
        FrozenKernelDropoutNet.Predict(input, predicted);
        FrozenKernelNet.Predict(input, expected);
        var network = new FrozenKernelDropoutNet();
        network.Forward(input, forward);
        AssertSameBits(expected, predicted);

        // Forward is computed by Forward's layers, Predict by the frozen column layout: each equals its counterpart.
        var expectedForward = new float[FrozenKernelNet.OutputSize];
        new FrozenKernelNet().Forward(input, expectedForward);
        AssertSameBits(expectedForward, forward);
        AssertSameBits(FrozenKernelNet.TrainedParameters.ToArray(), FrozenKernelDropoutNet.TrainedParameters.ToArray());

        // Fine-tuning drops: Backward differs from the frozen network's without dropout.
        var gradient = new float[FrozenKernelNet.ParameterCount];
        var withoutDropout = new float[FrozenKernelNet.ParameterCount];
        network.Backward(input, target, gradient);
        new FrozenKernelNet().Backward(input, target, withoutDropout);
        Assert.NotEqual(withoutDropout, gradient);
    }

    [Fact]
    public void Training_DropsUnits_ButTheTwinWithoutDropoutDoesNot()
    {
        var network = new DropoutTanhNet(seed: 1);
        var twin = new DropoutTanhTwin(seed: 1);
        (float[] inputs, float[] targets) = Batch(network, 1, seed: 2);
        var gradient = new float[DropoutTanhNet.ParameterCount];
        var twinGradient = new float[DropoutTanhNet.ParameterCount];
        int differing = 0;
        for (int call = 0; call < 10; call++)
        {
            Array.Clear(gradient);
            Array.Clear(twinGradient);
            float loss = network.Backward(inputs, targets, gradient);
            float twinLoss = twin.Backward(inputs, targets, twinGradient);
            differing += loss != twinLoss && !gradient.AsSpan().SequenceEqual(twinGradient) ? 1 : 0;
        }

        // A call keeps all ten hidden units with probability 0.7⁵·0.9⁵ ≈ 0.1, and then equals the twin.
        Assert.InRange(differing, 5, 10);
    }

    [Fact]
    public void Masks_DropAtTheRate_IndependentlyAcrossUnitsSamplesAndLayers()
    {
        // 400 samples × 1,000 units at p = 0.2: 400,000 draws, standard deviation √(n·p·(1 − p)) ≈ 253.
        const int Width = 1000, Rows = 400;
        const float Rate = 0.2f;
        var activations = new float[Width * Rows];
        var mask = new float[Width * Rows];
        var otherLayer = new float[Width * Rows];
        activations.AsSpan().Fill(1f);
        DropoutMasks.Apply(activations, mask, default, Width, Rate, seed: 7, round: 3, firstSample: 0, layer: 1);
        otherLayer.AsSpan().Fill(1f);
        DropoutMasks.Apply(otherLayer, new float[Width * Rows], default, Width, Rate, seed: 7, round: 3, firstSample: 0, layer: 2);

        int dropped = 0, droppedInBothLayers = 0, droppedInNextSample = 0;
        for (int i = 0; i < mask.Length; i++)
        {
            bool isDropped = mask[i] == 0f;
            dropped += isDropped ? 1 : 0;
            droppedInBothLayers += isDropped && otherLayer[i] == 0f ? 1 : 0;
            droppedInNextSample += isDropped && i + Width < mask.Length && mask[i + Width] == 0f ? 1 : 0;
        }

        double n = mask.Length;
        Assert.InRange(dropped, n * Rate - (5 * Math.Sqrt(n * Rate * (1 - Rate))), n * Rate + (5 * Math.Sqrt(n * Rate * (1 - Rate))));

        // Pairs dropped together: p² if independent (0.04 of the draws, σ ≈ 124 here).
        double pair = Rate * Rate;
        Assert.InRange(droppedInBothLayers, n * pair - (5 * Math.Sqrt(n * pair)), n * pair + (5 * Math.Sqrt(n * pair)));
        double pairs = n - Width;
        Assert.InRange(droppedInNextSample, pairs * pair - (5 * Math.Sqrt(pairs * pair)), pairs * pair + (5 * Math.Sqrt(pairs * pair)));
    }

    [Theory]
    [InlineData(0.5f)]
    [InlineData(0.2f)]
    [InlineData(0.1f)]
    [InlineData(0.999f)]
    public void KeptUnits_AreScaledByExactlyOneOverOneMinusP_DroppedOnesAreZero(float rate)
    {
        const int Width = 64, Rows = 8;
        var random = new DeterministicRandom(5);
        var activations = new float[Width * Rows];
        for (int i = 0; i < activations.Length; i++)
        {
            activations[i] = random.NextSymmetric(3f);
        }

        float[] original = (float[])activations.Clone();
        var mask = new float[activations.Length];
        var before = new float[activations.Length];
        DropoutMasks.Apply(activations, mask, before, Width, rate, seed: 1, round: 0, firstSample: 0, layer: 1);

        float scale = 1f / (1f - rate);
        int kept = 0;
        for (int i = 0; i < activations.Length; i++)
        {
            Assert.Equal(original[i], before[i]);
            Assert.True(mask[i] == 0f || mask[i] == scale, $"mask {mask[i]}");
            Assert.Equal(mask[i] == 0f ? 0f : original[i] * scale, activations[i]);
            kept += mask[i] == 0f ? 0 : 1;
        }

        Assert.InRange(kept, 1, activations.Length - (rate >= 0.5f ? 1 : 0));
    }

    [Fact]
    public void HiddenLayer_DropRateAndScale_ThroughTheNetwork()
    {
        // Tanh's g' is never 0, so ∂C/∂b[1]_j = 0 exactly when unit j was dropped (p = 0.3), and likewise b[2] (p = 0.1).
        var network = new DropoutTanhNet(seed: 2);
        (float[] inputs, float[] targets) = Batch(network, 1, seed: 3);
        var gradient = new float[DropoutTanhNet.ParameterCount];
        const int Calls = 4000;
        int dropped1 = 0, dropped2 = 0;
        for (int call = 0; call < Calls; call++)
        {
            Array.Clear(gradient);
            network.Backward(inputs, targets, gradient);
            dropped1 += Zeros(gradient.AsSpan(DropoutTanhNet.Layer1BiasesOffset, DropoutTanhNet.Layer1Size));
            dropped2 += Zeros(gradient.AsSpan(DropoutTanhNet.Layer2BiasesOffset, DropoutTanhNet.Layer2Size));
        }

        AssertRate(dropped1, Calls * DropoutTanhNet.Layer1Size, 0.3);
        AssertRate(dropped2, Calls * DropoutTanhNet.Layer2Size, 0.1);
    }

    [Fact]
    public void KeptHiddenActivations_ReachTheNextLayerScaled_AndDroppedOnesAsZero()
    {
        // 4-6-3, ReLU hidden with p = 0.5, identity output and ½Σ(ŷ − y)²: ∂C/∂W[2][i, j] = δ[2]_i·ã[1]_j with ã = 2·a
        // for a kept unit and 0 for a dropped one, and ∂C/∂b[2] = δ[2]. a[1] is computed here in double precision.
        var network = new DropoutReLUNet(seed: 4);
        (float[] inputs, float[] targets) = Batch(network, 1, seed: 5);
        double[] hidden = HiddenReLU(PyTorchOrder.ParametersOf(network), inputs);
        var gradient = new float[DropoutReLUNet.ParameterCount];
        var rows = new float[DropoutReLUNet.ParameterCount]; // the gradient in PyTorch's order: W[2] by rows, as indexed below
        int keptActive = 0, dropped = 0;
        for (int call = 0; call < 50; call++)
        {
            Array.Clear(gradient);
            network.Backward(inputs, targets, gradient);
            network.ToPyTorchOrder(gradient, rows);
            Span<float> delta2 = rows.AsSpan(DropoutReLUNet.Layer2BiasesOffset, DropoutReLUNet.Layer2Size);
            Span<float> w2 = rows.AsSpan(DropoutReLUNet.Layer2WeightsOffset, DropoutReLUNet.Layer2WeightsLength);
            for (int j = 0; j < DropoutReLUNet.Layer1Size; j++)
            {
                double passed = w2[j] / (double)delta2[0];
                if (w2[j] == 0f && hidden[j] > 0)
                {
                    dropped++;
                    for (int i = 0; i < DropoutReLUNet.Layer2Size; i++)
                    {
                        Assert.Equal(0f, w2[(i * DropoutReLUNet.Layer1Size) + j]);
                    }

                    continue;
                }

                if (hidden[j] > 0)
                {
                    keptActive++;
                    Assert.Equal(2 * hidden[j], passed, 2 * hidden[j] * 1e-5);
                }
            }
        }

        Assert.True(keptActive > 20 && dropped > 20, $"kept {keptActive}, dropped {dropped}");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void DroppedUnits_GetNoGradient_InTheirIncomingWeights_OrTheNextLayersColumn(string name)
    {
        IBatchNetwork network = Create(name, seed: 6);
        (float[] inputs, float[] targets) = Batch(network, 1, seed: 7);
        var computed = new float[network.ParameterCount];
        var gradient = new float[network.ParameterCount]; // in PyTorch's order: every W by rows, as indexed below
        ReadOnlySpan<int> sizes = network.LayerSizes;
        int droppedSeen = 0;
        for (int call = 0; call < 30; call++)
        {
            Array.Clear(computed);
            network.Backward(inputs, targets, computed);
            network.ToPyTorchOrder(computed, gradient);
            int offset = 0;
            for (int l = 1; l < sizes.Length - 1; l++)
            {
                int inputsOf = sizes[l - 1], units = sizes[l], next = sizes[l + 1];
                int biases = offset + (units * inputsOf), nextWeights = biases + units;
                for (int j = 0; j < units; j++)
                {
                    // A unit whose outgoing column of ∂W[l+1] is all zero contributed ã = 0: dropped (or ReLU-inactive).
                    bool columnZero = true;
                    for (int i = 0; i < next; i++)
                    {
                        columnZero &= gradient[nextWeights + (i * units) + j] == 0f;
                    }

                    if (!columnZero)
                    {
                        continue;
                    }

                    droppedSeen++;
                    Assert.Equal(0f, gradient[biases + j]);
                    for (int k = 0; k < inputsOf; k++)
                    {
                        Assert.Equal(0f, gradient[offset + (j * inputsOf) + k]);
                    }
                }

                offset = nextWeights;
            }
        }

        Assert.True(droppedSeen > 0);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Masks_AreFreshOnEveryCall(string name)
    {
        IBatchNetwork network = Create(name, seed: 8);
        (float[] inputs, float[] targets) = Batch(network, 1, seed: 9);
        var seen = new HashSet<string>();
        var gradient = new float[network.ParameterCount];
        for (int call = 0; call < 20; call++)
        {
            Array.Clear(gradient);
            network.Backward(inputs, targets, gradient);
            seen.Add(string.Join(",", gradient));
        }

        // Twenty calls on one sample with unchanged parameters: the gradients differ because the masks do (masks that
        // differ only in units ReLU had switched off give the same gradient, hence no more than this).
        Assert.True(seen.Count >= 5, $"{seen.Count} distinct gradients in 20 calls");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void EqualSeeds_GiveIdenticalGradients_CallAfterCall_InEveryTrainingMethod(string name)
    {
        float[] first = Trajectory(Create(name, seed: 11));
        float[] second = Trajectory(Create(name, seed: 11));
        float[] otherSeed = Trajectory(Create(name, seed: 12));

        AssertSameBits(first, second);
        Assert.NotEqual(first, otherSeed);

        // Initialize(seed) starts the masks over, as a new network with that seed would.
        IBatchNetwork reinitialized = Create(name, seed: 11);
        Trajectory(reinitialized);
        reinitialized.Initialize(11);
        AssertSameBits(first, Trajectory(reinitialized));
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void ParallelBackward_GivesTheSameBits_With1And2Threads(string name)
    {
        float[][] results = new float[2][];
        for (int threads = 1; threads <= 2; threads++)
        {
            IBatchNetwork network = Create(name, seed: 13);
            (float[] inputs, float[] targets) = Batch(network, 200, seed: 14);
            var gradient = new float[network.ParameterCount];
            var optimizer = new Sgd(0.05f);
            using var backward = new ParallelBackward(network, threads);
            for (int step = 0; step < 4; step++)
            {
                Array.Clear(gradient);
                backward.BackwardBatch(inputs, targets, gradient);
                optimizer.Step(network.Parameters, gradient);
            }

            results[threads - 1] = network.Parameters.ToArray();
        }

        AssertSameBits(results[0], results[1]);
        Assert.NotEqual(Create(name, seed: 13).Parameters.ToArray(), results[0]);
    }

    [Fact]
    public void Trainer_GivesTheSameBits_With1And2Threads()
    {
        float[][] parameters = new float[2][];
        float[] losses = new float[2];
        for (int threads = 1; threads <= 2; threads++)
        {
            IBatchNetwork network = new DropoutKernelNet(seed: 15);
            (float[] inputs, float[] targets) = Batch(network, 300, seed: 16);
            var data = new Dataset(inputs, network.InputSize, targets, network.OutputSize);
            var options = new TrainerOptions { Epochs = 3, BatchSize = 100, Seed = 4, MaxDegreeOfParallelism = threads };
            TrainingResult result = new Trainer(network, new AdamW(0.01f), options).Fit(data);
            parameters[threads - 1] = network.Parameters.ToArray();
            losses[threads - 1] = result.History[^1].TrainLoss;
        }

        Assert.Equal(losses[0], losses[1]);
        AssertSameBits(parameters[0], parameters[1]);
    }

    [Fact]
    public void ASamplesMasks_DependOnItsPositionInTheBatch_NotOnThePartThatComputesIt()
    {
        // The batch's loss with round r is the mean of each sample's loss computed alone at its position with round r.
        IBatchNetwork network = new DropoutKernelNet(seed: 17);
        var parallel = (IParallelBatchNetwork)network;
        object workspace = parallel.CreateBatchWorkspace();
        (float[] inputs, float[] targets) = Batch(network, 100, seed: 18);
        var gradient = new float[network.ParameterCount];
        const long Round = 5;

        float batchLoss = parallel.BackwardBatch(inputs, targets, gradient, workspace, Round, firstSample: 0);
        double sum = 0;
        for (int s = 0; s < 100; s++)
        {
            sum += parallel.BackwardBatch(
                inputs.AsSpan(s * network.InputSize, network.InputSize), targets.AsSpan(s * network.OutputSize, network.OutputSize), gradient, workspace, Round, firstSample: s);
        }

        Assert.Equal(sum / 100, batchLoss, 1e-5 * Math.Abs(batchLoss));

        // The same samples as positions 1…100 of a round instead: other masks, another loss.
        float shifted = parallel.BackwardBatch(inputs, targets, gradient, workspace, Round, firstSample: 1);
        Assert.NotEqual(batchLoss, shifted);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void OneSampleBackward_UsesTheMasksOfItsRound_AsTheBatchFormReplaysThem(string name)
    {
        // A fresh network's first Backward takes round 0 for sample 0; the batch form given round 0 and sample 0 must
        // drop the same units (so the same gradient, within the two forms' rounding).
        IBatchNetwork network = Create(name, seed: 19);
        var replay = (IParallelBatchNetwork)Create(name, seed: 19);
        (float[] inputs, float[] targets) = Batch(network, 1, seed: 20);
        var expected = new float[network.ParameterCount];
        var actual = new float[network.ParameterCount];

        float loss = network.Backward(inputs, targets, expected);
        float replayed = replay.BackwardBatch(inputs, targets, actual, replay.CreateBatchWorkspace(), dropoutRound: 0, firstSample: 0);

        Assert.Equal(loss, replayed, 1e-5f * Math.Abs(loss) + 1e-7f);
        AssertClose(expected, actual, 1e-5f);
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void GradientCheck_WithTheMaskReplayed_AgreesWithFiniteDifferences(string name)
    {
        IParallelBatchNetwork network = (IParallelBatchNetwork)Create(name, seed: 21);
        object workspace = network.CreateBatchWorkspace();
        (float[] inputs, float[] targets) = Batch(network, 3, seed: 22);
        var analytic = new float[network.ParameterCount];
        var scratch = new float[network.ParameterCount];
        const long Round = 9;
        network.BackwardBatch(inputs, targets, analytic, workspace, Round, 0);

        // Central differences of J at the same masks; ε = 1e-2 in float32, as docs/backprop.md advises.
        Span<float> parameters = network.Parameters;
        const float Epsilon = 1e-2f;
        int checkedCount = 0, disagreements = 0;
        for (int i = 0; i < parameters.Length; i += Math.Max(1, parameters.Length / 150))
        {
            float original = parameters[i];
            parameters[i] = original + Epsilon;
            double plus = network.BackwardBatch(inputs, targets, scratch, workspace, Round, 0);
            parameters[i] = original - Epsilon;
            double minus = network.BackwardBatch(inputs, targets, scratch, workspace, Round, 0);
            parameters[i] = original;
            double numeric = (plus - minus) / (2 * Epsilon);
            double error = Math.Abs(analytic[i] - numeric) / Math.Max(Math.Abs(analytic[i]) + Math.Abs(numeric), 1e-3);
            checkedCount++;

            // A ReLU kink crossed by ±ε can spoil single entries (docs/backprop.md); a wrong equation spoils them all.
            disagreements += error > 2e-2 ? 1 : 0;
        }

        Assert.True(disagreements <= checkedCount / 50, $"{disagreements} of {checkedCount} parameters disagree");
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void TrainStep_IsBackwardThenSgd_WithTheSameMasks(string name)
    {
        // Two networks with one seed: TrainStep on one and Backward + Sgd on the other take the same rounds, so the
        // fused step drops the same units and must move the parameters as the gradient does.
        IBatchNetwork fused = Create(name, seed: 25);
        IBatchNetwork reference = Create(name, seed: 25);
        IBatchNetwork twin = Twin(name, seed: 25);
        (float[] inputs, float[] targets) = Batch(fused, 5, seed: 26);
        var gradient = new float[fused.ParameterCount];
        var sgd = new Sgd(0.05f);
        for (int s = 0; s < 5; s++)
        {
            ReadOnlySpan<float> x = inputs.AsSpan(s * fused.InputSize, fused.InputSize);
            ReadOnlySpan<float> y = targets.AsSpan(s * fused.OutputSize, fused.OutputSize);
            switch (fused)
            {
                case DropoutReLUNet n: n.TrainStep(x, y, 0.05f); break;
                case DropoutTanhNet n: n.TrainStep(x, y, 0.05f); break;
                case DropoutKernelNet n: n.TrainStep(x, y, 0.05f); break;
            }

            Array.Clear(gradient);
            reference.Backward(x, y, gradient);
            sgd.Step(reference.Parameters, gradient);
            Array.Clear(gradient);
            twin.Backward(x, y, gradient);
            sgd.Step(twin.Parameters, gradient);
        }

        AssertClose(reference.Parameters.ToArray(), fused.Parameters.ToArray(), 1e-6f);

        // And the masks mattered: the same steps without dropout end elsewhere.
        Assert.NotEqual(twin.Parameters.ToArray(), fused.Parameters.ToArray());
    }

    [Fact]
    public void TrainingMethods_AllocateNothing()
    {
        var small = new DropoutTanhNet(seed: 1);
        var large = new DropoutKernelNet(seed: 1);
        (float[] x, float[] y) = Batch(small, 64, seed: 1);
        (float[] bigX, float[] bigY) = Batch(large, 64, seed: 1);
        var gradient = new float[DropoutKernelNet.ParameterCount];
        using var parallel = new ParallelBackward(large, 2);
        void Run()
        {
            small.Backward(x.AsSpan(0, 4), y.AsSpan(0, 3), gradient.AsSpan(0, DropoutTanhNet.ParameterCount));
            small.TrainStep(x.AsSpan(0, 4), y.AsSpan(0, 3), 1e-4f);
            small.BackwardBatch(x, y, gradient.AsSpan(0, DropoutTanhNet.ParameterCount));
            large.Backward(bigX.AsSpan(0, 20), bigY.AsSpan(0, 4), gradient);
            large.BackwardBatch(bigX, bigY, gradient);
            parallel.BackwardBatch(bigX, bigY, gradient);
        }

        Run();
        long allocated = long.MaxValue;
        for (int read = 0; read < 3 && allocated != 0; read++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 100; i++)
            {
                Run();
            }

            allocated = Math.Min(allocated, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void SummaryAndToString_ShowTheDropout()
    {
        Assert.Equal("DropoutTanhNet: 4-5-5-3, Tanh + dropout 0.3, Tanh + dropout 0.1, Softmax, loss CrossEntropy, 73 parameters", new DropoutTanhNet().ToString());
        string summary = new DropoutKernelNet().Summary();
        Assert.Contains("activation          dropout   parameters", summary);
        Assert.Contains("1          40  Sigmoid            0.25", summary);
        Assert.Contains("3          17  ReLU               -", summary);
    }

    /// <summary>Gradients of Backward, Backpropagate, TrainStep's parameters and BackwardBatch, several calls each, in one array.</summary>
    private static float[] Trajectory(IBatchNetwork network)
    {
        (float[] inputs, float[] targets) = Batch(network, 40, seed: 23);
        var result = new List<float>();
        var gradient = new float[network.ParameterCount];
        var outputGradient = new float[network.OutputSize];
        outputGradient.AsSpan().Fill(0.25f);
        for (int call = 0; call < 3; call++)
        {
            Array.Clear(gradient);
            network.Backward(inputs.AsSpan(0, network.InputSize), targets.AsSpan(0, network.OutputSize), gradient);
            network.Backpropagate(inputs.AsSpan(0, network.InputSize), outputGradient, gradient, default);
            network.BackwardBatch(inputs, targets, gradient);
            result.AddRange(gradient);
        }

        TrainStep(network, inputs.AsSpan(0, network.InputSize), targets.AsSpan(0, network.OutputSize));
        result.AddRange(network.Parameters.ToArray());
        return result.ToArray();
    }

    private static void TrainStep(IBatchNetwork network, ReadOnlySpan<float> x, ReadOnlySpan<float> y)
    {
        switch (network)
        {
            case DropoutReLUNet n: n.TrainStep(x, y, 0.1f); break;
            case DropoutTanhNet n: n.TrainStep(x, y, 0.1f); break;
            case DropoutKernelNet n: n.TrainStep(x, y, 0.1f); break;
            default: throw new ArgumentException(network.GetType().Name);
        }
    }

    private static IBatchNetwork Create(string name, int seed) => name switch
    {
        nameof(DropoutReLUNet) => new DropoutReLUNet(seed),
        nameof(DropoutTanhNet) => new DropoutTanhNet(seed),
        nameof(DropoutKernelNet) => new DropoutKernelNet(seed),
        _ => throw new ArgumentException(name),
    };

    private static IBatchNetwork Twin(string name, int seed) => name switch
    {
        nameof(DropoutReLUNet) => new DropoutReLUTwin(seed),
        nameof(DropoutTanhNet) => new DropoutTanhTwin(seed),
        nameof(DropoutKernelNet) => new DropoutKernelTwin(seed),
        _ => throw new ArgumentException(name),
    };

    /// <summary>Inputs in [−1, 1) and targets: one-hot for a softmax network, in [−1, 1) otherwise.</summary>
    private static (float[] Inputs, float[] Targets) Batch(INetwork network, int count, int seed)
    {
        var random = new DeterministicRandom(seed);
        var inputs = new float[count * network.InputSize];
        var targets = new float[count * network.OutputSize];
        for (int i = 0; i < inputs.Length; i++)
        {
            inputs[i] = random.NextSymmetric(1f);
        }

        bool oneHot = network is DropoutTanhNet;
        for (int s = 0; s < count; s++)
        {
            for (int k = 0; k < network.OutputSize; k++)
            {
                targets[(s * network.OutputSize) + k] = oneHot ? (k == s % network.OutputSize ? 1f : 0f) : random.NextSymmetric(1f);
            }
        }

        return (inputs, targets);
    }

    /// <summary>a[1] = ReLU(W[1]·x + b[1]) of a 4-6-3 network, in double precision, from parameters in PyTorch's order.</summary>
    private static double[] HiddenReLU(ReadOnlySpan<float> parameters, ReadOnlySpan<float> x)
    {
        var a = new double[DropoutReLUNet.Layer1Size];
        for (int j = 0; j < a.Length; j++)
        {
            double z = parameters[DropoutReLUNet.Layer1BiasesOffset + j];
            for (int k = 0; k < DropoutReLUNet.InputSize; k++)
            {
                z += (double)parameters[(j * DropoutReLUNet.InputSize) + k] * x[k];
            }

            a[j] = Math.Max(z, 0);
        }

        return a;
    }

    private static int Zeros(ReadOnlySpan<float> values)
    {
        int zeros = 0;
        foreach (float value in values)
        {
            zeros += value == 0f ? 1 : 0;
        }

        return zeros;
    }

    /// <summary>A count of drops within five standard deviations of n·p.</summary>
    private static void AssertRate(int dropped, int draws, double rate)
    {
        double sigma = Math.Sqrt(draws * rate * (1 - rate));
        Assert.InRange(dropped, (draws * rate) - (5 * sigma), (draws * rate) + (5 * sigma));
    }

    private static void AssertClose(float[] expected, float[] actual, float relative)
    {
        float largest = 0f;
        foreach (float value in expected)
        {
            largest = Math.Max(largest, Math.Abs(value));
        }

        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= (relative * largest) + 1e-7f, $"parameter {i}: {actual[i]} against {expected[i]}");
        }
    }

    private static void AssertSameBits(float[] expected, float[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Assert.True(BitConverter.SingleToInt32Bits(expected[i]) == BitConverter.SingleToInt32Bits(actual[i]), $"element {i}: {actual[i]} against {expected[i]}");
        }
    }
}
