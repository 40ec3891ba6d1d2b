using System.Text.Json.Nodes;
using DssApi.Tests.Infrastructure;

namespace DssApi.Tests.Transport;

public class EncodingTests
{
    [Fact]
    public async Task Query_omits_nulls_keeps_empty_strings_and_writes_lowercase_booleans()
    {
        await using var server = await LoopbackServer.StartAsync(204);
        using var client = Clients.For(server);

        var request = new DssRequest(HttpMethod.Get, "/api-deployer/deployments/{deploymentId}/governance-status", "d1")
            .AddQuery("version", "")
            .AddQuery("missing", (string?)null)
            .AddQuery("ignoreWarnings", true)
            .AddQuery("peek", false)
            .AddQuery("skipped", (bool?)null)
            .AddQuery("limit", 42L)
            .AddQuery("notes", "a&b=c d/é");
        await client.Pipeline.SendAsync(request, default);

        Assert.Equal("?version=&ignoreWarnings=true&peek=false&limit=42&notes=a%26b%3Dc%20d%2F%C3%A9", Assert.Single(server.Requests).QueryString);
    }

    [Fact]
    public async Task Json_query_parameters_carry_compact_json()
    {
        await using var server = await LoopbackServer.StartAsync(204);
        using var client = Clients.For(server);

        await client.Pipeline.SendAsync(new DssRequest(HttpMethod.Post, "/x")
            .AddJsonQuery("queries", new JsonArray(new JsonObject { ["q"] = new JsonObject { ["a"] = 1 } })), default);

        var query = Assert.Single(server.Requests).QueryString;
        Assert.Equal("""?queries=[{"q":{"a":1}}]""", Uri.UnescapeDataString(query));
    }

    [Fact]
    public async Task Json_bodies_are_sent_with_the_json_content_type()
    {
        await using var server = await LoopbackServer.StartAsync(200, "application/json", """{"id":"d1"}""");
        using var client = Clients.For(server);

        var body = new JsonObject { ["deploymentId"] = "d1", ["endpointId"] = null, ["version"] = "v1" };
        var response = await client.Pipeline.SendForJsonAsync(new DssRequest(HttpMethod.Post, "/api-deployer/deployments").WithJsonBody(body), default);

        var request = Assert.Single(server.Requests);
        Assert.Equal("application/json", request.ContentType);
        Assert.Equal("""{"deploymentId":"d1","endpointId":null,"version":"v1"}""", request.BodyText);
        Assert.Equal("d1", (string?)response.RequireObject()["id"]);
    }

    [Fact]
    public async Task A_post_without_body_sends_no_content()
    {
        await using var server = await LoopbackServer.StartAsync(200);
        using var client = Clients.For(server);

        await client.Pipeline.SendAsync(new DssRequest(HttpMethod.Post, "/projects/{projectKey}/apiservices/{serviceId}", "P", "s"), default);

        var request = Assert.Single(server.Requests);
        Assert.Empty(request.Body);
        Assert.Equal("0", request.Headers["Content-Length"]);
    }

    [Fact]
    public async Task Uploads_are_multipart_with_one_part_named_file_and_leave_the_stream_open()
    {
        string? partName = null, fileName = null, partContent = null;
        await using var server = await LoopbackServer.StartAsync(async (_, context) =>
        {
            var form = await context.Request.ReadFormAsync();
            var file = Assert.Single(form.Files);
            (partName, fileName) = (file.Name, file.FileName);
            using var reader = new StreamReader(file.OpenReadStream());
            partContent = await reader.ReadToEndAsync();
        });
        using var client = Clients.For(server);
        using var package = new MemoryStream("zip-bytes"u8.ToArray());

        await client.Pipeline.SendAsync(new DssRequest(HttpMethod.Post, "/api-deployer/services/{serviceId}/versions", "svc")
            .WithFile(package, "v1.zip"), default);

        Assert.StartsWith("multipart/form-data", Assert.Single(server.Requests).ContentType);
        Assert.Equal(("file", "v1.zip", "zip-bytes"), (partName, fileName, partContent));
        Assert.True(package.CanRead);
    }

    [Theory]
    [InlineData(204, "")]
    [InlineData(200, "")]
    public async Task Empty_responses_give_no_json(int status, string body)
    {
        await using var server = await LoopbackServer.StartAsync(status, null, body);
        using var client = Clients.For(server);

        var response = await client.Pipeline.SendForJsonAsync(new DssRequest(HttpMethod.Get, "/x"), default);

        Assert.Null(response.Node);
        Assert.Contains("answered no content where a JSON object was expected", Assert.Throws<DssProtocolException>(() => response.RequireObject()).Message);
    }

    [Fact]
    public async Task Text_responses_are_read_as_text()
    {
        await using var server = await LoopbackServer.StartAsync(200, "text/plain", """{"openapi":"3.0.1"}""");
        using var client = Clients.For(server);

        var text = await client.Pipeline.SendForTextAsync(new DssRequest(HttpMethod.Get, "/api-deployer/deployments/{id}/get-open-api", "d"), default);

        Assert.Equal("""{"openapi":"3.0.1"}""", text);
    }

    [Fact]
    public async Task A_success_body_that_is_not_json_is_a_protocol_error_naming_the_route()
    {
        await using var server = await LoopbackServer.StartAsync(200, null, "<html>login</html>");
        using var client = Clients.For(server);

        var error = await Assert.ThrowsAsync<DssProtocolException>(() =>
            client.Pipeline.SendForJsonAsync(new DssRequest(HttpMethod.Get, "/api-deployer/stages"), default));

        Assert.Contains("GET /dip/publicapi/api-deployer/stages answered a body that is not valid JSON", error.Message);
    }
}
