namespace DssApi.TestSupport;

/// <summary>The repository the tests run from, for tests that read or build its files.</summary>
internal static class TestRepository
{
    private static readonly Lazy<string> RootFolder = new(() =>
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Generator.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (Generator.sln) was not found above " + AppContext.BaseDirectory);
    });

    /// <summary>The folder holding Generator.sln, found from the test binaries.</summary>
    public static string Root => RootFolder.Value;
}
