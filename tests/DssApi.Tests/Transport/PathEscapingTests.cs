using DssApi.Tests.Infrastructure;

namespace DssApi.Tests.Transport;

public class PathEscapingTests
{
    public static TheoryData<string> HostileIds => new()
    {
        "a/../b", "../../admin", "..", ".", "...", "x y", "é", "日本", "%2F", "100%", "a?b=c", "a#b", "a+b", "tab\there", "new\nline", "a\\b", "semi;colon", "~user", "emoji😀",
    };

    [Theory]
    [MemberData(nameof(HostileIds))]
    public async Task Each_id_reaches_the_server_as_exactly_one_segment(string id)
    {
        await using var server = await LoopbackServer.StartAsync(204);
        using var client = Clients.For(server);

        await client.Pipeline.SendAsync(
            new DssRequest(HttpMethod.Get, "/projects/{projectKey}/apiservices/{serviceId}/settings", id, "svc"), default);

        var segments = Assert.Single(server.Requests).RawSegments;
        Assert.Equal(["dip", "publicapi", "projects", segments[3], "apiservices", "svc", "settings"], segments);
        Assert.Equal(id, Uri.UnescapeDataString(segments[3]));
    }

    [Fact]
    public void An_empty_id_is_refused_before_sending()
    {
        var error = Assert.Throws<ArgumentException>(() => new DssRequest(HttpMethod.Get, "/projects/{projectKey}", ""));
        Assert.Contains("'projectKey' must not be empty", error.Message);
        Assert.Throws<ArgumentNullException>(() => new DssRequest(HttpMethod.Get, "/projects/{projectKey}", (string)null!));
    }

    [Fact]
    public void Values_must_match_the_template()
    {
        Assert.Contains("needs a value for 'serviceId'",
            Assert.Throws<ArgumentException>(() => new DssRequest(HttpMethod.Get, "/projects/{projectKey}/apiservices/{serviceId}", "P")).Message);
        Assert.Contains("1 parameter(s) but 2 value(s)",
            Assert.Throws<ArgumentException>(() => new DssRequest(HttpMethod.Get, "/projects/{projectKey}", "P", "extra")).Message);
    }

    [Fact]
    public async Task A_base_url_with_a_path_and_trailing_slash_is_kept_without_doubling_slashes()
    {
        await using var server = await LoopbackServer.StartAsync(204);
        using var client = new DssClient(new DssClientOptions { Url = new Uri(server.Url, "/behind/proxy/"), ApiKey = "k" });

        await client.Pipeline.SendAsync(new DssRequest(HttpMethod.Get, "/futures/"), default);

        Assert.Equal("/behind/proxy/dip/publicapi/futures/", Assert.Single(server.Requests).RawPath);
    }
}
