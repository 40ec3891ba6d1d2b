using System.Collections.Generic;
using System.Linq;
using DssApi.Generator.Model;
using DssApi.Generator.Schema;

namespace DssApi.Generator.Emit;

/// <summary>
/// Writes a handle (one async method per route, factories to other handles; constructed only by
/// factories) or, for a runtime client, a static class of extension methods.
/// </summary>
internal sealed class HandleEmitter
{
    private readonly EmitContext _context;
    private readonly HandleDef _handle;
    private readonly TypeMapper _types;
    private readonly MethodEmitter _methods;
    private readonly string _client;
    private readonly string? _receiver;

    private HandleEmitter(EmitContext context, HandleItem item)
    {
        _context = context;
        _handle = item.Handle;
        _types = new TypeMapper(context.Options.Namespace, item.References);
        _methods = new MethodEmitter(context, _types);
        _client = _handle.IsClient ? "client" : "_client";
        _receiver = _handle.IsClient ? $"this global::DssApi.{_handle.Name} client" : null;
    }

    private CodeWriter W => _context.Writer;

    private string Static => _handle.IsClient ? "static " : string.Empty;

    public static void Emit(EmitContext context, HandleItem item) => new HandleEmitter(context, item).Emit();

    private void Emit()
    {
        if (_handle.IsClient)
        {
            _context.Summary(_handle.Description, $"The DSS API reached from a {_handle.Name}.");
            W.Line(SourceEmitter.GeneratedCodeAttribute);
            W.Open($"{_context.Accessibility} static partial class {_handle.Name}Extensions");
        }
        else
        {
            _context.Summary(_handle.Description, $"A handle on a DSS {MethodEmitter.Words(_handle.Name)}.");
            W.Line(SourceEmitter.GeneratedCodeAttribute);
            W.Open($"{_context.Accessibility} sealed partial class {_handle.Name}");
            EmitConstructor();
        }

        var first = _handle.IsClient;
        foreach (var factory in _handle.Factories)
        {
            if (!first)
            {
                W.Line();
            }

            first = false;
            EmitFactory(factory);
        }

        foreach (var route in _handle.Routes)
        {
            if (!first)
            {
                W.Line();
            }

            first = false;
            EmitRoute(route);
        }

        W.Close();
    }

    private string IdentityProperty(string name) => SchemaReader.NameFromWire(name);

    private void EmitConstructor()
    {
        W.Line($"private readonly {Names.DssClient} _client;");
        W.Line();
        var parameters = string.Concat(_handle.Identity.Select(p => $", string {p.Name}"));
        W.Open($"internal {_handle.Name}({Names.DssClient} client{parameters})");
        W.Line("_client = client ?? throw new global::System.ArgumentNullException(nameof(client));");
        foreach (var identity in _handle.Identity)
        {
            W.Line($"{IdentityProperty(identity.Name)} = {identity.Name} ?? throw new global::System.ArgumentNullException(nameof({identity.Name}));");
        }

        W.Close();
        foreach (var identity in _handle.Identity)
        {
            W.Line();
            _context.Summary(identity.Description, $"The {MethodEmitter.Words(identity.Name)}.");
            W.Line($"public string {IdentityProperty(identity.Name)} {{ get; }}");
        }

        W.Line();
        W.Line("/// <inheritdoc/>");
        var values = string.Join(", ", _handle.Identity.Select(p => "{" + IdentityProperty(p.Name) + "}"));
        W.Line($"public override string ToString() => $\"{_handle.Name}({values})\";");
    }

    private IEnumerable<(string Name, string Expression)> IdentityBindings =>
        _handle.IsClient ? [] : _handle.Identity.Select(p => (p.Name, IdentityProperty(p.Name)));

    private void EmitFactory(FactoryDef factory)
    {
        var parameters = MethodEmitter.Ordered(factory.Params);
        var bindings = _methods.Bindings(IdentityBindings, parameters);
        string type;
        string creation;
        if (factory.IsFuture)
        {
            type = FutureType(factory.Target);
            creation = $"new {type}({_client}, {parameters[0].Name}, {FutureReader(factory.Target)})";
        }
        else
        {
            type = _types.Qualified(factory.Target);
            creation = NewHandle(factory.Target, bindings);
        }

        _context.Summary(factory.Description, $"A handle on the {MethodEmitter.Words(factory.Target)}; nothing is sent to DSS.");
        _methods.ParamDocs(parameters, withCancellation: false, _handle.IsClient ? "The client." : null);
        W.Doc("returns", factory.IsFuture ? "The future, to wait for or abort." : "The handle.");
        _context.Since(factory.Since);
        W.Line($"public {Static}{type} {factory.Name}({_methods.Signature(parameters, withCancellation: false, _receiver)}) => {creation};");
    }

