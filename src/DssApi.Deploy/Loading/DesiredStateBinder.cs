using System.Text.Json.Nodes;

namespace DssApi.Deploy.Loading;

/// <summary>
/// Turns the nodes of a desired-state file into a <see cref="DesiredState"/>, collecting every error (unknown field,
/// wrong type, missing field, unset variable …) with its location instead of stopping at the first.
/// </summary>
internal sealed class DesiredStateBinder
{
    private static readonly string[] AuthMethods = ["PUBLIC", "API_KEYS", "OAUTH2"];
    private static readonly string[] InfraTypes = ["STATIC", "K8S", "AZURE_ML", "SAGEMAKER", "SNOWPARK", "VERTEX_AI", "DATABRICKS"];
    private static readonly string[] Strategies = ["RANDOM", "HASH_BASED"];

    private readonly string _file;
    private readonly Func<string, string?> _environment;
    private readonly List<DesiredStateError> _errors = [];

    private DesiredStateBinder(string file, Func<string, string?> environment)
    {
        _file = file;
        _environment = environment;
    }

    public static DesiredState Bind(string file, SourceNode root, Func<string, string?> environment)
    {
        var binder = new DesiredStateBinder(file, environment);
        var state = binder.BindState(root);
        return binder._errors.Count == 0 ? state : throw new DesiredStateException(binder._errors);
    }

    private DesiredState BindState(SourceNode root)
    {
        var fields = Fields(root, "", "$schema", "apiServices", "infrastructures", "publishedServices", "deployments");
        var state = new DesiredState
        {
            ApiServices = List(fields, "apiServices", "", BindApiService),
            Infrastructures = List(fields, "infrastructures", "", BindInfrastructure),
            PublishedServices = List(fields, "publishedServices", "", BindPublishedService),
            Deployments = List(fields, "deployments", "", BindDeployment),
            Environment = _environment,
        };
        String(fields, "$schema", "");
        return state;
    }

    private DesiredApiService? BindApiService(SourceNode node, string path)
    {
        var fields = Fields(node, path, "project", "id", "authMethod", "endpoints", "package", "publish", "publishedServiceId");
        var project = RequiredString(node, fields, "project", path);
        var id = RequiredString(node, fields, "id", path);
        var service = new DesiredApiService
        {
            Project = project ?? "",
            Id = id ?? "",
            AuthMethod = OneOf(fields, "authMethod", path, AuthMethods),
            Endpoints = List(fields, "endpoints", path, BindEndpoint),
            Package = String(fields, "package", path),
            Publish = Boolean(fields, "publish", path) ?? true,
            PublishedServiceId = String(fields, "publishedServiceId", path),
        };
        return project is null || id is null ? null : service;
    }

    private JsonObject? BindEndpoint(SourceNode node, string path)
    {
        var settings = Settings(node, path);
        if (settings is null)
        {
            return null;
        }

        var fields = (SourceMap)node;
        var id = RequiredString(node, Fields(fields), "id", path);
        var type = RequiredString(node, Fields(fields), "type", path);
        return id is null || type is null ? null : settings;
    }

    private DesiredInfrastructure? BindInfrastructure(SourceNode node, string path)
    {
        var fields = Fields(node, path, "id", "stage", "type", "settings");
        var id = RequiredString(node, fields, "id", path);
        var stage = RequiredString(node, fields, "stage", path);
        var type = fields.TryGetValue("type", out _) ? OneOf(fields, "type", path, InfraTypes) : RequiredString(node, fields, "type", path);
        var settings = fields.TryGetValue("settings", out var settingsNode) ? Settings(settingsNode.Value, Join(path, "settings")) : new JsonObject();
        return id is null || stage is null || type is null || settings is null
            ? null
            : new DesiredInfrastructure { Id = id, Stage = stage, Type = type, Settings = settings };
    }

    private DesiredPublishedService? BindPublishedService(SourceNode node, string path)
    {
        var fields = Fields(node, path, "id", "settings");
        var id = RequiredString(node, fields, "id", path);
        var settings = fields.TryGetValue("settings", out var settingsNode) ? Settings(settingsNode.Value, Join(path, "settings")) : new JsonObject();
        return id is null || settings is null ? null : new DesiredPublishedService { Id = id, Settings = settings };
    }

