using System.Text.Json.Nodes;

namespace DssApi.Cli.Tests;

/// <summary>The everyday verbs of the loop, each against the emulator, after <c>apply</c> has made service churn (v1) and deployment churn-dev on infrastructure dev.</summary>
public sealed class VerbTests : EmulatorTest
{
    private async Task ApplyAsync(string? file = null) =>
        Assert.Equal(DssCli.Success, (await RunAsync("apply", file ?? DesiredFile())).ExitCode);

    /// <summary>A second infrastructure, whose one API node is at <paramref name="apiNodeUrl"/>.</summary>
    private Task ApplyInfraAsync(string id, string apiNodeUrl) => ApplyAsync(WriteFile($"{id}.yaml", $$"""
        infrastructures:
          - id: {{id}}
            stage: Development
            type: STATIC
            settings:
              apiNodes:
                - { url: "{{apiNodeUrl}}", adminAPIKey: "${NODE_KEY}" }
        """));

    private async Task<JsonNode> RunJsonAsync(params string[] args)
    {
        var result = await RunAsync([.. args, "--output", "json"]);
        Assert.True(result.ExitCode == DssCli.Success, result.Error);
        return JsonNode.Parse(result.Out)!;
    }

    [Fact]
    public async Task Package_publish_deploy_and_status_move_a_deployment_to_a_new_version()
    {
        await ApplyAsync();

        var package = await RunAsync("package", "create", Dss.DemoProjectKey, "churn", "v2", "--release-notes", "second");
        Assert.Equal((DssCli.Success, $"Created package v2 of API service churn (project {Dss.DemoProjectKey})."), (package.ExitCode, package.Out.Trim()));
        var publish = await RunAsync("publish", Dss.DemoProjectKey, "churn", "v2");
        Assert.Equal((DssCli.Success, "Published package v2 of API service churn to published service churn."), (publish.ExitCode, publish.Out.Trim()));

        var deploy = await RunAsync("deploy", "churn-dev", "--version", "v2", "--wait", "--timeout", "2m");

        Assert.True(deploy.ExitCode == DssCli.Success, deploy.Error);
        Assert.Equal("Deployment churn-dev serves v2: HEALTHY.", deploy.Out.Trim());
        Assert.Matches(@"^  job \S+: ", deploy.Error);
        var status = await RunJsonAsync("status", "churn-dev");
        Assert.Equal("churn-dev", (string?)status["id"]);
        Assert.Equal("HEALTHY", (string?)status["health"]);
        Assert.Equal("""[{"version":"v2","share":1}]""", status["versions"]!.ToJsonString());
        Assert.Equal($"""["{Dss.Url}/public/api/v1/churn"]""", status["urls"]!.ToJsonString());
    }

    [Fact]
    public async Task Services_list_shows_the_published_services_or_a_projects_services_as_plain_lines_and_as_json()
    {
        await ApplyAsync();

        var published = await RunAsync("services", "list");
        var designed = await RunAsync("services", "list", "--project", Dss.DemoProjectKey);

        Assert.Equal(["SERVICE  NAME   VERSIONS  DEPLOYMENTS", "churn    churn  v1        churn-dev on dev"],
            published.Out.ReplaceLineEndings("\n").TrimEnd().Split('\n'));
        Assert.Contains("churn    ", designed.Out);
        Assert.Contains("churn (STD_PREDICTION)", designed.Out);
        var publishedJson = await RunJsonAsync("services", "list");
        Assert.Equal("""[{"id":"churn","name":"churn","versions":["v1"],"deployments":[{"id":"churn-dev","infra":"dev"}]}]""", publishedJson.ToJsonString());
        var designedJson = (await RunJsonAsync("services", "list", "--project", Dss.DemoProjectKey)).AsArray().Single(service => (string?)service!["id"] == "churn")!;
        Assert.Equal(Dss.DemoProjectKey, (string?)designedJson["project"]);
        Assert.Equal("""[{"id":"churn","type":"STD_PREDICTION"}]""", designedJson["endpoints"]!.ToJsonString());
    }

    [Fact]
    public async Task Status_without_a_deployment_lists_every_deployment_with_its_health()
    {
        await ApplyAsync();

        var status = await RunAsync("status");

        Assert.Equal(DssCli.Success, status.ExitCode);
        Assert.Equal(
            [
                "DEPLOYMENT  SERVICE  INFRA  VERSIONS  ENABLED  HEALTH",
                "churn-dev   churn    dev    v1 100 %  yes      HEALTHY",
                $"churn-dev: serves at {Dss.Url}/public/api/v1/churn",
            ],
            status.Out.ReplaceLineEndings("\n").TrimEnd().Split('\n'));
        var all = (await RunJsonAsync("status")).AsArray();
        Assert.Equal("churn-dev", (string?)Assert.Single(all)!["id"]);
    }

