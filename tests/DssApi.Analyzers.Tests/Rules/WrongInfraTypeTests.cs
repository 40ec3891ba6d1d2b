using Verifier = DssApi.Analyzers.Tests.Support.AnalyzerVerifier<DssApi.Generator.Analyzers.WrongInfraTypeAnalyzer>;

namespace DssApi.Analyzers.Tests.Rules;

public sealed class WrongInfraTypeTests
{
    [Fact]
    public Task Infrastructure_created_as_kubernetes_fires() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployer deployer)
        {
            var infra = await deployer.CreateInfraAsync("k8s-prod", "Production", InfraType.Kubernetes);
            var settings = await infra.GetSettingsAsync();
            [|((StaticInfraSettings)settings).AddApiNode("https://node-1:12000", Environment.GetEnvironmentVariable("NODE_KEY")!)|];
            await settings.SaveAsync();
        }
        """);

    [Fact]
    public Task Type_given_as_a_wire_string_fires() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployer deployer)
        {
            var infra = await deployer.CreateInfraAsync("sm", "Production", "SAGEMAKER");
            var settings = await infra.GetSettingsAsync();
            [|((StaticInfraSettings)settings).RemoveApiNode("https://node-1:12000")|];
        }
        """);

    [Fact]
    public Task Branch_that_tested_another_type_fires() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployerInfra infra)
        {
            var settings = await infra.GetSettingsAsync();
            if (settings.Type == InfraType.Kubernetes)
            {
                [|((StaticInfraSettings)settings).RemoveApiNode("https://node-1:12000")|];
            }
        }
        """);

    [Fact]
    public Task Negative_test_and_early_return_fire() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployerInfra infra)
        {
            var settings = await infra.GetSettingsAsync();
            if (settings.Type == InfraType.Static)
            {
                return;
            }

            Console.WriteLine([|((StaticInfraSettings)settings).ApiNodes|].Count);
        }
        """);

    [Fact]
    public Task Type_pattern_and_lambdas_are_followed() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployerInfra infra)
        {
            Func<Task> lambda = async () =>
            {
                var settings = await infra.GetSettingsAsync();
                if (settings is KubernetesInfraSettings && settings.Stage != null)
                {
                    [|((StaticInfraSettings)settings).RemoveApiNode("https://node-1:12000")|];
                }
            };
            await lambda();
        }
        """);

    [Fact]
    public Task Else_of_a_test_for_static_fires() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployerInfra infra)
        {
            var settings = await infra.GetSettingsAsync();
            if (settings.Type == InfraType.Static)
            {
                ((StaticInfraSettings)settings).RemoveApiNode("https://node-1:12000");
            }
            else
            {
                Console.WriteLine(settings.Type);
                if (settings.Stage == null)
                {
                    [|((StaticInfraSettings)settings).RemoveApiNode("https://node-2:12000")|];
                }
            }
        }
        """);

    [Fact]
    public Task Conditions_made_of_and_or_are_followed() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployerInfra infra, bool verbose)
        {
            var settings = await infra.GetSettingsAsync();
            if (settings.Type == InfraType.Kubernetes && verbose)
            {
                [|((StaticInfraSettings)settings).RemoveApiNode("https://node-1:12000")|];
            }

            if (settings.Type != InfraType.Static || verbose)
            {
                return;
            }

            ((StaticInfraSettings)settings).RemoveApiNode("https://node-2:12000");
        }
        """);

    [Fact]
    public Task Static_infrastructure_is_silent() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployer deployer)
        {
            var infra = await deployer.CreateInfraAsync("static", "Production", InfraType.Static);
            var settings = await infra.GetSettingsAsync();
            ((StaticInfraSettings)settings).RemoveApiNode("https://node-1:12000");
        }
        """);

    [Fact]
    public Task Unknown_type_is_silent() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployerInfra infra, InfraType type, DssApiDeployer deployer)
        {
            var settings = await infra.GetSettingsAsync();
            ((StaticInfraSettings)settings).RemoveApiNode("https://node-1:12000");
            var created = await deployer.CreateInfraAsync("any", "Production", type);
            var more = await created.GetSettingsAsync();
            ((StaticInfraSettings)more).RemoveApiNode("https://node-1:12000");
        }
        """);

    [Fact]
    public Task Branch_that_proved_static_is_silent() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployerInfra infra)
        {
            var settings = await infra.GetSettingsAsync();
            if (settings.Type != InfraType.Static)
            {
                return;
            }

            ((StaticInfraSettings)settings).RemoveApiNode("https://node-1:12000");
            if (settings is StaticInfraSettings staticSettings)
            {
                staticSettings.RemoveApiNode("https://node-2:12000");
            }
        }
        """);

    [Fact]
    public Task Guard_that_proved_static_is_silent() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployerInfra infra)
        {
            var settings = await infra.GetSettingsAsync();
            if (settings.Type != InfraType.Static)
            {
                throw new InvalidOperationException("not a static infrastructure");
            }

            ((StaticInfraSettings)settings).RemoveApiNode("https://node-1:12000");
        }
        """);

    [Fact]
    public Task Paths_that_disagree_are_silent() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployer deployer, bool kubernetes)
        {
            var infra = await deployer.CreateInfraAsync("any", "Production", kubernetes ? InfraType.Kubernetes : InfraType.Static);
            var settings = await infra.GetSettingsAsync();
            if (kubernetes || settings.Type == InfraType.Static)
            {
                ((StaticInfraSettings)settings).RemoveApiNode("https://node-1:12000");
            }
        }
        """);

    [Fact]
    public Task Reassigned_settings_are_silent() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployer deployer)
        {
            var infra = await deployer.CreateInfraAsync("k8s", "Production", InfraType.Kubernetes);
            var settings = await infra.GetSettingsAsync();
            settings = await deployer.GetInfra("static").GetSettingsAsync();
            ((StaticInfraSettings)settings).RemoveApiNode("https://node-1:12000");
        }
        """);

    [Fact]
    public Task Incomplete_code_does_not_crash() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployer deployer)
        {
            var infra = await deployer.CreateInfraAsync("k8s", "Production", InfraType.);
            var settings = await infra.GetSettingsAsync();
            if (settings.Type == 
        }
        """, compiles: false);

    [Fact]
    public Task Known_type_survives_a_pattern() => Verifier.VerifyAsync("""
        async Task Declared(DssApiDeployer deployer)
        {
            var infra = await deployer.CreateInfraAsync("k8s-prod", "Production", InfraType.Kubernetes);
            var settings = await infra.GetSettingsAsync();
            if (settings is StaticInfraSettings staticSettings)
            {
                [|staticSettings.AddApiNode("https://node-1:12000", Environment.GetEnvironmentVariable("NODE_KEY")!)|];
            }
        }

        async Task TypeTest(DssApiDeployerInfra infra)
        {
            var settings = await infra.GetSettingsAsync();
            if (settings.Type != InfraType.Kubernetes)
            {
                return;
            }

            if (settings is StaticInfraSettings)
            {
                [|((StaticInfraSettings)settings).RemoveApiNode("https://node-1:12000")|];
            }
        }

        async Task Switch(DssApiDeployer deployer)
        {
            var infra = await deployer.CreateInfraAsync("sm", "Production", "SAGEMAKER");
            var settings = await infra.GetSettingsAsync();
            switch (settings)
            {
                case StaticInfraSettings nodes:
                    [|nodes.RemoveApiNode("https://node-1:12000")|];
                    break;
            }
        }
        """);

    [Fact]
    public Task Pattern_on_an_unknown_type_is_silent() => Verifier.VerifyAsync("""
        async Task Declared(DssApiDeployerInfra infra)
        {
            var settings = await infra.GetSettingsAsync();
            if (settings is StaticInfraSettings staticSettings)
            {
                staticSettings.RemoveApiNode("https://node-1:12000");
            }

            switch (settings)
            {
                case StaticInfraSettings nodes:
                    nodes.RemoveApiNode("https://node-2:12000");
                    break;
            }
        }

        async Task NotKubernetes(DssApiDeployerInfra infra)
        {
            var settings = await infra.GetSettingsAsync();
            if (settings.Type == InfraType.Kubernetes)
            {
                return;
            }

            if (settings is StaticInfraSettings staticSettings)
            {
                staticSettings.RemoveApiNode("https://node-1:12000");
            }
        }
        """);

    [Fact]
    public Task Negated_and_recursive_patterns_keep_the_type() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployerInfra infra, string url, string key)
        {
            var settings = await infra.GetSettingsAsync();
            if (settings is not StaticInfraSettings)
            {
                [|((StaticInfraSettings)settings).AddApiNode(url, key)|];
            }

            if (settings is KubernetesInfraSettings { Namespace: not null } cluster)
            {
                Console.WriteLine(cluster.Namespace);
                [|((StaticInfraSettings)settings).RemoveApiNode(url)|];
            }

            if (settings is not KubernetesInfraSettings { Namespace: not null })
            {
                ((StaticInfraSettings)settings).RemoveApiNode(url);
            }

            await settings.SaveAsync();
        }
        """);

    [Fact]
    public Task Later_case_of_a_switch_that_contradicts_the_created_type_fires() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployer deployer, string url, string key)
        {
            var infra = await deployer.CreateInfraAsync("k8s", "Production", InfraType.Kubernetes);
            var settings = await infra.GetSettingsAsync();
            switch (settings)
            {
                case KubernetesInfraSettings k8s:
                    k8s.Namespace = "dss";
                    break;
                case StaticInfraSettings nodes:
                    [|nodes.AddApiNode(url, key)|];
                    break;
            }

            await settings.SaveAsync();
        }
        """);

    [Fact]
    public Task Lambda_sees_the_type_known_where_it_is_written() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployer deployer, IEnumerable<string> urls, string key)
        {
            var infra = await deployer.CreateInfraAsync("k8s", "Production", InfraType.Kubernetes);
            var settings = await infra.GetSettingsAsync();
            var added = settings switch
            {
                StaticInfraSettings nodes => urls.Select(url => [|nodes.AddApiNode(url, key)|]).Count(),
                _ => 0,
            };

            var other = await deployer.GetInfra("unknown").GetSettingsAsync();
            if (other is StaticInfraSettings known)
            {
                urls.ToList().ForEach(url => known.AddApiNode(url, key));
            }

            var reassigned = await infra.GetSettingsAsync();
            reassigned = await deployer.GetInfra("static").GetSettingsAsync();
            urls.ToList().ForEach(url => ((StaticInfraSettings)reassigned).AddApiNode(url, key));
            await settings.SaveAsync();
        }
        """);
}
