using System.Text.Json.Nodes;

namespace DssApi.Tests.Json;

public class DssJsonNumberTests
{
    [Theory]
    [InlineData("1700000000000", 1700000000000L, 1700000000000d)]
    [InlineData("-3", -3L, -3d)]
    [InlineData("2.75", 2L, 2.75d)]
    [InlineData("1e3", 1000L, 1000d)]
    public void Numbers_read_the_same_whether_parsed_or_set_in_code(string json, long integer, double real)
    {
        var parsed = JsonNode.Parse($$"""{"n":{{json}}}""")!["n"];
        var setInCode = JsonValue.Create(real);

        Assert.Equal(integer, DssJson.AsInt64(parsed));
        Assert.Equal(real, DssJson.AsDouble(parsed));
        Assert.Equal((long)real, DssJson.AsInt64(setInCode));
        Assert.Equal(real, DssJson.AsDouble(setInCode));
    }

    [Fact]
    public void A_json_null_reads_as_no_number()
    {
        var node = JsonNode.Parse("""{"n":null}""")!["n"];

        Assert.Null(DssJson.AsInt64(node));
        Assert.Null(DssJson.AsDouble(node));
    }

    [Theory]
    [InlineData("\"12\"", "a string")]
    [InlineData("true", "a boolean")]
    [InlineData("{}", "an object")]
    public void What_is_not_a_number_is_a_protocol_error(string json, string kind)
    {
        var node = JsonNode.Parse($$"""{"n":{{json}}}""")!["n"];

        Assert.StartsWith($"The JSON at $.n holds {kind} where a number was expected", Assert.Throws<DssProtocolException>(() => DssJson.AsInt64(node)).Message);
        Assert.Throws<DssProtocolException>(() => DssJson.AsDouble(node));
    }

    [Fact]
    public void Integers_set_in_code_read_exactly()
    {
        Assert.Equal(9007199254740993L, DssJson.AsInt64(JsonValue.Create(9007199254740993L)));
        Assert.Equal(42L, DssJson.AsInt64(JsonValue.Create(42)));
    }
}
