using DssApi.Analyzers.Tests.Support;
using DssApi.CodeFixes;

namespace DssApi.Analyzers.Tests.Fixes;

/// <summary>The fixes of DSS1012, one diagnostic at a time and all at once; the fixed code must compile with no DSS1012 left.</summary>
public sealed class FeatureFixTests
{
    private const string Node = """using var node = new DssApiNodeClient(new DssApiNodeClientOptions { Url = new Uri("http://127.0.0.1:11200"), ServiceId = "churn-scoring" });""";

    [Fact]
    public Task Misspelled_keys_are_renamed_to_the_closest_listed_name() => ServiceDocumentVerifier.VerifyFixAsync<RenameFeatureCodeFix>(
        $$"""
        async Task Score(double charges)
        {
            {{Node}}
            var features = new JsonObject { { {|DSS1012:"Tenure_Months"|}, 10 } };
            features.Add({|DSS1012:"monthly_charge"|}, charges);
            await node.PredictRecordAsync("churn", features);
        }
        """,
        $$"""
        async Task Score(double charges)
        {
            {{Node}}
            var features = new JsonObject { { "tenure_months", 10 } };
            features.Add("monthly_charges", charges);
            await node.PredictRecordAsync("churn", features);
        }
        """);

    [Fact]
    public Task Misspelled_keys_are_renamed_without_a_typed_client_too() => ServiceDocumentVerifier.VerifyFixAsync<RenameFeatureCodeFix>(
        $$"""
        async Task Score()
        {
            {{Node}}
            await node.PredictRecordAsync("churn", new JsonObject { [{|DSS1012:"tenure_month"|}] = 10 });
        }
        """,
        $$"""
        async Task Score()
        {
            {{Node}}
            await node.PredictRecordAsync("churn", new JsonObject { ["tenure_months"] = 10 });
        }
        """,
        DocumentInProject.WithoutClient);

    [Fact]
    public Task The_typed_client_is_called_with_a_record_of_the_features() => ServiceDocumentVerifier.VerifyFixAsync<UseTypedClientCodeFix>(
        $$"""
        async Task Score(double charges, CancellationToken cancellationToken)
        {
            {{Node}}
            var answer = await node.PredictRecordAsync("churn", new JsonObject
            {
                [{|DSS1012:"tenure_month"|}] = 10,
                ["monthly_charges"] = charges,
                [{|DSS1012:"Contract"|}] = "month-to-month",
            }, forcedGeneration: "v1");
            Console.WriteLine(answer);
        }
        """,
        $$"""
        async Task Score(double charges, CancellationToken cancellationToken)
        {
            {{Node}}
            var answer = await new ChurnScoringClient(node).Churn.PredictAsync(new ChurnScoringClient.ChurnFeatures
            {
                TenureMonths = 10,
                MonthlyCharges = charges,
                Contract = ChurnScoringClient.ChurnContract.MonthToMonth,
            }, new DssApi.Typed.DssQueryOptions { ForcedGeneration = "v1" }, cancellationToken: cancellationToken);
            Console.WriteLine(answer);
        }
        """);

    [Fact]
    public Task The_typed_client_in_scope_over_the_same_node_client_takes_the_records() => ServiceDocumentVerifier.VerifyFixAsync<UseTypedClientCodeFix>(
        $$"""
        async Task Score(CancellationToken token)
        {
            {{Node}}
            var churn = new ChurnScoringClient(node);
            await node.PredictRecordsAsync("churn",
            [
                new JsonObject { ["features"] = new JsonObject { [{|DSS1012:"support_call"|}] = 1 } },
                new JsonObject { ["features"] = new JsonObject { ["tenure_months"] = 3, ["contract"] = "two-year" } },
            ], cancellationToken: token);
        }
        """,
        $$"""
        async Task Score(CancellationToken token)
        {
            {{Node}}
            var churn = new ChurnScoringClient(node);
            await churn.Churn.PredictManyAsync(
            [
                new ChurnScoringClient.ChurnFeatures { SupportCalls = 1 },
                new ChurnScoringClient.ChurnFeatures { TenureMonths = 3, Contract = "two-year" },
            ], cancellationToken: token);
        }
        """);

    [Fact]
    public Task No_typed_call_is_offered_when_a_value_or_an_argument_has_no_typed_counterpart()
    {
        var unchanged = $$"""
            async Task Score(JsonNode tenure, ExplanationMethod method)
            {
                {{Node}}
                await node.PredictRecordAsync("churn", new JsonObject { [{|DSS1012:"tenure_month"|}] = 10 }, explanationMethod: method);
                await node.PredictRecordAsync("churn", new JsonObject { [{|DSS1012:"support_call"|}] = tenure.DeepClone() });
                await node.PredictRecordsAsync("churn", [new JsonObject { ["features"] = new JsonObject { [{|DSS1012:"tenure_month"|}] = 1 }, ["context"] = new JsonObject() }]);
                await node.PredictRecordAsync("churn", new JsonObject { [{|DSS1012:"tenure_month"|}] = 10, ["tenure_months"] = 11 });
                var features = new JsonObject { [{|DSS1012:"tenure_month"|}] = 10 };
                await node.PredictRecordAsync("churn", features);
            }
            """;
        return ServiceDocumentVerifier.VerifyFixAsync<UseTypedClientCodeFix>(unchanged, unchanged);
    }
}
