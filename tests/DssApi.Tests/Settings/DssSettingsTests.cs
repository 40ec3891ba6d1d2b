using System.Text.Json.Nodes;
using DssApi.Tests.Infrastructure;

namespace DssApi.Tests.Settings;

public class DssSettingsTests
{
    private const string ServiceSettingsJson = """
        {"id":"churn","projectKey":"CHURN","authMethod":"API_KEYS","publicAccess":false,
         "endpoints":[{"id":"score","type":"STD_PREDICTION","modelRef":"sm1","useJava":true,"futureField":{"x":[1,2.50,"é"]}}],
         "customFields":{"owner":"data-team"},"versionTag":{"versionNumber":3,"lastModifiedOn":1700000000000}}
        """;

    /// <summary>A settings type as the generator writes them: typed members over the raw JSON.</summary>
    private sealed class ServiceSettings(DssClient client, JsonObject raw, ReadOnlyMemory<byte> utf8) : DssSettings(client, raw, utf8)
    {
        public string? AuthMethod
        {
            get => (string?)GetRaw()["authMethod"];
            set => GetRaw()["authMethod"] = value;
        }

        public Task SaveAsync(CancellationToken cancellationToken = default) =>
            SaveCoreAsync(new DssRequest(HttpMethod.Put, "/projects/{projectKey}/apiservices/{serviceId}/settings", "CHURN", "churn"), cancellationToken);
    }

    private static async Task<(LoopbackServer Server, DssClient Client, ServiceSettings Settings)> LoadAsync()
    {
        var server = await LoopbackServer.StartAsync((request, context) =>
            request.Method == "GET" ? LoopbackServer.RespondJson(context, ServiceSettingsJson) : LoopbackServer.Respond(context, 200, null, ""));
        var client = Clients.For(server);
        var response = await client.Pipeline.SendForJsonAsync(
            new DssRequest(HttpMethod.Get, "/projects/{projectKey}/apiservices/{serviceId}/settings", "CHURN", "churn"), default);
        return (server, client, new ServiceSettings(client, response.RequireObject(), response.Utf8));
    }

    [Fact]
    public async Task Unedited_settings_have_no_changes_and_save_every_field_back()
    {
        var (server, client, settings) = await LoadAsync();
        await using var _ = server;
        using var __ = client;

        Assert.False(settings.HasChanges);
        await settings.SaveAsync();

        var saved = server.Requests.Last();
        Assert.Equal("PUT", saved.Method);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(ServiceSettingsJson), JsonNode.Parse(saved.Body)));
    }

    [Fact]
    public async Task A_typed_edit_is_a_change_saved_at_its_wire_name_with_unknown_fields_intact()
    {
        var (server, client, settings) = await LoadAsync();
        await using var _ = server;
        using var __ = client;

        settings.AuthMethod = "PUBLIC";
        Assert.True(settings.HasChanges);
        await settings.SaveAsync();

        Assert.False(settings.HasChanges);
        var saved = JsonNode.Parse(server.Requests.Last().Body)!;
        var expected = JsonNode.Parse(ServiceSettingsJson)!;
        expected["authMethod"] = "PUBLIC";
        Assert.True(JsonNode.DeepEquals(expected, saved), saved.ToJsonString());
    }

    [Fact]
    public async Task A_raw_edit_is_a_change_and_reverting_it_is_not()
    {
        var (server, client, settings) = await LoadAsync();
        await using var _ = server;
        using var __ = client;

        var endpoint = settings.GetRaw()["endpoints"]![0]!.AsObject();
        endpoint["futureField"]!["x"]!.AsArray().Add(3);
        Assert.True(settings.HasChanges);

        endpoint["futureField"]!["x"]!.AsArray().RemoveAt(3);
        Assert.False(settings.HasChanges);
    }

    [Fact]
    public async Task GetRaw_is_the_very_object_not_a_copy()
    {
        var (server, client, settings) = await LoadAsync();
        await using var _ = server;
        using var __ = client;

        Assert.Same(settings.GetRaw(), settings.GetRaw());
        settings.GetRaw()["authMethod"] = "OAUTH2";
        Assert.Equal("OAUTH2", settings.AuthMethod);
    }

    [Fact]
    public async Task A_rejected_save_keeps_the_changes_pending()
    {
        await using var server = await LoopbackServer.StartAsync(400, "application/json",
            """{"errorType":"java.lang.IllegalArgumentException","message":"Invalid auth method"}""");
        using var client = Clients.For(server);
        var settings = new ServiceSettings(client, JsonNode.Parse(ServiceSettingsJson)!.AsObject(), System.Text.Encoding.UTF8.GetBytes(ServiceSettingsJson));

        settings.AuthMethod = "NOPE";
        await Assert.ThrowsAsync<DssApiException>(() => settings.SaveAsync());

        Assert.True(settings.HasChanges);
    }
}
