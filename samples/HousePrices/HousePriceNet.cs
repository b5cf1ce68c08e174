namespace StaticNet.Samples.HousePrices;

/// <summary>
/// Five features to one price: ReLU hidden units and an Identity output, as a regression needs (the default Sigmoid
/// output could never reach a price; the Trainer refuses such targets). While training, dropout drops each hidden unit
/// with probability 0.1 (PyTorch's nn.Dropout(0.1) after the ReLU); predictions never drop.
/// </summary>
// <docs:house-price-net>
[Network(5, 32, 1, Hidden = Activation.ReLU, Output = Activation.Identity, Loss = Loss.MeanSquaredError, Dropout = 0.1f)]
public partial class HousePriceNet
{
}
// </docs:house-price-net>
