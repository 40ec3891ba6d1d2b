using System.Text.Json.Nodes;

namespace DssApi.Cli.Tests;

/// <summary>Where the tool finds DSS: <c>--url</c>, then <c>DSS_URL</c>/<c>DSS_API_KEY</c>, then a profile of the config file.</summary>
public sealed class ConnectionTests : EmulatorTest
{
    private const string Unreachable = "http://127.0.0.1:9";
    private const string ProfileKeyVariable = "PROFILE_KEY";

    private string ConfigFile(string folder, string url, string keyField = $"\"apiKeyVariable\": \"{ProfileKeyVariable}\"", string profile = "default")
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, folder == Folder ? "dssapi.json" : "config.json");
        File.WriteAllText(path, $$"""
            {
              // profiles by name; "default" unless --profile or DSSAPI_PROFILE
              "profiles": {
                "{{profile}}": { "url": "{{url}}", {{keyField}} }
              }
            }
            """);
        return path;
    }

    private Func<string, string?> Variables(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(variable => variable.Name == name).Value;

    private async Task<(int ExitCode, string Out, string Error)> ListAsync(Func<string, string?> environment, params string[] options) =>
        await RunAsync(environment, ["services", "list", "--output", "json", .. options]);

    [Fact]
    public async Task A_profile_of_dssapi_json_in_the_working_directory_connects_with_the_key_from_the_variable_it_names()
    {
        ConfigFile(Folder, Dss.Url);

        var list = await ListAsync(Variables((ProfileKeyVariable, Dss.AdminApiKey)));

        Assert.True(list.ExitCode == DssCli.Success, list.Error);
        Assert.Equal("[]", JsonNode.Parse(list.Out)!.ToJsonString());
    }

    [Fact]
    public async Task The_option_beats_the_environment_which_beats_the_config_file()
    {
        ConfigFile(Folder, Unreachable, $"\"apiKey\": \"wrong-key\"");

        var environmentBeatsFile = await ListAsync(Variables(("DSS_URL", Dss.Url), ("DSS_API_KEY", Dss.AdminApiKey)));
        var optionBeatsEnvironment = await ListAsync(Variables(("DSS_URL", Unreachable), ("DSS_API_KEY", Dss.AdminApiKey)), "--url", Dss.Url);
        var fileFillsWhatTheEnvironmentLacks = await ListAsync(Variables(("DSS_URL", Dss.Url)));

        Assert.True(environmentBeatsFile.ExitCode == DssCli.Success, environmentBeatsFile.Error);
        Assert.True(optionBeatsEnvironment.ExitCode == DssCli.Success, optionBeatsEnvironment.Error);
        // The URL came from the environment, the (wrong) key from the file: DSS refuses it.
        Assert.Equal(DssCli.Failure, fileFillsWhatTheEnvironmentLacks.ExitCode);
        Assert.Contains("NotAuthenticatedException", fileFillsWhatTheEnvironmentLacks.Error);
    }

    [Fact]
    public async Task The_config_option_beats_DSSAPI_CONFIG_which_beats_the_working_directory_which_beats_the_users_config()
    {
        var home = Path.Combine(Folder, "home");
        ConfigFile(Path.Combine(home, ".config", "dssapi"), Dss.Url);
        var fromHome = await ListAsync(Variables(("HOME", home), (ProfileKeyVariable, Dss.AdminApiKey)));
        ConfigFile(Folder, Unreachable);
        var fromWorkingDirectory = await ListAsync(Variables(("HOME", home), (ProfileKeyVariable, Dss.AdminApiKey)));
        var named = ConfigFile(Path.Combine(Folder, "named"), Dss.Url);
        var fromVariable = await ListAsync(Variables(("HOME", home), ("DSSAPI_CONFIG", named), (ProfileKeyVariable, Dss.AdminApiKey)));
        var fromOption = await ListAsync(Variables(("DSSAPI_CONFIG", Path.Combine(Folder, "dssapi.json")), (ProfileKeyVariable, Dss.AdminApiKey)), "--config", named);

        Assert.True(fromHome.ExitCode == DssCli.Success, fromHome.Error);
        Assert.Equal(DssCli.Failure, fromWorkingDirectory.ExitCode);
        Assert.Contains("127.0.0.1:9", fromWorkingDirectory.Error);
        Assert.True(fromVariable.ExitCode == DssCli.Success, fromVariable.Error);
        Assert.True(fromOption.ExitCode == DssCli.Success, fromOption.Error);
    }

    [Fact]
    public async Task The_profile_option_chooses_a_profile_and_an_unknown_one_is_named_with_those_that_exist()
    {
        var file = ConfigFile(Folder, Dss.Url, profile: "emulator");

        var chosen = await ListAsync(Variables((ProfileKeyVariable, Dss.AdminApiKey)), "--profile", "emulator");
        var byVariable = await ListAsync(Variables((ProfileKeyVariable, Dss.AdminApiKey), ("DSSAPI_PROFILE", "emulator")));
        var unknown = await ListAsync(Variables((ProfileKeyVariable, Dss.AdminApiKey)));

        Assert.True(chosen.ExitCode == DssCli.Success, chosen.Error);
        Assert.True(byVariable.ExitCode == DssCli.Success, byVariable.Error);
        Assert.Equal((DssCli.Failure, $"error: {file}: no profile 'default' (profiles: emulator)"), (unknown.ExitCode, unknown.Error.Trim()));
    }

    [Fact]
    public async Task Without_a_connection_the_error_names_what_is_missing_and_where_it_looked()
    {
        var result = await ListAsync(Variables());

        Assert.Equal(DssCli.Failure, result.ExitCode);
        var looked = $"looked at no config file ({Path.Combine(Folder, "dssapi.json")})";
        Assert.Equal($"error: no DSS URL: give --url, set DSS_URL, or set \"url\" in a profile ({looked}); " +
            $"no API key: set DSS_API_KEY, or set \"apiKeyVariable\" (or \"apiKey\") in a profile ({looked})", result.Error.Trim());
    }

    [Fact]
    public async Task The_tool_as_a_process_reads_dssapi_json_in_its_working_directory_and_names_the_files_it_looked_at_when_there_is_none()
    {
        var home = Path.Combine(Folder, "home");
        var environment = new Dictionary<string, string?>
        {
            ["DSS_URL"] = null, ["DSS_API_KEY"] = null, ["DSSAPI_CONFIG"] = null, ["DSSAPI_PROFILE"] = null, ["XDG_CONFIG_HOME"] = null,
            ["HOME"] = home, [ProfileKeyVariable] = Dss.AdminApiKey,
        };

        var without = await RunProcessAsync(environment, "services", "list");
        ConfigFile(Folder, Dss.Url);
        var with = await RunProcessAsync(environment, "services", "list");

        Assert.Equal(DssCli.Failure, without.ExitCode);
        Assert.Contains($"(looked at no config file ({Path.Combine(Folder, "dssapi.json")}, {Path.Combine(home, ".config", "dssapi", "config.json")}))", without.Error);
        Assert.True(with.ExitCode == DssCli.Success, with.Error);
        Assert.Equal("SERVICE  NAME  VERSIONS  DEPLOYMENTS", with.Out.Trim());
    }

    [Fact]
    public async Task A_named_config_file_that_does_not_exist_is_an_error_even_when_a_default_one_exists()
    {
        ConfigFile(Folder, Dss.Url);
        var missing = Path.Combine(Folder, "missing.json");

        var result = await ListAsync(Variables((ProfileKeyVariable, Dss.AdminApiKey)), "--config", missing);

        Assert.Equal((DssCli.Failure, $"error: Config file {missing} does not exist"), (result.ExitCode, result.Error.Trim()));
    }

    [Theory]
    [InlineData("{ \"profiles\": { \"default\": { \"url\": 3 } } }", "profiles.default.url: expected a string")]
    [InlineData("{ \"profiles\": { \"default\": { \"apiKeyVariable\": \"UNSET_KEY\" } } }", "profiles.default.apiKeyVariable: environment variable UNSET_KEY is not set")]
    [InlineData("{ \"profiles\": [] }", "expected an object with \"profiles\", an object of named profiles")]
    [InlineData("{\n  \"profiles\": {,\n}", "(2,16): not valid JSON")]
    public async Task A_bad_config_file_is_an_error_naming_the_file_and_the_field(string text, string expected)
    {
        var file = WriteFile("dssapi.json", text);

        var result = await ListAsync(Variables());

        Assert.Equal(DssCli.Failure, result.ExitCode);
        Assert.Equal($"error: {file}{(expected.StartsWith('(') ? "" : ": ")}{expected}", result.Error.Trim());
    }

    [Fact]
    public async Task The_api_key_never_appears_in_output_errors_or_help()
    {
        const string Key = "very-secret-api-key-value";
        ConfigFile(Folder, Dss.Url, $"\"apiKey\": \"{Key}\"");
        var environment = Variables(("DSS_API_KEY", Key));

        var results = new[]
        {
            await RunAsync(environment, "services", "list"),                          // refused: the key is wrong
            await RunAsync(environment, "status", "--output", "json"),
            await RunAsync(environment, "--url", "not a url", "status"),
            await RunAsync(Variables(), "--url", Dss.Url, "status"),                  // the key from the file, refused
            await RunAsync(environment, "--help"),
            await RunAsync(environment, "deploy", "--help"),
        };

        Assert.All(results, result => Assert.DoesNotContain(Key, result.Out + result.Error));
        Assert.Contains("NotAuthenticatedException", results[0].Error);
        Assert.Equal("error: Invalid DSS URL 'not a url': give an absolute http or https URL", results[2].Error.Trim());
    }
}
