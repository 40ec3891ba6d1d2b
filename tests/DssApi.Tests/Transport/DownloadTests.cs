using DssApi.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;

namespace DssApi.Tests.Transport;

public class DownloadTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("dssapi-download-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    /// <summary>Answers <paramref name="length"/> bytes of a repeating pattern, generated as it is sent.</summary>
    private static Func<RecordedRequest, HttpContext, Task> Generate(long length, bool failHalfway = false) => async (_, context) =>
    {
        context.Response.ContentType = "application/zip";
        context.Response.ContentLength = length;
        var chunk = new byte[64 * 1024];
        for (var i = 0; i < chunk.Length; i++)
        {
            chunk[i] = (byte)(i % 251);
        }

        for (long sent = 0; sent < length; sent += chunk.Length)
        {
            if (failHalfway && sent >= length / 2)
            {
                context.Abort();
                return;
            }

            await context.Response.Body.WriteAsync(chunk.AsMemory(0, (int)Math.Min(chunk.Length, length - sent)), context.RequestAborted);
        }
    };

    [Fact]
    public async Task A_large_stream_is_read_from_the_connection_with_flat_memory()
    {
        const long payload = 400L * 1024 * 1024;
        await using var server = await LoopbackServer.StartAsync(Generate(payload));
        using var client = Clients.For(server);

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        long peak = 0, total = 0;
        await using (var stream = await client.Pipeline.SendForStreamAsync(
            new DssRequest(HttpMethod.Get, "/api-deployer/services/{serviceId}/versions/{version}", "svc", "v1"), default))
        {
            var buffer = new byte[81920];
            int read;
            while ((read = await stream.ReadAsync(buffer)) > 0)
            {
                total += read;
                if (total % (16 * 1024 * 1024) < read)
                {
                    peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false) - baseline);
                }
            }
        }

        Assert.Equal(payload, total);
        // A buffered body would hold the 400 MB payload; a streamed one holds a few buffers.
        Assert.True(peak < 32 * 1024 * 1024, $"managed heap grew by {peak / 1024 / 1024} MB while streaming {payload / 1024 / 1024} MB");
    }

    [Fact]
    public async Task Download_to_file_writes_the_whole_body()
    {
        await using var server = await LoopbackServer.StartAsync(Generate(3 * 1024 * 1024 + 17));
        using var client = Clients.For(server);
        var target = Path.Combine(_folder, "v1.zip");

        await client.Pipeline.DownloadToFileAsync(new DssRequest(HttpMethod.Get, "/archive"), target, default);

        Assert.Equal(3 * 1024 * 1024 + 17, new FileInfo(target).Length);
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task A_download_that_fails_midway_leaves_no_file_and_keeps_the_previous_one()
    {
        await using var server = await LoopbackServer.StartAsync(Generate(8 * 1024 * 1024, failHalfway: true));
        using var client = Clients.For(server);
        var target = Path.Combine(_folder, "v1.zip");
        await File.WriteAllTextAsync(target, "previous");

        await Assert.ThrowsAsync<DssConnectionException>(() =>
            client.Pipeline.DownloadToFileAsync(new DssRequest(HttpMethod.Get, "/archive"), target, default));

        Assert.Equal("previous", await File.ReadAllTextAsync(target));
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task A_cancelled_download_leaves_nothing_behind()
    {
        await using var server = await LoopbackServer.StartAsync(async (recorded, context) =>
        {
            context.Response.ContentLength = 1024 * 1024;
            await context.Response.Body.WriteAsync(new byte[1024], context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        });
        using var client = Clients.For(server);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            client.Pipeline.DownloadToFileAsync(new DssRequest(HttpMethod.Get, "/archive"), Path.Combine(_folder, "v1.zip"), cancellation.Token));

        Assert.Empty(Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task An_error_status_on_a_download_is_a_dss_error_and_writes_nothing()
    {
        await using var server = await LoopbackServer.StartAsync(404, "application/json",
            """{"errorType":"com.dataiku.dip.server.controllers.NotFoundException","message":"Package does not exist: v9"}""");
        using var client = Clients.For(server);

        var error = await Assert.ThrowsAsync<DssApiException>(() =>
            client.Pipeline.DownloadToFileAsync(new DssRequest(HttpMethod.Get, "/archive"), Path.Combine(_folder, "v9.zip"), default));

        Assert.Contains("Package does not exist: v9", error.Message);
        Assert.Empty(Directory.GetFiles(_folder));
    }
}