    private DesiredDeployment? BindDeployment(SourceNode node, string path)
    {
        var fields = Fields(node, path, "id", "service", "infra", "version", "traffic", "strategy", "enabled");
        var id = RequiredString(node, fields, "id", path);
        var service = RequiredString(node, fields, "service", path);
        var infra = RequiredString(node, fields, "infra", path);
        var version = String(fields, "version", path);
        var traffic = List(fields, "traffic", path, BindTrafficShare);
        IReadOnlyList<TrafficShare>? served = null;
        if (version is not null && fields.ContainsKey("traffic"))
        {
            Error(fields["traffic"].KeyPosition, path, "give either 'version' or 'traffic', not both");
        }
        else if (version is not null)
        {
            served = [new TrafficShare(version, 1)];
        }
        else if (!fields.ContainsKey("traffic"))
        {
            Error(node.Position, path, "missing field 'version' (or 'traffic')");
        }
        else if (traffic.Count == 0)
        {
            Error(fields["traffic"].Value.Position, Join(path, "traffic"), "the traffic is split between no version");
        }
        else if (Math.Abs(traffic.Sum(share => share.Share) - 1) > 1e-9)
        {
            Error(fields["traffic"].Value.Position, Join(path, "traffic"), $"the shares add up to {traffic.Sum(share => share.Share)}, not 1");
        }
        else
        {
            served = traffic;
        }

        var deployment = new DesiredDeployment
        {
            Id = id ?? "",
            Service = service ?? "",
            Infra = infra ?? "",
            Traffic = served ?? [],
            Strategy = OneOf(fields, "strategy", path, Strategies) ?? "RANDOM",
            Enabled = Boolean(fields, "enabled", path) ?? true,
        };
        return id is null || service is null || infra is null || served is null ? null : deployment;
    }

    private TrafficShare? BindTrafficShare(SourceNode node, string path)
    {
        var fields = Fields(node, path, "version", "share");
        var version = RequiredString(node, fields, "version", path);
        double? share = null;
        if (!fields.TryGetValue("share", out var shareEntry))
        {
            Error(node.Position, path, "missing field 'share'");
        }
        else if (shareEntry.Value is SourceScalar { Kind: ScalarKind.Number } number && double.Parse(number.Text, System.Globalization.CultureInfo.InvariantCulture) is >= 0 and <= 1 and var value)
        {
            share = value;
        }
        else
        {
            Error(shareEntry.Value.Position, Join(path, "share"), $"expected a number from 0 to 1, found {Describe(shareEntry.Value)}");
        }

        return version is null || share is null ? null : new TrafficShare(version, share.Value);
    }

    /// <summary>Free-form DSS settings: any JSON object, whose strings may refer to variables that must be set.</summary>
    private JsonObject? Settings(SourceNode node, string path)
    {
        if (node is not SourceMap)
        {
            Error(node.Position, path, $"expected an object, found {Describe(node)}");
            return null;
        }

        var errorsBefore = _errors.Count;
        CheckReferences(node, path);
        return _errors.Count == errorsBefore ? (JsonObject)node.ToJson()! : null;
    }

    private void CheckReferences(SourceNode node, string path)
    {
        switch (node)
        {
            case SourceMap map:
                foreach (var entry in map.Entries)
                {
                    CheckReferences(entry.Value, Join(path, entry.Key));
                }

                break;
            case SourceList list:
                for (var i = 0; i < list.Items.Count; i++)
                {
                    CheckReferences(list.Items[i], $"{path}[{i}]");
                }

                break;
            case SourceScalar { Kind: ScalarKind.String } text:
                foreach (var problem in SecretReferences.Problems(text.Text, _environment))
                {
                    Error(text.Position, path, problem);
                }

                break;
        }
    }

    private Dictionary<string, SourceMapEntry> Fields(SourceNode node, string path, params string[] known)
    {
        if (node is not SourceMap map)
        {
            Error(node.Position, path, $"expected an object, found {Describe(node)}");
            return [];
        }

        foreach (var entry in map.Entries.Where(entry => !known.Contains(entry.Key)))
        {
            Error(entry.KeyPosition, path, $"unknown field '{entry.Key}'; expected one of {string.Join(", ", known.Where(name => name != "$schema"))}");
        }

        return map.Entries.Where(entry => known.Contains(entry.Key)).ToDictionary(entry => entry.Key);
    }

    private static Dictionary<string, SourceMapEntry> Fields(SourceMap map) => map.Entries.ToDictionary(entry => entry.Key);

    private List<T> List<T>(Dictionary<string, SourceMapEntry> fields, string name, string path, Func<SourceNode, string, T?> bind)
        where T : class
    {
        if (!fields.TryGetValue(name, out var entry) || entry.Value is SourceScalar { Kind: ScalarKind.Null })
        {
            return [];
        }

        if (entry.Value is not SourceList list)
        {
            Error(entry.Value.Position, Join(path, name), $"expected a list, found {Describe(entry.Value)}");
            return [];
        }

        var items = new List<T>();
        for (var i = 0; i < list.Items.Count; i++)
        {
            if (bind(list.Items[i], $"{Join(path, name)}[{i}]") is { } item)
            {
                items.Add(item);
            }
        }

        if (typeof(T) != typeof(TrafficShare))
        {
            ReportDuplicateIds(list, Join(path, name));
        }

        return items;
    }

    private void ReportDuplicateIds(SourceList list, string path)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Items.Count; i++)
        {
            if (list.Items[i] is SourceMap map && map.Entries.FirstOrDefault(entry => entry.Key == "id")?.Value is SourceScalar { Kind: ScalarKind.String } id
                && !seen.Add(id.Text))
            {
                Error(id.Position, $"{path}[{i}].id", $"duplicate id '{id.Text}'");
            }
        }
    }

    private string? RequiredString(SourceNode node, Dictionary<string, SourceMapEntry> fields, string name, string path)
    {
        if (node is not SourceMap)
        {
            return null;
        }

        if (!fields.ContainsKey(name))
        {
            Error(node.Position, path, $"missing field '{name}'");
            return null;
        }

        return String(fields, name, path) is { Length: > 0 } text ? text : null;
    }

    private string? String(Dictionary<string, SourceMapEntry> fields, string name, string path)
    {
        if (!fields.TryGetValue(name, out var entry))
        {
            return null;
        }

        if (entry.Value is SourceScalar { Kind: ScalarKind.String, Text.Length: > 0 } text)
        {
            return text.Text;
        }

        Error(entry.Value.Position, Join(path, name), $"expected a non-empty string, found {Describe(entry.Value)}");
        return null;
    }

    private string? OneOf(Dictionary<string, SourceMapEntry> fields, string name, string path, string[] allowed)
    {
        var text = String(fields, name, path);
        if (text is null || allowed.Contains(text))
        {
            return text;
        }

        Error(fields[name].Value.Position, Join(path, name), $"'{text}' is not one of {string.Join(", ", allowed)}");
        return null;
    }

    private bool? Boolean(Dictionary<string, SourceMapEntry> fields, string name, string path)
    {
        if (!fields.TryGetValue(name, out var entry))
        {
            return null;
        }

        if (entry.Value is SourceScalar { Kind: ScalarKind.Boolean } flag)
        {
            return flag.Text == "true";
        }

        Error(entry.Value.Position, Join(path, name), $"expected true or false, found {Describe(entry.Value)}");
        return null;
    }

    private static string Describe(SourceNode node) =>
        node is SourceScalar { Kind: ScalarKind.String or ScalarKind.Number } scalar && scalar.Text.Length <= 40 && !SecretReferences.HasReference(scalar.Text)
            ? $"{scalar.Describe()} ({scalar.Text})"
            : node.Describe();

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private void Error(SourcePosition position, string path, string message) =>
        _errors.Add(new DesiredStateError(_file, position.Line, position.Column, path, message));
}
