using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace DssApi.Diagnostics;

/// <summary>
/// The <see cref="ActivitySource"/> and <see cref="Meter"/> named <c>DssApi</c>: a client span
/// per request and per future wait, tagged as the OpenTelemetry HTTP client conventions say, and
/// the request duration and retry count as metrics.
/// </summary>
internal static class DssTelemetry
{
    public const string Name = "DssApi";

    private static readonly string? Version = typeof(DssTelemetry).Assembly.GetName().Version?.ToString(3);

    public static ActivitySource Source { get; } = new(Name, Version);

    public static Meter Meter { get; } = new(Name, Version);

    /// <summary>Duration of requests, from the first attempt to the response (OpenTelemetry <c>http.client.request.duration</c>).</summary>
    public static Histogram<double> RequestDuration { get; } = Meter.CreateHistogram<double>(
        "http.client.request.duration", unit: "s", description: "Duration of DSS requests, retries included.");

    /// <summary>Requests repeated after a transient failure.</summary>
    public static Counter<long> Retries { get; } = Meter.CreateCounter<long>(
        "dssapi.client.request.retries", unit: "{retry}", description: "DSS requests repeated after a transient failure.");

    /// <summary>Starts the span of a request, or returns null when nobody listens.</summary>
    public static Activity? StartRequest(string method, string routeTemplate, Uri url)
    {
        var activity = Source.StartActivity($"{method} {routeTemplate}", ActivityKind.Client);
        if (activity is { IsAllDataRequested: true })
        {
            activity.SetTag("http.request.method", method);
            activity.SetTag("url.template", routeTemplate);
            activity.SetTag("url.full", url.GetLeftPart(UriPartial.Path));
            activity.SetTag("server.address", url.Host);
            activity.SetTag("server.port", url.Port);
        }

        return activity;
    }

    /// <summary>Records the end of a request on its span and in the duration metric.</summary>
    public static void EndRequest(Activity? activity, string method, string routeTemplate, Uri url, int? statusCode, string? errorType,
        int resendCount, TimeSpan elapsed)
    {
        var tags = new TagList
        {
            { "http.request.method", method },
            { "url.template", routeTemplate },
            { "server.address", url.Host },
            { "server.port", url.Port },
        };
        if (statusCode is not null)
        {
            tags.Add("http.response.status_code", statusCode.Value);
        }

        if (errorType is not null)
        {
            tags.Add("error.type", errorType);
        }

        RequestDuration.Record(elapsed.TotalSeconds, tags);
        if (activity is null)
        {
            return;
        }

        if (statusCode is not null)
        {
            activity.SetTag("http.response.status_code", statusCode.Value);
        }

        if (resendCount > 0)
        {
            activity.SetTag("http.request.resend_count", resendCount);
        }

        if (errorType is not null)
        {
            activity.SetTag("error.type", errorType);
            activity.SetStatus(ActivityStatusCode.Error);
        }
    }
}
