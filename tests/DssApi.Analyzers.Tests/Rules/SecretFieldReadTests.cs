using SaveVerifier = DssApi.Analyzers.Tests.Support.AnalyzerVerifier<DssApi.Generator.Analyzers.SaveWithoutChangesAnalyzer>;
using UnsavedVerifier = DssApi.Analyzers.Tests.Support.AnalyzerVerifier<DssApi.Generator.Analyzers.UnsavedChangesAnalyzer>;

namespace DssApi.Analyzers.Tests.Rules;

/// <summary>A secret field ([DssSecretField]) is a field like any other for the rules: reading it is no edit, setting it is one.</summary>
public sealed class SecretFieldReadTests
{
    [Fact]
    public Task Reading_a_secret_without_saving_is_silent_for_DSS1002() => UnsavedVerifier.VerifyAsync("""
        async Task Run(DssApiDeployer deployer)
        {
            var settings = await deployer.GetInfra("prod").GetSettingsAsync();
            Console.WriteLine(settings.DefaultApiNodeLogging?.EventServerAuthKey);
        }
        """);

    [Fact]
    public Task Setting_a_secret_is_a_modification() => SaveVerifier.VerifyAsync("""
        async Task Run(DssApiDeployer deployer)
        {
            var settings = await deployer.GetInfra("prod").GetSettingsAsync();
            settings.DefaultApiNodeLogging!.EventServerAuthKey = Environment.GetEnvironmentVariable("EVENT_KEY");
            await settings.SaveAsync();
        }
        """);
}
