namespace DssApi.Emulator.Tests;

/// <summary>A fresh folder, deleted with its content on dispose.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public string Path { get; } = Directory.CreateTempSubdirectory("dss-emulator-").FullName;

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
