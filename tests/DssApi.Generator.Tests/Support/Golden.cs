namespace DssApi.Generator.Tests.Support;

/// <summary>
/// Golden files of generated source, kept in Snapshots/. Run the tests with UPDATE_SNAPSHOTS=1 to
/// rewrite them after an intended change, then review the diff.
/// </summary>
internal static class Golden
{
    public const string UpdateCommand = "UPDATE_SNAPSHOTS=1 dotnet test tests/DssApi.Generator.Tests";

    private static bool Updating => Environment.GetEnvironmentVariable("UPDATE_SNAPSHOTS") == "1";

    public static string Folder(string name) => Path.Combine(ProjectFolder(), "Snapshots", name);

    /// <summary>Compares every generated file with its snapshot, and the file list with the snapshot folder.</summary>
    public static void VerifyAll(string folderName, IEnumerable<(string HintName, string Text)> sources) => VerifyAll(folderName, sources, Updating);

    public static void VerifyAll(string folderName, IEnumerable<(string HintName, string Text)> sources, bool update)
    {
        var folder = Folder(folderName);
        var expected = sources.ToDictionary(s => s.HintName + ".txt", s => Normalize(s.Text));
        if (update)
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }

            Directory.CreateDirectory(folder);
            foreach (var (file, text) in expected)
            {
                File.WriteAllText(Path.Combine(folder, file), text);
            }

            return;
        }

        Assert.True(Directory.Exists(folder), $"No snapshots at {folder}; create them with: {UpdateCommand}");
        foreach (var (file, text) in expected.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var path = Path.Combine(folder, file);
            Assert.True(File.Exists(path), $"No snapshot {path}; create it with: {UpdateCommand}");
            Assert.Equal(Normalize(File.ReadAllText(path)), text);
        }

        var stale = Directory.GetFiles(folder).Select(Path.GetFileName).Where(f => !expected.ContainsKey(f!)).ToList();
        Assert.True(stale.Count == 0, $"Snapshots no longer generated: {string.Join(", ", stale)}; remove them with: {UpdateCommand}");
    }

    private static string Normalize(string text) => text.Replace("\r\n", "\n").TrimEnd('\n') + "\n";

    // walking up from the test binaries finds the project even when build paths are mapped
    private static string ProjectFolder()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "DssApi.Generator.Tests.csproj")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? throw new InvalidOperationException("The test project folder was not found above " + AppContext.BaseDirectory);
    }
}
