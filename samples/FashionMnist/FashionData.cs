using System.IO;

namespace StaticNet.Samples.FashionMnist;

/// <summary>Finds and reads the four Fashion-MNIST IDX files.</summary>
public static class FashionData
{
    /// <summary>Where Debian's <c>dataset-fashion-mnist</c> package installs the files.</summary>
    public const string DebianFolder = "/usr/share/datasets/fashion-mnist";

    /// <summary>The ten classes, in label order.</summary>
    public static readonly string[] ClassNames =
        { "T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot" };

    private static readonly string[] Files =
        { "train-images-idx3-ubyte", "train-labels-idx1-ubyte", "t10k-images-idx3-ubyte", "t10k-labels-idx1-ubyte" };

    /// <summary>The path of each file in <paramref name="folder"/>, gzip-compressed or raw; null for a missing one.</summary>
    public static string?[] Locate(string folder)
    {
        var paths = new string?[Files.Length];
        for (int i = 0; i < Files.Length; i++)
        {
            string raw = Path.Combine(folder, Files[i]);
            paths[i] = File.Exists(raw + ".gz") ? raw + ".gz" : File.Exists(raw) ? raw : null;
        }

        return paths;
    }

    /// <summary>The expected file names, for the message shown when some are missing.</summary>
    public static string ExpectedFiles => string.Join(", ", Files) + " (each optionally .gz)";

    /// <summary>Reads the 60,000 training and 10,000 test images (pixels scaled to [0, 1]) with one-hot labels.</summary>
    public static (Dataset Train, Dataset Test) Load(string?[] paths) =>
        (IdxReader.ReadDataset(paths[0]!, paths[1]!), IdxReader.ReadDataset(paths[2]!, paths[3]!));
}
