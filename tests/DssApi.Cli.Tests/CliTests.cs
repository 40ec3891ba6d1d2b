namespace DssApi.Cli.Tests;

public sealed class CliTests : EmulatorTest
{
    [Fact]
    public async Task Plan_apply_plan_on_a_fresh_DSS_exits_2_then_0_then_0()
    {
        var file = DesiredFile();

        var plan = await RunAsync("plan", file);
        Assert.Equal((DssCli.ChangesPending, ""), (plan.ExitCode, plan.Error));
        Assert.Contains("+ create infrastructure dev", plan.Out);
        Assert.Contains("Plan: 4 to create, 1 to publish, 1 to deploy.", plan.Out);
        Assert.DoesNotContain("node-key-value", plan.Out);

        var apply = await RunAsync("apply", file);
        Assert.Equal(DssCli.Success, apply.ExitCode);
        Assert.Contains("deploy deployment churn-dev: health HEALTHY", apply.Error);

        var again = await RunAsync("plan", file, "--output", "json");
        Assert.Equal(DssCli.Success, again.ExitCode);
        Assert.Contains("\"hasChanges\": false", again.Out);
        Assert.Contains("\"secretsLeftAlone\": [\n        \"apiNodes[0].adminAPIKey\"", again.Out.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task A_literal_secret_is_warned_about_without_being_printed()
    {
        const string literalKey = "literal-node-key";
        Assert.Equal(DssCli.Success, (await RunAsync("apply", DesiredFile(nodeKey: literalKey))).ExitCode);

        var plan = await RunAsync("plan", DesiredFile(nodeKey: literalKey));

        Assert.Equal(DssCli.Success, plan.ExitCode);
        Assert.Contains("      warning: apiNodes[0].adminAPIKey: a secret is written in the file", plan.Out);
        Assert.DoesNotContain(literalKey, plan.Out + plan.Error);
    }

    [Fact]
    public async Task A_drifted_setting_is_shown_and_corrected()
    {
        Assert.Equal(DssCli.Success, (await RunAsync("apply", DesiredFile())).ExitCode);

        var drifted = await RunAsync("plan", DesiredFile(modelRef: "churn_regressor"));

        Assert.Equal(DssCli.ChangesPending, drifted.ExitCode);
        Assert.Contains("~ update API service churn\n      endpoints[id=churn].modelRef: \"churn_classifier\" -> \"churn_regressor\"", drifted.Out.ReplaceLineEndings("\n"));
        Assert.Equal(DssCli.Success, (await RunAsync("apply", DesiredFile(modelRef: "churn_regressor"))).ExitCode);
        Assert.Equal(DssCli.Success, (await RunAsync("plan", DesiredFile(modelRef: "churn_regressor"))).ExitCode);
    }

    [Fact]
    public async Task A_rollout_of_a_healthy_version_ends_on_it()
    {
        Assert.Equal(DssCli.Success, (await RunAsync("apply", DesiredFile())).ExitCode);
        Assert.Equal(DssCli.Success, (await RunAsync("apply", DesiredFile(package: "v2"))).ExitCode);

        var rollout = await RunAsync("rollout", "churn-dev", "--to", "v2", "--bake", "0", "--test-queries", "--endpoint", "churn", "--output", "json");

        Assert.True(rollout.ExitCode == DssCli.Success, rollout.Error);
        Assert.Equal("{\n  \"deployment\": \"churn-dev\",\n  \"traffic\": [\n    {\n      \"version\": \"v2\",\n      \"share\": 1\n    }\n  ]\n}",
            rollout.Out.ReplaceLineEndings("\n").Trim());
        Assert.Contains("10 %: traffic: v1 90 %, v2 10 %", rollout.Error);
    }

    [Fact]
    public async Task A_rollout_of_an_unhealthy_version_rolls_back_and_exits_1()
    {
        Assert.Equal(DssCli.Success, (await RunAsync("apply", DesiredFile())).ExitCode);
        Assert.Equal(DssCli.Success, (await RunAsync("apply", DesiredFile(package: "v2", extraEndpoint: "- { id: score, type: PY_FUNCTION, code: 'x' }"))).ExitCode);

        var rollout = await RunAsync("rollout", "churn-dev", "--to", "v2", "--bake", "0");

        Assert.Equal(DssCli.Failure, rollout.ExitCode);
        Assert.Contains("error: Rollout of deployment churn-dev stopped at 10 %: the health gate failed (WARNING: ", rollout.Error);
        Assert.Contains("The traffic went back to v1 100 %.", rollout.Error);
        Assert.Equal(DssCli.Success, (await RunAsync("plan", DesiredFile(package: "v2", extraEndpoint: "- { id: score, type: PY_FUNCTION, code: 'x' }"))).ExitCode);
    }

    [Theory]
    [InlineData("deployments:\n  - { id: d, service: s, infra: i, version: v1, colour: red }\n", "(2,49): error: deployments[0]: unknown field 'colour'")]
    [InlineData("deployments:\n  - { id: d, service: s, infra: i, version: v1, enabled: 3 }\n", "(2,58): error: deployments[0].enabled: expected true or false, found a number (3)")]
    [InlineData("infrastructures:\n  - { id: i, stage: s, type: STATIC, settings: { key: \"${UNSET_KEY}\" } }\n", "(2,55): error: infrastructures[0].settings.key: environment variable UNSET_KEY is not set")]
    public async Task A_bad_file_exits_1_with_a_located_error(string text, string expected)
    {
        var file = WriteFile("bad.yaml", text);

        var result = await RunAsync("plan", file);

        Assert.Equal(DssCli.Failure, result.ExitCode);
        Assert.Contains(expected, result.Error);
    }

    [Fact]
    public async Task In_GitHub_Actions_errors_are_annotations()
    {
        var file = WriteFile("bad.yaml", "deployments:\n  - { id: d, service: s, infra: i }\n");

        var result = await RunAsync(name => name == "GITHUB_ACTIONS" ? "true" : Environment(name), "apply", file);

        Assert.Equal(DssCli.Failure, result.ExitCode);
        Assert.Equal($"::error file={file},line=2,col=5::deployments[0]: missing field 'version' (or 'traffic')", result.Error.Trim());
    }

    [Fact]
    public async Task The_tool_as_a_process_plans_with_exit_code_2_and_fails_with_1()
    {
        var file = DesiredFile();

        var plan = await RunProcessAsync("plan", file);
        Assert.True(plan.ExitCode == DssCli.ChangesPending, plan.Error);
        var bad = await RunProcessAsync("plan", WriteFile("bad.json", "{ \"apiServices\": 3 }"));
        Assert.Equal(DssCli.Failure, bad.ExitCode);
        Assert.Contains("bad.json(1,18): error: apiServices: expected a list, found a number (3)", bad.Error);
    }
}
