using System.Net.Http.Headers;
using System.Text.Json.Nodes;

namespace DssApi.Benchmarks;

/// <summary>Bytes allocated per operation by each layer of a settings round trip, to find where
/// the client spends memory beyond the raw HttpClient baseline.</summary>
public static class AllocationProbe
{
    public static async Task RunAsync()
    {
        await using var server = await CannedServer.StartAsync();
        server.ServiceSettings = ServiceSettingsJson.Create(10);
        using var raw = new HttpClient(new SocketsHttpHandler { UseProxy = false });
        raw.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String("bench:"u8));
        using var client = new DssClient(new DssClientOptions { Url = server.Url, ApiKey = "bench" });
        var service = client.GetProject("CHURN").GetApiService("churn");

        await Measure("raw GET + parse", async () => JsonNode.Parse(await (await raw.GetAsync(SettingsRoundTripBenchmarks.SettingsUrl(server.Url, "CHURN", "churn"))).Content.ReadAsByteArrayAsync()));
        await Measure("pipeline GET + parse", async () => await client.Pipeline.SendForJsonAsync(
            new DssRequest(HttpMethod.Get, "/projects/{projectKey}/apiservices/{serviceId}/settings", "CHURN", "churn"), default));
        await Measure("generated GetSettingsAsync", async () => await service.GetSettingsAsync());
        var settings = await service.GetSettingsAsync();
        await Measure("raw PUT", async () =>
        {
            using var body = new StringContent(settings.GetRaw().ToJsonString(), MediaTypeHeaderValue.Parse("application/json"));
            (await raw.PutAsync(SettingsRoundTripBenchmarks.SettingsUrl(server.Url, "CHURN", "churn"), body)).Dispose();
        });
        await Measure("generated SaveAsync", () => settings.SaveAsync());
    }

    private static async Task Measure(string name, Func<Task> operation)
    {
        const int iterations = 2000;
        for (var i = 0; i < 200; i++)
        {
            await operation();
        }

        var before = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < iterations; i++)
        {
            await operation();
        }

        Console.WriteLine($"{name,-30} {(GC.GetTotalAllocatedBytes(precise: true) - before) / iterations,8} B/op");
    }
}
