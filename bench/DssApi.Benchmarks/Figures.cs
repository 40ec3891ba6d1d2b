using System.Diagnostics;
using System.Text.Json.Nodes;

namespace DssApi.Benchmarks;

/// <summary>Figures that are counts or peaks rather than times: printed, never asserted.</summary>
public static class Figures
{
    public static async Task RunAsync()
    {
        await using var server = await CannedServer.StartAsync();
        using var client = new DssClient(new DssClientOptions { Url = server.Url, ApiKey = "bench" });
        await DownloadMemoryAsync(client);
        await FuturePollsAsync(server, client);
    }

    /// <summary>Managed heap growth while streaming downloads of growing sizes: flat means streamed.</summary>
    private static async Task DownloadMemoryAsync(DssClient client)
    {
        Console.WriteLine("download size | peak managed heap growth");
        foreach (var size in new[] { 64L << 20, 256L << 20, 1L << 30 })
        {
            var baseline = GC.GetTotalMemory(forceFullCollection: true);
            long peak = 0, read = 0;
            var buffer = new byte[81920];
            await using (var body = await client.Pipeline.SendForStreamAsync(new DssRequest(HttpMethod.Get, "/download/{bytes}", size.ToString()), default))
            {
                int count;
                while ((count = await body.ReadAsync(buffer)) > 0)
                {
                    read += count;
                    if (read % (8 << 20) < count)
                    {
                        peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false) - baseline);
                    }
                }
            }

            Console.WriteLine($"{size >> 20,9} MB | {peak / 1024.0 / 1024.0,8:0.00} MB");
        }
    }

    /// <summary>Requests made while waiting on jobs of given lengths, against what the DSS backoff predicts.</summary>
    private static async Task FuturePollsAsync(CannedServer server, DssClient client)
    {
        Console.WriteLine("job length | requests made | predicted by the backoff (peeks + 1 consuming read)");
        foreach (var length in new[] { TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(20) })
        {
            var id = $"job-{length.TotalSeconds}";
            server.AddJob(id, length);
            var before = server.FutureRequests;
            await new DssFuture<JsonNode?>(client, id, result => result).WaitForCompletionAsync();
            Console.WriteLine($"{length.TotalSeconds,8} s | {server.FutureRequests - before,13} | {Predicted(length, client.FuturePolling),8}");
        }
    }

    /// <summary>One immediate peek, one more after each delay until the delays cover the job, then the consuming read.</summary>
    private static int Predicted(TimeSpan length, DssFuturePollingOptions polling)
    {
        var peeks = 1;
        var waited = TimeSpan.Zero;
        var delay = polling.InitialDelay;
        while (waited < length)
        {
            waited += delay;
            delay = TimeSpan.FromTicks(Math.Min((long)(delay.Ticks * polling.Multiplier), polling.MaxDelay.Ticks));
            peeks++;
        }

        return peeks + 1;
    }
}
