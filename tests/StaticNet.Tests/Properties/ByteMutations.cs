using System;
using System.Collections.Generic;
using CsCheck;

namespace StaticNet.Tests.Properties;

/// <summary>One edit of a file: what to do, where (a fraction of the length, or of the region favoured), with what.</summary>
/// <param name="Kind">0 overwrite, 1 insert, 2 delete, 3 truncate, 4 overwrite with a byte that matters to parsers, 5 repeat a slice.</param>
/// <param name="Where">Position in millionths of the region's length.</param>
/// <param name="Value">The byte written or inserted.</param>
/// <param name="Length">How many bytes a delete or repeat covers.</param>
/// <param name="InRegion">Whether the edit lands in the favoured region (a header) rather than anywhere.</param>
internal readonly record struct ByteMutation(int Kind, int Where, byte Value, int Length, bool InRegion);

/// <summary>Random edits of valid files, biased towards the bytes parsers decide on.</summary>
internal static class ByteMutations
{
    // Bytes that change a parse: JSON and CSV punctuation, escapes, digits, signs, UTF-8 lead and continuation bytes.
    private static readonly byte[] Interesting =
        [.. "\"\\{}[],:0123456789-+.eEu\n\r\t "u8, 0x00, 0x01, 0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xE2, 0xED, 0xF0, 0xF4, 0xFF];

    /// <summary>One to four edits; about four in five land in the favoured region.</summary>
    public static readonly Gen<ByteMutation[]> Edits =
        Gen.Select(Gen.Int[0, 5], Gen.Int[0, 999_999], Gen.Byte, Gen.Int[1, 16], Gen.Int[0, 4])
            .Select((kind, where, value, length, region) => new ByteMutation(kind, where, value, length, region != 0))
            .Array[1, 4];

    /// <summary>Applies <paramref name="edits"/> to a copy of <paramref name="file"/>; the favoured region is [regionStart, regionEnd).</summary>
    public static byte[] Apply(byte[] file, ByteMutation[] edits, int regionStart, int regionEnd)
    {
        var bytes = new List<byte>(file);
        foreach (ByteMutation edit in edits)
        {
            if (bytes.Count == 0)
            {
                break;
            }

            int start = edit.InRegion ? Math.Min(regionStart, bytes.Count - 1) : 0;
            int end = edit.InRegion ? Math.Clamp(regionEnd, start + 1, bytes.Count) : bytes.Count;
            int at = start + (int)((long)edit.Where * (end - start) / 1_000_000);
            int length = Math.Min(edit.Length, bytes.Count - at);
            switch (edit.Kind)
            {
                case 0:
                    bytes[at] = edit.Value;
                    break;
                case 1:
                    bytes.Insert(at, edit.Value);
                    break;
                case 2:
                    bytes.RemoveRange(at, length);
                    break;
                case 3:
                    bytes.RemoveRange(at, bytes.Count - at);
                    break;
                case 4:
                    bytes[at] = Interesting[edit.Value % Interesting.Length];
                    break;
                default:
                    bytes.InsertRange(at, bytes.GetRange(at, length));
                    break;
            }
        }

        return bytes.ToArray();
    }
}
