using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using DssApi.Emulator;

namespace DssApi.Package.Tests;

[Collection(nameof(PackedPackage))]
public class ConsumerTests(PackedPackage package, ITestOutputHelper output)
{
    [Fact]
    public async Task A_plain_consumer_adds_the_package_binds_the_client_from_appsettings_json_and_its_typed_calls_reach_dss()
    {
        var consumer = new Consumer(package, output, "plain");
        consumer.AddProject("App");
        consumer.AddPackage("App");
        consumer.Succeed("add package Microsoft.Extensions.Hosting --version 10.0.0", "App");
        // The URL and key come from the environment (DssApi__Url, DssApi__ApiKey), the rest from the file.
        consumer.Write("App/appsettings.json", """
            { "DssApi": { "Timeout": "00:00:30", "Retry": { "MaxRetries": 2 }, "FuturePolling": { "InitialDelay": "00:00:00.050" } } }
            """);
        consumer.Write("App/Program.cs", """
            using DssApi;
            using Microsoft.Extensions.DependencyInjection;
            using Microsoft.Extensions.Hosting;

            var builder = Host.CreateApplicationBuilder(args);
            builder.Services.AddDssClient(builder.Configuration);
            using var host = builder.Build();
            await host.StartAsync();
            var client = host.Services.GetRequiredService<DssClient>();
            Console.WriteLine($"futures poll first after {client.FuturePolling.InitialDelay.TotalMilliseconds} ms");
            var project = client.GetProject(Environment.GetEnvironmentVariable("DSS_PROJECT")!);
            var service = await project.CreateApiServiceAsync("from-package");
            var settings = await service.GetSettingsAsync();
            settings.AddPredictionEndpoint("churn", "churn_classifier");
            await settings.SaveAsync();
            foreach (var item in await project.ListApiServicesAsync())
            {
                Console.WriteLine($"service {item.Id}: {string.Join(", ", item.Endpoints.Select(e => $"{e.Id} {e.Type}"))}");
            }
            """);
        await using var dss = await DssEmulator.StartAsync();

        consumer.Succeed("build --no-incremental", "App");
        var run = consumer.Succeed("run --no-build", "App", new Dictionary<string, string>
        {
            ["DssApi__Url"] = dss.Url, ["DssApi__ApiKey"] = dss.AdminApiKey, ["DSS_PROJECT"] = dss.DemoProjectKey,
        });

        Assert.Contains("futures poll first after 50 ms", run.Output);
        Assert.Contains("service from-package: churn STD_PREDICTION", run.Output);
    }

