using System.Text;
using DssApi.Tests.Infrastructure;
using DssApi.Transport;

namespace DssApi.Tests.Transport;

/// <summary>SendForUtf8Async, the bytes-only path of the typed clients: the body comes back unparsed, through the
/// same retries, checks, size cap and scrubbing as the JSON path.</summary>
public class Utf8BodyTests
{
    private static readonly DssRequest Stages = new(HttpMethod.Get, "/api-deployer/stages");

    [Fact]
    public async Task The_body_comes_back_as_sent_without_being_parsed()
    {
        const string NotYetJson = """{ "result": {"prediction": 1}, "cut""";
        await using var server = await LoopbackServer.StartAsync(200, "application/json", NotYetJson);
        using var client = Clients.For(server);

        var body = await client.Pipeline.SendForUtf8Async(Stages, default);

        Assert.Equal(NotYetJson, Encoding.UTF8.GetString(body.Span));
    }

    [Fact]
    public async Task An_empty_answer_gives_no_bytes()
    {
        await using var server = await LoopbackServer.StartAsync(200);
        using var client = Clients.For(server);

        Assert.True((await client.Pipeline.SendForUtf8Async(Stages, default)).IsEmpty);
    }

    [Fact]
    public async Task A_read_is_retried_after_a_503()
    {
        var answered = 0;
        await using var server = await LoopbackServer.StartAsync((_, context) => Interlocked.Increment(ref answered) == 1
            ? LoopbackServer.RespondJson(context, """{"errorType":"x","message":"busy"}""", 503)
            : LoopbackServer.RespondJson(context, "[]"));
        using var client = Clients.For(server, options => options.Retry.BaseDelay = TimeSpan.FromMilliseconds(1));

        var body = await client.Pipeline.SendForUtf8Async(Stages, default);

        Assert.Equal("[]", Encoding.UTF8.GetString(body.Span));
        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task An_error_is_a_DssApiException_with_the_server_message_and_no_key()
    {
        await using var server = await LoopbackServer.StartAsync(400, "application/json",
            $$"""{"errorType":"java.lang.IllegalArgumentException","message":"Bad key {{Clients.ApiKey}}"}""");
        using var client = Clients.For(server);

        var error = await Assert.ThrowsAsync<DssApiException>(() => client.Pipeline.SendForUtf8Async(Stages, default));

        Assert.Equal(400, error.StatusCode);
        Assert.Equal("Bad key ***", error.ServerMessage);
        Assert.DoesNotContain(Clients.ApiKey, error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_where_JSON_is_expected_is_a_protocol_error()
    {
        await using var server = await LoopbackServer.StartAsync(200, "text/html", "<html>login</html>");
        using var client = Clients.For(server);

        var error = await Assert.ThrowsAsync<DssProtocolException>(() => client.Pipeline.SendForUtf8Async(Stages, default));

        Assert.Contains("with text/html where DSS answers JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_the_cap_is_not_read()
    {
        await using var server = await LoopbackServer.StartAsync(200, "application/json", "[" + new string(' ', 2048) + "]");
        using var client = Clients.For(server, options => options.MaxResponseBytes = 1024);

        var error = await Assert.ThrowsAsync<DssProtocolException>(() => client.Pipeline.SendForUtf8Async(Stages, default));

        Assert.StartsWith("GET /dip/publicapi/api-deployer/stages answered a body larger than the 1024 bytes", error.Message, StringComparison.Ordinal);
    }
}
