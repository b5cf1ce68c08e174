using System.Globalization;

namespace StaticNet;

/// <summary>Which quantity a gradient-check entry differentiates with respect to.</summary>
public enum GradientCheckTarget
{
    /// <summary>An entry of <see cref="INetwork.Parameters"/>.</summary>
    Parameter,

    /// <summary>An entry of the input x.</summary>
    Input,
}

/// <summary>The outcome of <see cref="GradientCheck"/>: the worst disagreement between analytic and numerical gradients.</summary>
/// <param name="MaxRelativeError">max |a − n| / max(|a| + |n|, floor) over every differentiable entry checked.</param>
/// <param name="WorstTarget">Whether the worst entry is a parameter or an input.</param>
/// <param name="WorstIndex">
/// The index of the worst entry in the input, or in the parameters in PyTorch's order (W[1] row-major, b[1], W[2], …,
/// as a weight file holds them; see <see cref="NetworkWeights"/>).
/// </param>
/// <param name="Analytic">The analytic (backpropagated) derivative at the worst entry.</param>
/// <param name="Numerical">The central-difference derivative at the worst entry.</param>
/// <param name="CheckedCount">How many entries were compared.</param>
/// <param name="KinkCount">
/// Entries left out because the loss is not differentiable within ε of them (a ReLU unit crossing 0): their
/// finite differences at ε, ε/2 and ε/4 disagree with each other, so no single derivative exists to compare.
/// </param>
public readonly record struct GradientCheckResult(
    float MaxRelativeError,
    GradientCheckTarget WorstTarget,
    int WorstIndex,
    float Analytic,
    float Numerical,
    int CheckedCount,
    int KinkCount)
{
    /// <summary>A one-line summary for test output.</summary>
    public override string ToString() => string.Format(
        CultureInfo.InvariantCulture,
        "max relative error {0:G4} at {1} {2} (analytic {3:G7}, numerical {4:G7}); {5} entries checked, {6} skipped at kinks",
        MaxRelativeError,
        WorstTarget == GradientCheckTarget.Parameter ? "parameter" : "input",
        WorstIndex,
        Analytic,
        Numerical,
        CheckedCount,
        KinkCount);
}
