using System.Collections.Generic;
using System.Linq;
using DssApi.Generator.Json;
using DssApi.Generator.Model;
using DssApi.Generator.Schema;

namespace DssApi.Generator.Emit;

/// <summary>
/// Writes records, settings, unions and union cases: typed views over the JSON object DSS sent,
/// so fields the schema does not know survive every read, edit and save.
/// </summary>
internal sealed class ObjectEmitter
{
    private readonly EmitContext _context;
    private readonly ObjectItem _item;
    private readonly ObjectDef _object;
    private readonly TypeMapper _types;
    private readonly MethodEmitter _methods;

    private ObjectEmitter(EmitContext context, ObjectItem item)
    {
        _context = context;
        _item = item;
        _object = item.Object;
        _types = new TypeMapper(context.Options.Namespace, item.References);
        _methods = new MethodEmitter(context, _types);
    }

    private CodeWriter W => _context.Writer;

    private bool IsUnion => _object.Union is not null;

    private bool IsSaved => _object.Save is not null || _item.CaseOf is { Saved: true };

    private string Name => _object.Name;

    private string? Discriminator => _object.Union?.Discriminator ?? _item.CaseOf?.Discriminator;

    public static void Emit(EmitContext context, ObjectItem item) => new ObjectEmitter(context, item).Emit();

    private void Emit()
    {
        var baseType = _item.CaseOf is { } caseOf ? _types.Qualified(caseOf.UnionName) : IsSaved ? Names.DssSettings : Names.DssJsonView;
        _context.Summary(_object.Description, $"The {MethodEmitter.Words(Name)} JSON of DSS.", _object.Since);
        SourceEmitter.GeneratedTypeAttributes(W);
        _context.Since(_object.Since);
        _context.InfraTypes(_object.InfraTypes);
        W.Open($"{_context.Accessibility} {(IsUnion ? string.Empty : "sealed ")}partial class {Name} : {baseType}");
        if (IsSaved)
        {
            EmitSavedConstructors();
        }
        else
        {
            EmitViewConstructors();
        }

        if (_object.Union is { } union)
        {
            EmitDiscriminator(union);
        }

        foreach (var field in _object.Fields.Where(f => f.Wire != Discriminator))
        {
            EmitField(field);
        }

        foreach (var mutator in _object.Mutators)
        {
            EmitMutator(mutator);
        }

        foreach (var computed in _object.Computed)
        {
            EmitComputed(computed);
        }

        if (_object.Save is { } save)
        {
            EmitSave(save);
        }

        if (!IsSaved)
        {
            EmitRedactSecrets();
        }

        W.Close();
    }

    /// <summary>Hides secret fields from <c>ToString()</c>: this object's own, then those of the objects it holds.</summary>
    private void EmitRedactSecrets()
    {
        var secrets = _object.Fields.Where(f => f.Secret).ToList();
        var holders = _object.Fields.Where(f => !f.Secret && HeldViewWithSecrets(f.Type) is not null).ToList();
        if (secrets.Count == 0 && holders.Count == 0)
        {
            return;
        }

        W.Line();
        W.Doc("summary", "Hides the secret fields from display.");
        W.Doc("param", "A copy of this object's JSON.", " name=\"json\"");
        W.Open($"protected override void RedactSecrets({Names.JsonObject} json)");
        if (_item.CaseOf is not null)
        {
            W.Line("base.RedactSecrets(json);");
        }

        foreach (var field in secrets)
        {
            W.Line($"{Names.DssJson}.Redact(json, {CodeWriter.Literal(field.Wire)});");
        }

        foreach (var field in holders)
        {
            var wire = CodeWriter.Literal(field.Wire);
            var held = _types.Qualified(HeldViewWithSecrets(field.Type)!);
            if (TypeName.IsList(field.Type, out _) || TypeName.IsMap(field.Type, out _))
            {
                var each = TypeName.IsList(field.Type, out _) ? "RedactItems" : "RedactValues";
                W.Line($"{Names.DssJson}.{each}(json, {wire}, static item => RedactSecretsOf({held}.FromJson(item)));");
            }
            else
            {
                W.Open($"if (json[{wire}] is {Names.JsonObject} held{field.Name})");
                W.Line($"RedactSecretsOf({held}.FromJson(held{field.Name}));");
                W.Close();
            }
        }

        W.Close();
    }

