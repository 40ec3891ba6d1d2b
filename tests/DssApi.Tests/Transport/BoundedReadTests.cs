using System.IO.Compression;
using DssApi.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace DssApi.Tests.Transport;

/// <summary>Bodies are read within MaxResponseBytes, counted after decompression; streamed
/// downloads end when the server stops sending.</summary>
public class BoundedReadTests
{
    private const int Cap = 1024 * 1024;

    /// <summary>64 MiB of zeros, gzip-compressed to a few tens of kilobytes.</summary>
    private static readonly Lazy<byte[]> GzipBomb = new(() =>
    {
        var compressed = new MemoryStream();
        using (var gzip = new GZipStream(compressed, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 64; i++)
            {
                gzip.Write(zeros);
            }
        }

        return compressed.ToArray();
    });

    private static Task<LoopbackServer> Bomb(int status) => LoopbackServer.StartAsync(async (_, context) =>
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers.ContentEncoding = "gzip";
        await context.Response.Body.WriteAsync(GzipBomb.Value);
    });

    private static DssClient Capped(LoopbackServer server) => Clients.For(server, options =>
    {
        options.MaxResponseBytes = Cap;
        options.Retry.BaseDelay = TimeSpan.FromMilliseconds(1);
    });

    [Theory]
    [InlineData(200)]
    [InlineData(503)]
    public async Task A_gzip_bomb_ends_in_one_clear_error_and_is_not_retried(int status)
    {
        Assert.True(GzipBomb.Value.Length < Cap);
        await using var server = await Bomb(status);
        using var client = Capped(server);

        var error = await Assert.ThrowsAsync<DssProtocolException>(() =>
            client.Pipeline.SendForJsonAsync(new DssRequest(HttpMethod.Get, "/api-deployer/stages"), default));

        Assert.Equal($"GET /dip/publicapi/api-deployer/stages answered a body larger than the {Cap} bytes the client reads (sent more, counted after " +
            "decompression); it was not read further. If DSS really sends that much, raise MaxResponseBytes.", error.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_body_declared_larger_than_the_cap_is_refused_before_it_is_read()
    {
        var json = "[" + new string(' ', Cap) + "]";
        await using var server = await LoopbackServer.StartAsync((_, context) =>
        {
            context.Response.ContentLength = json.Length;
            return LoopbackServer.RespondJson(context, json);
        });
        using var client = Capped(server);

        var error = await Assert.ThrowsAsync<DssProtocolException>(() =>
            client.Pipeline.SendForJsonAsync(new DssRequest(HttpMethod.Get, "/api-deployer/stages"), default));

        Assert.Contains($"larger than the {Cap} bytes the client reads (declared {Cap + 2} bytes", error.Message);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task A_body_at_the_cap_is_read()
    {
        var json = "[" + new string(' ', Cap - 2) + "]";
        await using var server = await LoopbackServer.StartAsync(async (_, context) =>
        {
            // No Content-Length: the body is read in growing chunks.
            context.Response.ContentType = "application/json";
            await context.Response.Body.FlushAsync();
            await context.Response.WriteAsync(json);
        });
        using var client = Capped(server);

        var response = await client.Pipeline.SendForJsonAsync(new DssRequest(HttpMethod.Get, "/api-deployer/stages"), default);

        Assert.Empty(response.RequireArray());
        Assert.Equal(Cap, response.Utf8.Length);
    }

    /// <summary>Sends the headers and ten bytes of a thousand, then nothing until the client leaves,
    /// or drops the connection after 30 s, so that a client without an idle timeout fails the tests
    /// instead of hanging them.</summary>
    private static Task<LoopbackServer> Stalling() => LoopbackServer.StartAsync(async (_, context) =>
    {
        context.Response.ContentType = "application/zip";
        context.Response.ContentLength = 1000;
        await context.Response.Body.WriteAsync(new byte[10]);
        await context.Response.Body.FlushAsync();
        await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted).ContinueWith(_ => { });
        context.Abort();
    });

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_download_that_stops_sending_ends_with_a_timeout(bool readAsync)
    {
        await using var server = await Stalling();
        using var client = Clients.For(server, options => options.DownloadIdleTimeout = TimeSpan.FromMilliseconds(300));
        await using var stream = await client.Pipeline.SendForStreamAsync(new DssRequest(HttpMethod.Get, "/archive"), default);
        var buffer = new byte[100];

        Assert.Equal(10, readAsync ? await stream.ReadAsync(buffer) : stream.Read(buffer));
        var error = readAsync
            ? await Assert.ThrowsAsync<DssTimeoutException>(async () => await stream.ReadExactlyAsync(buffer))
            : Assert.Throws<DssTimeoutException>(() => stream.ReadExactly(buffer));

        Assert.Equal("GET /dip/publicapi/archive sent no data for 0.3 s while downloading (DownloadIdleTimeout).", error.Message);
    }

    [Fact]
    public async Task A_download_to_a_file_that_stops_sending_leaves_no_file()
    {
        await using var server = await Stalling();
        using var client = Clients.For(server, options => options.DownloadIdleTimeout = TimeSpan.FromMilliseconds(300));
        var folder = Directory.CreateTempSubdirectory();
        var target = Path.Combine(folder.FullName, "package.zip");

        await Assert.ThrowsAsync<DssTimeoutException>(() => client.Pipeline.DownloadToFileAsync(new DssRequest(HttpMethod.Get, "/archive"), target, default));

        Assert.Empty(folder.EnumerateFiles());
        folder.Delete();
    }
}
