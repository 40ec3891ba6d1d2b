# The synthetic consumer of the benchmark scripts, and how they read what the compiler reports on
# it; sourced by them. They set `repo` (the repository's root) and `shape` (straight, branching or
# loops: how each typed body ends; dense: a body in which nearly every line calls the API) before
# calling write_consumer.

health_check() { # the end of a typed body, in the shape asked for
  case $shape in
    branching) printf '        if (status.Heavy.Health != DeploymentHealth.Healthy)\n        {\n            Console.WriteLine($"unhealthy: {status.Heavy.Health}");\n        }\n        else\n        {\n            Console.WriteLine("healthy");\n        }\n\n        return settings.Endpoints.Count;' ;;
    loops) printf '        foreach (var endpoint in settings.Endpoints)\n        {\n            Console.WriteLine(endpoint);\n        }\n\n        return settings.Endpoints.Count + (status.Heavy.Health == DeploymentHealth.Healthy ? 1 : 0);' ;;
    *) printf '        return settings.Endpoints.Count + (status.Heavy.Health == DeploymentHealth.Healthy ? 1 : 0);' ;;
  esac
}

typed_body() { # the statements of a typed body, numbered $1
  if [ "$shape" = dense ]; then
    cat <<CS
        var service = client.GetProject("P$1").GetApiService("service$1");
        var settings = await service.GetSettingsAsync();
        settings.AddPredictionEndpoint("endpoint$1", "model$1");
        settings.AddPredictionEndpoint("second$1", "model$1");
        await settings.SaveAsync();
        var packages = await service.ListPackagesAsync();
        await service.CreatePackageAsync("v$1");
        await service.PublishPackageAsync("v$1");
        var deployer = client.GetApiDeployer();
        var infra = await deployer.GetInfra("infra$1").GetStatusAsync();
        var deployment = deployer.GetDeployment("deployment$1");
        var deploymentSettings = await deployment.GetSettingsAsync();
        deploymentSettings.Enabled = true;
        await deploymentSettings.SaveAsync();
        var update = await deployment.StartUpdateAsync();
        await update.WaitForCompletionAsync();
        var light = await deployment.GetLightStatusAsync();
        var heavy = await deployment.GetHeavyStatusAsync();
        var updates = await deployment.ListUpdatesAsync();
        var status = await deployment.GetStatusAsync();
        return packages.Count + infra.Deployments.Count + updates.Count + settings.Endpoints.Count
            + (heavy.Health == DeploymentHealth.Healthy ? 1 : 0) + (light.ToDeployment() == deployment ? 1 : 0) + status.GetServiceUrls().Count;
CS
    return
  fi
  cat <<CS
        var settings = await client.GetProject("P$1").GetApiService("service$1").GetSettingsAsync();
        settings.AddPredictionEndpoint("endpoint$1", "model$1");
        await settings.SaveAsync();
        var deployment = client.GetApiDeployer().GetDeployment("deployment$1");
        var update = await deployment.StartUpdateAsync();
        await update.WaitForCompletionAsync();
        var status = await deployment.GetStatusAsync();
$(health_check)
CS
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
$(typed_body "$i")
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
