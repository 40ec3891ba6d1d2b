using System.Globalization;
using System.Net;
using System.Text;
using DssApi.Emulator.Routing;
using Microsoft.AspNetCore.Http.Features;

namespace DssApi.Emulator.Hosting;

/// <summary>
/// The single request handler: DSS headers, injected latency and faults, public API authentication (before
/// any route is matched, so routes cannot be probed without a key), route matching and DSS error bodies.
/// </summary>
internal sealed class EmulatorPipeline(EmulatorContext context, RouteTable routes, ILogger<EmulatorPipeline> logger)
{
    /// <summary>The response header that carries the latency added to the response, in milliseconds.</summary>
    public const string LatencyHeader = "X-DssEmulator-Latency-Ms";

    private readonly Random _faults = new(context.Options.Seed);
    private readonly Lock _faultsGate = new();

    public async Task HandleAsync(HttpContext http)
    {
        var options = context.Options;
        http.Response.Headers["DSS-Version"] = options.DssVersion;
        http.Response.Headers["DSS-API-Version"] = "1";
        var fault = NextFault();
        try
        {
            if (options.Latency > TimeSpan.Zero)
            {
                await Task.Delay(options.Latency, http.RequestAborted);
                // Says what was applied, so a test checks the switch without timing the machine.
                http.Response.Headers[LatencyHeader] = ((long)options.Latency.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
            }

            switch (fault)
            {
                case InjectedFault.UnavailableBeforeProcessing:
                    throw DssError.InjectedFault();
                case InjectedFault.DroppedBeforeProcessing:
                    http.Abort();
                    return;
            }

            // The raw target keeps %2F inside ids; the decoded path would split them.
            var rawTarget = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path.ToString();
            var callerIsAdmin = !RouteTable.IsApiNodePath(rawTarget) && Authenticate(http.Request);
            var match = routes.Match(http.Request.Method, rawTarget);
            if (match.Audience == RouteAudience.AdminApi && !callerIsAdmin)
            {
                throw DssError.Unauthorized("Action forbidden, you are not admin");
            }

            var response = await match.Handler(new DssRequest(http, match.Values, callerIsAdmin));
            await AnswerAsync(http, fault, () => response.WriteAsync(http.Response, http.RequestAborted));
        }
        catch (DssError error)
        {
            if (error.InnerException is not null)
            {
                logger.LogError(error.InnerException, "Failure on {Method} {Path}", http.Request.Method, http.Request.Path);
            }

            await AnswerAsync(http, fault, () => WriteErrorAsync(http, error));
        }
        catch (BadHttpRequestException rejection)
        {
            // The server refused the body as it was read (too large, cut short): still a DSS error body.
            await AnswerAsync(http, fault, () => WriteErrorAsync(http, DssError.BadHttpRequest(rejection)));
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away: nobody is left to answer.
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Unexpected failure on {Method} {Path}", http.Request.Method, http.Request.Path);
            await AnswerAsync(http, fault, () => WriteErrorAsync(http, DssError.Internal()));
        }
        finally
        {
            // Method, path and what the client got only: credentials travel in headers, which are never logged.
            logger.LogInformation("{Method} {Path} -> {Outcome}", http.Request.Method, http.Request.Path, Outcome(http, fault));
        }
    }

    /// <summary>The status the client received, or what the fault injector did instead of answering.</summary>
    private static string Outcome(HttpContext http, InjectedFault fault) => fault switch
    {
        InjectedFault.DroppedBeforeProcessing => "dropped before processing (injected fault)",
        InjectedFault.DroppedAfterProcessing => "processed, answer dropped (injected fault)",
        _ when http.RequestAborted.IsCancellationRequested && !http.Response.HasStarted => "no answer (the client went away)",
        _ => http.Response.StatusCode.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>
    /// Whether the caller holds the admin key. The public API takes the admin key or a user key and refuses
    /// anything else with 401, whatever the route; the API node authenticates per service, in its routes.
    /// </summary>
    private bool Authenticate(HttpRequest request)
    {
        if (ApiKeyCredentials.PresentsTicket(request))
        {
            // Code running inside DSS authenticates with the internal ticket, as the admin.
            ApiKeyCredentials.RequireTicket(request, context.InternalTicket);
            return true;
        }

        return ApiKeyCredentials.Require(request, context.PublicApiKeys) == context.AdminApiKey;
    }

    /// <summary>Writes the answer, unless the injected fault loses it: the work is done, but the connection drops.</summary>
    private static Task AnswerAsync(HttpContext http, InjectedFault fault, Func<Task> write)
    {
        if (fault == InjectedFault.DroppedAfterProcessing)
        {
            http.Abort();
            return Task.CompletedTask;
        }

        return write();
    }

    /// <summary>The DSS error body (dss-protocol §1.5); 401s also carry the Basic challenge DSS sends.</summary>
    private static async Task WriteErrorAsync(HttpContext http, DssError error)
    {
        if (http.Response.HasStarted)
        {
            http.Abort();
            return;
        }

        http.Response.StatusCode = (int)error.Status;
        if (error.Status == HttpStatusCode.Unauthorized)
        {
            http.Response.Headers.WWWAuthenticate = "Basic realm=\"DSS API\"";
        }

        var bytes = Encoding.UTF8.GetBytes(DssJson.Serialize(error.ToJson()));
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.ContentLength = bytes.Length;
        await http.Response.Body.WriteAsync(bytes, http.RequestAborted);
    }

    /// <summary>Whether this request meets a fault, and which: the three kinds are equally likely.</summary>
    private InjectedFault NextFault()
    {
        if (context.Options.FaultRate <= 0)
        {
            return InjectedFault.None;
        }

        lock (_faultsGate)
        {
            // The three fault kinds follow None in the enum.
            return _faults.NextDouble() < context.Options.FaultRate ? (InjectedFault)(1 + _faults.Next(3)) : InjectedFault.None;
        }
    }

    /// <summary>
    /// The ambiguities a real network produces: a refusal or a cut before the request is processed (nothing
    /// changed), and a cut after it was processed (the change happened, the answer was lost).
    /// </summary>
    private enum InjectedFault
    {
        None,
        UnavailableBeforeProcessing,
        DroppedBeforeProcessing,
        DroppedAfterProcessing,
    }
}
