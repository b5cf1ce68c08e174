namespace StaticNet.Generator.Model;

/// <summary>Mirror of <c>StaticNet.Loss</c>; the values are kept equal by hand (and checked by a test).</summary>
internal enum LossKind
{
    MeanSquaredError = 0,
    CrossEntropy = 1,
    BinaryCrossEntropy = 2,
}
