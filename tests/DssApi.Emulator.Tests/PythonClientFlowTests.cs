using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace DssApi.Emulator.Tests;

/// <summary>
/// The quickstart flow with the requests exactly as the official Python client puts them on the wire:
/// key as Basic user name, JSON bodies without Content-Type, Python booleans, explicit nulls, trailing slashes.
/// </summary>
public sealed class PythonClientFlowTests
{
    [Fact]
    public async Task DesignPackagePublishDeployWaitAndPredict()
    {
        await using var dss = await TestDss.StartAsync();
        var project = $"/dip/publicapi/projects/{dss.Project}";

        await SendAsync(dss, "POST", $"{project}/apiservices/churn");
        var settings = await SendAsync(dss, "GET", $"{project}/apiservices/churn/settings");
        settings["endpoints"]!.AsArray().Add(new JsonObject { ["id"] = "predict_churn", ["type"] = "STD_PREDICTION", ["modelRef"] = "churn_classifier" });
        await SendAsync(dss, "PUT", $"{project}/apiservices/churn/settings", settings);
        await SendAsync(dss, "POST", $"{project}/apiservices/churn/packages/v1");
        await SendAsync(dss, "POST", $"{project}/apiservices/churn/packages/v1/publish");

        await SendAsync(dss, "POST", "/dip/publicapi/api-deployer/infras",
            new JsonObject { ["id"] = "dev", ["stage"] = "Development", ["type"] = "STATIC", ["governCheckPolicy"] = "NO_CHECK" });
        var infra = await SendAsync(dss, "GET", "/dip/publicapi/api-deployer/infras/dev/settings");
        infra["apiNodes"]!.AsArray().Add(new JsonObject { ["url"] = dss.Url, ["adminAPIKey"] = "secret", ["graphitePrefix"] = null });
        await SendAsync(dss, "PUT", "/dip/publicapi/api-deployer/infras/dev/settings", infra);

        await SendAsync(dss, "POST", "/dip/publicapi/api-deployer/deployments?ignoreWarnings=False", new JsonObject
        {
            ["deploymentId"] = "churn-dev",
            ["publishedServiceId"] = "churn",
            ["infraId"] = "dev",
            ["version"] = "v1",
            ["endpointId"] = null,
            ["authorizationsToQueryThroughDeployer"] = null,
        });
        var future = await SendAsync(dss, "POST", "/dip/publicapi/api-deployer/deployments/churn-dev/actions/update");
        while (!future["hasResult"]!.GetValue<bool>())
        {
            await Task.Delay(20);
            future = await SendAsync(dss, "GET", $"/dip/publicapi/futures/{future["jobId"]}?peek=False");
        }

        var light = await SendAsync(dss, "GET", "/dip/publicapi/api-deployer/deployments/churn-dev");
        var heavy = await SendAsync(dss, "GET", "/dip/publicapi/api-deployer/deployments/churn-dev/status");
        var serviceId = (light["deploymentBasicInfo"]!["deployedServiceId"] ?? light["deploymentBasicInfo"]!["publishedServiceId"])!.GetValue<string>();
        var serviceUrl = $"{heavy["apiNodes"]![0]!["url"]}/public/api/v1/{serviceId}";
        var prediction = await SendAsync(dss, "POST", $"{serviceUrl}/predict_churn/predict", new JsonObject
        {
            ["features"] = new JsonObject { ["tenure_months"] = 10, ["monthly_charges"] = 70, ["contract"] = "month-to-month", ["support_calls"] = 2 },
            ["explanations"] = new JsonObject { ["enabled"] = null, ["method"] = null, ["nExplanations"] = null, ["nMonteCarloSteps"] = null },
        });

        Assert.Equal("""{"nbOKNodes":1,"nbNOKNodes":0}""", future["result"]!.ToJsonString());
        Assert.Equal("HEALTHY", heavy["health"]!.GetValue<string>());
        Assert.Equal("churn", prediction["result"]!["prediction"]!.GetValue<string>());
        Assert.Equal(0.956893, prediction["result"]!["probas"]!["churn"]!.GetValue<double>());
        Assert.Equal("v1", prediction["apiContext"]!["serviceGeneration"]!.GetValue<string>());
    }

    /// <summary>One request as <c>requests</c> sends it; the empty body of a void call reads as an empty object.</summary>
    private static async Task<JsonNode> SendAsync(TestDss dss, string method, string pathOrUrl, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), pathOrUrl)
        {
            Content = body is null ? null : new ByteArrayContent(Encoding.UTF8.GetBytes(body.ToJsonString())),
        };
        using var response = await dss.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{method} {pathOrUrl}: {(int)response.StatusCode} {text}");
        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }
}
