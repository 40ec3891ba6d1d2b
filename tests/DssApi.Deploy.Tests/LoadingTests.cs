using System.Text;

namespace DssApi.Deploy.Tests;

public class LoadingTests
{
    private static readonly Func<string, string?> Environment = name => name == "NODE_KEY" ? "node-secret" : null;

    private static DesiredStateException LoadFails(string text, string fileName) =>
        Assert.Throws<DesiredStateException>(() => DesiredState.Parse(Encoding.UTF8.GetBytes(text), fileName, Environment));

    [Fact]
    public void Yaml_file_binds_every_kind_of_object()
    {
        var state = DesiredState.Parse(Encoding.UTF8.GetBytes("""
            apiServices:
              - project: P
                id: churn
                authMethod: PUBLIC
                endpoints:
                  - { id: churn, type: STD_PREDICTION, modelRef: m1, useJava: false }
                package: v1
            infrastructures:
              - id: dev
                stage: Development
                type: STATIC
                settings:
                  apiNodes:
                    - url: http://node:12000
                      adminAPIKey: ${NODE_KEY}
            deployments:
              - id: churn-dev
                service: churn
                infra: dev
                traffic:
                  - { version: v1, share: 0.9 }
                  - { version: v2, share: 0.1 }
            """), "dss.yaml", Environment);

        var service = Assert.Single(state.ApiServices);
        Assert.Equal(("P", "churn", "PUBLIC", "v1", true), (service.Project, service.Id, service.AuthMethod, service.Package, service.Publish));
        Assert.Equal("""{"id":"churn","type":"STD_PREDICTION","modelRef":"m1","useJava":false}""", Assert.Single(service.Endpoints).ToJsonString());
        // The secret stays a reference: its clear text is read only into a request.
        Assert.Equal("${NODE_KEY}", Assert.Single(state.Infrastructures).Settings["apiNodes"]![0]!["adminAPIKey"]!.GetValue<string>());
        Assert.Equal([new TrafficShare("v1", 0.9), new TrafficShare("v2", 0.1)], Assert.Single(state.Deployments).Traffic);
    }

    [Fact]
    public void Unknown_field_is_located_in_yaml()
    {
        var error = Assert.Single(LoadFails("""
            deployments:
              - id: d
                service: s
                infra: i
                version: v1
                enabeld: true
            """, "dss.yaml").Errors);

        Assert.Equal(("dss.yaml", 6, 5, "deployments[0]"), (error.File, error.Line, error.Column, error.Path));
        Assert.StartsWith("unknown field 'enabeld'; expected one of id, service, infra", error.Message);
    }

    [Fact]
    public void Wrong_type_is_located_in_json()
    {
        var error = Assert.Single(LoadFails("""
            {
              "deployments": [
                { "id": "d", "service": "s", "infra": "i", "version": "v1", "enabled": "yes" }
              ]
            }
            """, "dss.json").Errors);

        Assert.Equal(("dss.json", 3, 76, "deployments[0].enabled"), (error.File, error.Line, error.Column, error.Path));
        Assert.Equal("expected true or false, found a string (yes)", error.Message);
    }

    [Fact]
    public void Unset_variable_is_located_and_its_name_given()
    {
        var exception = LoadFails("""
            infrastructures:
              - id: dev
                stage: Development
                type: STATIC
                settings:
                  apiNodes:
                    - { url: "http://node", adminAPIKey: "${MISSING_KEY}" }
            """, "dss.yaml");

        var error = Assert.Single(exception.Errors);
        Assert.Equal((7, 46, "infrastructures[0].settings.apiNodes[0].adminAPIKey"), (error.Line, error.Column, error.Path));
        Assert.Equal("environment variable MISSING_KEY is not set", error.Message);
        Assert.Equal("dss.yaml(7,46): infrastructures[0].settings.apiNodes[0].adminAPIKey: environment variable MISSING_KEY is not set", exception.Message);
    }

    [Fact]
    public void Every_error_of_a_file_is_reported_at_once()
    {
        var errors = LoadFails("""
            apiServices:
              - id: churn
                authMethod: SOMETIMES
            deployments:
              - id: d
                service: s
                infra: i
                traffic: [ { version: v1, share: 0.5 } ]
            """, "dss.yaml").Errors;

        Assert.Equal(
            [
                "dss.yaml(2,5): apiServices[0]: missing field 'project'",
                "dss.yaml(3,17): apiServices[0].authMethod: 'SOMETIMES' is not one of PUBLIC, API_KEYS, OAUTH2",
                "dss.yaml(8,14): deployments[0].traffic: the shares add up to 0.5, not 1",
            ],
            errors.Select(error => error.ToString()));
    }

    [Fact]
    public void Malformed_json_is_located()
    {
        var error = Assert.Single(LoadFails("{\n  \"apiServices\": [\n    { \"id\": }\n  ]\n}", "dss.json").Errors);

        Assert.Equal(3, error.Line);
        Assert.StartsWith("invalid JSON", error.Message);
    }
}
