using System.Net;
using System.Text;
using DssApi.Emulator.Routing;
using Microsoft.AspNetCore.Http.Features;

namespace DssApi.Emulator.Hosting;

/// <summary>
/// The single request handler: DSS headers, injected latency and faults, route matching, admin-key
/// authentication and DSS error bodies.
/// </summary>
internal sealed class EmulatorPipeline(EmulatorContext context, RouteTable routes, ILogger<EmulatorPipeline> logger)
{
    private readonly Random _faults = new(context.Options.Seed);
    private readonly Lock _faultsGate = new();

    public async Task HandleAsync(HttpContext http)
    {
        var options = context.Options;
        http.Response.Headers["DSS-Version"] = options.DssVersion;
        http.Response.Headers["DSS-API-Version"] = "1";
        try
        {
            if (options.Latency > TimeSpan.Zero)
            {
                await Task.Delay(options.Latency, http.RequestAborted);
            }

            if (RollFault() is { } dropConnection)
            {
                if (dropConnection)
                {
                    http.Abort();
                    return;
                }

                throw DssError.InjectedFault();
            }

            // The raw target keeps %2F inside ids; the decoded path would split them.
            var rawTarget = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path.ToString();
            var match = routes.Match(http.Request.Method, rawTarget);
            if (match.Audience == RouteAudience.PublicApi)
            {
                ApiKeyCredentials.Require(http.Request, [context.AdminApiKey]);
            }

            var response = await match.Handler(new DssRequest(http, match.Values));
            await response.WriteAsync(http.Response, http.RequestAborted);
        }
        catch (DssError error)
        {
            await WriteErrorAsync(http, error);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away: nobody is left to answer.
        }
        catch (Exception exception)
        {
            logger.LogError(exception, "Unexpected failure on {Method} {Path}", http.Request.Method, http.Request.Path);
            await WriteErrorAsync(http, DssError.Internal());
        }
        finally
        {
            // Method, path and status only: credentials travel in headers, which are never logged.
            logger.LogInformation("{Method} {Path} -> {Status}", http.Request.Method, http.Request.Path, http.Response.StatusCode);
        }
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

    /// <summary>Null when no fault is injected; otherwise whether to drop the connection (else answer 503).</summary>
    private bool? RollFault()
    {
        if (context.Options.FaultRate <= 0)
        {
            return null;
        }

        lock (_faultsGate)
        {
            return _faults.NextDouble() < context.Options.FaultRate ? _faults.NextDouble() < 0.5 : null;
        }
    }
}
