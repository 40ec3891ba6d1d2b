using System.Diagnostics;
using DssApi.Emulator;
using DssApi.Tests.Infrastructure;

namespace DssApi.Integration.Tests;

public class SecretLeakTests
{
    private const string AdminKey = "admin-KEY-3f9a1c77e2b04d";
    private const string QueryKey = "query-KEY-8c21d0aa5f6e47";

    [Fact]
    public async Task No_key_appears_in_logs_spans_exceptions_or_ToString_over_a_full_flow_with_failures()
    {
        using var recorder = new SpanRecorder();
        var spans = recorder.Spans;
        var logs = new CapturingLoggerProvider();
        await using var dss = await DssEmulator.StartAsync(new DssEmulatorOptions { AdminApiKey = AdminKey });
        using var client = new DssClient(new DssClientOptions { Url = new Uri(dss.Url), ApiKey = AdminKey, LoggerFactory = logs });
        var texts = new List<string> { client.ToString() };

        var serviceId = await DeploymentFlow.DeployAsync(client, dss, "secrets", QueryKey);
        using var apiNode = new DssApiNodeClient(new DssApiNodeClientOptions
        {
            Url = new Uri(dss.Url), ServiceId = serviceId, ApiKey = QueryKey, LoggerFactory = logs,
        });
        texts.Add(apiNode.ToString());
        texts.Add((await apiNode.PredictRecordAsync("churn", DeploymentFlow.Customer)).ToString());
        using var wrongKey = new DssApiNodeClient(new DssApiNodeClientOptions { Url = new Uri(dss.Url), ServiceId = serviceId, ApiKey = AdminKey + "x" });
        texts.Add((await Assert.ThrowsAsync<DssApiException>(() => wrongKey.PredictRecordAsync("churn", DeploymentFlow.Customer))).ToString());
        texts.Add((await Assert.ThrowsAsync<DssApiException>(() => client.GetApiDeployer().GetInfra("missing").GetSettingsAsync())).ToString());
        texts.Add((await Assert.ThrowsAsync<DssApiException>(() => client.GetApiDeployer().GetInfra("secrets-infra").DeleteAsync())).ToString());

        var everything = string.Join('\n', texts.Concat([logs.AllText])
            .Concat(spans.SelectMany(span => span.TagObjects.Select(tag => $"{tag.Key}={tag.Value}").Append(span.DisplayName))));
        Assert.NotEmpty(logs.Entries);
        Assert.Contains(spans, span => span.DisplayName.Contains("/public/api/v1/"));
        foreach (var secret in new[] { AdminKey, QueryKey, Base64Credential(AdminKey), Base64Credential(QueryKey) })
        {
            Assert.DoesNotContain(secret, everything);
        }
    }

    /// <summary>The key as it travels in a Basic header.</summary>
    private static string Base64Credential(string key) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(key + ":"));
}
