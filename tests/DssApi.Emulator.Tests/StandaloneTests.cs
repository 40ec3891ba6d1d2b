using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;

namespace DssApi.Emulator.Tests;

/// <summary>The emulator as its own process: startup banner, options, and state that survives a kill.</summary>
public sealed class StandaloneTests
{
    [Fact]
    public async Task StateWrittenBeforeAKillIsThereAfterARestart()
    {
        using var temporary = new TemporaryDirectory();
        var dataDirectory = temporary.Path;
        await using (var first = await EmulatorProcess.StartAsync("--data-dir", dataDirectory, "--api-key", "persisted-key"))
        {
            using var client = TestDss.NewClient(first.Url, "persisted-key");
            await AssertOkAsync(client.PostAsync($"{TestDss.PublicApi}projects/{first.DemoProject}/apiservices/kept", null));
            await AssertOkAsync(client.PostAsync($"{TestDss.PublicApi}api-deployer/infras",
                new StringContent("""{"id":"infra","stage":"Test","type":"STATIC"}""")));
            first.Kill();
        }

        await using var second = await EmulatorProcess.StartAsync("--data-dir", dataDirectory, "--api-key", "persisted-key");
        using var reader = TestDss.NewClient(second.Url, "persisted-key");
        var services = JsonNode.Parse(await reader.GetStringAsync($"{TestDss.PublicApi}projects/{second.DemoProject}/apiservices"))!;
        var infra = JsonNode.Parse(await reader.GetStringAsync($"{TestDss.PublicApi}api-deployer/infras/infra/settings"))!;

        Assert.Equal("kept", services[0]!["id"]!.GetValue<string>());
        Assert.Empty(infra["apiNodes"]!.AsArray());
        Assert.False(File.Exists(Path.Combine(dataDirectory, "state.json.tmp")));
    }

    [Fact]
    public async Task UpdateCutShortByAKillIsRecordedAsFailedAtTheNextStart()
    {
        using var temporary = new TemporaryDirectory();
        var dataDirectory = temporary.Path;
        string[] options = ["--data-dir", dataDirectory, "--api-key", "k", "--update-step-ms", "60000"];
        await using (var first = await EmulatorProcess.StartAsync(options))
        {
            await using var dss = TestDss.Connect(first.Url, "k", first.DemoProject);
            await dss.PrepareDeploymentAsync("svc", [TestDss.Endpoint("churn", "STD_PREDICTION", "churn_classifier")]);
            await dss.SendOkAsync(HttpMethod.Post, "api-deployer/deployments/dep-svc/actions/update");
            first.Kill();
        }

        await using var second = await EmulatorProcess.StartAsync(options);
        await using var restarted = TestDss.Connect(second.Url, "k", second.DemoProject);
        var update = await restarted.GetJsonAsync("api-deployer/deployments/dep-svc/last-update");
        var status = await restarted.GetJsonAsync("api-deployer/deployments/dep-svc/status");

        Assert.Equal("FAILED", update["status"]!.GetValue<string>());
        Assert.Contains("stopped while this update was running", update["logs"]!["lines"]!.ToJsonString());
        Assert.Equal("ERROR", status["health"]!.GetValue<string>());
    }

    [Fact]
    public async Task DisposingTheEmulatorAbortsARunningUpdate()
    {
        using var temporary = new TemporaryDirectory();
        var dataDirectory = temporary.Path;
        DssEmulatorOptions Options() => new() { DataDirectory = dataDirectory, AdminApiKey = "k", UpdateStepDuration = TimeSpan.FromMinutes(1) };
        await using (var first = await TestDss.StartAsync(Options()))
        {
            await first.PrepareDeploymentAsync("svc", [TestDss.Endpoint("churn", "STD_PREDICTION", "churn_classifier")]);
            await first.SendOkAsync(HttpMethod.Post, "api-deployer/deployments/dep-svc/actions/update");
        }

        await using var second = await TestDss.StartAsync(Options());
        var update = await second.GetJsonAsync("api-deployer/deployments/dep-svc/last-update");

        Assert.Equal("FAILED", update["status"]!.GetValue<string>());
        Assert.Contains("The update was aborted", update["logs"]!["lines"]!.ToJsonString());
    }