    [Fact]
    public async Task A_service_client_generated_from_an_openapi_document_answers_what_the_untyped_calls_answer()
    {
        var consumer = new Consumer(package, output, "openapi");
        consumer.AddProject("App", items: """<AdditionalFiles Include="churn-scoring.openapi.json" DssApiServiceClient="ChurnScoring" />""");
        consumer.AddPackage("App");
        consumer.Write("App/churn-scoring.openapi.json", File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "churn-scoring.openapi.json")));
        consumer.Write("App/Program.cs", """
            using System.Text.Json.Nodes;
            using DssApi;

            var url = Environment.GetEnvironmentVariable("DSS_URL")!;
            using var client = new DssClient(url, Environment.GetEnvironmentVariable("DSS_API_KEY")!);
            var service = await client.GetProject(Environment.GetEnvironmentVariable("DSS_PROJECT")!).CreateApiServiceAsync("churn-scoring");
            var settings = await service.GetSettingsAsync();
            settings.AddPredictionEndpoint("churn", "churn_classifier");
            settings.AuthMethod = AuthMethod.Public;
            await settings.SaveAsync();
            await service.CreatePackageAsync("v1");
            await service.PublishPackageAsync("v1");
            var infra = await client.GetApiDeployer().CreateInfraAsync("infra", "Development", InfraType.Static);
            var infraSettings = (StaticInfraSettings)await infra.GetSettingsAsync();
            infraSettings.AddApiNode(url, Environment.GetEnvironmentVariable("DSS_API_KEY")!);
            await infraSettings.SaveAsync();
            var deployment = await client.GetApiDeployer().CreateDeploymentAsync("churn-dep", "churn-scoring", "infra", "v1");
            await (await deployment.StartUpdateAsync()).WaitForCompletionAsync(TimeSpan.FromMinutes(1));

            using var node = new DssApiNodeClient(new DssApiNodeClientOptions { Url = new Uri(url), ServiceId = "churn-scoring" });
            var typed = await new ChurnScoringClient(node).Churn.PredictAsync(new ChurnScoringClient.ChurnFeatures { TenureMonths = 10, MonthlyCharges = 70, Contract = ChurnScoringClient.ChurnContract.MonthToMonth });
            var untyped = await node.PredictRecordAsync("churn", new JsonObject { ["tenure_months"] = 10, ["monthly_charges"] = 70, ["contract"] = "month-to-month" });
            Console.WriteLine($"typed {typed.Value.Prediction} {typed.Value.Probabilities?.Churn}");
            Console.WriteLine($"untyped {untyped.Result?.Prediction} {untyped.Result?.Probabilities["churn"]}");
            """);
        await using var dss = await DssEmulator.StartAsync(new DssEmulatorOptions { UpdateStepDuration = TimeSpan.FromMilliseconds(20) });

        consumer.Succeed("build --no-incremental", "App");
        var run = consumer.Succeed("run --no-build", "App", new Dictionary<string, string>
        {
            ["DSS_URL"] = dss.Url, ["DSS_API_KEY"] = dss.AdminApiKey, ["DSS_PROJECT"] = dss.DemoProjectKey,
        });

        var lines = run.Output.Split('\n', StringSplitOptions.TrimEntries);
        var typed = Assert.Single(lines, line => line.StartsWith("typed ", StringComparison.Ordinal));
        var untyped = Assert.Single(lines, line => line.StartsWith("untyped ", StringComparison.Ordinal));
        Assert.StartsWith("typed churn 0.", typed, StringComparison.Ordinal);
        Assert.Equal(untyped["untyped ".Length..], typed["typed ".Length..]);
    }

    [Fact]
    public void Misuse_shows_as_dss_warnings_at_the_right_lines_in_the_build_output()
    {
        var consumer = new Consumer(package, output, "misuse");
        consumer.AddProject("App", "<TreatWarningsAsErrors>false</TreatWarningsAsErrors><DssApiTargetVersion>12.0</DssApiTargetVersion>");
        consumer.AddPackage("App");
        consumer.Write("App/Program.cs", """
            using DssApi;

            using var client = new DssClient(Environment.GetEnvironmentVariable("DSS_URL")!, "hard-coded-key");
            var service = client.GetProject("P").GetApiService("s");
            var settings = await service.GetSettingsAsync();
            await settings.SaveAsync();
            await client.GetApiDeployer().GetDeployment("d").StartUpdateAsync();
            var summary = await service.GetPackageSummaryAsync("v1");
            Console.WriteLine(summary);
            """);

        var build = consumer.Succeed("build --no-incremental -p:ErrorLog=diagnostics.sarif", "App");

        Assert.Matches(@"Program\.cs\(3,\d+\): warning DSS1008", build.Output);
        // The help links lead to the diagnostics' pages in the repository the package names.
        var repositoryUrl = (string)package.ReadNuspec("DssApi").Descendants().Single(e => e.Name.LocalName == "repository").Attribute("url")!;
        Assert.Contains($"\"{repositoryUrl}/blob/main/docs/diagnostics/DSS1008.md\"", File.ReadAllText(Path.Combine(consumer.Root, "App", "diagnostics.sarif")));
        Assert.Matches(@"Program\.cs\(6,\d+\): warning DSS1001", build.Output);
        Assert.Matches(@"Program\.cs\(7,\d+\): warning DSS1003", build.Output);
        Assert.Matches(@"Program\.cs\(8,\d+\): warning DSS1011", build.Output);
    }

    [Fact]
    public void Knobs_choose_the_namespace_and_the_accessibility()
    {
        var consumer = new Consumer(package, output, "knobs");
        consumer.AddProject("Lib", "<DssApiNamespace>Acme.Dss</DssApiNamespace><DssApiAccessibility>public</DssApiAccessibility>", outputType: "Library");
        consumer.AddPackage("Lib");
        consumer.Write("Lib/Use.cs", """
            using Acme.Dss;

            namespace Acme;
            public static class Use
            {
                public static Acme.Dss.DssApiDeployer Deployer(DssApi.DssClient client) => client.GetApiDeployer();
            }
            """);

        consumer.Succeed("build --no-incremental", "Lib");

        var types = PublicTypes(Path.Combine(consumer.Root, "Lib", "bin", "Debug", "net10.0", "Lib.dll"));
        Assert.Contains("Acme.Dss.DssApiDeployer", types);
        Assert.Contains("Acme.Dss.AuthMethod", types);
        Assert.DoesNotContain(types, name => name.StartsWith("DssApi."));
    }

    [Fact]
    public void A_user_schema_extends_the_dss_schema_with_an_endpoint_type_and_its_typed_helper()
    {
        var consumer = new Consumer(package, output, "extension");
        consumer.AddProject("App", items: """<AdditionalFiles Include="prompt.dssapi.json" />""");
        consumer.AddPackage("App");
        consumer.Write("App/prompt.dssapi.json", """
            {
              "unions": {
                "Endpoint": {
                  "editable": true, "discriminator": "type", "discriminatorType": "EndpointType",
                  "cases": { "LLM_PROMPT": { "name": "PromptEndpoint", "description": "An endpoint that answers with a prompt.", "fields": { "prompt": "string" } } }
                }
              },
              "settings": {
                "ApiServiceSettings": {
                  "mutators": {
                    "AddPromptEndpoint": {
                      "description": "Adds a prompt endpoint.",
                      "params": { "endpointId": "string", "prompt": "string" },
                      "appendTo": "endpoints",
                      "template": { "id": "{endpointId}", "type": "LLM_PROMPT", "prompt": "{prompt}" }
                    }
                  }
                }
              }
            }
            """);
        consumer.Write("App/Program.cs", """
            using DssApi;

            // The extension's helper on the generated settings type, next to the DSS schema's own helpers.
            Func<ApiServiceSettings, PromptEndpoint> addPrompt = settings => settings.AddPromptEndpoint("ask", "Summarise the ticket");
            Func<ApiServiceSettings, PredictionEndpoint> addPrediction = settings => settings.AddPredictionEndpoint("score", "model");
            Console.WriteLine($"{addPrompt.Method.ReturnType.Name} {addPrediction.Method.ReturnType.Name}");
            """);

        consumer.Succeed("build --no-incremental", "App");

        Assert.Contains("PromptEndpoint PredictionEndpoint", consumer.Succeed("run --no-build", "App").Output);
    }

    [Fact]
    public void Generation_switched_off_leaves_only_the_runtime()
    {
        var consumer = new Consumer(package, output, "off");
        consumer.AddProject("App", "<DssApiGenerate>false</DssApiGenerate>");
        consumer.AddPackage("App");
        consumer.Write("App/Program.cs", """
            using DssApi;

            var deployer = new DssClient("http://127.0.0.1:1", Environment.GetEnvironmentVariable("DSS_API_KEY")!).GetApiDeployer();
            """);

        var build = consumer.Run("build --no-incremental", "App");

        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("error CS1061", build.Output);
        Assert.DoesNotContain("error DSS", build.Output);
        Assert.Contains("'GetApiDeployer'", build.Output);
    }

    [Fact]
    public void Two_projects_of_one_solution_share_generated_types_without_clashes()
    {
        var consumer = new Consumer(package, output, "solution");
        consumer.AddProject("Shared", "<DssApiAccessibility>public</DssApiAccessibility>", outputType: "Library");
        consumer.AddPackage("Shared");
        consumer.Write("Shared/Deployments.cs", """
            using DssApi;

            namespace Shared;
            public static class Deployments
            {
                public static DssApi.DssApiDeployer Open(DssApi.DssClient client) => client.GetApiDeployer();
            }
            """);
        // One consumer uses the shared library's public types and generates nothing itself; the
        // other generates its own internal types beside the library's.
        consumer.AddProject("UsesShared", "<DssApiGenerate>false</DssApiGenerate>",
            """<ProjectReference Include="../Shared/Shared.csproj" />""");
        consumer.AddPackage("UsesShared");
        consumer.Write("UsesShared/Program.cs", """
            using DssApi;

            using var client = new DssApi.DssClient("http://127.0.0.1:1", Environment.GetEnvironmentVariable("DSS_API_KEY")!);
            DssApi.DssApiDeployer deployer = Shared.Deployments.Open(client);
            Console.WriteLine(deployer.GetType().Assembly.GetName().Name);
            """);
        consumer.AddProject("OwnTypes", "<DssApiNamespace>OwnTypes.Dss</DssApiNamespace>",
            """<ProjectReference Include="../Shared/Shared.csproj" />""");
        consumer.AddPackage("OwnTypes");
        consumer.Write("OwnTypes/Program.cs", """
            using OwnTypes.Dss;

            using var client = new DssApi.DssClient("http://127.0.0.1:1", Environment.GetEnvironmentVariable("DSS_API_KEY")!);
            OwnTypes.Dss.DssApiDeployer own = client.GetApiDeployer();
            DssApi.DssApiDeployer shared = Shared.Deployments.Open(client);
            Console.WriteLine($"{own.GetType().Assembly.GetName().Name} {shared.GetType().Assembly.GetName().Name}");
            """);
        consumer.Write("Consumers.slnx", """
            <Solution>
              <Project Path="Shared/Shared.csproj" />
              <Project Path="UsesShared/UsesShared.csproj" />
              <Project Path="OwnTypes/OwnTypes.csproj" />
            </Solution>
            """);

        var build = consumer.Succeed("build Consumers.slnx --no-incremental");

        Assert.DoesNotContain("CS0436", build.Output);
        Assert.DoesNotContain("CS0433", build.Output);
        var key = new Dictionary<string, string> { ["DSS_API_KEY"] = "consumer-key" };
        Assert.Contains("Shared", consumer.Succeed("run --no-build", "UsesShared", key).Output);
        Assert.Contains("OwnTypes Shared", consumer.Succeed("run --no-build", "OwnTypes", key).Output);
    }

    /// <summary>The public types of an assembly, read from its metadata without loading it.</summary>
    private static string[] PublicTypes(string assemblyPath)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        var metadata = pe.GetMetadataReader();
        return metadata.TypeDefinitions.Select(metadata.GetTypeDefinition)
            .Where(type => (type.Attributes & TypeAttributes.VisibilityMask) == TypeAttributes.Public)
            .Select(type => metadata.GetString(type.Namespace) + "." + metadata.GetString(type.Name))
            .ToArray();
    }
}
