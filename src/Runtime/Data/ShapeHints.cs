namespace StaticNet;

/// <summary>
/// What to change when a data set's targets or features do not match a network: the sentence appended to the
/// mismatch errors of <see cref="Trainer"/> and <see cref="Evaluation"/>, naming the reader option that fixes it.
/// </summary>
internal static class ShapeHints
{
    /// <summary>A sentence starting with a space, or empty when there is nothing more specific to say.</summary>
    public static string For(Dataset data, int inputSize, int outputSize)
    {
        string targets = Targets(data, outputSize);
        if (targets.Length > 0 || data.FeatureCount == inputSize)
        {
            return targets;
        }

        return " CsvOptions.FeatureColumns or CsvOptions.IgnoreColumns choose which CSV columns are features (CsvDataset.FeatureNames lists those read).";
    }

    /// <summary>The hint for targets that do not match <paramref name="outputSize"/> outputs, or empty.</summary>
    public static string Targets(Dataset data, int outputSize)
    {
        if (data.TargetCount != outputSize && data.Labels is not null)
        {
            if (data.TargetCount == 2 && outputSize == 1)
            {
                return " The data is a two-class label read as one-hot targets; for a one-output (Sigmoid) network read it as one 0/1 target: " +
                    "CsvReader.ReadClassification(path, labelColumn, new CsvOptions { PositiveClass = \"<the class that is 1>\" }), or give the network 2 Softmax outputs.";
            }

            if (data.TargetCount == 1)
            {
                return $" The label was read as one 0/1 target (CsvOptions.PositiveClass); for a network of {outputSize} outputs, one per class, read it without PositiveClass.";
            }

            return $" The data has {data.TargetCount} classes: give the network one output per class.";
        }

        return string.Empty;
    }
}