    /// <summary>The view type a field holds (itself, or as list items or map values) when that type has secret fields.</summary>
    private string? HeldViewWithSecrets(string type)
    {
        var held = TypeName.IsList(type, out var element) || TypeName.IsMap(type, out element) ? element : type;
        return !TypeName.IsBuiltIn(held) && _types.Info(held) is { Category: TypeCategory.View, HoldsSecrets: true } ? held : null;
    }

    private IEnumerable<string> IdentityNames => _object.Identity.Select(p => p.Name);

    private void EmitSavedConstructors()
    {
        var identityParams = string.Concat(IdentityNames.Select(n => $", string {n}"));
        if (_item.CaseOf is null)
        {
            foreach (var name in IdentityNames)
            {
                W.Line($"private readonly string _{name};");
            }

            W.Line();
        }

        W.Line($"internal {Name}({Names.DssClient} client, {Names.JsonObject} raw, {Names.ReadOnlyMemoryOfByte} loadedUtf8{identityParams})");
        if (_item.CaseOf is not null)
        {
            W.Line($"    : base(client, raw, loadedUtf8{string.Concat(IdentityNames.Select(n => ", " + n))})");
            W.Line("{");
            W.Line("}");
        }
        else
        {
            W.Line("    : base(client, raw, loadedUtf8)");
            W.Open(string.Empty);
            foreach (var name in IdentityNames)
            {
                W.Line($"_{name} = {name};");
            }

            W.Close();
        }
    }

    private void EmitViewConstructors()
    {
        if (_object.Editable && !IsUnion)
        {
            W.Doc("summary", $"Creates an empty {Name}, to fill in and add to settings.");
            var initial = _item.CaseOf is { } caseOf
                ? $"new {Names.JsonObject} {{ [{CodeWriter.Literal(caseOf.Discriminator)}] = {CodeWriter.Literal(caseOf.Wire)} }}"
                : $"new {Names.JsonObject}()";
            W.Line($"public {Name}()");
            W.Line($"    : this({initial})");
            W.Line("{");
            W.Line("}");
            W.Line();
        }

        W.Line($"internal {Name}({Names.JsonObject} raw)");
        W.Line("    : base(raw)");
        W.Line("{");
        W.Line("}");
        if (_item.CaseOf is not null)
        {
            return;
        }

        W.Line();
        W.Line($"/// <summary>Views <paramref name=\"json\"/> (not a copy) as {Name}.</summary>");
        W.Doc("param", "A JSON object DSS sent or will receive.", " name=\"json\"");
        var view = ReturnsText.Of(_object.Description, Name);
        W.Doc("returns", _object.Union is { } unionDef
            ? $"{ReturnsText.WithoutPeriod(view)}, as the case its \"{unionDef.Discriminator}\" names ({string.Join(", ", unionDef.Cases.Select(c => c.Name))}), or as {Name} itself for an unknown one."
            : view);
        if (_object.Union is { } union)
        {
            W.Open($"public static {Name} FromJson({Names.JsonObject} json)");
            W.NullCheck("json");
            _methods.ReturnUnionCase("json", union.Discriminator, union.Cases.Select(c => new CaseRef(c.Wire, c.Name, c.Description)), Name, "json");
            W.Close();
        }
        else
        {
            W.Line($"public static {Name} FromJson({Names.JsonObject} json) => new {Name}(json ?? throw new global::System.ArgumentNullException(nameof(json)));");
        }
    }

    private void EmitDiscriminator(UnionDef union)
    {
        W.Line();
        W.Doc("summary", $"The \"{union.Discriminator}\" field, which tells the cases of {Name} apart.");
        _context.Wire(union.Discriminator);
        var type = _types.PropertyType(union.DiscriminatorType, required: false, editable: false);
        W.Line($"public {type} {SchemaReader.NameFromWire(union.Discriminator)} => {_types.Read(union.DiscriminatorType, $"GetRaw()[{CodeWriter.Literal(union.Discriminator)}]")};");
    }

