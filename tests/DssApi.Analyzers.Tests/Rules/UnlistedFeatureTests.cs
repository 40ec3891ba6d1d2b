using DssApi.Analyzers.Tests.Support;
using DssApi.Generator.Analyzers;
using Microsoft.CodeAnalysis.Testing;

namespace DssApi.Analyzers.Tests.Rules;

/// <summary>DSS1012 against the emulator's document of "churn-scoring": endpoint churn lists tenure_months, monthly_charges, support_calls (numbers) and contract (month-to-month).</summary>
public sealed class UnlistedFeatureTests
{
    /// <summary>A node client of the service, created with a constant service id.</summary>
    private const string Node = """using var node = new DssApiNodeClient(new DssApiNodeClientOptions { Url = new Uri("http://127.0.0.1:11200"), ServiceId = "churn-scoring" });""";

    [Fact]
    public Task Misspelled_key_in_a_collection_initializer_fires() => ServiceDocumentVerifier.VerifyAsync($$"""
        async Task Score()
        {
            {{Node}}
            await node.PredictRecordAsync("churn", new JsonObject { { {|DSS1012:"tenure_month"|}, 10 }, { "contract", "month-to-month" } });
        }
        """);

    [Fact]
    public Task Misspelled_key_in_an_index_initializer_fires() => ServiceDocumentVerifier.VerifyAsync($$"""
        async Task Score()
        {
            {{Node}}
            await node.PredictRecordAsync("churn", new JsonObject { [{|DSS1012:"Tenure_Months"|}] = 10, ["monthly_charges"] = 70.5 });
        }
        """);

    [Fact]
    public Task Misspelled_keys_added_to_a_local_fire() => ServiceDocumentVerifier.VerifyAsync($$"""
        async Task Score(double charges)
        {
            {{Node}}
            var features = new JsonObject { ["tenure_months"] = 10 };
            features.Add({|DSS1012:"monthly_charge"|}, charges);
            features[{|DSS1012:"supportcalls"|}] = 2;
            features["contract"] = "month-to-month";
            await node.PredictRecordAsync("churn", features);
        }
        """);

    [Fact]
    public Task Misspelled_keys_in_the_records_of_a_predict_many_fire() => ServiceDocumentVerifier.VerifyAsync($$"""
        async Task Score()
        {
            {{Node}}
            await node.PredictRecordsAsync("churn",
            [
                new JsonObject { ["features"] = new JsonObject { [{|DSS1012:"support_call"|}] = 1 } },
                new JsonObject { ["features"] = new JsonObject { ["tenure_months"] = 3 }, ["context"] = new JsonObject { ["tenure_mont"] = 1 } },
            ]);
            await node.PredictRecordsAsync("churn", new JsonNode[] { new JsonObject { { "features", new JsonObject { { {|DSS1012:"contrat"|}, "month-to-month" } } } } });
        }
        """);

    [Fact]
    public Task Options_and_client_in_locals_assigned_once_with_a_constant_id_fire() => ServiceDocumentVerifier.VerifyAsync($$"""
        const string ChurnService = "churn-scoring";

        async Task Score(Uri url, CancellationToken cancellationToken)
        {
            var options = new DssApiNodeClientOptions { ServiceId = ChurnService };
            options.Url = url;
            using var node = new DssApiNodeClient(options);
            await DssApiNodeClientExtensions.PredictRecordAsync(node, "churn", new JsonObject { [{|DSS1012:"tenure"|}] = 10 }, cancellationToken: cancellationToken);
        }
        """);

    [Fact]
    public Task The_message_names_the_closest_listed_name() => ServiceDocumentVerifier.VerifyAsync(
        $$"""
        async Task Score()
        {
            {{Node}}
            await node.PredictRecordAsync("churn", new JsonObject { [{|#0:"montly_charges"|}] = 70.5, [{|#1:"CONTRACT"|}] = "month-to-month" });
        }
        """,
        DocumentInProject.WithClient,
        new DiagnosticResult(AnalyzerDescriptors.UnlistedFeature).WithLocation(0).WithArguments("montly_charges", "churn-scoring", "churn", "monthly_charges").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations),
        new DiagnosticResult(AnalyzerDescriptors.UnlistedFeature).WithLocation(1).WithArguments("CONTRACT", "churn-scoring", "churn", "contract").WithOptions(DiagnosticOptions.IgnoreAdditionalLocations));

    [Fact]
    public Task A_document_without_a_client_is_read_too() => ServiceDocumentVerifier.VerifyAsync($$"""
        async Task Score()
        {
            {{Node}}
            await node.PredictRecordAsync("churn", new JsonObject { [{|DSS1012:"tenure_month"|}] = 10 });
        }
        """, DocumentInProject.WithoutClient);

    [Fact]
    public Task Constant_values_of_another_json_type_fire() => ServiceDocumentVerifier.VerifyAsync(
        $$"""
        async Task Score()
        {
            {{Node}}
            await node.PredictRecordAsync("churn", new JsonObject
            {
                ["tenure_months"] = {|#0:"ten"|},
                ["contract"] = {|#1:12|},
                ["monthly_charges"] = 70,
                ["support_calls"] = null,
            });
        }
        """,
        DocumentInProject.WithClient,
        new DiagnosticResult(AnalyzerDescriptors.FeatureOfWrongKind).WithLocation(0).WithArguments("tenure_months", "churn-scoring", "churn", "number", "string"),
        new DiagnosticResult(AnalyzerDescriptors.FeatureOfWrongKind).WithLocation(1).WithArguments("contract", "churn-scoring", "churn", "string", "number"));

    [Fact]
    public Task Listed_keys_are_silent() => ServiceDocumentVerifier.VerifyAsync($$"""
        async Task Score(double charges)
        {
            {{Node}}
            await node.PredictRecordAsync("churn", new JsonObject { ["tenure_months"] = 10, ["monthly_charges"] = charges, ["support_calls"] = 1, ["contract"] = "one-year" });
        }
        """);

    [Fact]
    public Task A_service_id_not_known_at_compile_time_is_silent() => ServiceDocumentVerifier.VerifyAsync("""
        async Task Score(string serviceId, DssApiNodeClient given)
        {
            using var node = new DssApiNodeClient(new DssApiNodeClientOptions { Url = new Uri("http://127.0.0.1:11200"), ServiceId = serviceId });
            await node.PredictRecordAsync("churn", new JsonObject { ["tenure_month"] = 10 });
            await given.PredictRecordAsync("churn", new JsonObject { ["tenure_month"] = 10 });
        }
        """);

    [Fact]
    public Task A_service_id_changed_after_the_options_are_made_is_silent() => ServiceDocumentVerifier.VerifyAsync("""
        async Task Score(string other)
        {
            var options = new DssApiNodeClientOptions { Url = new Uri("http://127.0.0.1:11200"), ServiceId = "churn-scoring" };
            options.ServiceId = other;
            using var node = new DssApiNodeClient(options);
            await node.PredictRecordAsync("churn", new JsonObject { ["tenure_month"] = 10 });
        }
        """);

    [Fact]
    public Task A_node_client_local_assigned_twice_is_silent() => ServiceDocumentVerifier.VerifyAsync("""
        async Task Score(DssApiNodeClient other, bool useOther)
        {
            var node = new DssApiNodeClient(new DssApiNodeClientOptions { Url = new Uri("http://127.0.0.1:11200"), ServiceId = "churn-scoring" });
            if (useOther)
            {
                node = other;
            }

            await node.PredictRecordAsync("churn", new JsonObject { ["tenure_month"] = 10 });
        }
        """);

    [Fact]
    public Task Without_the_document_it_is_silent() => ServiceDocumentVerifier.VerifyAsync($$"""
        async Task Score()
        {
            {{Node}}
            await node.PredictRecordAsync("churn", new JsonObject { ["tenure_month"] = 10 });
        }
        """, DocumentInProject.None);

    [Fact]
    public Task Another_service_endpoint_or_verb_is_silent() => ServiceDocumentVerifier.VerifyAsync($$"""
        async Task Score(string endpointId)
        {
            using var fraud = new DssApiNodeClient(new DssApiNodeClientOptions { Url = new Uri("http://127.0.0.1:11200"), ServiceId = "fraud-scoring" });
            await fraud.PredictRecordAsync("churn", new JsonObject { ["tenure_month"] = 10 });
            {{Node}}
            await node.PredictRecordAsync("retention", new JsonObject { ["tenure_month"] = 10 });
            await node.PredictRecordAsync(endpointId, new JsonObject { ["tenure_month"] = 10 });
            await node.PredictEffectAsync("churn", new JsonObject { ["tenure_month"] = 10 });
        }
        """);

    [Fact]
    public Task Keys_not_known_at_compile_time_are_silent() => ServiceDocumentVerifier.VerifyAsync($$"""
        async Task Score(string name, JsonObject built)
        {
            {{Node}}
            await node.PredictRecordAsync("churn", new JsonObject { [name] = 10 });
            await node.PredictRecordAsync("churn", new JsonObject { { name + "_months", 1 } });
            await node.PredictRecordAsync("churn", built);
            await node.PredictRecordAsync("churn", JsonNode.Parse("{\"tenure_month\": 10}"));
        }
        """);
}
