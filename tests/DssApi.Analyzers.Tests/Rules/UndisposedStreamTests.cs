using Verifier = DssApi.Analyzers.Tests.Support.AnalyzerVerifier<DssApi.Generator.Analyzers.UndisposedStreamAnalyzer>;

namespace DssApi.Analyzers.Tests.Rules;

public sealed class UndisposedStreamTests
{
    [Fact]
    public Task Stream_in_a_plain_local_fires() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service, Stream file)
        {
            var archive = await [|service.DownloadPackageStreamAsync("v1")|];
            await archive.CopyToAsync(file);
        }
        """);

    [Fact]
    public Task Dropped_stream_fires() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service)
        {
            await [|service.DownloadPackageStreamAsync("v1")|];
        }
        """);

    [Fact]
    public Task Version_stream_fires() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployerService published)
        {
            var version = await [|published.GetVersionStreamAsync("v1")|].ConfigureAwait(false);
            Console.WriteLine(version.Length);
        }
        """);

    [Fact]
    public Task Stream_assigned_later_fires() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service, bool big)
        {
            Stream archive;
            archive = await [|service.DownloadPackageStreamAsync("v1")|];
            Console.WriteLine(archive.CanRead);
        }
        """);

    [Fact]
    public Task Lambdas_and_local_functions_are_analyzed() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service)
        {
            async Task<long> Local()
            {
                var archive = await [|service.DownloadPackageStreamAsync("v1")|];
                return archive.Length;
            }

            Func<Task> lambda = async () => await [|service.DownloadPackageStreamAsync("v2")|];
            await Local();
            await lambda();
        }
        """);

    [Fact]
    public Task Using_declarations_are_silent() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service, Stream file)
        {
            await using var archive = await service.DownloadPackageStreamAsync("v1");
            using (var other = await service.DownloadPackageStreamAsync("v2"))
            {
                await other.CopyToAsync(file);
            }

            await archive.CopyToAsync(file);
        }
        """);

    [Fact]
    public Task Disposed_streams_are_silent() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service, Stream file)
        {
            var archive = await service.DownloadPackageStreamAsync("v1");
            try
            {
                await archive.CopyToAsync(file);
            }
            finally
            {
                await archive.DisposeAsync();
            }
        }
        """);

    [Fact]
    public Task Returned_streams_are_silent() => Verifier.VerifyAsync("""
        Task<Stream> Direct(DssApiService service) => service.DownloadPackageStreamAsync("v1");

        async Task<Stream> Through(DssApiService service)
        {
            var archive = await service.DownloadPackageStreamAsync("v1");
            return archive;
        }
        """);

    [Fact]
    public Task Streams_handed_to_an_owner_are_silent() => Verifier.VerifyAsync("""
        async Task<string> Run(DssApiService service)
        {
            using var reader = new StreamReader(await service.DownloadPackageStreamAsync("v1"));
            var archive = await service.DownloadPackageStreamAsync("v2");
            using var second = new StreamReader(archive);
            return await reader.ReadToEndAsync() + await second.ReadToEndAsync();
        }
        """);

    [Fact]
    public Task Streams_captured_by_a_lambda_are_silent() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service)
        {
            var archive = await service.DownloadPackageStreamAsync("v1");
            Action close = () => archive.Dispose();
            close();
        }
        """);

    [Fact]
    public Task Incomplete_code_does_not_crash() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service)
        {
            var archive = await service.DownloadPackageStreamAsync(
        }
        """, compiles: false);

    [Fact]
    public Task Closed_streams_are_silent() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service, Stream file)
        {
            var archive = await service.DownloadPackageStreamAsync("v1");
            try
            {
                await archive.CopyToAsync(file);
            }
            finally
            {
                archive.Close();
            }
        }
        """);

    [Fact]
    public Task Streams_obtained_by_a_blocking_wait_fire() => Verifier.VerifyAsync("""
        void Awaiter(DssApiService service, Stream file)
        {
            var archive = [|service.DownloadPackageStreamAsync("v1")|].GetAwaiter().GetResult();
            archive.CopyTo(file);
        }

        void Result(DssApiService service, Stream file)
        {
            var archive = [|service.DownloadPackageStreamAsync("v1")|].Result;
            archive.CopyTo(file);
        }

        void Dropped(DssApiService service)
        {
            _ = [|service.DownloadPackageStreamAsync("v1")|].ConfigureAwait(false).GetAwaiter().GetResult();
        }
        """);

    [Fact]
    public Task Streams_obtained_by_a_blocking_wait_and_disposed_are_silent() => Verifier.VerifyAsync("""
        void Awaiter(DssApiService service, Stream file)
        {
            using var archive = service.DownloadPackageStreamAsync("v1").GetAwaiter().GetResult();
            archive.CopyTo(file);
        }

        void Result(DssApiService service, Stream file)
        {
            var archive = service.DownloadPackageStreamAsync("v1").Result;
            archive.CopyTo(file);
            archive.Dispose();
        }
        """);

    [Fact]
    public Task Streams_only_logged_fire() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service)
        {
            var archive = await [|service.DownloadPackageStreamAsync("v1")|];
            Console.WriteLine($"Downloaded {archive.Length} bytes from {archive}");
        }
        """);
}