    [Fact]
    public async Task Deploy_without_wait_prints_the_update_job_that_futures_wait_follows_to_its_end()
    {
        await ApplyAsync();
        await ApplyInfraAsync("test", Dss.Url);

        var started = await RunJsonAsync("deploy", "churn-new", "--version", "v1", "--infra", "test", "--service", "churn");
        var jobId = (string)started["jobId"]!;
        var waited = await RunJsonAsync("futures", "wait", jobId, "--timeout", "2m");

        Assert.Equal("churn-new", (string?)started["deployment"]);
        Assert.Equal(jobId, (string?)waited["jobId"]);
        Assert.Equal(1, (int?)waited["result"]?["nbOKNodes"]);
        Assert.Equal("HEALTHY", (string?)(await RunJsonAsync("status", "churn-new"))["health"]);
    }

    [Fact]
    public async Task Deploy_of_a_missing_deployment_without_infra_and_service_says_how_to_create_it()
    {
        await ApplyAsync();

        var deploy = await RunAsync("deploy", "churn-new", "--version", "v1");

        Assert.Equal(DssCli.Failure, deploy.ExitCode);
        Assert.Equal("error: Deployment churn-new does not exist: give --infra and --service to create it", deploy.Error.Trim());
    }

    [Fact]
    public async Task A_deploy_whose_update_fails_exits_1_with_the_updates_error()
    {
        await ApplyAsync();
        // Its only API node is not the emulator: the update cannot reach it.
        await ApplyInfraAsync("broken", "http://127.0.0.1:9");

        var deploy = await RunAsync("deploy", "churn-broken", "--version", "v1", "--infra", "broken", "--service", "churn", "--wait");

        Assert.Equal(DssCli.Failure, deploy.ExitCode);
        Assert.Contains("error: The update of deployment churn-broken failed: ", deploy.Error);
        Assert.Contains("None of the API nodes of infrastructure broken can be reached", deploy.Error);
    }

    [Fact]
    public async Task A_deploy_that_outlasts_its_timeout_exits_1_and_names_the_job_to_wait_on()
    {
        await ApplyAsync();

        var deploy = await RunAsync("deploy", "churn-dev", "--version", "v1", "--wait", "--timeout", "1ms");

        Assert.Equal(DssCli.Failure, deploy.ExitCode);
        Assert.Matches(@"error: The update of deployment churn-dev did not finish within 1ms; it goes on in DSS: wait again with dssapi futures wait \S+", deploy.Error);
    }

    [Fact]
    public async Task A_deploy_that_leaves_the_deployment_unhealthy_exits_1_with_its_health_messages()
    {
        await ApplyAsync();
        // v2 adds an endpoint the emulator cannot run: the update succeeds, the health is WARNING.
        await ApplyAsync(DesiredFile(package: "v2", extraEndpoint: "- { id: score, type: PY_FUNCTION, code: 'x' }"));

        var deploy = await RunAsync("deploy", "churn-dev", "--version", "v2", "--wait");

        Assert.Equal(DssCli.Failure, deploy.ExitCode);
        Assert.Contains("error: Deployment churn-dev was updated to v2 but is WARNING: Endpoint score cannot be executed by the DSS emulator", deploy.Error);
    }

    [Theory]
    [InlineData("10 minutes")]
    [InlineData("-5s")]
    [InlineData("5")]
    public async Task A_bad_timeout_is_an_error_naming_the_option(string timeout)
    {
        var result = await RunAsync("futures", "wait", "job1", "--timeout", timeout);

        Assert.Equal(DssCli.Failure, result.ExitCode);
        Assert.Equal($"error: Invalid --timeout '{timeout}': give a duration such as 500ms, 90s, 10m or 1h", result.Error.Trim());
    }

    [Fact]
    public async Task Openapi_pull_writes_the_deployments_OpenAPI_document()
    {
        await ApplyAsync();
        var path = Path.Combine(Folder, "churn.openapi.json");

        var pull = await RunAsync("openapi", "pull", "churn-dev", "-o", path);

        Assert.Equal((DssCli.Success, $"Wrote the OpenAPI document of deployment churn-dev to {path}."), (pull.ExitCode, pull.Out.Trim()));
        Assert.NotNull(JsonNode.Parse(File.ReadAllText(path))!["openapi"]);
    }

    [Fact]
    public async Task In_GitHub_Actions_a_failing_verb_writes_an_annotation_like_plan_and_apply()
    {
        var deploy = await RunAsync(name => name == "GITHUB_ACTIONS" ? "true" : Environment(name), "deploy", "churn-new", "--version", "v1");

        Assert.Equal(DssCli.Failure, deploy.ExitCode);
        Assert.Equal("::error::Deployment churn-new does not exist: give --infra and --service to create it", deploy.Error.Trim());
    }

    [Fact]
    public async Task In_GitHub_Actions_a_bad_command_line_is_an_annotation_too()
    {
        var deploy = await RunAsync(name => name == "GITHUB_ACTIONS" ? "true" : Environment(name), "deploy", "churn-dev");

        Assert.Equal(DssCli.Failure, deploy.ExitCode);
        Assert.Equal(("", "::error::Option '--version' is required."), (deploy.Out, deploy.Error.Trim()));
    }

    [Fact]
    public async Task The_tool_as_a_process_prints_status_as_json()
    {
        await ApplyAsync();

        var status = await RunProcessAsync("status", "churn-dev", "--output", "json");

        Assert.True(status.ExitCode == DssCli.Success, status.Error);
        Assert.Equal("HEALTHY", (string?)JsonNode.Parse(status.Out)!["health"]);
    }
}
