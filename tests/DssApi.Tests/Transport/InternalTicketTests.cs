using DssApi.Tests.Infrastructure;

namespace DssApi.Tests.Transport;

public class InternalTicketTests
{
    private const string Ticket = "tkt-0b5e-internal";

    [Fact]
    public async Task Sends_the_ticket_in_its_own_header_and_no_authorization()
    {
        await using var server = await LoopbackServer.StartAsync(204);
        using var client = Clients.For(server, options =>
        {
            options.ApiKey = null;
            options.InternalTicket = Ticket;
        });

        await client.Pipeline.SendAsync(new DssRequest(HttpMethod.Get, "/api-deployer/stages"), default);

        var request = Assert.Single(server.Requests);
        Assert.Equal(Ticket, request.Headers["X-DKU-APITicket"]);
        Assert.False(request.Headers.ContainsKey("Authorization"));
    }

    [Fact]
    public async Task The_key_wins_over_the_ticket_as_in_dss_clients()
    {
        await using var server = await LoopbackServer.StartAsync(204);
        using var client = Clients.For(server, options => options.InternalTicket = Ticket);

        await client.Pipeline.SendAsync(new DssRequest(HttpMethod.Get, "/api-deployer/stages"), default);

        var request = Assert.Single(server.Requests);
        Assert.StartsWith("Basic ", request.Headers["Authorization"], StringComparison.Ordinal);
        Assert.False(request.Headers.ContainsKey("X-DKU-APITicket"));
    }

    [Fact]
    public void A_client_without_key_or_ticket_is_refused_naming_both()
    {
        var error = Assert.Throws<ArgumentException>(() => new DssClient(new DssClientOptions { Url = new Uri("http://127.0.0.1:1") }));

        Assert.Contains("DssClientOptions.ApiKey", error.Message, StringComparison.Ordinal);
        Assert.Contains("DssClientOptions.InternalTicket", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_ticket_never_shows_in_logs_errors_or_to_string()
    {
        await using var server = await LoopbackServer.StartAsync(401, "application/json",
            """{"errorType":"com.dataiku.dip.exceptions.NotAuthenticatedException","message":"Unknown API ticket"}""");
        var logs = new CapturingLoggerProvider();
        var options = new DssClientOptions { Url = server.Url, InternalTicket = Ticket, LoggerFactory = logs };
        using var client = new DssClient(options);

        var error = await Assert.ThrowsAsync<DssApiException>(() => client.Pipeline.SendAsync(new DssRequest(HttpMethod.Get, "/api-deployer/stages"), default));

        Assert.Equal(Ticket, Assert.Single(server.Requests).Headers["X-DKU-APITicket"]);
        var everything = string.Join('\n', logs.AllText, error.ToString(), client.ToString(), options.InternalTicket!.ToString());
        Assert.DoesNotContain(Ticket, everything, StringComparison.Ordinal);
    }

    [Fact]
    public void Inside_dss_the_environment_gives_the_backend_url_and_the_ticket()
    {
        var options = DssClientOptions.FromEnvironment(Variables(("DKU_BACKEND_PORT", "11200"), ("DKU_API_TICKET", Ticket)));

        Assert.Equal(new Uri("http://127.0.0.1:11200"), options.Url);
        Assert.Null(options.ApiKey);
        Assert.NotNull(options.InternalTicket);
    }

    [Fact]
    public void Inside_a_container_dss_runs_the_backend_host_comes_from_the_environment_too()
    {
        var options = DssClientOptions.FromEnvironment(Variables(("DKU_BACKEND_PORT", "11200"), ("DKU_BACKEND_EXT_HOST", "dss.internal"), ("DKU_API_TICKET", Ticket)));

        Assert.Equal(new Uri("http://dss.internal:11200"), options.Url);
    }

    [Fact]
    public void Outside_dss_the_url_and_key_variables_are_read_and_win()
    {
        var options = DssClientOptions.FromEnvironment(Variables(
            ("DSS_URL", "https://dss.example.com:11200"), ("DSS_API_KEY", "key-1"), ("DKU_BACKEND_PORT", "1"), ("DKU_API_TICKET", Ticket)));

        Assert.Equal(new Uri("https://dss.example.com:11200"), options.Url);
        Assert.NotNull(options.ApiKey);
        Assert.Null(options.InternalTicket);
    }

    [Fact]
    public void An_empty_environment_is_refused_naming_the_variables_to_set()
    {
        var error = Assert.Throws<InvalidOperationException>(() => DssClientOptions.FromEnvironment(Variables()));

        foreach (var variable in new[] { "DSS_URL", "DKU_BACKEND_PORT", "DSS_API_KEY", "DKU_API_TICKET" })
        {
            Assert.Contains(variable, error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("DSS_URL", "not a url", "DSS_URL is not an absolute URL")]
    [InlineData("DKU_BACKEND_PORT", "eleven", "DKU_BACKEND_PORT and DKU_BACKEND_EXT_HOST do not make a URL")]
    [InlineData("DKU_BACKEND_PORT", "70000", "DKU_BACKEND_PORT and DKU_BACKEND_EXT_HOST do not make a URL")]
    public void A_malformed_location_is_refused_naming_the_variable(string variable, string value, string expected)
    {
        var error = Assert.Throws<InvalidOperationException>(() => DssClientOptions.FromEnvironment(Variables((variable, value), ("DKU_API_TICKET", Ticket))));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Ticket, error.Message, StringComparison.Ordinal);
    }

    private static Func<string, string?> Variables(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;
}
