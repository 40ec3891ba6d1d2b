using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DssApi.Emulator.Models;
using DssApi.Emulator.Routing;

namespace DssApi.Emulator.ApiNode;

/// <summary>
/// SQL query endpoints over the emulator's one database, whose tables are the demo project's datasets, whatever
/// the endpoint's connection. It runs the queries such endpoints mostly hold, <c>SELECT * | columns FROM table
/// [WHERE column = value [AND …]]</c>, a value being <c>?</c> (the endpoint's input parameters, in their order),
/// a <c>'string'</c> or a number; an endpoint with any other query is not loaded.
/// </summary>
internal static partial class SqlQueryRunner
{
    private const string Value = @"\?|'[^']*'|-?\d+(?:\.\d+)?";

    [GeneratedRegex(@"^\s*SELECT\s+(?<columns>\*|\w+(?:\s*,\s*\w+)*)\s+FROM\s+(?<table>\w+)(?:\s+WHERE\s+(?<conditions>\w+\s*=\s*(?:" + Value +
        @")(?:\s+AND\s+\w+\s*=\s*(?:" + Value + @"))*))?\s*;?\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Select();

    [GeneratedRegex(@"(?<column>\w+)\s*=\s*(?<value>" + Value + ")", RegexOptions.CultureInvariant)]
    private static partial Regex Condition();

    /// <summary>Why the endpoint's queries cannot run here, or null when they all can.</summary>
    public static string? WhyNotServable(JsonObject endpoint, DemoProject demo)
    {
        foreach (var (query, parameters, _) in Queries(endpoint))
        {
            if (Parse(query, demo) is not { } parsed)
            {
                return $"the DSS emulator runs SQL_QUERY endpoints whose queries are SELECT … FROM <dataset> [WHERE column = ? [AND …]] " +
                    $"over the demo project's datasets, not \"{query}\"";
            }

            if (parsed.Conditions.Count(condition => condition.Value == "?") != parameters.Count)
            {
                return $"the query \"{query}\" has not one ? per input parameter ({string.Join(", ", parameters)})";
            }
        }

        return null;
    }

    /// <summary>Runs every query of the endpoint with the parameters of the request: one result per query.</summary>
    public static JsonArray Run(JsonObject endpoint, JsonObject parameters, DemoProject demo)
    {
        var results = new JsonArray();
        foreach (var (query, names, maxResults) in Queries(endpoint))
        {
            var parsed = Parse(query, demo)!;
            var bound = new Queue<string>(names.Select(name => DssJson.AsText(parameters[name])
                ?? throw DssError.IllegalArgument($"Parameter '{name}' of SQL query endpoint {endpoint.Text("id")} is missing or not a single value")));
            var filters = parsed.Conditions
                .Select(condition => (Index: parsed.Table.Columns.ToList().IndexOf(condition.Column),
                    Value: condition.Value == "?" ? bound.Dequeue() : condition.Value.Trim('\'')))
                .ToArray();
            var columns = parsed.Columns.Select(column => parsed.Table.Columns.ToList().IndexOf(column)).ToArray();
            var rows = parsed.Table.Rows
                .Where(row => filters.All(filter => DssJson.AsText(row[filter.Index]) == filter.Value))
                .Take(maxResults)
                .Select(row => (JsonNode)new JsonArray(columns.Select(index => row[index]?.DeepClone()).ToArray()));
            // Typed as JsonNode so Add takes the node itself, not the generic overload that wraps values by reflection.
            JsonNode result = new JsonObject
            {
                ["columns"] = new JsonArray(columns.Select(index => (JsonNode)new JsonObject
                {
                    ["name"] = parsed.Table.Columns[index],
                    ["type"] = ColumnType(parsed.Table, index),
                }).ToArray()),
                ["rows"] = new JsonArray(rows.ToArray()),
            };
            results.Add(result);
        }

        return results;
    }

    /// <summary>Each query of the endpoint with its input parameters and its row limit.</summary>
    private static IEnumerable<(string Query, IReadOnlyList<string> Parameters, int MaxResults)> Queries(JsonObject endpoint) =>
        (endpoint["queries"] as JsonArray ?? []).OfType<JsonObject>().Select(query => (query.Text("query"),
            (IReadOnlyList<string>)(query["inputParameters"] as JsonArray ?? []).Select(name => name!.GetValue<string>()).ToList(),
            DssJson.AsNumber(query["maxResults"]) is double limit and >= 1 ? (int)Math.Min(limit, int.MaxValue) : int.MaxValue));

    /// <summary>The query, when it is one this emulator runs over a table and columns that exist.</summary>
    private static ParsedQuery? Parse(string query, DemoProject demo)
    {
        var match = Select().Match(query);
        if (!match.Success || !demo.Datasets.TryGetValue(match.Groups["table"].Value, out var table))
        {
            return null;
        }

        var columns = match.Groups["columns"].Value.Trim() == "*"
            ? table.Columns.ToList()
            : match.Groups["columns"].Value.Split(',').Select(column => column.Trim()).ToList();
        var conditions = Condition().Matches(match.Groups["conditions"].Value)
            .Select(condition => (Column: condition.Groups["column"].Value, Value: condition.Groups["value"].Value))
            .ToList();
        return columns.Concat(conditions.Select(condition => condition.Column)).All(table.Columns.Contains)
            ? new ParsedQuery(table, columns, conditions)
            : null;
    }

    /// <summary>A column is a bigint when every value in it is a whole number, a double when every one is a number, else a string.</summary>
    private static string ColumnType(DatasetTable table, int index) =>
        table.Rows.All(row => row[index]?.GetValueKind() == JsonValueKind.Number)
            ? table.Rows.All(row => row[index]!.GetValue<double>() % 1 == 0) ? "bigint" : "double"
            : "string";

    private sealed record ParsedQuery(DatasetTable Table, IReadOnlyList<string> Columns, IReadOnlyList<(string Column, string Value)> Conditions);
}
