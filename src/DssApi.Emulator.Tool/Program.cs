using DssApi.Emulator;
using DssApi.Emulator.Tool;

// Standalone entry point: `dotnet run --project src/DssApi.Emulator.Tool -- --urls http://127.0.0.1:11200`.
if (args is ["--help"] or ["-h"])
{
    Console.WriteLine(CommandLine.Usage);
    return 0;
}

DssEmulatorOptions options;
try
{
    options = CommandLine.Parse(args);
}
catch (FormatException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(CommandLine.Usage);
    return 2;
}

DssEmulator emulator;
try
{
    emulator = await DssEmulator.StartAsync(options);
}
catch (ArgumentException e)
{
    // Options that parse but do not fit together, such as a user key equal to the admin key.
    Console.Error.WriteLine(e.Message);
    return 2;
}
catch (Exception e) when (e is IOException or InvalidDataException)
{
    // A port already in use, or a data directory holding something else than emulator state.
    Console.Error.WriteLine(e.Message);
    return 1;
}

await using var running = emulator;
Console.WriteLine($"DSS emulator listening on {emulator.Url}");
Console.WriteLine($"Admin API key: {emulator.AdminApiKey}");
Console.WriteLine($"Demo project: {emulator.DemoProjectKey}");
Console.WriteLine($"Demo saved models: {string.Join(", ", emulator.DemoSavedModelIds)}");
Console.WriteLine($"Internal ticket: {emulator.InternalTicket}");
await emulator.WaitForShutdownAsync();
return 0;
