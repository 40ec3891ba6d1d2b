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
    private readonly int? _slowRouteTimeoutSeconds;

    private HandleEmitter(EmitContext context, HandleItem item)
    {
        _context = context;
        _handle = item.Handle;
        _types = new TypeMapper(context.Options.Namespace, item.References);
        _methods = new MethodEmitter(context, _types);
        _client = _handle.IsClient ? "client" : "_client";
        _receiver = _handle.IsClient ? $"this global::DssApi.{_handle.Name} client" : null;
        _slowRouteTimeoutSeconds = item.SlowRouteTimeoutSeconds;
    }

    private CodeWriter W => _context.Writer;

    private string Static => _handle.IsClient ? "static " : string.Empty;

    public static void Emit(EmitContext context, HandleItem item) => new HandleEmitter(context, item).Emit();

    private void Emit()
    {
        if (_handle.IsClient)
        {
            _context.Summary(_handle.Description, $"The DSS API reached from a {_handle.Name}.");
            SourceEmitter.GeneratedTypeAttributes(W);
            W.Open($"{_context.Accessibility} static partial class {_handle.Name}Extensions");
        }
        else
        {
            _context.Summary(_handle.Description, $"A handle on a DSS {MethodEmitter.Words(_handle.Name)}.");
            SourceEmitter.GeneratedTypeAttributes(W);
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
            if (route.Returns == ReturnKind.Type && route.Combine.Count == 0 && _types.Info(route.ReturnType!).Cases.Count > 0)
            {
                W.Line();
                EmitCaseRoute(route);
            }
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

        _context.Summary(factory.Description, $"A handle on the {MethodEmitter.Words(factory.Target)}; nothing is sent to DSS.", factory.Since);
        _methods.ParamDocs(parameters, withCancellation: false, _handle.IsClient ? "The client." : null);
        W.Doc("returns", factory.IsFuture ? ReturnsText.Future(_types, factory.Target) : ReturnsText.Handle(_types, factory.Target));
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
        var resultType = route.Returns switch
        {
            ReturnKind.Empty or ReturnKind.Download => null,
            ReturnKind.Text => "string",
            ReturnKind.JsonText => "global::DssApi.DssJsonText",
            ReturnKind.Stream => Names.Stream,
            ReturnKind.Json => Names.JsonNode + "?",
            ReturnKind.List => $"global::System.Collections.Generic.IReadOnlyList<{_types.ElementType(route.ReturnType!)}>",
            ReturnKind.Future => FutureType(route.ReturnType!),
            _ => _types.Qualified(route.ReturnType!),
        };
        var taskType = resultType is null ? Names.Task : $"{Names.Task}<{resultType}>";

        _context.Summary(route.Description, $"Calls {route.Method} {route.Path}.", route.Since);
        _methods.ParamDocs(parameters, withCancellation: true, _handle.IsClient ? "The client." : null);
        if (ReturnsText.Of(_types, route) is { } returns)
        {
            W.Doc("returns", returns);
        }

        var remarks = new List<string>();
        if (route.Returns == ReturnKind.Stream)
        {
            remarks.Add("The stream is read as it arrives; the caller must dispose it.");
        }

        if (route.Slow && _slowRouteTimeoutSeconds is { } slowSeconds)
        {
            remarks.Add($"DSS builds something inside this request, so each attempt may take up to DssClientOptions.SlowRouteTimeout (by default {slowSeconds} s, or Timeout when longer).");
        }

        if (route.Once is { } documentedOnce)
        {
            remarks.Add(documentedOnce.ExistsPath is null
                ? "Never repeated: after a failure that leaves the outcome unclear, a DssOutcomeUnknownException says what to check."
                : "Never sent twice: after a failure that leaves the outcome unclear, DSS is asked whether it took effect, and the request is sent again only if it did not.");
        }

        if (route.Guard is { } documentedGuard)
        {
            W.Doc("exception", $"The check made before the request fails and {documentedGuard.Unless} is false (\"{documentedGuard.Message}\"); nothing is changed or sent then.", " cref=\"global::System.InvalidOperationException\"");
        }

        if (remarks.Count > 0)
        {
            W.Doc("remarks", string.Join(" ", remarks));
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
        if (route.Guard is { } guard)
        {
            EmitGuard(guard, bindings);
        }

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

        Request(route, bindings);
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
            case ReturnKind.JsonText:
                W.Line($"return new global::DssApi.DssJsonText(await {pipeline}.SendForTextAsync(dssRequest, cancellationToken){Await});");
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
                if (route.Returns == ReturnKind.Type && _types.Info(route.ReturnType!) is { Category: TypeCategory.Saved } settings)
                {
                    // Settings hold their client themselves: no origin to record on the hot path of a round trip.
                    EmitLoadSettings(settings, bindings);
                }
                else
                {
                    if (route.Returns is ReturnKind.List or ReturnKind.Type && ReadsDss)
                    {
                        W.Line($"{Origin("dssResponse.Node")};");
                    }

                    W.Line($"return {ReadResponse(route, bindings)};");
                }

                break;
        }

        W.Close();
    }

    /// <summary>
    /// The same read as the case of the union the caller expects (the settings of a STATIC
    /// infrastructure as <c>StaticInfraSettings</c>), without a cast; another case is a clear error.
    /// </summary>
    private void EmitCaseRoute(RouteDef route)
    {
        var parameters = MethodEmitter.Ordered(route.Params);
        var union = _types.Info(route.ReturnType!);
        var unionType = _types.Qualified(route.ReturnType!);
        var cases = string.Join(", ", union.Cases.Select(c => c.Name));
        W.Doc("summary", $"{route.Description?.Trim() ?? $"Calls {route.Method} {route.Path}."} Typed as the case the caller expects: {cases}.");
        W.Doc("typeparam", $"The case expected, such as {union.Cases[0].Name}.", " name=\"TResult\"");
        _methods.ParamDocs(parameters, withCancellation: true, _handle.IsClient ? "The client." : null);
        W.Doc("returns", $"{ReturnsText.WithoutPeriod(ReturnsText.Of(_types, route)!)}, as the case expected.");
        W.Doc("exception", $"DSS answered another case; the message names it and its {union.Discriminator}.", " cref=\"global::System.InvalidOperationException\"");
        _context.Since(route.Since);
        _context.InfraTypes(route.InfraTypes);
        var signature = _methods.Signature(parameters, withCancellation: true, _receiver);
        W.Open($"public {Static}async {Names.Task}<TResult> {route.Name}Async<TResult>({signature}) where TResult : {unionType}");
        var receiver = _handle.IsClient ? "client." : string.Empty;
        var arguments = string.Concat(parameters.Select(p => $"{p.Name}, ")) + "cancellationToken";
        W.Line($"var result = await {receiver}{route.Name}Async({arguments}).ConfigureAwait(false);");
        var identity = _handle.IsClient || _handle.Identity.Count == 0
            ? string.Empty
            : " of " + string.Join(" ", _handle.Identity.Select(p => "{" + IdentityProperty(p.Name) + "}"));
        W.Open("if (result is TResult expected)");
        W.Line("return expected;");
        W.Close();
        W.Line();
        W.Line($"var answered = {Names.DssJson}.AsString(result.GetRaw()[{CodeWriter.Literal(union.Discriminator!)}]);");
        W.Line($"throw new global::System.InvalidOperationException($\"The {MethodEmitter.Words(route.ReturnType!)}{identity} are {{result.GetType().Name}} ({union.Discriminator} {{answered}}), not {{typeof(TResult).Name}}.\");");
        W.Close();
    }

    /// <summary>Whether the routes read DSS itself (handles and DssClient), whose objects lead to handles; the API node's do not.</summary>
    private bool ReadsDss => !_handle.IsClient || _handle.Name == SchemaReader.ClientNames[0];

    /// <summary>Records who read a response, so that what it holds leads to its handles.</summary>
    private string Origin(string json) =>
        $"{Names.DssOrigin}.Attach({json}, {_client}, {(_handle.IsClient ? "null" : "this")})";

    private string NewHandle(string handle, Dictionary<string, Binding> bindings)
    {
        var identity = _types.Info(handle).Identity.Select(name => ", " + bindings[name].Expression);
        return $"new {_types.Qualified(handle)}({_client}{string.Concat(identity)})";
    }

    /// <summary>Writes the request of a route into the local <c>dssRequest</c>; a slow route's attempts get the long timeout.</summary>
    private void Request(RouteDef route, Dictionary<string, Binding> bindings)
    {
        _methods.Request(route, bindings, withBody: true);
        if (route.Slow && _slowRouteTimeoutSeconds is { } seconds)
        {
            W.Line($"dssRequest.AsSlowRoute(global::System.TimeSpan.FromSeconds({seconds}));");
        }
    }

    /// <summary>A request that must not take effect twice is built by a local function, once per attempt.</summary>
    private void EmitSentOnce(RouteDef route, Dictionary<string, Binding> bindings)
    {
        W.Open($"{Names.DssRequest} CreateDssRequest()");
        Request(route, bindings);
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

    /// <summary>Reads what the guard checks; fails, or fixes and saves the settings first, when its flag is set.</summary>
    private void EmitGuard(GuardDef guard, Dictionary<string, Binding> bindings)
    {
        const string Await = ".ConfigureAwait(false)";
        var receiver = _handle.IsClient ? "client." : string.Empty;
        var templates = new TemplateEmitter(W, _types, bindings);
        W.Line($"var guardRecord = await {receiver}{guard.Read}Async(cancellationToken: cancellationToken){Await};");
        W.Open($"if ({Names.DssJson}.AsBoolean({Names.DssJson}.Pick(guardRecord.GetRaw(), {CodeWriter.Literal(guard.When)})) == true)");
        W.Open($"if (!{guard.Unless})");
        W.Line($"throw new global::System.InvalidOperationException({templates.Interpolate(guard.Message)});");
        W.Close();
        W.Line();
        W.Line($"var guardSettings = await {receiver}{guard.FixSettings}Async(cancellationToken: cancellationToken){Await};");
        foreach (var (key, value, _) in templates.Members(guard.FixSetJson))
        {
            W.Line($"guardSettings.GetRaw()[{CodeWriter.Literal(key)}] = {value};");
        }

        W.Line($"await guardSettings.SaveAsync(cancellationToken: cancellationToken){Await};");
        W.Close();
        W.Line();
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

        W.Line($"{Origin("combined")};");
        W.Line($"return {_types.Qualified(route.ReturnType!)}.FromJson(combined);");
    }

    /// <summary>
    /// Wraps the settings DSS answered as the union case their discriminator names. Written into
    /// the route, not as a factory on the settings type, so completion on that type shows only the DSS API.
    /// </summary>
    private void EmitLoadSettings(TypeReference settings, Dictionary<string, Binding> bindings)
    {
        var arguments = $"{_client}, dssSettings, dssResponse.Utf8" + string.Concat(settings.Identity.Select(name => ", " + bindings[name].Expression));
        W.Line("var dssSettings = dssResponse.RequireObject();");
        if (settings.Discriminator is not { } discriminator)
        {
            W.Line($"return new {_types.Qualified(settings.Name)}({arguments});");
            return;
        }

        _methods.ReturnUnionCase("dssSettings", discriminator, settings.Cases, settings.Name, arguments);
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
        var source = route.Pick is { } pick ? $"{Names.DssJson}.PickObject(dssResponse.Node, {CodeWriter.Literal(pick)})" : "dssResponse.RequireObject()";
        return $"{type}.FromJson({source})";
    }
}
