using System.Text;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;
using DssApi.TestSupport;

namespace DssApi.Cli.Tests;

/// <summary>The sample GitHub Actions workflow runs only commands and options the tool has, so it cannot rot unnoticed.</summary>
public sealed partial class WorkflowTests
{
    private static readonly string Repository = TestRepository.Root;
    private static readonly string SampleFolder = Path.Combine(Repository, "samples", "Deploy");

    [Fact]
    public void The_workflow_runs_plan_apply_and_a_rollout_with_dss_url_and_key_from_secrets()
    {
        var workflow = LoadWorkflow();

        Assert.Equal(["apply", "plan", "rollout"], DssapiCommands(workflow).Select(args => args[0]).Order(StringComparer.Ordinal));
        var environment = (YamlMappingNode)((YamlMappingNode)workflow)["env"];
        Assert.Equal("${{ secrets.DSS_URL }}", ((YamlScalarNode)environment["DSS_URL"]).Value);
        Assert.Equal("${{ secrets.DSS_API_KEY }}", ((YamlScalarNode)environment["DSS_API_KEY"]).Value);
    }

    /// <summary>
    /// Each command, run without DSS_URL, gets past the parser and stops where it would first connect to DSS: the
    /// command and every option exist. An unknown verb or option fails earlier, with the parser's error.
    /// </summary>
    [Fact]
    public async Task Every_dssapi_command_of_the_workflow_parses()
    {
        foreach (var args in DssapiCommands(LoadWorkflow()))
        {
            using var output = new StringWriter();
            using var error = new StringWriter();
            var exitCode = await DssCli.RunAsync(args, new CliConsole(output, error, name => name.StartsWith("DSS_API_NODE_", StringComparison.Ordinal) ? "from-the-workflow" : null));

            Assert.True(exitCode == DssCli.Failure && error.ToString().Contains("no DSS URL: give --url, set DSS_URL", StringComparison.Ordinal),
                $"dssapi {string.Join(' ', args)} did not parse: {error}");
        }
    }

    private static YamlNode LoadWorkflow()
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(Path.Combine(SampleFolder, "github-workflow.yml"))));
        return stream.Documents[0].RootNode;
    }

    /// <summary>
    /// The arguments of every <c>dssapi</c> command the steps run: shell lists split at <c>||</c>, <c>&amp;&amp;</c> and
    /// <c>;</c>, words split as the shell does with double quotes, <c>${{ … }}</c> expressions replaced by a value,
    /// and the desired-state file found beside the sample.
    /// </summary>
    private static IReadOnlyList<string[]> DssapiCommands(YamlNode workflow)
    {
        var jobs = (YamlMappingNode)((YamlMappingNode)workflow)["jobs"];
        var scripts = jobs.Children.Values.Cast<YamlMappingNode>()
            .SelectMany(job => ((YamlSequenceNode)job["steps"]).Children.Cast<YamlMappingNode>())
            .Where(step => step.Children.ContainsKey("run"))
            .Select(step => ((YamlScalarNode)step["run"]).Value!);
        return [.. scripts
            .SelectMany(script => ShellList().Split(Expression().Replace(script, "v2")))
            .Select(Words)
            .Where(words => words.Count > 0 && words[0] == "dssapi")
            .Select(words => words.Skip(1).Select(word => word == "dss.yaml" ? Path.Combine(SampleFolder, "dss.yaml") : word).ToArray())];
    }

    private static List<string> Words(string command)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var quoted = false;
        foreach (var c in command.Trim())
        {
            if (c == '"')
            {
                quoted = !quoted;
            }
            else if (char.IsWhiteSpace(c) && !quoted)
            {
                if (word.Length > 0)
                {
                    words.Add(word.ToString());
                    word.Clear();
                }
            }
            else
            {
                word.Append(c);
            }
        }

        if (word.Length > 0)
        {
            words.Add(word.ToString());
        }

        return words;
    }

    [GeneratedRegex(@"\|\||&&|;|\n")]
    private static partial Regex ShellList();

    [GeneratedRegex(@"\$\{\{[^}]*\}\}")]
    private static partial Regex Expression();
}
