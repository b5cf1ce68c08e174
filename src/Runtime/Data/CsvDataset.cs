namespace StaticNet;

/// <summary>A dataset read by <see cref="CsvReader"/>, with the names from the CSV header.</summary>
/// <param name="Data">The samples: features in header order (target columns left out), and targets.</param>
/// <param name="FeatureNames">The header name of each feature, in the order of a sample's features.</param>
/// <param name="ClassNames">
/// For classification, the class names in the order of the one-hot columns and label indices (the order of first
/// appearance in the file); empty for regression.
/// </param>
public sealed record CsvDataset(Dataset Data, string[] FeatureNames, string[] ClassNames);
