using System.Globalization;

namespace DssApi.Emulator.Tool;

/// <summary>The standalone emulator's command line.</summary>
internal static class CommandLine
{
    public const string Usage = """
        Usage: dssapi-emulator [--urls <url>] [--api-key <key>] [--user-api-key <key>[,<key>...]] [--api-node-admin-key <key>]
                               [--data-dir <folder>]
                               [--latency <ms>] [--fault-rate <0..1>] [--seed <int>] [--update-step-ms <ms>]
                               [--max-request-body <bytes>] [--log-level <level>]
        """;

    /// <summary>Reads <c>--name value</c> pairs; throws <see cref="FormatException"/> with a readable message on bad input.</summary>
    public static DssEmulatorOptions Parse(IReadOnlyList<string> args)
    {
        var options = new DssEmulatorOptions { MinimumLogLevel = LogLevel.Information };
        for (var i = 0; i < args.Count; i += 2)
        {
            var name = args[i];
            var value = i + 1 < args.Count ? args[i + 1] : throw new FormatException($"Missing value after {name}");
            switch (name)
            {
                case "--urls":
                    options.Url = value;
                    break;
                case "--api-key":
                    options.AdminApiKey = value;
                    break;
                case "--user-api-key":
                    options.UserApiKeys = [.. options.UserApiKeys, .. value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
                    break;
                case "--api-node-admin-key":
                    options.ApiNodeAdminApiKey = value;
                    break;
                case "--data-dir":
                    options.DataDirectory = Path.GetFullPath(value);
                    break;
                case "--latency":
                    options.Latency = TimeSpan.FromMilliseconds(Number(name, value, 0, int.MaxValue));
                    break;
                case "--fault-rate":
                    options.FaultRate = Number(name, value, 0, 1);
                    break;
                case "--seed":
                    options.Seed = (int)Number(name, value, int.MinValue, int.MaxValue);
                    break;
                case "--update-step-ms":
                    options.UpdateStepDuration = TimeSpan.FromMilliseconds(Number(name, value, 0, int.MaxValue));
                    break;
                case "--max-request-body":
                    options.MaxRequestBodySize = (long)Number(name, value, 1, long.MaxValue);
                    break;
                case "--log-level":
                    options.MinimumLogLevel = Enum.TryParse<LogLevel>(value, ignoreCase: true, out var level)
                        ? level
                        : throw new FormatException($"Invalid {name} '{value}'; expected one of {string.Join(", ", Enum.GetNames<LogLevel>())}");
                    break;
                default:
                    throw new FormatException($"Unknown option {name}");
            }
        }

        return options;
    }

    private static double Number(string name, string value, double min, double max) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? number
            : throw new FormatException($"Invalid {name} '{value}'; expected a number from {min} to {max}");
}
