using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using StaticNet.Tests.Networks;
using Xunit;
using static StaticNet.Tests.SafeTensorsTestFiles;

namespace StaticNet.Tests;

/// <summary>
/// The minimal examples of issue 10 for <see cref="SafeTensors.Save(INetwork, string, System.Collections.Generic.IReadOnlyDictionary{string, string})"/>:
/// the file keeps its identity (links, permission bits), special files are refused, long names work, permission
/// errors are IOException, and a crash's temporary files are cleaned on the next save.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SafeTensorsSaveTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("staticnet-save-");

    public void Dispose()
    {
        File.SetUnixFileMode(_directory.FullName, (UnixFileMode)Convert.ToInt32("700", 8));
        _directory.Delete(recursive: true);
    }

    private string PathOf(string name) => Path.Combine(_directory.FullName, name);

    private string[] FilesInDirectory() => Directory.GetFileSystemEntries(_directory.FullName).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    private static byte[] SavedBy(INetwork network)
    {
        using var stream = new MemoryStream();
        SafeTensors.Save(network, stream);
        return stream.ToArray();
    }

    [Fact]
    public void DirectorySync_FlushesARealDirectory_AndRefusesWhatIsNotOne()
    {
        string file = PathOf("plain.safetensors");
        SafeTensors.Save(new DefaultNet(seed: 1), file);

        Assert.Equal(OperatingSystem.IsLinux(), DirectorySync.Flush(_directory.FullName));
        Assert.False(DirectorySync.Flush(file));
        Assert.False(DirectorySync.Flush(PathOf("missing")));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Save_ThroughASymbolicLink_UpdatesItsTarget_AndKeepsTheLink(bool relative)
    {
        Directory.CreateDirectory(PathOf("models"));
        string target = PathOf("models/real.safetensors");
        SafeTensors.Save(new DefaultNet(seed: 1), target);
        string link = PathOf("current.safetensors");
        File.CreateSymbolicLink(link, relative ? "models/real.safetensors" : target);
        var network = new DefaultNet(seed: 2);

        SafeTensors.Save(network, link);

        Assert.Equal(relative ? "models/real.safetensors" : target, new FileInfo(link).LinkTarget);
        Assert.Equal(SavedBy(network), File.ReadAllBytes(target));
        Assert.Equal(new[] { "current.safetensors", "models" }, FilesInDirectory());
        Assert.Equal(new[] { "real.safetensors" }, Directory.GetFiles(PathOf("models")).Select(Path.GetFileName));
    }

    [Fact]
    public void Save_KeepsTheExistingFilesPermissionBits()
    {
        var privateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        string path = PathOf("secret.safetensors");
        SafeTensors.Save(new DefaultNet(seed: 1), path);
        File.SetUnixFileMode(path, privateMode);

        SafeTensors.Save(new DefaultNet(seed: 2), path);

        Assert.Equal(privateMode, File.GetUnixFileMode(path));
        Assert.Equal(SavedBy(new DefaultNet(seed: 2)), File.ReadAllBytes(path));
    }

    [Fact]
    public void Save_OntoAFifo_IsRefusedWithIOException_AndTheFifoStays()
    {
        string fifo = PathOf("pipe");
        using (Process mkfifo = Process.Start("mkfifo", [fifo]))
        {
            mkfifo.WaitForExit();
            Assert.Equal(0, mkfifo.ExitCode);
        }

        var exception = Assert.Throws<IOException>(() => SafeTensors.Save(new DefaultNet(seed: 1), fifo));

        Assert.Contains("it is a FIFO (named pipe), not a regular file", exception.Message);
        Assert.Equal(new[] { "pipe" }, FilesInDirectory());
        Assert.Equal(0, new FileInfo(fifo).Length);
        Assert.Throws<IOException>(() => SafeTensors.Save(new DefaultNet(seed: 1), fifo));
    }

    [Fact]
    public void Save_OntoADeviceNode_IsRefused_EvenForRoot()
    {
        var exception = Assert.Throws<IOException>(() => SafeTensors.Save(new DefaultNet(seed: 1), "/dev/null"));

        Assert.Contains("'/dev/null': it is a character device, not a regular file", exception.Message);
        Assert.True(File.Exists("/dev/null"));
        Assert.Empty(Directory.GetFiles("/dev", "*" + ".staticnet-tmp"));
    }

    [Theory]
    [InlineData(219)]
    [InlineData(255)]
    public void Save_UnderANameOfUpTo255Bytes_Works(int length)
    {
        string name = new string('m', length - ".safetensors".Length) + ".safetensors";
        var network = new DefaultNet(seed: 4);

        SafeTensors.Save(network, PathOf(name));
        SafeTensors.Save(network, PathOf(name));

        Assert.Equal(new[] { name }, FilesInDirectory());
        Assert.Equal(SavedBy(network), File.ReadAllBytes(PathOf(name)));
    }

    [Fact]
    public void Save_WhereCreatingFilesIsDenied_ThrowsIOException_AsDocumented()
    {
        // Root ignores a directory's permission bits, but not sysfs, which refuses new files to everyone.
        string directory = Environment.UserName == "root" || Environment.GetEnvironmentVariable("USER") == "root" ? "/sys" : _directory.FullName;
        if (directory == _directory.FullName)
        {
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }

        var exception = Assert.Throws<IOException>(() => SafeTensors.Save(new DefaultNet(seed: 1), Path.Combine(directory, "model.safetensors")));

        Assert.Contains("permission denied", exception.Message);
        Assert.IsType<UnauthorizedAccessException>(exception.InnerException);
    }

    [Fact]
    public void Save_RemovesTemporariesACrashLeftForTheSameTarget_OnlyThose()
    {
        string name = "model.safetensors";
        string hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 6));
        string stale = PathOf($".{name}.{hash}.0badf00d.staticnet-tmp");
        string inUse = PathOf($".{name}.{hash}.12345678.staticnet-tmp");
        string otherTarget = PathOf(".other.safetensors.000000000000.0badf00d.staticnet-tmp");
        File.WriteAllBytes(stale, new byte[100]);
        File.WriteAllBytes(inUse, new byte[100]);
        File.WriteAllBytes(otherTarget, new byte[100]);

        // A save still writing its temporary file holds it exclusively; it must survive.
        using (new FileStream(inUse, FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            SafeTensors.Save(new DefaultNet(seed: 1), PathOf(name));
        }

        Assert.Equal(new[] { $".{name}.{hash}.12345678.staticnet-tmp", ".other.safetensors.000000000000.0badf00d.staticnet-tmp", name }, FilesInDirectory());
        Assert.Equal(SavedBy(new DefaultNet(seed: 1)), File.ReadAllBytes(PathOf(name)));
    }

    [Fact]
    public void Save_ToANameWithAWildcard_RemovesOnlyItsOwnTemporaries()
    {
        static string Hash(string name) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 6));
        string other = $".modelX.safetensors.{Hash("modelX.safetensors")}.0badf00d.staticnet-tmp";
        File.WriteAllBytes(PathOf(other), new byte[10]);

        SafeTensors.Save(new DefaultNet(seed: 1), PathOf("model*.safetensors"));

        Assert.Equal(new[] { other, "model*.safetensors" }, FilesInDirectory());
    }
}
