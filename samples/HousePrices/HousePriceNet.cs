namespace StaticNet.Samples.HousePrices;

/// <summary>
/// Five features to one price: ReLU hidden units and an Identity output, as a regression needs (the default Sigmoid
/// output could never reach a price; the Trainer refuses such targets).
/// </summary>
[Network(5, 16, 1, Hidden = Activation.ReLU, Output = Activation.Identity, Loss = Loss.MeanSquaredError)]
public partial class HousePriceNet
{
}