    [Fact]
    public async Task UnreadableStateOrBusyPortFailsTheStartWithAClearError()
    {
        using var temporary = new TemporaryDirectory();
        var dataDirectory = temporary.Path;
        await File.WriteAllTextAsync(Path.Combine(dataDirectory, "state.json"), "{ not json");
        await using var running = await DssEmulator.StartAsync();

        var corrupt = await Assert.ThrowsAsync<InvalidDataException>(() => DssEmulator.StartAsync(new DssEmulatorOptions { DataDirectory = dataDirectory }));
        await Assert.ThrowsAsync<IOException>(() => DssEmulator.StartAsync(new DssEmulatorOptions { Url = running.Url }));

        Assert.Contains("state.json", corrupt.Message);
    }

    [Fact]
    public async Task BannerNamesTheUrlKeyProjectAndModels()
    {
        await using var emulator = await EmulatorProcess.StartAsync("--api-key", "banner-key", "--seed", "7", "--latency", "0");

        Assert.Matches(@"^DSS emulator listening on http://127\.0\.0\.1:\d+$", emulator.Banner[0]);
        Assert.Equal("Admin API key: banner-key", emulator.Banner[1]);
        Assert.Equal("Demo project: DKU_EMULATOR_DEMO", emulator.Banner[2]);
        Assert.Equal("Demo saved models: churn_classifier, house_price_regressor, customer_segments, daily_sales_forecaster, promo_uplift",
            emulator.Banner[3]);
    }

    [Fact]
    public async Task InvalidOptionExitsWithUsage()
    {
        using var process = Process.Start(EmulatorProcess.StartInfo("--fault-rate", "2"))!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("Invalid --fault-rate '2'", error);
        Assert.Contains("Usage:", error);
    }

    [Fact]
    public async Task FaultRateInjects503sAndDroppedConnectionsReproducibly()
    {
        async Task<string[]> OutcomesAsync()
        {
            await using var dss = await TestDss.StartAsync(new DssEmulatorOptions { FaultRate = 0.5, Seed = 3 });
            var outcomes = new List<string>();
            for (var i = 0; i < 30; i++)
            {
                try
                {
                    using var response = await dss.SendAsync(HttpMethod.Get, "api-deployer/stages");
                    if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                    {
                        await TestDss.AssertErrorAsync(response, HttpStatusCode.ServiceUnavailable,
                            ErrorTypes.ServiceUnavailable, "fault injected");
                    }

                    outcomes.Add(((int)response.StatusCode).ToString());
                }
                catch (HttpRequestException)
                {
                    outcomes.Add("dropped");
                }
            }

            return [.. outcomes];
        }

        var first = await OutcomesAsync();

        Assert.Equal(["200", "503", "dropped"], first.Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(first, await OutcomesAsync());
    }

    [Fact]
    public async Task LatencyDelaysEveryResponse()
    {
        await using var dss = await TestDss.StartAsync(new DssEmulatorOptions { Latency = TimeSpan.FromMilliseconds(150) });

        var watch = Stopwatch.StartNew();
        using var response = await dss.SendAsync(HttpMethod.Get, "api-deployer/stages");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.ElapsedMilliseconds >= 150, $"answered after {watch.ElapsedMilliseconds} ms");
    }

    private static async Task AssertOkAsync(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>A fresh folder, deleted with its content on dispose.</summary>
    private sealed class TemporaryDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("dss-emulator-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }

    /// <summary>The built emulator run with <c>dotnet DssApi.Emulator.dll</c>, read until its four-line banner.</summary>
    private sealed class EmulatorProcess : IAsyncDisposable
    {
        private readonly Process _process;

        private EmulatorProcess(Process process, string[] banner)
        {
            _process = process;
            Banner = banner;
        }

        public string[] Banner { get; }

        public string Url => Banner[0]["DSS emulator listening on ".Length..];

        public string DemoProject => Banner[2]["Demo project: ".Length..];

        public static ProcessStartInfo StartInfo(params string[] args)
        {
            var info = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            info.ArgumentList.Add(typeof(DssEmulator).Assembly.Location);
            foreach (var arg in args)
            {
                info.ArgumentList.Add(arg);
            }

            return info;
        }

        public static async Task<EmulatorProcess> StartAsync(params string[] args)
        {
            var process = Process.Start(StartInfo(["--urls", "http://127.0.0.1:0", .. args]))!;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            var banner = new List<string>();
            while (banner.Count < 4)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                    ?? throw new InvalidOperationException($"Emulator exited: {await process.StandardError.ReadToEndAsync()}");
                banner.Add(line);
            }

            return new EmulatorProcess(process, [.. banner]);
        }

        /// <summary>No graceful shutdown: whatever was acknowledged must already be on disk.</summary>
        public void Kill()
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process.Dispose();
        }
    }
}
