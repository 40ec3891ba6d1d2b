using DssApi;

namespace Acme.Governance.Publishing;

/// <summary>Ownership and permissions of published services on the deployer.</summary>
public static class PublishedServiceAdmin
{
    public static async Task SetOwnerAsync(DssApiDeployerService service, string owner)
    {
        var settings = await service.GetSettingsAsync();
        if (settings.Owner == owner)
        {
            return;
        }

        settings.Owner = owner;
        await settings.SaveAsync();
    }

    public static async Task GrantAsync(DssApiDeployerService service, string group)
    {
        var settings = await service.GetSettingsAsync();
        if (settings.Permissions.Any(p => p.Group == group))
        {
            Console.WriteLine($"{group} already has access");
        }
        else
        {
            settings.Permissions.Add(new PublishedServicePermission { Group = group, Read = true });
        }

        await settings.SaveAsync();
    }

    public static async Task AuditAsync(DssApiDeployerService service)
    {
        var settings = await service.GetSettingsAsync();
        foreach (var permission in settings.Permissions)
        {
            Console.WriteLine($"{permission.Group}: read={permission.Read} write={permission.Write}");
        }

        await settings.SaveAsync(); // expect: DSS1001
    }

    public static async Task RenameAsync(DssApiDeployerService service, string? name)
    {
        var settings = await service.GetSettingsAsync();
        var newName = name ?? settings.Name ?? service.ServiceId;
        Console.WriteLine($"renaming to {newName}");
        await settings.SaveAsync(); // expect: DSS1001
    }

    public static async Task RenameProperlyAsync(DssApiDeployerService service, string? name)
    {
        var settings = await service.GetSettingsAsync();
        settings.Name = name ?? settings.Name ?? service.ServiceId;
        await settings.SaveAsync();
    }

    public static async Task RevokeAsync(DssApiDeployerService service, string group)
    {
        var settings = await service.GetSettingsAsync();
        var permission = settings.Permissions.FirstOrDefault(p => p.Group == group);
        if (permission is null)
        {
            return;
        }

        settings.Permissions.Remove(permission); // expect: DSS1002
        Console.WriteLine($"revoked {group}");
    }

    public static async Task TransferAsync(DssApiDeployerService service, string owner, bool dryRun)
    {
        var settings = await service.GetSettingsAsync();
        settings.Owner = owner; // expect: DSS1002
        if (dryRun)
        {
            Console.WriteLine($"would transfer {service.ServiceId} to {owner}");
            return;
        }

        Console.WriteLine($"transferring {service.ServiceId} to {owner}");
    }

    public static async Task TransferSavedAsync(DssApiDeployerService service, string owner, bool dryRun)
    {
        var settings = await service.GetSettingsAsync();
        settings.Owner = owner;
        if (dryRun)
        {
            Console.WriteLine($"would transfer {service.ServiceId} to {owner}");
            return;
        }

        await settings.SaveAsync();
    }

    public static async Task ReadOnlyLoopAsync(DssApiDeployerService service)
    {
        var settings = await service.GetSettingsAsync();
        var writers = 0;
        for (var i = 0; i < settings.Permissions.Count; i++)
        {
            if (settings.Permissions[i].Write == true)
            {
                writers++;
            }
        }

        Console.WriteLine($"{writers} writers");
        await settings.SaveAsync(); // expect: DSS1001
    }

    public static async Task ClearAsync(DssApiDeployerService service)
    {
        var settings = await service.GetSettingsAsync();
        settings.Permissions.Clear(); // expect: DSS1002
    }
}
