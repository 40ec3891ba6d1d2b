using System.Text;
using DssApi.Emulator;

namespace DssApi.Deploy.Tests;

public sealed class PlanApplyTests : IAsyncLifetime
{
    private const string NodeKeyVariable = "NODE_KEY";
    private const string NodeUrlVariable = "NODE_URL";
    private DssEmulator _dss = null!;
    private WriteCounter _counter = null!;
    private DssClient _client = null!;
    private string _nodeKey = "first-node-key";
    private string? _nodeUrl;

    public async Task InitializeAsync()
    {
        _dss = await DssEmulator.StartAsync(new DssEmulatorOptions { UpdateStepDuration = TimeSpan.FromMilliseconds(5) });
        _counter = new WriteCounter();
        _client = new DssClient(new DssClientOptions { Url = new Uri(_dss.Url), ApiKey = _dss.AdminApiKey, HttpMessageHandler = _counter });
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _dss.DisposeAsync();
    }

    private DesiredState State(string modelRef = "churn_classifier", string traffic = "version: v1", string nodeKey = "${" + NodeKeyVariable + "}", string? nodeUrl = null) => DesiredState.Parse(Encoding.UTF8.GetBytes($$"""
        apiServices:
          - project: {{_dss.DemoProjectKey}}
            id: churn
            authMethod: PUBLIC
            endpoints:
              - id: churn
                type: STD_PREDICTION
                modelRef: {{modelRef}}
            package: v1
        infrastructures:
          - id: dev
            stage: Development
            type: STATIC
            settings:
              apiNodes:
                - url: {{nodeUrl ?? _dss.Url}}
                  adminAPIKey: {{nodeKey}}
        deployments:
          - id: churn-dev
            service: churn
            infra: dev
            {{traffic}}
        """), "dss.yaml", name => name switch { NodeKeyVariable => _nodeKey, NodeUrlVariable => _nodeUrl, _ => null });

    private async Task<Plan> ApplyAsync(DesiredState state, PlanOptions? options = null)
    {
        var plan = await state.PlanAsync(_client, options);
        await plan.ApplyAsync();
        return plan;
    }

    [Fact]
    public async Task Apply_on_a_fresh_DSS_creates_everything_and_a_second_apply_writes_nothing()
    {
        var first = await ApplyAsync(State());

        Assert.Equal(
            ["create infrastructure dev", "create API service churn", "create package churn/v1", "publish package churn/v1", "create deployment churn-dev", "deploy deployment churn-dev"],
            first.Changes.Select(change => change.ToString()));
        var status = await _client.GetApiDeployer().GetDeployment("churn-dev").GetStatusAsync();
        Assert.Equal(DeploymentHealth.Healthy, status.Heavy.Health);

        var writesBefore = _counter.Writes;
        var second = await ApplyAsync(State());

        Assert.False(second.HasChanges);
        Assert.Equal(0, _counter.Writes - writesBefore);
        // The API node key is secret: DSS answers it encrypted, so it is reported unknown, never as drift.
        Assert.Equal(["apiNodes[0].adminAPIKey"], second.Changes.Single(change => change.Kind == ObjectKind.Infrastructure).SecretsLeftAlone);
    }

    [Fact]
    public async Task A_drifted_setting_is_shown_field_by_field_and_corrected()
    {
        await ApplyAsync(State());
        var settings = await _client.GetProject(_dss.DemoProjectKey).GetApiService("churn").GetSettingsAsync();
        settings.GetRaw()["endpoints"]![0]!["modelRef"] = "churn_regressor";
        await settings.SaveAsync();

        var plan = await State().PlanAsync(_client);

        var change = Assert.Single(plan.Changes, change => change.Action != ChangeAction.None);
        Assert.Equal("update API service churn", change.ToString());
        Assert.Equal([new FieldChange("endpoints[id=churn].modelRef", "\"churn_regressor\"", "\"churn_classifier\"")], change.Fields);

        var writesBefore = _counter.Writes;
        await plan.ApplyAsync();
        Assert.Equal(1, _counter.Writes - writesBefore);
        Assert.False((await State().PlanAsync(_client)).HasChanges);
    }

    [Fact]
    public async Task A_new_traffic_split_is_saved_and_deployed()
    {
        await ApplyAsync(State());
        await _client.GetProject(_dss.DemoProjectKey).GetApiService("churn").CreatePackageAsync("v2");
        await _client.GetProject(_dss.DemoProjectKey).GetApiService("churn").PublishPackageAsync("v2");

        var plan = await ApplyAsync(State(traffic: "traffic: [ { version: v1, share: 0.9 }, { version: v2, share: 0.1 } ]"));

        Assert.Equal(["update deployment churn-dev", "deploy deployment churn-dev"],
            plan.Changes.Where(change => change.Action != ChangeAction.None).Select(change => change.ToString()));
        var deployment = _client.GetApiDeployer().GetDeployment("churn-dev");
        Assert.Equal("""{"mode":"MULTI_GENERATION","strategy":"RANDOM","entries":[{"generation":"v1","proba":0.9},{"generation":"v2","proba":0.1}]}""",
            (await deployment.GetSettingsAsync()).GetRaw()["generationsMapping"]!.ToJsonString());
        Assert.Equal(DeploymentHealth.Healthy, (await deployment.GetHeavyStatusAsync()).Health);
    }

