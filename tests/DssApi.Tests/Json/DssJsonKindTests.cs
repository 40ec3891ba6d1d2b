using System.Text.Json.Nodes;

namespace DssApi.Tests.Json;

/// <summary>A typed read of a value of the wrong kind names the JSON path and both kinds, instead of
/// reading as null or empty; a missing value and a JSON null still read as null.</summary>
public class DssJsonKindTests
{
    private static readonly JsonObject Settings = JsonNode.Parse("""
        {"id":"svc","port":"8080","enabled":1,"name":{"en":"Churn"},"tags":{"a":1},"params":["x"],"endpoints":[{"id":"e1","retries":[1]}],"missing":null}
        """)!.AsObject();

    public static TheoryData<Func<object?>, string> WrongKinds => new()
    {
        { () => DssJson.AsInt64(Settings["port"]), "The JSON at $.port holds a string where a number was expected" },
        { () => DssJson.AsDouble(Settings["port"]), "The JSON at $.port holds a string where a number was expected" },
        { () => DssJson.AsBoolean(Settings["enabled"]), "The JSON at $.enabled holds a number where a boolean was expected" },
        { () => DssJson.AsString(Settings["name"]), "The JSON at $.name holds an object where a string was expected" },
        { () => new DssJsonList<string>(Settings, "tags", node => DssJson.AsString(node)!, text => JsonValue.Create(text)).Count, "The JSON at $.tags holds an object where a list was expected" },
        { () => new DssJsonMap<string>(Settings, "params", node => DssJson.AsString(node)!, text => JsonValue.Create(text)).Count, "The JSON at $.params holds a list where an object was expected" },
        { () => DssJson.AsObjectOrEmpty(Settings["id"]), "The JSON at $.id holds a string where an object was expected" },
        { () => DssJson.AsInt64(Settings["endpoints"]![0]!["retries"]), "The JSON at $.endpoints[0].retries holds a list where a number was expected" },
        { () => DssJson.GetOrAddArray(Settings, "name"), "The JSON at $.name holds an object where a list was expected" },
    };

    [Theory]
    [MemberData(nameof(WrongKinds))]
    public void A_value_of_the_wrong_kind_is_a_protocol_error_naming_its_path_and_both_kinds(Func<object?> read, string expected)
    {
        var error = Assert.Throws<DssProtocolException>(read);

        Assert.StartsWith(expected, error.Message);
        Assert.EndsWith("GetRaw() shows the JSON as DSS sent it.", error.Message);
    }

    [Fact]
    public void Missing_values_and_json_nulls_read_as_null_and_the_raw_json_is_untouched()
    {
        var before = Settings.ToJsonString();

        Assert.Null(DssJson.AsString(Settings["missing"]));
        Assert.Null(DssJson.AsInt64(Settings["absent"]));
        Assert.Null(DssJson.AsBoolean(Settings["missing"]));
        Assert.Empty(new DssJsonList<string>(Settings, "absent", node => DssJson.AsString(node)!, text => JsonValue.Create(text)));
        Assert.Equal("svc", DssJson.AsString(Settings["id"]));
        Assert.Throws<DssProtocolException>(() => DssJson.GetOrAddArray(Settings, "name"));
        Assert.Equal(before, Settings.ToJsonString());
    }
}
