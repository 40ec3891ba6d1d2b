// DssApiTargetVersion: 13.0
using DssApi;

namespace Acme.Release.Notes;

/// <summary>Release notes of API service packages, for the changelog page.</summary>
public static class PackageNotes
{
    public static async Task<string> ChangelogAsync(DssApiService service)
    {
        var lines = new List<string>();
        foreach (var package in await service.ListPackagesAsync())
        {
            lines.Add($"- {package.Id}: {package.ReleaseNotes ?? "(no notes)"}");
        }

        return string.Join(Environment.NewLine, lines);
    }

    public static async Task<string?> NotesOfAsync(DssApiService service, string packageId)
    {
        var summary = await service.GetPackageSummaryAsync(packageId); // expect: DSS1011
        return summary.ReleaseNotes;
    }

    public static async Task<string?> NotesOfCheckedAsync(DssApiService service, string packageId, Version dss)
    {
        if (dss >= Version.Parse("13.2"))
        {
            var summary = await service.GetPackageSummaryAsync(packageId);
            return summary.ReleaseNotes;
        }

        var packages = await service.ListPackagesAsync();
        return packages.FirstOrDefault(p => p.Id == packageId)?.ReleaseNotes;
    }

    public static async Task<string?> CreatedByAsync(DssApiService service, string packageId, Version dss)
    {
        if (dss < new Version(13, 2))
        {
            return null;
        }
        else
        {
            return (await service.GetPackageSummaryAsync(packageId)).CreatedBy;
        }
    }
}