    private void EmitField(FieldDef field)
    {
        W.Line();
        _context.Summary(field.Description, $"The \"{field.Wire}\" field.", field.Since);
        if (field.Secret)
        {
            W.Doc("remarks", "A secret: DSS answers this encrypted; set a clear value to change it. Reading it changes nothing, and ToString() shows it as ***.");
            _context.Attribute("DssSecretField");
        }

        _context.Since(field.Since);
        _context.InfraTypes(field.InfraTypes);
        _context.Wire(field.Wire);
        var wire = CodeWriter.Literal(field.Wire);
        var node = $"GetRaw()[{wire}]";
        var type = _types.PropertyType(field.Type, field.Required, _object.Editable);
        if (TypeName.IsList(field.Type, out var element) || TypeName.IsMap(field.Type, out element))
        {
            var view = TypeName.IsList(field.Type, out _) ? Names.DssJsonList : Names.DssJsonMap;
            var read = _types.ReadElement(element, "jsonItem");
            var write = _types.Write(element, "jsonItem", element == TypeName.Json);
            W.Line($"public {type} {field.Name} => new {view}<{_types.ElementType(element)}>(GetRaw(), {wire}, static jsonItem => {read}, static jsonItem => {write});");
            return;
        }

        var getter = _types.Read(field.Type, node);
        if (field.Required && field.Type != TypeName.Json)
        {
            var isValueType = TypeName.IsScalar(field.Type) ? field.Type != TypeName.String : _types.Info(field.Type).Category == TypeCategory.Enum;
            getter = $"{Names.DssJson}.{(isValueType ? "RequiredValue" : "Required")}({getter}, {wire})";
        }

        if (!_object.Editable)
        {
            W.Line($"public {type} {field.Name} => {getter};");
            return;
        }

        _context.Attribute("DssMutates");
        W.Open($"public {type} {field.Name}");
        W.Line($"get => {getter};");
        W.Line($"set => {Names.DssJson}.Set(GetRaw(), {wire}, {_types.Write(field.Type, "value", !field.Required || field.Type == TypeName.Json)});");
        W.Close();
    }

    private void EmitMutator(MutatorDef mutator)
    {
        var parameters = MethodEmitter.Ordered(mutator.Params);
        var bindings = _methods.Bindings([], parameters);
        var returnType = "void";
        var appendedDescription = string.Empty;
        var returnsCase = false;
        FieldDef? target = null;
        if (mutator.Kind == MutatorKind.Append)
        {
            target = _object.Fields.First(f => f.Wire == mutator.Target);
            string appended;
            (appended, returnsCase, appendedDescription) = AppendedType(target, mutator.TemplateJson);
            returnType = _types.Qualified(appended);
        }
        else if (mutator.Kind == MutatorKind.Remove)
        {
            target = _object.Fields.First(f => f.Wire == mutator.Target);
            returnType = "int";
        }

        W.Line();
        _context.Summary(mutator.Description, $"Edits these settings ({MethodEmitter.Words(mutator.Name)}); call SaveAsync to send the change.", mutator.Since);
        _methods.ParamDocs(parameters, withCancellation: false);
        if (mutator.Kind == MutatorKind.Append)
        {
            W.Doc("returns", $"{ReturnsText.WithoutPeriod(appendedDescription)}, added to \"{target!.Wire}\"; it can be edited further.");
        }
        else if (mutator.Kind == MutatorKind.Remove)
        {
            W.Doc("returns", $"How many items were removed from \"{target!.Wire}\".");
        }

        _context.Since(mutator.Since);
        _context.InfraTypes(mutator.InfraTypes);
        _context.Attribute("DssMutates");
        _methods.InfraAttributes(parameters);
        W.Open($"public {returnType} {mutator.Name}({_methods.Signature(parameters, withCancellation: false)})");
        _methods.Checks(parameters);
        var templates = new TemplateEmitter(W, _types, bindings);
        switch (mutator.Kind)
        {
            case MutatorKind.Append:
                var item = templates.BuildObject(mutator.TemplateJson, "item");
                // Add(JsonNode), not the generic Add<T>, which needs reflection (trimming, Native AOT).
                W.Line($"{Names.DssJson}.GetOrAddArray(GetRaw(), {CodeWriter.Literal(target!.Wire)}).Add(({Names.JsonNode}){item});");
                W.Line(returnsCase ? $"return new {returnType}({item});" : $"return {returnType}.FromJson({item});");
                break;
            case MutatorKind.Remove:
                var pattern = templates.BuildObject(mutator.TemplateJson, "pattern");
                W.Line($"return {Names.DssJson}.RemoveMatching(GetRaw(), {CodeWriter.Literal(target!.Wire)}, {pattern});");
                break;
            default:
                foreach (var (key, value, removeWhenNull) in templates.Members(mutator.TemplateJson))
                {
                    W.Line(removeWhenNull
                        ? $"{Names.DssJson}.Set(GetRaw(), {CodeWriter.Literal(key)}, {value});"
                        : $"GetRaw()[{CodeWriter.Literal(key)}] = {value};");
                }

                break;
        }

        W.Close();
    }

