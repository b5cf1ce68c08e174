using StaticNet;

namespace StaticNet.Samples.Iris;

/// <summary>4 measurements → 8 ReLU units → 3 species probabilities.</summary>
// <docs:irisnet>
[Network(4, 8, 3, Hidden = Activation.ReLU, Output = Activation.Softmax, Loss = Loss.CrossEntropy)]
public partial class IrisNet
{
}
// </docs:irisnet>
