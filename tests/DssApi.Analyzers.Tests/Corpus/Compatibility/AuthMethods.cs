// DssApiTargetVersion: 11.4
using DssApi;

namespace Acme.Governance.Auth;

/// <summary>Aligns the auth method of API services with the platform policy.</summary>
internal static class AuthMethods
{
    public static async Task RequireKeysAsync(DssApiService service)
    {
        var settings = await service.GetSettingsAsync();
        settings.AuthMethod = AuthMethod.ApiKeys; // expect: DSS1011
        await settings.SaveAsync();
    }

    public static async Task RequireOAuthAsync(DssApiService service, Version dss)
    {
        if (dss < new Version(12, 0))
        {
            return;
        }

        var settings = await service.GetSettingsAsync();
        settings.AuthMethod = AuthMethod.OAuth2;
        await settings.SaveAsync();
    }

    public static async Task<bool> UsesOAuthAsync(DssApiService service)
    {
        var settings = await service.GetSettingsAsync();
        return settings.AuthMethod == AuthMethod.OAuth2;
    }

    public static async Task<IReadOnlyList<string>> PublicServicesAsync(DssProject project)
    {
        var result = new List<string>();
        foreach (var item in await project.ListApiServicesAsync())
        {
            if (item.AuthMethod == AuthMethod.Public || item.PublicAccess == true)
            {
                result.Add(item.Name ?? item.Id);
            }
        }

        return result;
    }

    public static string Describe(AuthMethod? method) => method switch
    {
        null => "default",
        var m when m == AuthMethod.OAuth2 => "OAuth2",
        var m when m == AuthMethod.ApiKeys => "API keys",
        _ => "public",
    };
}