    /// <summary>
    /// The schema type an append returns, and what it is in one sentence: the union case the
    /// template's discriminator names, else the list's item type.
    /// </summary>
    private (string Type, bool IsCase, string Description) AppendedType(FieldDef target, string templateJson)
    {
        TypeName.IsList(target.Type, out var element);
        var info = _types.Info(element);
        if (info.Discriminator is { } discriminator
            && JsonParser.Parse(templateJson).Root is JsonObjectSyntax template
            && template.Find(discriminator)?.Value is JsonStringSyntax wire
            && info.Cases.FirstOrDefault(c => c.Wire == wire.Value) is { } unionCase)
        {
            return (unionCase.Name, true, ReturnsText.Of(unionCase.Description, unionCase.Name));
        }

        return (element, false, ReturnsText.Of(_types, element));
    }

    private void EmitComputed(ComputedDef computed)
    {
        if (computed.Link is { } link)
        {
            EmitLink(computed, link);
            return;
        }

        W.Line();
        _context.Summary(computed.Description, $"Computes {MethodEmitter.Words(computed.Name)} from this JSON.", computed.Since);
        W.Doc("returns", computed.ReturnsDescription ?? ReturnsText.Of(_types, computed.Returns));
        _context.Since(computed.Since);
        var type = _types.PropertyType(computed.Returns, required: true, editable: false);
        W.Line($"public {type} {computed.Name}() => global::{computed.Helper}(GetRaw());");
    }

