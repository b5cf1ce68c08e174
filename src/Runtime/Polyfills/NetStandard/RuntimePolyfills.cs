using System;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Threading;

namespace StaticNet;

/// <summary>The runtime members of .NET 5-8 the library calls, for netstandard2.1, each computing what its original computes.</summary>
internal static class RuntimePolyfills
{
    extension(GC)
    {
        public static T[] AllocateUninitializedArray<T>(int length) => new T[length];
    }

    extension(Array)
    {
        /// <summary>The largest length an array may have on .NET (0x7FFFFFC7).</summary>
        public static int MaxLength => 0x7FFFFFC7;

        public static void Clear(Array array) => Array.Clear(array, 0, array.Length);
    }

    extension(Stopwatch)
    {
        public static TimeSpan GetElapsedTime(long startingTimestamp) =>
            TimeSpan.FromTicks((long)((Stopwatch.GetTimestamp() - startingTimestamp) * ((double)TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
    }

    extension(OperatingSystem)
    {
        public static bool IsLinux() => RuntimeInformation.IsOSPlatform(OSPlatform.Linux);

        public static bool IsWindows() => RuntimeInformation.IsOSPlatform(OSPlatform.Windows);
    }

    extension(Interlocked)
    {
        public static int Or(ref int location, int value)
        {
            int current = Volatile.Read(ref location);
            while (true)
            {
                int seen = Interlocked.CompareExchange(ref location, current | value, current);
                if (seen == current)
                {
                    return seen;
                }

                current = seen;
            }
        }
    }

    extension(ref SpinWait wait)
    {
        /// <summary>A spin that never sleeps for a millisecond (-1 in .NET): on netstandard2.1, SpinOnce, which yields instead.</summary>
        public void SpinOnce(int sleep1Threshold) => wait.SpinOnce();
    }

    extension(SHA256)
    {
        public static byte[] HashData(byte[] source)
        {
            using var sha = SHA256.Create();
            return sha.ComputeHash(source);
        }
    }

    extension(RandomNumberGenerator)
    {
        public static byte[] GetBytes(int count)
        {
            byte[] bytes = new byte[count];
            using var random = RandomNumberGenerator.Create();
            random.GetBytes(bytes);
            return bytes;
        }
    }

    extension(BinaryPrimitives)
    {
        public static float ReadSingleLittleEndian(ReadOnlySpan<byte> source) =>
            BitConverter.Int32BitsToSingle(BinaryPrimitives.ReadInt32LittleEndian(source));

        public static void WriteSingleLittleEndian(Span<byte> destination, float value) =>
            BinaryPrimitives.WriteInt32LittleEndian(destination, BitConverter.SingleToInt32Bits(value));

        public static void ReverseEndianness(ReadOnlySpan<int> source, Span<int> destination)
        {
            for (int i = 0; i < source.Length; i++)
            {
                destination[i] = BinaryPrimitives.ReverseEndianness(source[i]);
            }
        }
    }

    extension(Enum)
    {
        public static bool IsDefined<TEnum>(TEnum value)
            where TEnum : struct, Enum => Enum.IsDefined(typeof(TEnum), value);
    }

    extension(MathF)
    {
        public static float CopySign(float value, float sign) =>
            BitConverter.Int32BitsToSingle((BitConverter.SingleToInt32Bits(value) & int.MaxValue) | (BitConverter.SingleToInt32Bits(sign) & int.MinValue));
    }
}
