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
    public async Task ADeeplyNestedWriteIs400AndTheWritesAroundItSurviveAKill()
    {
        using var temporary = new TemporaryDirectory();
        string[] options = ["--data-dir", temporary.Path, "--api-key", "k"];
        var deep = string.Concat(Enumerable.Repeat("""{"a":""", 60)) + "1" + new string('}', 60);
        await using (var first = await EmulatorProcess.StartAsync(options))
        {
            await using var dss = TestDss.Connect(first.Url, "k", first.DemoProject);
            await dss.SendOkAsync(HttpMethod.Post, $"projects/{dss.Project}/apiservices/before");
            using var deepWrite = await dss.SendAsync(HttpMethod.Put, $"projects/{dss.Project}/apiservices/before/settings", deep);
            await TestDss.AssertErrorAsync(deepWrite, HttpStatusCode.BadRequest, ErrorTypes.Malformed, "depth");
            await dss.SendOkAsync(HttpMethod.Post, $"projects/{dss.Project}/apiservices/after");
            first.Kill();
        }

        await using var second = await EmulatorProcess.StartAsync(options);
        await using var restarted = TestDss.Connect(second.Url, "k", second.DemoProject);
        var services = await restarted.GetJsonAsync($"projects/{restarted.Project}/apiservices");
        var settings = await restarted.GetJsonAsync($"projects/{restarted.Project}/apiservices/before/settings");

        Assert.Equal(["after", "before"], services.AsArray().Select(service => service!["id"]!.GetValue<string>()));
        Assert.False(settings.AsObject().ContainsKey("a"));
    }

    [Fact]
    public async Task AWriteThatCannotBePersistedIsUndoneAndTheNextWriteSucceeds()
    {
        using var temporary = new TemporaryDirectory();
        DssEmulatorOptions Options() => new() { DataDirectory = temporary.Path, AdminApiKey = "k" };
        await using (var dss = await TestDss.StartAsync(Options()))
        {
            // A folder where the state's temporary file goes: the next persist cannot create it.
            var blocker = Directory.CreateDirectory(Path.Combine(temporary.Path, "state.json.tmp"));
            using var lost = await dss.SendAsync(HttpMethod.Post, $"projects/{dss.Project}/apiservices/unpersisted");
            var whileBlocked = await dss.GetJsonAsync($"projects/{dss.Project}/apiservices");
            blocker.Delete();
            await dss.SendOkAsync(HttpMethod.Post, $"projects/{dss.Project}/apiservices/persisted");
            var afterwards = await dss.GetJsonAsync($"projects/{dss.Project}/apiservices");

            await TestDss.AssertErrorAsync(lost, HttpStatusCode.InternalServerError, "com.dataiku.dip.exceptions.DSSInternalErrorException", "Internal error");
            Assert.Empty(whileBlocked.AsArray());
            Assert.Equal(["persisted"], afterwards.AsArray().Select(service => service!["id"]!.GetValue<string>()));
        }

        await using var restarted = await TestDss.StartAsync(Options());
        Assert.Equal(["persisted"], (await restarted.GetJsonAsync($"projects/{restarted.Project}/apiservices")).AsArray()
            .Select(service => service!["id"]!.GetValue<string>()));
    }

    [Fact]
    public async Task TheLogSaysWhenTheFaultInjectorDroppedAnAnswer()
    {
        await using var emulator = await EmulatorProcess.StartAsync("--api-key", "k", "--fault-rate", "1", "--seed", "5");
        using var client = TestDss.NewClient(emulator.Url, "k");
        client.DefaultRequestHeaders.ConnectionClose = true;
        var outcomes = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            try
            {
                using var response = await client.GetAsync(TestDss.PublicApi + "api-deployer/stages");
                outcomes.Add(((int)response.StatusCode).ToString());
            }
            catch (HttpRequestException)
            {
                outcomes.Add("dropped");
            }
        }

        var lines = await emulator.ReadLogLinesAsync(line => line.Contains("GET /dip/publicapi/api-deployer/stages ->", StringComparison.Ordinal), 12);

        Assert.Contains("dropped", outcomes);
        Assert.Equal(outcomes.Count(outcome => outcome == "dropped"), lines.Count(line => line.Contains("(injected fault)", StringComparison.Ordinal)));
        Assert.DoesNotContain(lines, line => line.EndsWith("-> 200", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.EndsWith("-> dropped before processing (injected fault)", StringComparison.Ordinal));
        Assert.Contains(lines, line => line.EndsWith("-> processed, answer dropped (injected fault)", StringComparison.Ordinal));
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
        Assert.Matches("^Internal ticket: [0-9a-f]{32}$", emulator.Banner[4]);
    }

    [Fact]
    public async Task TheTicketInTheBannerAuthenticatesWithoutAKey()
    {
        await using var emulator = await EmulatorProcess.StartAsync("--api-key", "banner-key");
        using var http = TestDss.NewClient(emulator.Url, apiKey: null);

        using var withTicket = new HttpRequestMessage(HttpMethod.Get, TestDss.PublicApi + "api-deployer/stages");
        withTicket.Headers.Add("X-DKU-APITicket", emulator.Banner[4]["Internal ticket: ".Length..]);
        using var accepted = await http.SendAsync(withTicket);
        using var wrongTicket = new HttpRequestMessage(HttpMethod.Get, TestDss.PublicApi + "api-deployer/stages");
        wrongTicket.Headers.Add("X-DKU-APITicket", "not-the-ticket");
        using var refused = await http.SendAsync(wrongTicket);

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        await TestDss.AssertErrorAsync(refused, HttpStatusCode.Unauthorized, ErrorTypes.NotAuthenticated, "Unknown API ticket");
    }

    [Fact]
    public async Task UserApiKeysAreRepeatableAndCommaSeparated()
    {
        await using var emulator = await EmulatorProcess.StartAsync("--api-key", "admin-key", "--user-api-key", "u1,u2", "--user-api-key", "u3");

        foreach (var key in new[] { "u1", "u2", "u3" })
        {
            using var client = TestDss.NewClient(emulator.Url, key);
            using var stages = await client.GetAsync(TestDss.PublicApi + "api-deployer/stages");
            using var infra = await client.PostAsync(TestDss.PublicApi + "api-deployer/infras",
                new StringContent("""{"id":"i","stage":"Test","type":"K8S"}"""));

            Assert.Equal(HttpStatusCode.OK, stages.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, infra.StatusCode);
        }
    }

    [Fact]
    public async Task UserKeyEqualToTheAdminKeyExitsWithAnError()
    {
        using var process = Process.Start(EmulatorProcess.StartInfo("--api-key", "shared", "--user-api-key", "other,shared"))!;
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.Equal(2, process.ExitCode);
        Assert.Contains("A user API key can be neither empty nor the admin API key", error);
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
    public async Task FaultsLoseRequestsBeforeProcessingOrAnswersAfterItReproducibly()
    {
        async Task<string[]> OutcomesAsync()
        {
            await using var dss = await TestDss.StartAsync(new DssEmulatorOptions { FaultRate = 0.5, Seed = 3 });

            // One connection per request: a client may silently resend a request whose reused connection was cut.
            dss.Http.DefaultRequestHeaders.ConnectionClose = true;
            var outcomes = new List<string>();
            for (var i = 0; i < 40; i++)
            {
                var service = $"projects/{dss.Project}/apiservices/svc{i}";
                var answer = await AnswerAsync(dss, HttpMethod.Post, service);
                var changed = await AnswerAsync(dss, HttpMethod.Get, service + "/settings", retryFaults: true) == "200";
                outcomes.Add($"{answer}:{(changed ? "changed" : "unchanged")}");
            }

            return [.. outcomes];
        }

        var first = await OutcomesAsync();

        Assert.Equal(["200:changed", "503:unchanged", "dropped:changed", "dropped:unchanged"], first.Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(first, await OutcomesAsync());
    }

    /// <summary>The status code of a request, or <c>dropped</c>; with <paramref name="retryFaults"/>, the first answer that is not an injected fault.</summary>
    private static async Task<string> AnswerAsync(TestDss dss, HttpMethod method, string path, bool retryFaults = false)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            try
            {
                using var response = await dss.SendAsync(method, path);
                if (response.StatusCode != HttpStatusCode.ServiceUnavailable)
                {
                    return ((int)response.StatusCode).ToString();
                }

                await TestDss.AssertErrorAsync(response, HttpStatusCode.ServiceUnavailable, ErrorTypes.ServiceUnavailable, "fault injected");
                if (!retryFaults)
                {
                    return "503";
                }
            }
            catch (HttpRequestException) when (!retryFaults)
            {
                return "dropped";
            }
            catch (HttpRequestException)
            {
                // A dropped read: ask again.
            }
        }

        throw new InvalidOperationException($"{method} {path} met a fault 20 times in a row");
    }

    [Fact]
    public async Task LatencyDelaysEveryResponse()
    {
        await using var dss = await TestDss.StartAsync(new DssEmulatorOptions { Latency = TimeSpan.FromMilliseconds(150) });

        using var response = await dss.SendAsync(HttpMethod.Get, "api-deployer/stages");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("150", Assert.Single(response.Headers.GetValues("X-DssEmulator-Latency-Ms")));
    }

    [Fact]
    public async Task WithoutLatencyNoDelayIsReported()
    {
        await using var dss = await TestDss.StartAsync();

        using var response = await dss.SendAsync(HttpMethod.Get, "api-deployer/stages");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("X-DssEmulator-Latency-Ms"));
    }

    private static async Task AssertOkAsync(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