    /// <summary>Writes a member that leads to a handle, a future, or a route of the handle that read this object.</summary>
    private void EmitLink(ComputedDef computed, HandleLink link)
    {
        const string NoOrigin = "This JSON was not read from DSS through a client (it was made with FromJson).";
        var what = CodeWriter.Literal(Name);
        var origin = $"{Names.DssOrigin}.ClientOf(GetRaw(), {what})";
        W.Line();
        _context.Summary(computed.Description, $"The {MethodEmitter.Words(computed.Name)} this {MethodEmitter.Words(Name)} names.");
        switch (link.Kind)
        {
            case HandleLinkKind.Future:
                W.Doc("returns", computed.ReturnsDescription ?? ReturnsText.Future(_types, TypeName.Json));
                W.Doc("exception", NoOrigin, " cref=\"global::System.InvalidOperationException\"");
                _context.Since(computed.Since);
                W.Line($"public {Names.DssFuture}<{Names.JsonNode}?> {computed.Name}() => new {Names.DssFuture}<{Names.JsonNode}?>({origin}, {LinkValue(link.Values[0], "GetRaw()")}, static jsonItem => jsonItem);");
                return;
            case HandleLinkKind.Route:
                W.Doc("param", "Cancels the request.", " name=\"cancellationToken\"");
                W.Doc("returns", computed.ReturnsDescription ?? ReturnsText.Of(_types, computed.Returns));
                W.Doc("exception", $"This JSON was not read through a {link.Target}.", " cref=\"global::System.InvalidOperationException\"");
                _context.Since(computed.Since);
                var arguments = string.Concat(link.Values.Select(value => $"{value.Name}: {LinkValue(value, "GetRaw()")}, "));
                W.Line($"public {Names.Task}<{_types.Qualified(computed.Returns)}> {computed.Name}Async({Names.CancellationToken} cancellationToken = default) =>");
                W.Line($"    {Names.DssOrigin}.HandleOf<{_types.Qualified(link.Target)}>(GetRaw(), {what}).{link.Route}Async({arguments}cancellationToken: cancellationToken);");
                return;
        }

        var handle = _types.Qualified(link.Target);
        if (link.Each is not { } each)
        {
            W.Doc("returns", computed.ReturnsDescription ?? ReturnsText.Handle(_types, link.Target));
            W.Doc("exception", NoOrigin, " cref=\"global::System.InvalidOperationException\"");
            _context.Since(computed.Since);
            W.Line($"public {handle} {computed.Name}() => new {handle}({origin}{IdentityArguments(link, "GetRaw()")});");
            return;
        }

        foreach (var filter in link.Where)
        {
            W.Doc("param", $"Keeps only the items whose {filter.Pointer.TrimStart('/')} is this; all when null.", $" name=\"{filter.Name}\"");
        }

        W.Doc("returns", computed.ReturnsDescription ?? ReturnsText.Handles(_types, link.Target));
        W.Doc("exception", NoOrigin, " cref=\"global::System.InvalidOperationException\"");
        _context.Since(computed.Since);
        var filters = string.Join(", ", link.Where.Select(filter => $"string? {filter.Name} = null"));
        W.Open($"public global::System.Collections.Generic.IReadOnlyList<{handle}> {computed.Name}({filters})");
        W.Line($"var client = {origin};");
        W.Line($"var handles = new global::System.Collections.Generic.List<{handle}>();");
        W.Open($"if ({Names.DssJson}.Pick(GetRaw(), {CodeWriter.Literal(each)}) is {Names.JsonArray} items)");
        W.Open("foreach (var item in items)");
        foreach (var filter in link.Where)
        {
            W.Open($"if ({filter.Name} is not null && {Names.DssJson}.AsString({Names.DssJson}.Pick(item, {CodeWriter.Literal(filter.Pointer)})) != {filter.Name})");
            W.Line("continue;");
            W.Close();
            W.Line();
        }

        W.Line($"handles.Add(new {handle}(client{IdentityArguments(link, "item")}));");
        W.Close();
        W.Close();
        W.Line();
        W.Line("return handles;");
        W.Close();
    }

    private static string IdentityArguments(HandleLink link, string json) =>
        string.Concat(link.Values.Select(value => $", {value.Name}: {LinkValue(value, json)}"));

    /// <summary>The value at a link's pointer, of the type its parameter takes; required.</summary>
    private static string LinkValue(LinkValue value, string json)
    {
        var node = $"{Names.DssJson}.Pick({json}, {CodeWriter.Literal(value.Pointer)})";
        var name = CodeWriter.Literal(value.Pointer.TrimStart('/'));
        return value.Type switch
        {
            TypeName.Integer => $"{Names.DssJson}.RequiredValue({Names.DssJson}.AsInt64({node}), {name})",
            TypeName.Bool => $"{Names.DssJson}.RequiredValue({Names.DssJson}.AsBoolean({node}), {name})",
            _ => $"{Names.DssJson}.Required({Names.DssJson}.AsString({node}), {name})",
        };
    }

    private void EmitSave(RouteDef save)
    {
        var parameters = MethodEmitter.Ordered(save.Params);
        W.Line();
        _context.Summary(save.Description, "Sends these settings, with every edit, back to DSS.");
        _methods.ParamDocs(parameters, withCancellation: true);
        W.Doc("returns", $"A task that completes when DSS has stored {ReturnsText.Clause(ReturnsText.Of(_object.Description, Name))}.");
        _context.Attribute("DssSaves");
        W.Open($"public {Names.Task} SaveAsync({_methods.Signature(parameters, withCancellation: true)})");
        _methods.Checks(parameters);
        var bindings = _methods.Bindings(IdentityNames.Select(n => (n, "_" + n)), parameters);
        _methods.Request(save, bindings, withBody: false);
        W.Line("return SaveCoreAsync(dssRequest, cancellationToken);");
        W.Close();
    }
}
