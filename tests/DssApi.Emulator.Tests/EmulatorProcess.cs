using System.Diagnostics;

namespace DssApi.Emulator.Tests;

/// <summary>An emulator running as its own process, read until its four-line banner.</summary>
internal sealed class EmulatorProcess : IAsyncDisposable
{
    private readonly Process _process;

    private EmulatorProcess(Process process, string[] banner)
    {
        _process = process;
        Banner = banner;
    }

    public string[] Banner { get; }

    public string Url => Banner[0]["DSS emulator listening on ".Length..];

    public string DemoProject => Banner[2]["Demo project: ".Length..];

    /// <summary>The <c>dssapi-emulator</c> command built with the tests, run with <c>dotnet DssApi.Emulator.Tool.dll</c>.</summary>
    public static ProcessStartInfo StartInfo(params string[] args) =>
        ChildProcess.StartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "DssApi.Emulator.Tool.dll"), .. args]);

    /// <summary>The emulator built with the tests, on a free loopback port.</summary>
    public static Task<EmulatorProcess> StartAsync(params string[] args) =>
        StartAsync(StartInfo(["--urls", "http://127.0.0.1:0", .. args]));

    public static async Task<EmulatorProcess> StartAsync(ProcessStartInfo info)
    {
        var process = Process.Start(info)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var banner = new List<string>();
        while (banner.Count < 5)
        {
            var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException($"Emulator exited: {await process.StandardError.ReadToEndAsync()}");
            banner.Add(line);
        }

        return new EmulatorProcess(process, [.. banner]);
    }

    /// <summary>Reads the emulator's console log until <paramref name="count"/> lines match <paramref name="wanted"/>.</summary>
    public async Task<IReadOnlyList<string>> ReadLogLinesAsync(Func<string, bool> wanted, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var lines = new List<string>();
        while (lines.Count < count)
        {
            var line = await _process.StandardOutput.ReadLineAsync(timeout.Token)
                ?? throw new InvalidOperationException($"The emulator exited after {lines.Count} of {count} log lines");
            if (wanted(line))
            {
                lines.Add(line);
            }
        }

        return lines;
    }

    /// <summary>No graceful shutdown: whatever was acknowledged must already be on disk.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
