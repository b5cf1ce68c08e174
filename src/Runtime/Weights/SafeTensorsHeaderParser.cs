using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using static StaticNet.WeightLayout;

namespace StaticNet;

/// <summary>
/// Reads a safetensors JSON header token by token. A streaming reader instead of a document keeps the memory to the
/// header's bytes plus what is kept of each entry, and lets every malformation (a lone surrogate escape, a repeated
/// key inside an entry, an absurd shape) become a rejection naming the tensor and the byte offset.
/// </summary>
internal ref struct SafeTensorsHeaderParser
{
    // More dimensions than any tensor a reader could use; without a cap one 2 MB shape of zeros held 91 MB.
    private const int MaxRank = 64;

    // Raw JSON quoted in messages is cut to this many characters.
    private const int QuotedLength = 60;

    private readonly byte[] _json;
    private readonly Func<string, Exception?, InvalidDataException> _reject;
    private readonly ReadOptions _options;
    private Utf8JsonReader _reader;

    private SafeTensorsHeaderParser(byte[] json, Func<string, Exception?, InvalidDataException> reject, ReadOptions options)
    {
        _json = json;
        _reject = reject;
        _options = options;
        _reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
    }

    /// <summary>
    /// Parses <paramref name="json"/>, rejecting anything that is not a JSON object of well-formed tensor entries and
    /// an optional string-to-string <c>__metadata__</c>. Unknown properties inside a tensor entry are ignored, as the
    /// reference implementation ignores them; a repeated key anywhere is refused.
    /// </summary>
    public static SafeTensorsHeader Parse(byte[] json, WeightLayout layout, string source, ReadOptions options) =>
        Parse(json, (problem, inner) => layout.Reject(source, problem, inner), options);

    /// <summary>
    /// <see cref="Parse(byte[], WeightLayout, string, ReadOptions)"/> without a network to compare with (for
    /// <see cref="SafeTensors.ReadMetadata(string, ReadOptions)"/>): <paramref name="reject"/> words each problem.
    /// </summary>
    public static SafeTensorsHeader Parse(byte[] json, Func<string, Exception?, InvalidDataException> reject, ReadOptions options)
    {
        // The format requires valid UTF-8 throughout, also inside strings a reader never decodes.
        if (!Utf8.IsValid(json))
        {
            throw reject("its header is not valid UTF-8", null);
        }

        var parser = new SafeTensorsHeaderParser(json, reject, options);
        try
        {
            return parser.ParseRoot();
        }
        catch (JsonException exception)
        {
            throw reject(Invariant($"its header is not valid JSON ({exception.Message})"), exception);
        }
    }

    private SafeTensorsHeader ParseRoot()
    {
        _reader.Read();
        if (_reader.TokenType != JsonTokenType.StartObject)
        {
            throw Reject(Invariant($"its header is a JSON {Describe(_reader.TokenType)}, not the object of tensors a safetensors header must be"));
        }

        var tensors = new List<TensorEntry>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        Dictionary<string, string>? metadata = null;
        while (Next() != JsonTokenType.EndObject)
        {
            string name = ReadString();
            if (!names.Add(name))
            {
                throw Reject(Invariant($"its header lists '{name}' more than once"));
            }

            Next();
            if (name == SafeTensorsHeader.MetadataKey)
            {
                metadata = ParseMetadata();
                continue;
            }

            if (tensors.Count == _options.MaxTensorCount)
            {
                throw Reject(Invariant($"its header lists more than {_options.MaxTensorCount} tensors (ReadOptions.MaxTensorCount)"));
            }

            tensors.Add(ParseTensor(name));
        }

        // Anything but whitespace after the root object makes the reader throw a JsonException.
        if (_reader.Read())
        {
            throw Reject(Invariant($"its header has data after the closing brace, at byte {Offset()}"));
        }

        return SafeTensorsHeader.Create(tensors, metadata);
    }

    private Dictionary<string, string> ParseMetadata()
    {
        string key = SafeTensorsHeader.MetadataKey;
        if (_reader.TokenType != JsonTokenType.StartObject)
        {
            throw Reject(Invariant($"its \"{key}\" is a JSON {Describe(_reader.TokenType)}, not an object of strings"));
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        while (Next() != JsonTokenType.EndObject)
        {
            // Each entry costs a dictionary slot and two strings: the same bound as tensors keeps a header of millions
            // of tiny entries from taking several times its size.
            if (metadata.Count == _options.MaxTensorCount)
            {
                throw Reject(Invariant($"its \"{key}\" has more than {_options.MaxTensorCount} entries (ReadOptions.MaxTensorCount)"));
            }

            string name = ReadString();
            if (Next() != JsonTokenType.String)
            {
                throw Reject(Invariant($"its \"{key}\" entry '{name}' is a JSON {Describe(_reader.TokenType)}, but metadata values must be strings"));
            }

            if (!metadata.TryAdd(name, ReadString()))
            {
                throw Reject(Invariant($"its \"{key}\" lists '{name}' more than once"));
            }
        }

        return metadata;
    }

    private TensorEntry ParseTensor(string name)
    {
        if (_reader.TokenType != JsonTokenType.StartObject)
        {
            throw Reject(Invariant($"tensor '{name}' is a JSON {Describe(_reader.TokenType)}, not an object with dtype, shape and data_offsets"));
        }

        string? dtype = null;
        long[]? shape = null, offsets = null;
        while (Next() != JsonTokenType.EndObject)
        {
            string property = ReadString();
            long at = Offset();
            Next();
            switch (property)
            {
                case "dtype":
                    CheckFirst(name, property, dtype is null, at);
                    if (_reader.TokenType != JsonTokenType.String)
                    {
                        throw Reject(Invariant($"tensor '{name}' has a \"dtype\" that is a JSON {Describe(_reader.TokenType)}, not a string such as \"F32\""));
                    }

                    dtype = ReadString();
                    break;
                case "shape":
                    CheckFirst(name, property, shape is null, at);
                    shape = ReadIntegers(MaxRank, out string? badShape)
                        ?? throw Reject(Invariant($"tensor '{name}' has a \"shape\" that is not an array of non-negative integers: {badShape} (at most {MaxRank} of them)"));
                    break;
                case "data_offsets":
                    CheckFirst(name, property, offsets is null, at);
                    offsets = ReadIntegers(2, out string? badOffsets);
                    if (offsets is null || offsets.Length != 2)
                    {
                        throw Reject(Invariant($"tensor '{name}' has \"data_offsets\" that are not two non-negative integers [begin, end]: {badOffsets ?? Quote(offsets!)}"));
                    }

                    break;
                default:
                    SkipChecked();
                    break;
            }
        }

        if (dtype is null || shape is null || offsets is null)
        {
            string missing = dtype is null ? "dtype" : shape is null ? "shape" : "data_offsets";
            throw Reject(Invariant($"tensor '{name}' has no \"{missing}\""));
        }

        return new TensorEntry(name, dtype, shape, (ulong)offsets[0], (ulong)offsets[1]);
    }

    // serde (the reference reader) refuses a repeated field; taking the last one silently would load other data.
    private readonly void CheckFirst(string name, string property, bool first, long at)
    {
        if (!first)
        {
            throw Reject(Invariant($"tensor '{name}' lists \"{property}\" more than once (again at byte {at})"));
        }
    }

    // Non-negative integers that fit a long, at most maxCount of them (one more is read to report the excess);
    // otherwise null and the value's raw text, shortened, in bad.
    private long[]? ReadIntegers(int maxCount, out string? bad)
    {
        int start = (int)_reader.TokenStartIndex;
        bad = null;
        if (_reader.TokenType != JsonTokenType.StartArray)
        {
            _reader.Skip();
            bad = RawText(start);
            return null;
        }

        var values = new List<long>();
        bool valid = true;
        while (Next() != JsonTokenType.EndArray)
        {
            if (valid && values.Count <= maxCount && _reader.TokenType == JsonTokenType.Number && _reader.TryGetInt64(out long value) && value >= 0)
            {
                values.Add(value);
                continue;
            }

            valid = false;
            _reader.Skip();
        }

        if (!valid || values.Count > maxCount)
        {
            bad = RawText(start);
            return null;
        }

        return values.ToArray();
    }

    // An unknown property's value is ignored, as the reference reader ignores it, but that reader buffers the whole
    // header as JSON values first (serde's flatten), so a lone surrogate escape anywhere fails there: every string and
    // key inside the skipped value is decoded here for the same verdict.
    private void SkipChecked()
    {
        int depth = _reader.CurrentDepth;
        bool container = _reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray;
        while (true)
        {
            if ((_reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName) && _reader.ValueIsEscaped)
            {
                ReadString();
            }

            if (!container)
            {
                return;
            }

            _reader.Read();
            if (_reader.CurrentDepth == depth && _reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                return;
            }
        }
    }

    private JsonTokenType Next()
    {
        _reader.Read();
        return _reader.TokenType;
    }

    // The reader only checks escapes when a string is decoded; "\udc00" alone is valid JSON but no string at all.
    private string ReadString()
    {
        try
        {
            return _reader.GetString()!;
        }
        catch (InvalidOperationException exception)
        {
            throw _reject(Invariant($"its header has a string at byte {Offset()} whose escapes are not valid UTF-16 (a lone surrogate such as \\udc00)"), exception);
        }
    }

    // Byte offsets in messages count from the start of the file: 8 bytes of length come before the header.
    private readonly long Offset() => 8 + _reader.TokenStartIndex;

    private readonly string RawText(int start)
    {
        int end = (int)_reader.BytesConsumed;
        int length = Math.Min(end - start, 4 * QuotedLength);
        string text = Encoding.UTF8.GetString(_json, start, length);
        return text.Length <= QuotedLength && length == end - start ? text : string.Concat(text.AsSpan(0, Math.Min(text.Length, QuotedLength - 3)), "...");
    }

    private static string Quote(long[] values) => "[" + string.Join(',', values) + "]";

    private readonly Exception Reject(string problem) => _reject(problem, null);

    private static string Describe(JsonTokenType kind) => kind switch
    {
        JsonTokenType.StartObject => "object",
        JsonTokenType.StartArray => "array",
        JsonTokenType.String => "string",
        JsonTokenType.Number => "number",
        JsonTokenType.True or JsonTokenType.False => "boolean",
        JsonTokenType.Null => "null",
        _ => "value of unknown kind",
    };
}