    [Fact]
    public async Task Secrets_are_written_again_only_when_asked()
    {
        await ApplyAsync(State());
        _nodeKey = "second-node-key";

        Assert.False((await State().PlanAsync(_client)).HasChanges);

        var reset = await State().PlanAsync(_client, new PlanOptions { ResetSecrets = true });
        var change = Assert.Single(reset.Changes, change => change.Action != ChangeAction.None);
        Assert.Equal([new FieldChange("apiNodes[0].adminAPIKey", "(secret)", "\"${NODE_KEY}\"")], change.Fields);
        Assert.DoesNotContain("second-node-key", reset.ToJson().ToJsonString());

        var writesBefore = _counter.Writes;
        await reset.ApplyAsync();
        Assert.Equal(1, _counter.Writes - writesBefore);
    }

    [Fact]
    public async Task A_literal_secret_is_never_drift_and_never_printed()
    {
        const string literalKey = "literal-node-key";

        var first = await ApplyAsync(State(nodeKey: literalKey));

        var infra = first.Changes.Single(change => change.Kind == ObjectKind.Infrastructure);
        Assert.Equal(["apiNodes[0].adminAPIKey: a secret is written in the file; secrets belong in ${NAME} references to environment variables"], infra.Warnings);
        Assert.Contains(new FieldChange("apiNodes", null, $$"""[{"url":"{{_dss.Url}}","adminAPIKey":"(secret)"}]"""), infra.Fields);
        Assert.DoesNotContain(literalKey, first.ToJson().ToJsonString());

        var writesBefore = _counter.Writes;
        var second = await ApplyAsync(State(nodeKey: literalKey));

        Assert.False(second.HasChanges);
        Assert.Equal(0, _counter.Writes - writesBefore);
        var again = second.Changes.Single(change => change.Kind == ObjectKind.Infrastructure);
        Assert.Equal(["apiNodes[0].adminAPIKey"], again.SecretsLeftAlone);
        Assert.Single(again.Warnings);
        Assert.DoesNotContain(literalKey, second.ToJson().ToJsonString());
    }

    [Fact]
    public async Task A_node_url_from_the_environment_is_compared_and_its_drift_corrected()
    {
        _nodeUrl = _dss.Url;
        await ApplyAsync(State(nodeUrl: "${" + NodeUrlVariable + "}"));
        Assert.False((await State(nodeUrl: "${" + NodeUrlVariable + "}").PlanAsync(_client)).HasChanges);
        var settings = await _client.GetApiDeployer().GetInfra("dev").GetSettingsAsync();
        settings.GetRaw()["apiNodes"]![0]!["url"] = "http://127.0.0.1:9";
        await settings.SaveAsync();

        var plan = await State(nodeUrl: "${" + NodeUrlVariable + "}").PlanAsync(_client);

        var change = Assert.Single(plan.Changes, change => change.Action != ChangeAction.None && change.Kind == ObjectKind.Infrastructure);
        Assert.Equal([new FieldChange("apiNodes[0].url", "\"http://127.0.0.1:9\"", $"\"{_dss.Url}\"")], change.Fields);
        Assert.Empty(change.Warnings);
        var writesBefore = _counter.Writes;
        await plan.ApplyAsync();
        Assert.True(_counter.Writes - writesBefore >= 1);
        Assert.Equal(_dss.Url, (await _client.GetApiDeployer().GetInfra("dev").GetSettingsAsync()).GetRaw()["apiNodes"]![0]!["url"]!.GetValue<string>());
        Assert.False((await State(nodeUrl: "${" + NodeUrlVariable + "}").PlanAsync(_client)).HasChanges);
    }

    [Fact]
    public async Task Objects_not_in_the_file_are_reported_and_deleted_only_with_prune()
    {
        await ApplyAsync(State());
        await _client.GetApiDeployer().CreateInfraAsync("stray", "Development", InfraType.Static);

        var plan = await State().PlanAsync(_client);
        Assert.Contains(new UnmanagedObject(ObjectKind.Infrastructure, "stray", WillBeDeleted: false), plan.NotInFile);
        Assert.False(plan.HasChanges);

        var pruned = await ApplyAsync(State(), new PlanOptions { Prune = true });
        Assert.Contains("delete infrastructure stray", pruned.Changes.Select(change => change.ToString()));
        Assert.DoesNotContain((await _client.GetApiDeployer().ListInfrasAsync()), infra => infra.InfraBasicInfo.Id == "stray");
    }

    [Fact]
    public async Task A_failed_step_names_the_object_and_a_new_apply_converges()
    {
        // The model does not exist: building the package fails.
        var failure = await Assert.ThrowsAsync<DesiredStateApplyException>(() => ApplyAsync(State(modelRef: "no_such_model")));
        Assert.Equal("create package churn/v1", failure.Change.ToString());
        Assert.StartsWith("Could not create package churn/v1: ", failure.Message);

        await ApplyAsync(State());

        Assert.False((await State().PlanAsync(_client)).HasChanges);
    }
}
