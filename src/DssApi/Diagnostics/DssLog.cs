using Microsoft.Extensions.Logging;

namespace DssApi.Diagnostics;

/// <summary>The client's log messages. Routes are templates or paths, never headers or secrets.</summary>
internal static partial class DssLog
{
    [LoggerMessage(1, LogLevel.Debug, "DSS request {Method} {RouteTemplate} answered {StatusCode} in {ElapsedMilliseconds} ms")]
    public static partial void RequestCompleted(ILogger logger, string method, string routeTemplate, int statusCode, long elapsedMilliseconds);

    [LoggerMessage(2, LogLevel.Debug, "DSS request {Method} {RouteTemplate} failed after {ElapsedMilliseconds} ms: {ErrorType}")]
    public static partial void RequestFailed(ILogger logger, string method, string routeTemplate, long elapsedMilliseconds, string errorType);

    [LoggerMessage(3, LogLevel.Information, "Retrying DSS request {Method} {RouteTemplate} in {DelayMilliseconds} ms (retry {Retry}) after {Failure}")]
    public static partial void Retrying(ILogger logger, string method, string routeTemplate, long delayMilliseconds, int retry, string failure);

    [LoggerMessage(4, LogLevel.Information, "DSS job {JobId}: {Step} ({Current}/{Target}), running for {RunningSeconds} s")]
    public static partial void JobProgress(ILogger logger, string? jobId, string step, long current, long target, double runningSeconds);

    [LoggerMessage(5, LogLevel.Information, "DSS job {JobId} finished: {Outcome}")]
    public static partial void JobFinished(ILogger logger, string? jobId, string outcome);

    [LoggerMessage(6, LogLevel.Warning, "Server certificate validation is turned off for {Url}: any certificate is accepted, and requests, API key included, can be intercepted")]
    public static partial void CertificateValidationDisabled(ILogger logger, Uri url);

    [LoggerMessage(7, LogLevel.Information, "DSS request {Method} {RouteTemplate} lost its answer, but DSS shows it took effect: not sent again")]
    public static partial void TookEffect(ILogger logger, string method, string routeTemplate);

    [LoggerMessage(8, LogLevel.Warning, "DSS request {Method} {RouteTemplate} failed without a clear answer and was not sent again: check {WhatToCheck}")]
    public static partial void OutcomeUnknown(ILogger logger, string method, string routeTemplate, string whatToCheck);

    [LoggerMessage(9, LogLevel.Information, "DSS request DELETE {RouteTemplate} lost its answer, and the retry found nothing to delete: taken as deleted by the earlier attempt")]
    public static partial void DeletedByLostAttempt(ILogger logger, string routeTemplate);

    [LoggerMessage(10, LogLevel.Warning, "DSS client configuration changed {Keys}, which the client's connection is built from: the running client keeps the earlier values; restart the application (or create a new client) to use the new ones")]
    public static partial void ConnectionSettingsChanged(ILogger logger, string keys);

    [LoggerMessage(11, LogLevel.Warning, "DSS client configuration {Section} was edited but not applied, so the client keeps its earlier settings: {Problem}")]
    public static partial void ConfigurationEditRejected(ILogger logger, string section, string problem);
}
