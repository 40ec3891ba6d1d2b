using System.Text.Json.Nodes;
using DssApi.Generator.Tests.Live;
using DssApi.Generator.Tests.Support;

namespace DssApi.Generator.Tests;

/// <summary>
/// What the Python client does beyond its requests, checked on a loopback server that records what
/// arrives: uploads, client-side refusals and checks, what responses lead to. The requests of every
/// Python member are compared in <see cref="PythonParityTests"/>.
/// </summary>
public sealed class WireParityTests : IAsyncLifetime
{
    private const string DssBase = "/dip/publicapi";

    private RecordingServer _server = null!;

    public async Task InitializeAsync() => _server = await RecordingServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Import_version_uploads_the_archive_as_the_multipart_part_named_file()
    {
        using var client = _server.CreateClient();
        using var archive = new MemoryStream("zip-bytes"u8.ToArray());

        await client.GetApiDeployer().GetService("PS").ImportVersionAsync(archive, "v3.zip");

        var request = Assert.Single(_server.Requests);
        Assert.Equal($"POST {DssBase}/api-deployer/services/PS/versions", request.Line);
        Assert.StartsWith("multipart/form-data", request.ContentType, StringComparison.Ordinal);
        Assert.Contains("name=file", request.Body.Replace("\"", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("filename=v3.zip", request.Body.Replace("\"", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("zip-bytes", request.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Records_without_their_required_member_are_rejected_before_anything_is_sent()
    {
        using var node = _server.CreateNodeClient("SVC");

        await Assert.ThrowsAsync<ArgumentException>(() => node.PredictRecordsAsync("ep", [new JsonObject { ["x"] = 1 }]));
        await Assert.ThrowsAsync<ArgumentException>(() => node.PredictEffectsAsync("ep", [new JsonObject { ["features"] = new JsonObject() }, null]));
        await Assert.ThrowsAsync<ArgumentException>(() => node.LookupRecordsAsync("ep", [new JsonObject { ["features"] = new JsonObject() }]));

        Assert.Empty(_server.Requests);
    }

    [Fact]
    public async Task Start_update_returns_a_future_of_the_job_the_server_started()
    {
        _server.Reply("POST", "/actions/update", """{"jobId":"job-7","alive":true,"hasResult":false}""");
        using var client = _server.CreateClient();

        var future = await client.GetApiDeployer().GetDeployment("D").StartUpdateAsync();

        Assert.Equal("job-7", future.Id);
        Assert.False(future.HasCompleted);
    }

    [Fact]
    public async Task Deleting_an_enabled_deployment_fails_with_the_python_message_and_sends_no_delete()
    {
        _server.Reply("GET", "/deployments/D", """{"deploymentBasicInfo":{"id":"D","enabled":true}}""");
        using var client = _server.CreateClient();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetApiDeployer().GetDeployment("D").DeleteAsync());

        Assert.Equal("Deployment D deletion failed: deployment must be disabled first.", error.Message);
        Assert.Equal([$"GET {DssBase}/api-deployer/deployments/D"], _server.Requests.Select(r => r.Line));
    }

    [Fact]
    public async Task Disabling_before_deleting_saves_the_settings_with_enabled_false_and_every_other_field_kept()
    {
        _server.Reply("GET", "/deployments/D", """{"deploymentBasicInfo":{"id":"D","enabled":true}}""");
        _server.Reply("GET", "/settings", """{"id":"D","enabled":true,"tags":["kept"],"unknownField":{"a":1}}""");
        using var client = _server.CreateClient();

        await client.GetApiDeployer().GetDeployment("D").DeleteAsync(disableFirst: true);

        var save = Assert.Single(_server.Requests, r => r.Line.StartsWith("PUT ", StringComparison.Ordinal));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"id":"D","enabled":false,"tags":["kept"],"unknownField":{"a":1}}"""), JsonNode.Parse(save.Body)), save.Body);
    }

    [Fact]
    public async Task Settings_of_another_infrastructure_type_than_expected_are_a_clear_error()
    {
        _server.Reply("GET", "/settings", """{"id":"I","type":"K8S"}""");
        using var client = _server.CreateClient();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => client.GetApiDeployer().GetInfra("I").GetSettingsAsync<StaticInfraSettings>());

        Assert.Equal("The infra settings of I are KubernetesInfraSettings (type K8S), not StaticInfraSettings.", error.Message);
    }

    [Fact]
    public async Task Listed_api_services_lead_to_their_handles_as_to_api_service_does()
    {
        _server.Reply("GET", "/apiservices/", """[{"id":"S1","projectKey":"P","name":"one","endpoints":[]}]""");
        using var client = _server.CreateClient();

        var service = Assert.Single(await client.GetProject("P").ListApiServicesAsync()).ToApiService();
        await service.GetSettingsAsync();

        Assert.Equal(("P", "S1"), (service.ProjectKey, service.ServiceId));
        Assert.Equal($"GET {DssBase}/projects/P/apiservices/S1/settings", _server.Requests[^1].Line);
    }

    [Fact]
    public async Task Deployer_lists_lead_to_their_handles()
    {
        _server.Reply("GET", "/api-deployer/deployments", """[{"deploymentBasicInfo":{"id":"D1","publishedServiceId":"PS"}}]""");
        _server.Reply("GET", "/api-deployer/infras", """[{"infraBasicInfo":{"id":"I1"},"deployments":[{"id":"D1"},{"id":"D2"}]}]""");
        _server.Reply("GET", "/api-deployer/services", """[{"serviceBasicInfo":{"id":"PS"},"deployments":[{"id":"D1","infraId":"I1"},{"id":"D2","infraId":"I2"}]}]""");
        using var client = _server.CreateClient();
        var deployer = client.GetApiDeployer();

        var deployment = Assert.Single(await deployer.ListDeploymentsAsync()).ToDeployment();
        var infra = Assert.Single(await deployer.ListInfrasAsync());
        var service = Assert.Single(await deployer.ListServicesAsync());

        Assert.Equal("D1", deployment.DeploymentId);
        Assert.Equal("I1", infra.ToInfra().InfraId);
        Assert.Equal(["D1", "D2"], infra.GetDeployments().Select(d => d.DeploymentId));
        Assert.Equal("D2", infra.Deployments[1].ToDeployment().DeploymentId);
        Assert.Equal("PS", service.ToService().ServiceId);
        Assert.Equal(["D1", "D2"], service.GetDeployments().Select(d => d.DeploymentId));
        Assert.Equal(["D2"], service.GetDeployments(infraId: "I2").Select(d => d.DeploymentId));
    }

    [Fact]
    public async Task Status_reads_give_their_deployments_as_handles()
    {
        _server.Reply("GET", "/services/PS", """{"serviceBasicInfo":{"id":"PS"},"deployments":[{"id":"D1","infraId":"I1"},{"id":"D2","infraId":"I2"}]}""");
        using var client = _server.CreateClient();

        var status = await client.GetApiDeployer().GetService("PS").GetStatusAsync();

        Assert.Equal(["D1"], status.GetDeployments("I1").Select(d => d.DeploymentId));
    }

    [Fact]
    public async Task Listed_futures_lead_to_their_futures()
    {
        _server.Reply("GET", "/futures/", """[{"jobId":"job-3","alive":true}]""");
        using var client = _server.CreateClient();

        var future = Assert.Single(await client.ListFuturesAsync()).ToFuture();

        Assert.Equal("job-3", future.Id);
    }

    [Fact]
    public async Task A_listed_update_reads_its_full_update_through_its_deployment()
    {
        _server.Reply("GET", "/D/update", """[{"startTimestamp":1700000000000,"type":"UPDATE","status":"SUCCESS"}]""");
        _server.Reply("GET", "/update/1700000000000", """{"startTimestamp":1700000000000,"logs":{"lines":["ok"]}}""");
        using var client = _server.CreateClient();

        var listed = Assert.Single(await client.GetApiDeployer().GetDeployment("D").ListUpdatesAsync());
        var full = await listed.GetFullUpdateAsync();

        Assert.Equal($"GET {DssBase}/api-deployer/deployments/D/update/1700000000000", _server.Requests[^1].Line);
        Assert.Equal(["ok"], full.Logs());
    }

    [Fact]
    public void Json_not_read_through_a_client_has_no_handles_and_says_so()
    {
        var item = ApiServiceListItem.FromJson(new JsonObject { ["id"] = "S", ["projectKey"] = "P" });

        var error = Assert.Throws<InvalidOperationException>(() => item.ToApiService());

        Assert.Contains("not read from DSS through a client", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_keeps_its_text_and_gives_the_document()
    {
        const string Text = "{ \"openapi\": \"3.0.1\",\n  \"paths\": {} }";
        _server.Reply("GET", "/get-open-api", Text);
        using var client = _server.CreateClient();

        var document = await client.GetApiDeployer().GetDeployment("D").GetOpenApiAsync();

        Assert.Equal(Text, document.GetRaw());
        Assert.Equal("3.0.1", document.Get()["openapi"]?.GetValue<string>());
        Assert.NotSame(document.Get(), document.Get());
    }

    [Fact]
    public async Task An_openapi_text_that_is_not_json_is_a_protocol_error()
    {
        _server.Reply("GET", "/get-open-api", "openapi: 3.0.1");
        using var client = _server.CreateClient();

        var document = await client.GetApiDeployer().GetDeployment("D").GetOpenApiAsync();

        Assert.Equal("openapi: 3.0.1", document.GetRaw());
        Assert.Contains("not valid JSON", Assert.Throws<DssProtocolException>(() => document.Get()).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_update_gives_its_log_as_lines()
    {
        _server.Reply("GET", "/last-update", """{"status":"SUCCESS","logs":{"totalLines":2,"lines":["Preparing","Done"],"maxLevel":"INFO"}}""");
        using var client = _server.CreateClient();

        var update = await client.GetApiDeployer().GetDeployment("D").GetLastUpdateAsync();

        Assert.Equal(["Preparing", "Done"], update.Logs());
        Assert.Equal(2, update.LogTail?.TotalLines);
    }

    [Fact]
    public async Task An_update_without_a_log_has_no_lines()
    {
        _server.Reply("GET", "/last-update", """{"status":"RUNNING"}""");
        using var client = _server.CreateClient();

        var update = await client.GetApiDeployer().GetDeployment("D").GetLastUpdateAsync();

        Assert.Empty(update.Logs());
    }

    [Fact]
    public async Task Lookup_record_returns_the_first_result_as_the_python_client_does()
    {
        _server.Reply("POST", "/ep/lookup", """{"results":[{"data":{"city":"Paris"},"ignored":false}]}""");
        using var node = _server.CreateNodeClient("SVC");

        var result = await node.LookupRecordAsync("ep", new JsonObject { ["id"] = 1 });

        Assert.Equal("Paris", result.Data?["city"]?.GetValue<string>());
        Assert.False(result.Ignored);
    }
}
