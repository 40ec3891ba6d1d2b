using DssApi.Cli;

var interactive = CliConsole.IsInteractiveTerminal(Console.IsOutputRedirected || Console.IsErrorRedirected, Environment.GetEnvironmentVariable);
return await DssCli.RunAsync(args, new CliConsole(Console.Out, Console.Error, Environment.GetEnvironmentVariable, interactive));
