using DssApi.Generator.Model;
using DssApi.Generator.Schema;
using DssApi.Generator.Tests.Support;

namespace DssApi.Generator.Tests;

/// <summary>Fields DSS answers encrypted: the schema marks them, and the generated client keeps them safe.</summary>
public sealed class SecretFieldTests
{
    private static readonly SchemaDocument DssSchema = SchemaReader.Read("/schemas/dss-api.json", isDefault: true, GeneratorHarness.DssSchemaText, CancellationToken.None);

    [Theory]
    [InlineData("ApiNode", "adminAPIKey")]
    [InlineData("ApiNodeLogging", "eventServerAuthKey")]
    public void The_dss_schema_marks_the_credentials_of_infrastructures_secret(string type, string wire) =>
        Assert.True(Field(type, wire).Secret, $"{type}.{wire} is a credential");

    [Fact]
    public void Fields_without_the_flag_are_not_secret() => Assert.False(Field("ApiNode", "url").Secret);

    [Fact]
    public void The_dss_schema_reads_without_errors() => Assert.Empty(DssSchema.Diagnostics);

    private static FieldDef Field(string type, string wire) =>
        DssSchema.Objects.Single(o => o.Name == type).Fields.Single(f => f.Wire == wire);
}
