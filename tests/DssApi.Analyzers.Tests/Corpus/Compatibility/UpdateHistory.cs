// DssApiTargetVersion: 13.0
using DssApi;

namespace Acme.Ops.History;

/// <summary>Shows the update history of a deployment where the DSS knows it (14.1 and later).</summary>
public sealed class UpdateHistory(DssApiDeployerDeployment deployment, Version serverVersion)
{
    public async Task PrintAsync()
    {
        if (serverVersion < new Version(14, 1))
        {
            Console.WriteLine("update history needs DSS 14.1");
            return;
        }

        foreach (var item in await deployment.ListUpdatesAsync())
        {
            Console.WriteLine($"{item.StartTimestamp}: {item.Type} {item.Status}");
        }
    }

    public async Task PrintLastAsync()
    {
        var last = await deployment.GetLastUpdateAsync(); // expect: DSS1011
        Console.WriteLine($"{last.Requester} at {last.StartTimestamp}: {last.Status}");
        foreach (var line in last.Logs())
        {
            Console.WriteLine(line);
        }
    }

    public async Task PrintLastIfSupportedAsync()
    {
        if (serverVersion >= new Version(14, 1))
        {
            var last = await deployment.GetLastUpdateAsync();
            Console.WriteLine($"{last.Requester}: {last.Status}");
        }
        else
        {
            var status = await deployment.GetStatusAsync();
            Console.WriteLine($"health {status.Heavy.Health}");
        }
    }

    public async Task PrintDetailsAsync(int count)
    {
        var items = await deployment.ListUpdatesAsync(); // expect: DSS1011
        foreach (var item in items.Take(count))
        {
            var full = await item.GetFullUpdateAsync(); // expect: DSS1011
            Console.WriteLine($"{full.StartTimestamp}-{full.EndTimestamp}: {full.Status}");
        }
    }

    public async Task PrintWithWeakGuardAsync()
    {
        if (serverVersion >= new Version(13, 0))
        {
            foreach (var item in await deployment.ListUpdatesAsync()) // expect: DSS1011
            {
                Console.WriteLine(item.Status);
            }
        }
    }
}
