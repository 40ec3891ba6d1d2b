using System.Text.Json.Nodes;

namespace DssApi.Benchmarks;

/// <summary>API service settings as DSS sends them, with a given number of endpoints of every kind.</summary>
public static class ServiceSettingsJson
{
    private static readonly string[] Types = ["STD_PREDICTION", "STD_CLUSTERING", "STD_FORECAST", "PY_FUNCTION", "SQL_QUERY", "DATASETS_LOOKUP"];

    public static byte[] Create(int endpointCount)
    {
        var endpoints = new JsonArray();
        for (var i = 0; i < endpointCount; i++)
        {
            var type = Types[i % Types.Length];
            var endpoint = new JsonObject
            {
                ["id"] = $"endpoint-{i}",
                ["type"] = type,
                ["testQueries"] = new JsonArray(new JsonObject { ["name"] = "q1", ["q"] = new JsonObject { ["features"] = new JsonObject { ["age"] = 42, ["city"] = "Paris" } } }),
            };
            switch (type)
            {
                case "STD_PREDICTION" or "STD_CLUSTERING" or "STD_FORECAST":
                    endpoint["modelRef"] = $"model_{i}";
                    endpoint["useJava"] = true;
                    endpoint["enrichMapping"] = new JsonArray();
                    endpoint["outputExplanations"] = false;
                    break;
                case "PY_FUNCTION":
                    endpoint["code"] = "def api_py_function(x):\n    return x * 2\n";
                    endpoint["userFunctionName"] = "api_py_function";
                    endpoint["envSelection"] = new JsonObject { ["envMode"] = "INHERIT" };
                    break;
                case "SQL_QUERY":
                    endpoint["connection"] = "warehouse";
                    endpoint["queries"] = new JsonArray(new JsonObject { ["query"] = "SELECT * FROM t WHERE id = ?", ["inputParameters"] = new JsonArray("id"), ["maxResults"] = 100 });
                    break;
                default:
                    endpoint["lookups"] = new JsonArray();
                    break;
            }

            endpoints.Add(endpoint);
        }

        var settings = new JsonObject
        {
            ["id"] = "churn", ["projectKey"] = "CHURN", ["name"] = "churn", ["authMethod"] = "API_KEYS", ["publicAccess"] = false,
            ["authRealm"] = new JsonObject { ["queryKeys"] = new JsonArray() },
            ["endpoints"] = endpoints,
            ["versionTag"] = new JsonObject { ["versionNumber"] = 12, ["lastModifiedBy"] = new JsonObject { ["login"] = "admin" }, ["lastModifiedOn"] = 1700000000000 },
            ["tags"] = new JsonArray("ml", "churn"),
        };
        return System.Text.Encoding.UTF8.GetBytes(settings.ToJsonString());
    }
}