    /// <summary>How a future learns its job's outcome from DSS's record of it when the result is lost.</summary>
    private string Recovery(RecoverDef? recover, Dictionary<string, Binding> bindings) => recover is null ? string.Empty
        : $", recoverCancellation => global::DssApi.DssJobHistory.ReadOutcomeAsync({_client}, {_methods.NewRequest("GET", recover.Path, bindings)}, "
            + $"{CodeWriter.Literal(recover.StatusMember)}, {CodeWriter.Literal(recover.Succeeded)}, {CodeWriter.Literal(recover.Failed)}, recoverCancellation)";

    private string FutureType(string resultType) =>
        $"{Names.DssFuture}<{(resultType == TypeName.Json ? Names.JsonNode : _types.Qualified(resultType))}?>";

    private string FutureReader(string resultType) =>
        resultType == TypeName.Json ? "static jsonItem => jsonItem" : $"static jsonItem => {_types.Read(resultType, "jsonItem")}";

    private void EmitRoute(RouteDef route)
    {
        var parameters = MethodEmitter.Ordered(route.Params);
        var bindings = _methods.Bindings(IdentityBindings, parameters);
        var (resultType, returnsDoc) = route.Returns switch
        {
            ReturnKind.Empty => (null, "A task that completes when DSS has answered."),
            ReturnKind.Download => (null, "A task that completes when the file is written whole."),
            ReturnKind.Text => ("string", "The response text."),
            ReturnKind.Stream => (Names.Stream, "The response body, read as it arrives; the caller must dispose it."),
            ReturnKind.Json => (Names.JsonNode + "?", "The response JSON."),
            ReturnKind.List => ($"global::System.Collections.Generic.IReadOnlyList<{_types.ElementType(route.ReturnType!)}>", "The items DSS listed."),
            ReturnKind.Future => (FutureType(route.ReturnType!), "The future of the job DSS started, to wait for or abort."),
            ReturnKind.Handle => (_types.Qualified(route.ReturnType!), "A handle on what was created."),
            _ => (_types.Qualified(route.ReturnType!), "What DSS answered."),
        };
        var taskType = resultType is null ? Names.Task : $"{Names.Task}<{resultType}>";

        _context.Summary(route.Description, $"Calls {route.Method} {route.Path}.");
        _methods.ParamDocs(parameters, withCancellation: true, _handle.IsClient ? "The client." : null);
        W.Doc("returns", returnsDoc);
        if (route.Once is { } documentedOnce)
        {
            W.Doc("remarks", documentedOnce.ExistsPath is null
                ? "Never repeated: after a failure that leaves the outcome unclear, a DssOutcomeUnknownException says what to check."
                : "Never sent twice: after a failure that leaves the outcome unclear, DSS is asked whether it took effect, and the request is sent again only if it did not.");
        }

        _context.Since(route.Since);
        _context.InfraTypes(route.InfraTypes);
        if (route.Returns == ReturnKind.Future)
        {
            _context.Attribute("DssReturnsFuture");
        }

        if (route.Returns == ReturnKind.Stream)
        {
            _context.Attribute("DssStreamOwned");
        }

        foreach (var effect in route.Effects)
        {
            _context.Attribute(effect == "createsDeployment" ? "DssCreatesDeployment" : "DssStartsDeployment");
        }

        _methods.InfraAttributes(parameters);
        W.Open($"public {Static}async {taskType} {route.Name}Async({_methods.Signature(parameters, withCancellation: true, _receiver)})");
        if (_handle.IsClient)
        {
            W.NullCheck("client");
        }

        _methods.Checks(parameters);
        if (route.Combine.Count > 0)
        {
            EmitCombination(route);
            W.Close();
            return;
        }

        var pipeline = $"{_client}.Pipeline";
        const string Await = ".ConfigureAwait(false)";
        if (route.Once is { } once && route.Returns is ReturnKind.Empty or ReturnKind.Handle)
        {
            EmitSentOnce(route, bindings);
            var checkBindings = CheckBindings(once, bindings);
            W.Line($"await {pipeline}.SendOnceAsync(CreateDssRequest, {TookEffect(once, checkBindings)}, {Check(once, checkBindings)}, cancellationToken){Await};");
            if (route.Returns == ReturnKind.Handle)
            {
                W.Line($"return {NewHandle(route.ReturnType!, bindings)};");
            }

            W.Close();
            return;
        }

        _methods.Request(route, bindings, withBody: true);
        switch (route.Returns)
        {
            case ReturnKind.Empty:
                W.Line($"await {pipeline}.SendAsync(dssRequest, cancellationToken){Await};");
                break;
            case ReturnKind.Download:
                W.Line($"await {pipeline}.DownloadToFileAsync(dssRequest, {route.DownloadParam}, cancellationToken){Await};");
                break;
            case ReturnKind.Text:
                W.Line($"return await {pipeline}.SendForTextAsync(dssRequest, cancellationToken){Await};");
                break;
            case ReturnKind.Stream:
                W.Line($"return await {pipeline}.SendForStreamAsync(dssRequest, cancellationToken){Await};");
                break;
            case ReturnKind.Handle:
                W.Line($"await {pipeline}.SendAsync(dssRequest, cancellationToken){Await};");
                W.Line($"return {NewHandle(route.ReturnType!, bindings)};");
                break;
            default:
                var send = route.Once is { } sentOnce
                    ? $"SendOnceForJsonAsync(dssRequest, {Check(sentOnce, CheckBindings(sentOnce, bindings))}, cancellationToken)"
                    : "SendForJsonAsync(dssRequest, cancellationToken)";
                W.Line($"var dssResponse = await {pipeline}.{send}{Await};");
                W.Line($"return {ReadResponse(route, bindings)};");
                break;
        }

        W.Close();
    }

