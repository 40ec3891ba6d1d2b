using DssApi.Cli;

return await DssCli.RunAsync(args, new CliConsole(Console.Out, Console.Error, Environment.GetEnvironmentVariable));
