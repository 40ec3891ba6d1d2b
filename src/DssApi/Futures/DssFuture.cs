using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Text.Json.Nodes;
using DssApi.Diagnostics;

namespace DssApi;

/// <summary>
/// A long-running DSS job (a deployment update, for instance), and its result once it has one.
/// DSS deletes a finished job when its result is read, so the result is read once, kept here, and
/// every later <see cref="WaitForCompletionAsync(CancellationToken)"/> returns it without a request.
/// Save <see cref="Id"/> to wait on the job again later, from another process
/// (<c>client.GetFuture(id)</c>). Safe to use from several threads.
/// </summary>
/// <typeparam name="T">The type of the job's result.</typeparam>
public sealed class DssFuture<T>
{
    private const string FutureRoute = "/futures/{jobId}";

    private readonly DssClient _client;
    private readonly Func<JsonNode?, T> _readResult;
    private readonly Func<CancellationToken, Task<JsonNode?>>? _recoverLostResult;
    private readonly SemaphoreSlim _pollGate = new(1, 1);
    private volatile Outcome? _outcome;

    /// <summary>Follows a job from the response that started it: either its id, or its result
    /// when DSS finished it before answering.</summary>
    /// <param name="client">The client that started the job.</param>
    /// <param name="startResponse">The future response DSS answered.</param>
    /// <param name="readResult">Reads the job's result JSON.</param>
    /// <param name="recoverLostResult">Learns the job's outcome another way (for a deployment
    /// update: its update history) when the read of the finished job is lost in transit, since DSS
    /// deleted the job as it answered. It returns the result JSON as far as it is still known (null
    /// when only the success is), or throws <see cref="DssJobFailedException"/> when the job failed;
    /// any other failure leaves the outcome unknown (<see cref="DssOutcomeUnknownException"/>).</param>
    /// <exception cref="DssProtocolException">The response has neither a job id nor a result.</exception>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public DssFuture(DssClient client, JsonObject startResponse, Func<JsonNode?, T> readResult,
        Func<CancellationToken, Task<JsonNode?>>? recoverLostResult = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _readResult = readResult ?? throw new ArgumentNullException(nameof(readResult));
        _recoverLostResult = recoverLostResult;
        var status = DssFutureStatus.FromJson(startResponse ?? throw new ArgumentNullException(nameof(startResponse)));
        Id = status.JobId;
        LastStatus = status;
        if (status.HasResult)
        {
            _outcome = Finish(status);
        }
        else if (Id is null)
        {
            throw new DssProtocolException("DSS started a job but answered neither a job id nor a result.");
        }
    }

    /// <summary>Follows a job by its id, for instance one saved by another process.</summary>
    /// <param name="client">A client of the DSS that runs the job.</param>
    /// <param name="jobId">The job id.</param>
    /// <param name="readResult">Reads the job's result JSON.</param>
    /// <param name="recoverLostResult">Learns the job's outcome another way when the read of the
    /// finished job is lost in transit.</param>
    [EditorBrowsable(EditorBrowsableState.Never)]
    public DssFuture(DssClient client, string jobId, Func<JsonNode?, T> readResult, Func<CancellationToken, Task<JsonNode?>>? recoverLostResult = null)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _readResult = readResult ?? throw new ArgumentNullException(nameof(readResult));
        _recoverLostResult = recoverLostResult;
        if (string.IsNullOrEmpty(jobId))
        {
            throw new ArgumentException("A job id is required.", nameof(jobId));
        }

        Id = jobId;
    }

    /// <summary>The job id, to save and follow the job later; null when DSS answered the result
    /// at once.</summary>
    public string? Id { get; }

    /// <summary>True once the job has finished and its outcome has been read: a result, a
    /// failure or an abort.</summary>
    public bool HasCompleted => _outcome is not null;

    /// <summary>True when the job finished by being aborted; it then has no value.</summary>
    public bool IsAborted => _outcome?.Aborted == true;

    /// <summary>True when the job finished successfully and <see cref="Value"/> holds its result.</summary>
    public bool HasValue => _outcome is { Aborted: false, Failure: null };

    /// <summary>What DSS last reported about the job; null until a first poll of a job followed by id.</summary>
    public DssFutureStatus? LastStatus { get; private set; }

    /// <summary>The job's result.</summary>
    /// <exception cref="InvalidOperationException">The job has not completed yet.</exception>
    /// <exception cref="DssFutureAbortedException">The job was aborted.</exception>
    /// <exception cref="DssApiException">The job failed; this is the error DSS reported.</exception>
    /// <exception cref="DssJobFailedException">The job failed, as learnt from its history after its
    /// result was lost in transit.</exception>
    /// <exception cref="DssOutcomeUnknownException">The job's result was lost in transit and its
    /// outcome could not be learnt another way.</exception>
    public T Value
    {
        get
        {
            var outcome = _outcome ?? throw new InvalidOperationException(
                $"The DSS job {Id} has not completed yet: wait for it with WaitForCompletionAsync.");
            if (outcome.Failure is not null)
            {
                ExceptionDispatchInfo.Throw(outcome.Failure);
            }

            return outcome.Aborted ? throw new DssFutureAbortedException(Id) : outcome.Value!;
        }
    }

    /// <summary>Asks DSS how the job is doing, without consuming its result (a peek).</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The job's state; once the job has completed, its final state, without a request.</returns>
    public async Task<DssFutureStatus> PeekAsync(CancellationToken cancellationToken = default)
    {
        if (_outcome is not null)
        {
            return LastStatus!;
        }

        return await RequestStateAsync(peek: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits until the job finishes, within the client's default timeout, and returns its result.</summary>
    /// <param name="cancellationToken">Stops waiting; the job keeps running on the server.</param>
    public Task<T> WaitForCompletionAsync(CancellationToken cancellationToken) =>
        WaitForCompletionAsync(timeout: null, progress: null, cancellationToken);

    /// <summary>
    /// Waits until the job finishes and returns its result, polling with DSS's backoff
    /// (see <see cref="DssFuturePollingOptions"/>). Polls are peeks; the result is read once the
    /// job has finished.
    /// </summary>
    /// <param name="timeout">The longest to wait; null for the client's default.</param>
    /// <param name="progress">Receives the job's state at each poll.</param>
    /// <param name="cancellationToken">Stops waiting; the job keeps running on the server.</param>
    /// <exception cref="DssTimeoutException">The job did not finish in time; it keeps running on the server.</exception>
    /// <exception cref="DssFutureAbortedException">The job was aborted.</exception>
    /// <exception cref="DssApiException">The job failed; this is the error DSS reported.</exception>
    public async Task<T> WaitForCompletionAsync(TimeSpan? timeout = null, IProgress<DssFutureStatus>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (_outcome is null)
        {
            var limit = timeout ?? _client.FuturePolling.DefaultTimeout;
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            if (limit != Timeout.InfiniteTimeSpan)
            {
                deadline.CancelAfter(limit);
            }

            using var activity = DssTelemetry.Source.StartActivity("DssApi future wait", ActivityKind.Internal);
            activity?.SetTag("dssapi.job.id", Id);
            try
            {
                await _pollGate.WaitAsync(deadline.Token).ConfigureAwait(false);
                try
                {
                    if (_outcome is null)
                    {
                        await PollUntilFinishedAsync(progress, deadline.Token).ConfigureAwait(false);
                    }
                }
                finally
                {
                    _pollGate.Release();
                }
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && deadline.IsCancellationRequested)
            {
                activity?.SetStatus(ActivityStatusCode.Error, "timeout");
                throw new DssTimeoutException(
                    $"The DSS job {Id} did not finish within {limit}; it keeps running on the server (abort it with AbortAsync).");
            }
        }

        return Value;
    }

    /// <summary>
    /// Reads the job's state from DSS as a consuming read (Python's <c>get_state()</c>). Once the
    /// job has finished, DSS deletes it as it answers: that answer's outcome is kept here, so
    /// <see cref="Value"/>, <see cref="GetResultAsync"/> and later waits use it, and later calls
    /// return the final state without a request. Use <see cref="PeekAsync"/> to look without consuming.
    /// </summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="DssApiException">The job failed; this is the error DSS reported.</exception>
    public async Task<DssFutureStatus> GetStateAsync(CancellationToken cancellationToken = default)
    {
        if (_outcome is not null)
        {
            return LastStatus!;
        }

        await _pollGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _outcome is null ? await ConsumeAsync(cancellationToken).ConfigureAwait(false) : LastStatus!;
        }
        finally
        {
            _pollGate.Release();
        }
    }

    /// <summary>
    /// Whether the job has finished, asking DSS when that is not known yet (Python's
    /// <c>has_result()</c>). The question is a consuming read (<see cref="GetStateAsync"/>): when
    /// the answer is yes, the outcome is kept here, and <see cref="HasCompleted"/> is the local
    /// answer from then on.
    /// </summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="DssApiException">The job failed; this is the error DSS reported.</exception>
    public async Task<bool> HasResultAsync(CancellationToken cancellationToken = default) =>
        _outcome is not null || (await GetStateAsync(cancellationToken).ConfigureAwait(false)).HasResult;

    /// <summary>
    /// The job's result, read from DSS when it is not known yet (Python's <c>get_result()</c>):
    /// one consuming read (<see cref="GetStateAsync"/>), no waiting. Once read, the result is kept
    /// and <see cref="Value"/> holds it.
    /// </summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <exception cref="InvalidOperationException">The job is still running.</exception>
    /// <exception cref="DssFutureAbortedException">The job was aborted.</exception>
    /// <exception cref="DssApiException">The job failed; this is the error DSS reported.</exception>
    public async Task<T> GetResultAsync(CancellationToken cancellationToken = default)
    {
        if (_outcome is null)
        {
            await GetStateAsync(cancellationToken).ConfigureAwait(false);
        }

        return _outcome is null
            ? throw new InvalidOperationException($"The result of DSS job {Id} is not ready: the job is still running.")
            : Value;
    }

    /// <summary>Asks DSS to abort the job. Does nothing once the job has completed.</summary>
    /// <param name="cancellationToken">Cancels the request.</param>
    public async Task AbortAsync(CancellationToken cancellationToken = default)
    {
        if (_outcome is not null || Id is null)
        {
            return;
        }

        await _client.Pipeline.SendAsync(new DssRequest(HttpMethod.Delete, FutureRoute, Id), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Names the job and its state.</summary>
    public override string ToString() => _outcome switch
    {
        null => $"DssFuture({Id}, running)",
        { Failure: not null } => $"DssFuture({Id}, failed)",
        { Aborted: true } => $"DssFuture({Id}, aborted)",
        _ => $"DssFuture({Id}, completed)",
    };

    private async Task PollUntilFinishedAsync(IProgress<DssFutureStatus>? progress, CancellationToken cancellationToken)
    {
        var backoff = new DssPollingBackoff(_client.FuturePolling);
        while (true)
        {
            DssFutureStatus status;
            try
            {
                status = await RequestStateAsync(peek: true, cancellationToken).ConfigureAwait(false);
            }
            catch (DssApiException gone) when (_recoverLostResult is not null && IsGone(gone))
            {
                // Another reader consumed the finished job first.
                await RecoverAsync(gone, cancellationToken).ConfigureAwait(false);
                return;
            }

            progress?.Report(status);
            LogProgress(status);
            if (!status.IsAlive || status.HasResult)
            {
                await ConsumeAsync(cancellationToken).ConfigureAwait(false);
                if (_outcome is not null)
                {
                    return;
                }
            }

            await Task.Delay(backoff.Next(), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The consuming read: once the job has finished, DSS deletes it as it answers, so its
    /// outcome (result, abort or failure) is kept here. Callers hold the poll gate.</summary>
    private async Task<DssFutureStatus> ConsumeAsync(CancellationToken cancellationToken)
    {
        try
        {
            var state = await RequestStateAsync(peek: false, cancellationToken).ConfigureAwait(false);
            if (state.HasResult)
            {
                _outcome = Finish(state);
                DssLog.JobFinished(_client.Pipeline.Logger, Id, ToString());
            }

            return state;
        }
        catch (Exception lost) when (_recoverLostResult is not null && IsLostRead(lost))
        {
            // The result was lost in transit, or another reader consumed the finished job first.
            await RecoverAsync(lost, cancellationToken).ConfigureAwait(false);
            LastStatus = DssFutureStatus.FromJson(new JsonObject { ["jobId"] = Id, ["alive"] = false, ["hasResult"] = true });
            return LastStatus;
        }
        catch (DssApiException failure)
        {
            _outcome = new Outcome(default, Aborted: false, failure);
            DssLog.JobFinished(_client.Pipeline.Logger, Id, "failed");
            throw;
        }
    }

    /// <summary>The finished job's result never arrived: the connection failed, or a repeated read
    /// found the job already deleted by the read whose answer was lost.</summary>
    private static bool IsLostRead(Exception exception) =>
        exception is DssConnectionException or DssTimeoutException || (exception is DssApiException gone && IsGone(gone));

    /// <summary>DSS no longer has the job: its result was read already.</summary>
    private static bool IsGone(DssApiException exception) => exception is { StatusCode: 400, ServerMessage: "No future by that id" };

    /// <summary>
    /// Learns the outcome of a job whose result was lost. The job has finished, so its outcome only waits to be
    /// read: a read that fails without a clear answer is asked again, with the polling backoff, for as long as
    /// the wait lasts; a clear answer that tells neither success nor failure leaves the outcome unknown.
    /// </summary>
    private async Task RecoverAsync(Exception lost, CancellationToken cancellationToken)
    {
        var backoff = new DssPollingBackoff(_client.FuturePolling);
        while (true)
        {
            try
            {
                var result = await _recoverLostResult!(cancellationToken).ConfigureAwait(false);
                _outcome = new Outcome(_readResult(result), Aborted: false, Failure: null);
                break;
            }
            catch (DssJobFailedException failure)
            {
                _outcome = new Outcome(default, Aborted: false, failure);
                break;
            }
            catch (Exception unclear) when (DssPipeline.IsAmbiguous(unclear))
            {
                await Task.Delay(backoff.Next(), cancellationToken).ConfigureAwait(false);
            }
            catch (Exception failure) when (failure is DssApiException or DssProtocolException)
            {
                _outcome = new Outcome(default, Aborted: false, new DssOutcomeUnknownException(
                    $"GET /futures/{Id}", $"whether DSS job {Id} succeeded ({failure.Message})", lost));
                break;
            }
        }

        DssLog.JobFinished(_client.Pipeline.Logger, Id, ToString() + " (outcome recovered after its result was lost)");
    }

    private void LogProgress(DssFutureStatus status)
    {
        if (status.IsAlive && status.States.Count > 0)
        {
            var step = status.States[^1];
            DssLog.JobProgress(_client.Pipeline.Logger, Id, step.Name, step.Current, step.Target, status.RunningTime.TotalSeconds);
        }
    }

    private async Task<DssFutureStatus> RequestStateAsync(bool peek, CancellationToken cancellationToken)
    {
        var request = new DssRequest(HttpMethod.Get, FutureRoute, Id!).AddQuery("peek", peek);
        var response = await _client.Pipeline.SendForJsonAsync(request, cancellationToken).ConfigureAwait(false);
        var status = DssFutureStatus.FromJson(response.RequireObject());
        LastStatus = status;
        return status;
    }

    private Outcome Finish(DssFutureStatus final)
    {
        if (final.IsAborted)
        {
            return new Outcome(default, Aborted: true, Failure: null);
        }

        try
        {
            return new Outcome(_readResult(final.Raw["result"]), Aborted: false, Failure: null);
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            return new Outcome(default, Aborted: false,
                new DssProtocolException($"The result of DSS job {Id} could not be read: {exception.Message}", exception));
        }
    }

    private sealed record Outcome(T? Value, bool Aborted, Exception? Failure);
}
