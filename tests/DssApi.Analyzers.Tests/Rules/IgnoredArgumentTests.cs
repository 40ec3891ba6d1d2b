using Verifier = DssApi.Analyzers.Tests.Support.AnalyzerVerifier<DssApi.Generator.Analyzers.IgnoredArgumentAnalyzer>;

namespace DssApi.Analyzers.Tests.Rules;

public sealed class IgnoredArgumentTests
{
    [Fact]
    public Task Endpoint_for_a_static_infrastructure_named_by_its_handle_fires() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployer deployer)
        {
            var infra = await deployer.CreateInfraAsync("static", "Production", InfraType.Static);
            await deployer.CreateDeploymentAsync("d1", "svc", infra.InfraId, "v1", [|endpointId: "churn"|]);
        }
        """);

    [Fact]
    public Task Endpoint_for_a_kubernetes_infrastructure_named_by_constant_fires() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployer deployer)
        {
            await deployer.CreateInfraAsync("k8s-prod", "Production", InfraType.Kubernetes);
            await deployer.CreateDeploymentAsync("d1", "svc", "k8s-prod", "v1", [|"churn"|]);
        }
        """);

    [Fact]
    public Task Shared_constant_id_fires() => Verifier.VerifyAsync("""
        const string InfraId = "k8s-prod";

        async Task Run(DssApiDeployer deployer)
        {
            await deployer.CreateInfraAsync(InfraId, "Production", "K8S");
            await deployer.CreateDeploymentAsync("d1", "svc", InfraId, "v1", [|endpointId: "churn"|]);
        }
        """);

    [Fact]
    public Task Known_through_branches_fires() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployer deployer, bool production)
        {
            var infra = production
                ? await deployer.CreateInfraAsync("a", "Production", InfraType.Static)
                : await deployer.CreateInfraAsync("b", "Development", InfraType.Kubernetes);
            if (production)
            {
                Console.WriteLine(infra.InfraId);
            }

            await deployer.CreateDeploymentAsync("d1", "svc", infra.InfraId, "v1", [|endpointId: "churn"|]);
        }
        """);

    [Fact]
    public Task Lambdas_are_analyzed() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployer deployer)
        {
            Func<Task> lambda = async () =>
            {
                var infra = await deployer.CreateInfraAsync("static", "Production", InfraType.Static);
                await deployer.CreateDeploymentAsync("d1", "svc", infra.InfraId, "v1", [|endpointId: "churn"|]);
            };
            await lambda();
        }
        """);

    [Fact]
    public Task Infrastructure_that_uses_the_endpoint_is_silent() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployer deployer)
        {
            var infra = await deployer.CreateInfraAsync("sm", "Production", InfraType.SageMaker);
            await deployer.CreateDeploymentAsync("d1", "svc", infra.InfraId, "v1", endpointId: "churn");
        }
        """);

    [Fact]
    public Task Unknown_infrastructure_is_silent() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployer deployer, string infraId)
        {
            await deployer.CreateDeploymentAsync("d1", "svc", infraId, "v1", endpointId: "churn");
            await deployer.CreateDeploymentAsync("d2", "svc", "elsewhere", "v1", endpointId: "churn");
        }
        """);

    [Fact]
    public Task No_endpoint_or_null_is_silent() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployer deployer)
        {
            var infra = await deployer.CreateInfraAsync("static", "Production", InfraType.Static);
            await deployer.CreateDeploymentAsync("d1", "svc", infra.InfraId, "v1");
            await deployer.CreateDeploymentAsync("d2", "svc", infra.InfraId, "v1", endpointId: null);
        }
        """);

    [Fact]
    public Task Paths_that_disagree_are_silent() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployer deployer, bool production)
        {
            var infra = production
                ? await deployer.CreateInfraAsync("a", "Production", InfraType.Static)
                : await deployer.CreateInfraAsync("b", "Development", InfraType.SageMaker);
            await deployer.CreateDeploymentAsync("d1", "svc", infra.InfraId, "v1", endpointId: "churn");
        }
        """);

    [Fact]
    public Task Id_created_with_two_types_is_silent() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployer deployer, bool production)
        {
            if (production)
            {
                await deployer.CreateInfraAsync("main", "Production", InfraType.Static);
            }
            else
            {
                await deployer.CreateInfraAsync("main", "Production", InfraType.VertexAi);
            }

            await deployer.CreateDeploymentAsync("d1", "svc", "main", "v1", endpointId: "churn");
        }
        """);

    [Fact]
    public Task Incomplete_code_does_not_crash() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployer deployer)
        {
            var infra = await deployer.CreateInfraAsync("static", "Production", InfraType.Static);
            await deployer.CreateDeploymentAsync("d1", infra.InfraId, endpointId: 
        }
        """, compiles: false);

    [Fact]
    public Task Id_in_a_local_given_a_literal_names_the_created_infrastructure() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployer deployer)
        {
            var infraId = "static-dev";
            await deployer.CreateInfraAsync(infraId, "Development", InfraType.Static);
            await deployer.CreateDeploymentAsync("d1", "churn", infraId, "v1", [|endpointId: "predict"|]);

            var reused = "sm-dev";
            await deployer.CreateInfraAsync(reused, "Development", InfraType.SageMaker);
            reused = "static-dev";
            await deployer.CreateDeploymentAsync("d2", "churn", reused, "v1", endpointId: "predict");
        }
        """);

    [Fact]
    public Task Type_chosen_between_ignoring_types_fires() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployer deployer, bool onPremises)
        {
            var infra = await deployer.CreateInfraAsync("main", "Production", onPremises ? InfraType.Static : InfraType.Kubernetes);
            await deployer.CreateDeploymentAsync("d1", "churn", infra.InfraId, "v1", [|endpointId: "predict"|]);

            var cloud = await deployer.CreateInfraAsync("cloud", "Production", onPremises ? InfraType.Static : InfraType.SageMaker);
            await deployer.CreateDeploymentAsync("d2", "churn", cloud.InfraId, "v1", endpointId: "predict");
        }
        """);
}
