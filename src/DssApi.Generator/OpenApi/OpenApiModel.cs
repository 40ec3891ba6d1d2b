using DssApi.Generator.Diagnostics;
using DssApi.Generator.Model;

namespace DssApi.Generator.OpenApi;

/// <summary>An OpenAPI document given as an additional file with <c>DssApiServiceClient</c> metadata naming its client.</summary>
internal sealed record OpenApiSource(string Path, string ClientName, string Text);

/// <summary>How a value of a record is typed in C#.</summary>
internal enum ValueKind
{
    Number,
    Integer,
    String,
    Boolean,
    DateTime,
    Enum,
    NumberMap,
    Record,
    Json,
}

/// <summary>One member of a record: its wire name, C# name and type.</summary>
/// <param name="TypeName">The generated type of an enum or a record value.</param>
/// <param name="EnumValues">The wire values of an enum.</param>
/// <param name="Record">The members of a record value.</param>
/// <param name="Required">Whether the document requires it and does not allow null.</param>
internal sealed record ValueModel(string Wire, string Name, ValueKind Kind, string? TypeName, EquatableArray<string> EnumValues, RecordModel? Record, bool Required, string? Description);

/// <summary>An object the document describes: generated as a record with one property per member.</summary>
internal sealed record RecordModel(string TypeName, EquatableArray<ValueModel> Values, string? Description);

/// <summary>How an operation's request and answer are laid out (see DssTypedQuery).</summary>
internal enum OperationShape
{
    One,
    Many,
    Parameters,
}

/// <summary>One verb of an endpoint: its C# method, the record it sends and the result it reads (null: raw JSON).</summary>
internal sealed record OperationModel(string Verb, string MethodName, OperationShape Shape, string? RecordKey, string ResultKey, RecordModel Input, RecordModel? Result);

internal sealed record EndpointModel(string Id, string PropertyName, string TypeName, EquatableArray<OperationModel> Operations);

/// <summary>What one OpenAPI document gives: the client to generate and the problems found reading it.</summary>
/// <param name="ServiceIds">The ids of the deployed service the document describes (what DSS1012 matches an untyped call's service id with).</param>
internal sealed record ServiceClientModel(string ClientName, string Title, string FileName, EquatableArray<string> ServiceIds, EquatableArray<EndpointModel> Endpoints, EquatableArray<DiagnosticInfo> Diagnostics);
