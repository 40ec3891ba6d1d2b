namespace DssApi.Generator.Model;

/// <summary>How generated code reaches a type of the schema.</summary>
internal enum TypeCategory
{
    /// <summary>An open enum: <c>FromJson(JsonNode)</c> / <c>ToJson()</c>.</summary>
    Enum,

    /// <summary>A view over a JSON object: <c>FromJson(JsonObject)</c> / <c>GetRaw()</c>.</summary>
    View,

    /// <summary>Settings saved through a route: <c>Load(client, response, identity…)</c>.</summary>
    Saved,

    /// <summary>A handle: an internal constructor taking the client and the identity.</summary>
    Handle,
}

/// <param name="Description">The case's own description in the schema.</param>
internal sealed record CaseRef(string Wire, string Name, string? Description);

/// <summary>What a generated type needs to know about a type it mentions; nothing more, so unrelated edits leave it cached.</summary>
/// <param name="HoldsSecrets">The type, one of its union cases, or an object it holds has a secret field.</param>
/// <param name="Description">The type's own description in the schema, from which docs say what a member returns.</param>
internal sealed record TypeReference(
    string Name,
    TypeCategory Category,
    bool Editable,
    EquatableArray<string> Identity,
    string? Discriminator,
    EquatableArray<CaseRef> Cases,
    bool HoldsSecrets,
    string? Description);

/// <summary>The union a case type belongs to.</summary>
internal sealed record UnionCaseOf(string UnionName, string Wire, string Discriminator, string DiscriminatorType, bool Saved);

/// <summary>One generated source file's worth of model.</summary>
internal abstract record EmitItem(string Name);

internal sealed record EnumItem(EnumDef Enum) : EmitItem(Enum.Name);

internal sealed record ObjectItem(ObjectDef Object, UnionCaseOf? CaseOf, EquatableArray<TypeReference> References) : EmitItem(Object.Name);

/// <param name="SlowRouteTimeoutSeconds">The default per-attempt timeout of the handle's slow routes; null when it has none.</param>
internal sealed record HandleItem(HandleDef Handle, EquatableArray<TypeReference> References, int? SlowRouteTimeoutSeconds) : EmitItem(Handle.Name);

/// <summary>Where the secret fields of one kind of saved settings are.</summary>
/// <param name="SettingsName">The settings type, e.g. InfraSettings.</param>
/// <param name="Paths">JSON paths from the settings object, in the grammar <see cref="SecretFieldCatalogItem"/> describes.</param>
internal sealed record SettingsSecrets(string SettingsName, EquatableArray<string> Paths);

/// <summary>
/// The catalog of secret fields per kind of saved settings, for code that compares settings without
/// reflection. A path names a field per step, joined by <c>.</c>; <c>[]</c> stands for every item of a
/// list and <c>*</c> for every value of a map; a union's settings include the fields of all its cases.
/// </summary>
internal sealed record SecretFieldCatalogItem(EquatableArray<SettingsSecrets> Settings) : EmitItem(TypeName)
{
    /// <summary>The generated type's name, reserved so that no schema type takes it.</summary>
    public const string TypeName = "DssSecretFieldPaths";
}

/// <summary>Every generated file's model, plus the schema errors.</summary>
internal sealed record ApiModel(EquatableArray<EmitItem> Items, EquatableArray<Diagnostics.DiagnosticInfo> Diagnostics);
