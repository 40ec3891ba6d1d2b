# The synthetic consumer of the benchmark scripts, and how they read what the compiler reports on
# it; sourced by them. They set `repo` (the repository's root) and `shape` (straight, branching or
# loops: how each typed body ends) before calling write_consumer.

health_check() { # the end of a typed body, in the shape asked for
  case $shape in
    branching) printf '        if (status.Heavy.Health != DeploymentHealth.Healthy)\n        {\n            Console.WriteLine($"unhealthy: {status.Heavy.Health}");\n        }\n        else\n        {\n            Console.WriteLine("healthy");\n        }\n\n        return settings.Endpoints.Count;' ;;
    loops) printf '        foreach (var endpoint in settings.Endpoints)\n        {\n            Console.WriteLine(endpoint);\n        }\n\n        return settings.Endpoints.Count + (status.Heavy.Health == DeploymentHealth.Healthy ? 1 : 0);' ;;
    *) printf '        return settings.Endpoints.Count + (status.Heavy.Health == DeploymentHealth.Healthy ? 1 : 0);' ;;
  esac
}

write_consumer() { # folder, generate (true|false), uses generated types (true|false)
  local folder=$1 generate=$2 typed=$3
  mkdir -p "$folder"
  cat > "$folder/Consumer.csproj" <<XML
<Project Sdk="Microsoft.NET.Sdk">
  <Import Project="$repo/src/DssApi/buildTransitive/DssApi.props" />
  <PropertyGroup>
    <TargetFramework>net10.0</TargetFramework>
    <Nullable>enable</Nullable>
    <ImplicitUsings>enable</ImplicitUsings>
    <DssApiGenerate>$generate</DssApiGenerate>
  </PropertyGroup>
  <ItemGroup>
    <ProjectReference Include="$repo/src/DssApi/DssApi.csproj" />
    <ProjectReference Include="$repo/src/DssApi.Generator/DssApi.Generator.csproj" OutputItemType="Analyzer" ReferenceOutputAssembly="false" />
  </ItemGroup>
  <Import Project="$repo/src/DssApi/buildTransitive/DssApi.targets" />
</Project>
XML
  for i in $(seq 1 "$files"); do
    if [ "$typed" = true ]; then
      cat > "$folder/Use$i.cs" <<CS
using DssApi;

namespace Consumer;

internal static class Use$i
{
    public static async Task<int> RunAsync(DssClient client)
    {
        var settings = await client.GetProject("P$i").GetApiService("service$i").GetSettingsAsync();
        settings.AddPredictionEndpoint("endpoint$i", "model$i");
        await settings.SaveAsync();
        var deployment = client.GetApiDeployer().GetDeployment("deployment$i");
        var update = await deployment.StartUpdateAsync();
        await update.WaitForCompletionAsync();
        var status = await deployment.GetStatusAsync();
$(health_check)
    }
}
CS
    else
      cat > "$folder/Use$i.cs" <<CS
using DssApi;

namespace Consumer;

internal static class Use$i
{
    public static async Task<int> RunAsync(DssClient client)
    {
        await Task.Yield();
        var url = client.Url.ToString();
        var parts = url.Split('/');
        return parts.Length + url.Length + $i;
    }
}
CS
    fi
  done
  echo 'Console.WriteLine("consumer");' > "$folder/Program.cs"
  sed -i 's#<TargetFramework>#<OutputType>Exe</OutputType><TargetFramework>#' "$folder/Consumer.csproj"
}

dss_seconds() { # the DssApi rows of ReportAnalyzer's analyzer and generator tables: "<analyzers> <generator>"
  awk '/Total analyzer execution time/ { table = "analyzer" } /Total generator execution time/ { table = "generator" }
       /^[ \t]*[0-9]+\.[0-9]+[ \t]+[0-9<]+[ \t]+DssApi\.Generator, Version/ && table != "" && !(table in seconds) { seconds[table] = $1 }
       END { printf "%.3f %.3f\n", seconds["analyzer"] + 0, seconds["generator"] + 0 }' "$1"
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }
