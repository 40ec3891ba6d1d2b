using DssApi.Generator.Analyzers;
using DssApi.Generator.OpenApi;

namespace DssApi.Analyzers.Tests.Rules;

/// <summary>What DSS1012 reads besides the C# code: the closest listed name, and the service a document describes.</summary>
public sealed class FeatureNamesTests
{
    private static readonly string[] Listed = ["tenure_months", "monthly_charges", "support_calls", "contract"];

    [Theory]
    [InlineData("TENURE_MONTHS", "tenure_months")]
    [InlineData("tenure_month", "tenure_months")]
    [InlineData("monthlycharges", "monthly_charges")]
    [InlineData("contrat", "contract")]
    [InlineData("Support-Calls", "support_calls")]
    public void The_closest_name_is_the_same_name_in_another_case_else_the_fewest_edits_away(string written, string closest) =>
        Assert.Equal(closest, FeatureNames.Closest(written, Listed));

    [Fact]
    public void A_name_in_another_case_wins_over_one_fewer_edits_away() =>
        Assert.Equal("Tenure", FeatureNames.Closest("tenure", ["tenures", "Tenure"]));

    [Fact]
    public void On_a_tie_the_first_listed_name_wins_and_with_none_listed_there_is_none()
    {
        Assert.Equal("abc", FeatureNames.Closest("abd", ["abc", "abe"]));
        Assert.Null(FeatureNames.Closest("abd", []));
    }

    [Theory]
    [InlineData("""{ "url": "/public/api/v1/churn-scoring" }""", "churn-scoring")]
    [InlineData("""{ "url": "https://node.example.com:12000/public/api/v1/churn%20scoring/" }""", "churn scoring")]
    public void A_document_describes_the_service_its_server_url_names(string server, string serviceId)
    {
        var document = $$"""{ "openapi": "3.0.3", "info": { "title": "Churn" }, "servers": [{{server}}], "paths": {} }""";
        Assert.Equal([serviceId], Read(document).ServiceIds.ToArray());
    }

    [Fact]
    public void Without_a_server_url_that_names_one_a_document_describes_the_service_of_its_title()
    {
        Assert.Equal(["churn-scoring"], Read("""{ "openapi": "3.0.3", "info": { "title": "churn-scoring" }, "servers": [{ "url": "/other" }], "paths": {} }""").ServiceIds.ToArray());
        Assert.Empty(Read("""{ "openapi": "3.0.3", "paths": {} }""").ServiceIds);
        Assert.Empty(Read("not JSON").ServiceIds);
    }

    private static ServiceClientModel Read(string document) =>
        OpenApiReader.Read(new OpenApiSource("/0/churn.openapi.json", "Churn", document), CancellationToken.None);
}
