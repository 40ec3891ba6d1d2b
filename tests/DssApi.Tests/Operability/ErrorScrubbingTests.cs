using System.Text.Json;
using System.Text.Json.Nodes;
using DssApi.Tests.Infrastructure;

namespace DssApi.Tests.Operability;

/// <summary>A server or proxy that echoes the request's headers in its error body must not put the
/// client's secrets into exceptions; a huge error body must not become a huge exception.</summary>
public class ErrorScrubbingTests
{
    private const string TenantSecret = "tenant-header-secret";

    /// <summary>Answers every request with an error that quotes its Authorization and X-Tenant headers.</summary>
    private static Task<LoopbackServer> Echoing(bool asJson) => LoopbackServer.StartAsync((request, context) =>
    {
        var echoed = $"Authorization: {request.Headers["Authorization"]}; X-Tenant: {request.Headers["X-Tenant"]}";
        var credential = request.Headers["Authorization"].Split(' ')[1];
        return asJson
            ? LoopbackServer.RespondJson(context, JsonSerializer.Serialize(new
            {
                errorType = "com.dataiku.dip.exceptions.UnauthorizedException " + credential,
                message = "Rejected " + echoed,
                detailedMessage = "Rejected " + echoed + ", key " + Clients.ApiKey,
                headers = new[] { echoed },
            }), 401)
            : LoopbackServer.Respond(context, 403, "text/plain", "Forbidden. " + echoed + " key=" + Clients.ApiKey);
    });

    private static void AssertHoldsNoSecret(DssApiException error, params string[] secrets)
    {
        var everything = string.Join('\n', error.ToString(), error.ServerMessage, error.DetailedMessage, error.ErrorType,
            error.ErrorJson is null ? "" : string.Join('\n', Strings(error.ErrorJson)));
        Assert.Contains("***", everything);
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, everything));
    }

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject obj => obj.SelectMany(member => Strings(member.Value)),
        JsonArray array => array.SelectMany(Strings),
        JsonValue value when value.TryGetValue(out string? text) => [text],
        _ => [],
    };

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task The_key_its_basic_form_and_extra_header_values_are_scrubbed_from_an_echoing_error(bool asJson)
    {
        await using var server = await Echoing(asJson);
        using var client = Clients.For(server, options => options.ExtraHeaders["X-Tenant"] = TenantSecret);

        var error = await Assert.ThrowsAsync<DssApiException>(() => client.Pipeline.SendAsync(new DssRequest(HttpMethod.Get, "/api-deployer/infras"), default));

        var credential = Assert.Single(server.Requests).Headers["Authorization"]["Basic ".Length..];
        Assert.Contains("Authorization: Basic ***; X-Tenant: ***", asJson ? error.DetailedMessage : error.Message);
        AssertHoldsNoSecret(error, Clients.ApiKey, credential, TenantSecret);
    }

    [Fact]
    public async Task A_bearer_token_of_an_api_node_client_is_scrubbed_too()
    {
        await using var server = await Echoing(asJson: true);
        using var client = new DssApiNodeClient(new DssApiNodeClientOptions
        {
            Url = server.Url,
            ServiceId = "svc",
            BearerToken = "bearer-token-value",
            ExtraHeaders = { ["X-Tenant"] = TenantSecret },
        });

        var error = await Assert.ThrowsAsync<DssApiException>(() => client.Pipeline.SendAsync(new DssRequest(HttpMethod.Post, "/predict"), default));

        Assert.Contains("Authorization: Bearer ***; X-Tenant: ***", error.DetailedMessage);
        AssertHoldsNoSecret(error, "bearer-token-value", TenantSecret);
    }

    [Fact]
    public async Task An_internal_ticket_is_scrubbed_too()
    {
        const string Ticket = "internal-ticket-value";
        await using var server = await LoopbackServer.StartAsync((request, context) => LoopbackServer.RespondJson(context,
            JsonSerializer.Serialize(new { message = "Unknown API ticket " + request.Headers["X-DKU-APITicket"] }), 401));
        using var client = Clients.For(server, options =>
        {
            options.ApiKey = null;
            options.InternalTicket = Ticket;
        });

        var error = await Assert.ThrowsAsync<DssApiException>(() => client.Pipeline.SendAsync(new DssRequest(HttpMethod.Get, "/api-deployer/infras"), default));

        Assert.Equal(Ticket, (string?)Assert.Single(server.Requests).Headers["X-DKU-APITicket"]);
        Assert.Contains("Unknown API ticket ***", error.Message);
        AssertHoldsNoSecret(error, Ticket);
    }

    [Fact]
    public async Task A_huge_error_message_is_cut_to_a_bounded_length()
    {
        var huge = new string('x', 10_000_000);
        await using var server = await LoopbackServer.StartAsync(500, "application/json",
            JsonSerializer.Serialize(new { errorType = "java.lang.OutOfMemoryError", message = huge, detailedMessage = huge }));
        using var client = Clients.For(server, options => options.Retry.MaxRetries = 0);

        var error = await Assert.ThrowsAsync<DssApiException>(() => client.Pipeline.SendAsync(new DssRequest(HttpMethod.Get, "/x"), default));

        Assert.StartsWith("java.lang.OutOfMemoryError: xxxx", error.Message);
        Assert.InRange(error.Message.Length, 1000, 5000);
        Assert.InRange(error.ServerMessage!.Length, 1000, 5000);
        Assert.InRange(((string?)error.ErrorJson!["message"])!.Length, 1000, 5000);
        Assert.EndsWith("characters cut)", error.DetailedMessage);
    }
}