    private string NewHandle(string handle, Dictionary<string, Binding> bindings)
    {
        var identity = _types.Info(handle).Identity.Select(name => ", " + bindings[name].Expression);
        return $"new {_types.Qualified(handle)}({_client}{string.Concat(identity)})";
    }

    /// <summary>A request that must not take effect twice is built by a local function, once per attempt.</summary>
    private void EmitSentOnce(RouteDef route, Dictionary<string, Binding> bindings)
    {
        W.Open($"{Names.DssRequest} CreateDssRequest()");
        _methods.Request(route, bindings, withBody: true);
        W.Line("return dssRequest;");
        W.Close();
        W.Line();
    }

    /// <summary>How DSS is asked whether the request took effect; null when it cannot be.</summary>
    private string TookEffect(OnceDef once, Dictionary<string, Binding> checkBindings)
    {
        if (once.ExistsPath is not { } path)
        {
            return "null";
        }

        var read = _methods.NewRequest("GET", path, checkBindings);
        var pipeline = $"{_client}.Pipeline";
        if (once.ListsId is not { } listed)
        {
            return $"checkCancellation => {pipeline}.ExistsAsync({read}, checkCancellation)";
        }

        var member = once.ListMember is { } name ? CodeWriter.Literal(name) : "null";
        var id = new TemplateEmitter(W, _types, checkBindings).Interpolate(listed);
        return $"checkCancellation => {pipeline}.ListsAsync({read}, {member}, {id}, checkCancellation)";
    }

    /// <summary>What a person checks when the outcome stays unknown.</summary>
    private string Check(OnceDef once, Dictionary<string, Binding> checkBindings) =>
        new TemplateEmitter(W, _types, checkBindings).Interpolate(once.Check);

    /// <summary>The bindings of the checks: a left-out parameter stands for its fallback.</summary>
    private static Dictionary<string, Binding> CheckBindings(OnceDef once, Dictionary<string, Binding> bindings)
    {
        var checkBindings = new Dictionary<string, Binding>(bindings, System.StringComparer.Ordinal);
        foreach (var fallback in once.Fallbacks)
        {
            checkBindings[fallback.Param] = new Binding($"({bindings[fallback.Param].Expression} ?? {bindings[fallback.Replacement].Expression})", TypeName.String, false);
        }

        return checkBindings;
    }

    /// <summary>Calls the combined routes in order and puts each result under its name.</summary>
    private void EmitCombination(RouteDef route)
    {
        var receiver = _handle.IsClient ? "client." : string.Empty;
        W.Line($"var combined = new {Names.JsonObject}();");
        foreach (var part in route.Combine)
        {
            W.Line($"combined[{CodeWriter.Literal(part.Key)}] = {Names.DssJson}.Adopt((await {receiver}{part.Route}Async(cancellationToken: cancellationToken).ConfigureAwait(false)).GetRaw());");
        }

        W.Line($"return {_types.Qualified(route.ReturnType!)}.FromJson(combined);");
    }

    private string ReadResponse(RouteDef route, Dictionary<string, Binding> bindings)
    {
        switch (route.Returns)
        {
            case ReturnKind.Json:
                return route.Pick is { } jsonPick ? $"{Names.DssJson}.PickObject(dssResponse.Node, {CodeWriter.Literal(jsonPick)})" : "dssResponse.Node";
            case ReturnKind.List:
                return $"{Names.DssJson}.ReadList(dssResponse.RequireArray(), static jsonItem => {_types.ReadElement(route.ReturnType!, "jsonItem")})";
            case ReturnKind.Future:
                return $"new {FutureType(route.ReturnType!)}({_client}, dssResponse.RequireObject(), {FutureReader(route.ReturnType!)}{Recovery(route.Recover, bindings)})";
        }

        var type = _types.Qualified(route.ReturnType!);
        var info = _types.Info(route.ReturnType!);
        if (info.Category == TypeCategory.Saved)
        {
            var identity = info.Identity.Select(name => ", " + bindings[name].Expression);
            return $"{type}.Load({_client}, dssResponse{string.Concat(identity)})";
        }

        var source = route.Pick is { } pick ? $"{Names.DssJson}.PickObject(dssResponse.Node, {CodeWriter.Literal(pick)})" : "dssResponse.RequireObject()";
        return $"{type}.FromJson({source})";
    }
}
