using DssApi.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace DssApi.Tests.Transport;

/// <summary>An SSO proxy or an http→https move answers with a redirect: the client must say so,
/// never follow it, and never read the page it leads to as success.</summary>
public class RedirectTests
{
    private static Task RedirectTo(HttpContext context, int status, string location)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.Location = location;
        return Task.CompletedTask;
    }

    public static TheoryData<int> RedirectStatuses => [301, 302, 303, 307, 308];

    private static DssRequest SaveSettings() =>
        new DssRequest(HttpMethod.Put, "/projects/{projectKey}/apiservices/{serviceId}/settings", "P", "svc")
            .WithJsonBody(System.Text.Json.Nodes.JsonNode.Parse("""{"infra":"admin-key-of-node"}"""));

    [Theory]
    [MemberData(nameof(RedirectStatuses))]
    public async Task A_redirect_on_the_same_host_is_an_error_naming_the_status_and_the_host(int status)
    {
        await using var server = await LoopbackServer.StartAsync((request, context) =>
            request.RawPath == "/login" ? LoopbackServer.Respond(context, 200, "text/html", "<html>Sign in</html>") : RedirectTo(context, status, "/login"));
        using var client = Clients.For(server);

        var error = await Assert.ThrowsAsync<DssRedirectException>(() => client.Pipeline.SendAsync(SaveSettings(), default));

        Assert.Equal(status, error.StatusCode);
        Assert.Equal(server.Url.GetLeftPart(UriPartial.Authority), error.LocationOrigin);
        Assert.Contains($"PUT /dip/publicapi/projects/P/apiservices/svc/settings was answered HTTP {status}, a redirect to {error.LocationOrigin}", error.Message);
        Assert.Contains("login page", error.Message);
        Assert.Single(server.Requests);
    }

    [Theory]
    [MemberData(nameof(RedirectStatuses))]
    public async Task A_redirect_to_another_host_sends_nothing_there(int status)
    {
        await using var elsewhere = await LoopbackServer.StartAsync(200, "application/json", "{}");
        await using var server = await LoopbackServer.StartAsync((_, context) => RedirectTo(context, status, new Uri(elsewhere.Url, "/steal?ticket=t0k3n").ToString()));
        using var client = Clients.For(server, options => options.ExtraHeaders["X-Tenant-Token"] = "tenant-secret");

        var error = await Assert.ThrowsAsync<DssRedirectException>(() => client.Pipeline.SendAsync(SaveSettings(), default));

        Assert.Equal(elsewhere.Url.GetLeftPart(UriPartial.Authority), error.LocationOrigin);
        Assert.DoesNotContain("t0k3n", error.Message);
        Assert.Empty(elsewhere.Requests);
    }

    [Fact]
    public async Task A_redirect_from_https_to_http_is_an_error_and_nothing_goes_over_http()
    {
        await using var plain = await LoopbackServer.StartAsync(200, "application/json", "[]");
        using var certificate = TlsTests.SelfSigned("CN=dss-behind-proxy");
        await using var secure = await LoopbackServer.StartAsync((_, context) => RedirectTo(context, 302, new Uri(plain.Url, "/dip/publicapi/api-deployer/stages").ToString()),
            certificate);
        using var client = Clients.For(secure, options => options.DangerousAcceptAnyServerCertificate = true);

        var error = await Assert.ThrowsAsync<DssRedirectException>(() =>
            client.Pipeline.SendForJsonAsync(new DssRequest(HttpMethod.Get, "/api-deployer/stages"), default));

        Assert.StartsWith("https://", secure.Url.ToString());
        Assert.Equal(plain.Url.GetLeftPart(UriPartial.Authority), error.LocationOrigin);
        Assert.Empty(plain.Requests);
    }

    [Theory]
    [InlineData(304, null, "", "was answered HTTP 304 Not Modified, which DSS never sends", "proxy")]
    [InlineData(200, "text/html; charset=utf-8", "<html>Sign in to continue</html>", "was answered HTTP 200 with text/html where DSS answers JSON", "login page")]
    public async Task A_read_answered_by_something_other_than_dss_says_so_instead_of_no_content(int status, string? contentType, string body,
        string what, string likelyCause)
    {
        await using var server = await LoopbackServer.StartAsync(status, contentType, body);
        using var client = Clients.For(server);

        var error = await Assert.ThrowsAsync<DssProtocolException>(() =>
            client.Pipeline.SendForJsonAsync(new DssRequest(HttpMethod.Get, "/api-deployer/stages"), default));

        Assert.Contains("GET /dip/publicapi/api-deployer/stages " + what, error.Message);
        Assert.Contains(likelyCause, error.Message);
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("POST")]
    [InlineData("DELETE")]
    public async Task A_void_write_answered_with_an_html_page_is_not_a_success(string method)
    {
        await using var server = await LoopbackServer.StartAsync(200, "text/html", "<html>Sign in</html>");
        using var client = Clients.For(server, options => options.Retry.MaxRetries = 0);

        var error = await Assert.ThrowsAsync<DssProtocolException>(() =>
            client.Pipeline.SendAsync(new DssRequest(new HttpMethod(method), "/projects/{projectKey}/apiservices/{serviceId}", "P", "svc"), default));

        Assert.Contains("with text/html where DSS answers JSON", error.Message);
    }

    [Fact]
    public async Task A_void_write_answered_with_nothing_or_json_succeeds()
    {
        var answers = new Queue<(string?, string)>([(null, ""), ("application/json", """{"msg":"Created package v1"}"""), ("text/html", "")]);
        await using var server = await LoopbackServer.StartAsync((_, context) =>
        {
            var (contentType, body) = answers.Dequeue();
            return LoopbackServer.Respond(context, 200, contentType, body);
        });
        using var client = Clients.For(server);

        for (var i = 0; i < 3; i++)
        {
            await client.Pipeline.SendAsync(new DssRequest(HttpMethod.Put, "/x"), default);
        }

        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task A_download_answered_with_an_html_page_is_a_protocol_error()
    {
        await using var server = await LoopbackServer.StartAsync(200, "text/html", "<html>Sign in</html>");
        using var client = Clients.For(server);

        var error = await Assert.ThrowsAsync<DssProtocolException>(() =>
            client.Pipeline.SendForStreamAsync(new DssRequest(HttpMethod.Get, "/archive"), default));

        Assert.Contains("with text/html where DSS answers data", error.Message);
    }
}
