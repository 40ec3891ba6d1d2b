using System.Text;
using DssApi.Emulator;

namespace DssApi.Integration.Tests;

public class HostileIdTests
{
    private const int Seed = 20261127;
    private const int IdCount = 2000;

    private static readonly string[] Pieces =
    [
        "a", "Z", "7", "_", "-", "/", ".", "..", "%", "%2F", "%2e", " ", "?", "#", "&", "=", "+", "\\", ";", ":", "@", "~", "'", "\"",
        "\t", "\n", "\r", "\u0001", "\u007f", "é", "日本", "😀", "\u200b", "<", ">", "{", "}", "|", "^", "`", "[", "]",
    ];

    /// <summary>Random ids made of the characters that break naive URL building.</summary>
    private static IEnumerable<string> HostileIds()
    {
        var random = new Random(Seed);
        // Dot segments first: URL normalisation removes them unless they are escaped.
        var seen = new HashSet<string>(StringComparer.Ordinal) { ".", ".." };
        foreach (var dots in seen.ToArray())
        {
            yield return dots;
        }

        while (seen.Count < IdCount)
        {
            var id = new StringBuilder();
            for (var length = random.Next(1, 6); length > 0; length--)
            {
                id.Append(Pieces[random.Next(Pieces.Length)]);
            }

            if (seen.Add(id.ToString()))
            {
                yield return id.ToString();
            }
        }
    }

    [Fact]
    public async Task Every_id_reaches_dss_as_exactly_the_intended_single_segment()
    {
        await using var dss = await DssEmulator.StartAsync();
        using var client = new DssClient(dss.Url, dss.AdminApiKey);
        var project = client.GetProject(dss.DemoProjectKey);
        var created = new List<string>();

        foreach (var id in HostileIds())
        {
            await project.CreateApiServiceAsync(id);
            var settings = await project.GetApiService(id).GetSettingsAsync();
            Assert.True(settings.Id == id, $"created {Show(id)} but read back {Show(settings.Id)} (seed {Seed})");
            created.Add(id);
        }

        // Nothing else was created or touched: the service list is exactly the ids sent.
        var listed = (await project.ListApiServicesAsync()).Select(service => service.Id).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(created.ToHashSet(StringComparer.Ordinal), listed);
    }

    [Fact]
    public async Task An_empty_id_is_refused_before_anything_is_sent()
    {
        await using var dss = await DssEmulator.StartAsync();
        using var client = new DssClient(dss.Url, dss.AdminApiKey);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => client.GetProject(dss.DemoProjectKey).CreateApiServiceAsync(""));

        Assert.Contains("must not be empty", error.Message);
        Assert.Empty(await client.GetProject(dss.DemoProjectKey).ListApiServicesAsync());
    }

    private static string Show(string? id) => id is null ? "(none)" : "\"" + string.Concat(id.Select(c => char.IsControl(c) ? $"\\u{(int)c:x4}" : c.ToString())) + "\"";
}
