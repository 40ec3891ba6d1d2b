using System.Text.Json.Nodes;
using DssApi.Emulator;

namespace DssApi.Integration.Tests;

/// <summary>Settings whose JSON holds a value of the wrong kind, as a DSS of another version or a
/// hand edit may leave them: the typed property says so, GetRaw() still shows everything.</summary>
public class WrongKindTests
{
    [Fact]
    public async Task A_typed_property_over_a_value_of_the_wrong_kind_names_its_path_and_the_raw_json_keeps_it()
    {
        await using var dss = await DssEmulator.StartAsync(new DssEmulatorOptions());
        using var client = new DssClient(new DssClientOptions { Url = new Uri(dss.Url), ApiKey = dss.AdminApiKey });
        var service = await client.GetProject(dss.DemoProjectKey).CreateApiServiceAsync("kinds");
        var edited = await service.GetSettingsAsync();
        edited.GetRaw()["tags"] = new JsonObject { ["team"] = "ml" };
        edited.GetRaw()["shortDesc"] = 42;
        await edited.SaveAsync();

        var settings = await service.GetSettingsAsync();

        Assert.StartsWith("The JSON at $.tags holds an object where a list was expected",
            Assert.Throws<DssProtocolException>(() => settings.Tags.Count).Message);
        Assert.StartsWith("The JSON at $.shortDesc holds a number where a string was expected",
            Assert.Throws<DssProtocolException>(() => settings.ShortDescription).Message);
        Assert.Equal("ml", (string?)settings.GetRaw()["tags"]!["team"]);
        Assert.Equal(42, (int?)settings.GetRaw()["shortDesc"]);
        Assert.Equal("kinds", settings.Id);
    }

    [Fact]
    public void A_nested_record_of_the_wrong_kind_names_its_path_instead_of_reading_as_missing()
    {
        var status = DeploymentLightStatus.FromJson(new JsonObject { ["deploymentBasicInfo"] = "d1" });

        Assert.StartsWith("The JSON at $.deploymentBasicInfo holds a string where an object was expected",
            Assert.Throws<DssProtocolException>(() => status.DeploymentBasicInfo).Message);
        Assert.Equal("d1", (string?)status.GetRaw()["deploymentBasicInfo"]);
    }
}
