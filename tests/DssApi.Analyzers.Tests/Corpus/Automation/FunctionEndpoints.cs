using DssApi;

namespace Acme.Design.Functions;

/// <summary>Python and R function endpoints generated from the functions folder of the repository.</summary>
public static class FunctionEndpoints
{
    public static async Task SyncAsync(DssApiService service, string folder)
    {
        var settings = await service.GetSettingsAsync();
        foreach (var file in Directory.EnumerateFiles(folder, "*.py"))
        {
            var id = Path.GetFileNameWithoutExtension(file);
            settings.RemoveEndpoint(id);
            settings.AddPythonFunctionEndpoint(id, await File.ReadAllTextAsync(file));
        }

        foreach (var file in Directory.EnumerateFiles(folder, "*.R"))
        {
            var id = Path.GetFileNameWithoutExtension(file);
            settings.RemoveEndpoint(id);
            settings.AddRFunctionEndpoint(id, await File.ReadAllTextAsync(file), functionName: "score");
        }

        await settings.SaveAsync();
    }

    public static async Task AddOneAsync(DssApiService service, string file)
    {
        var settings = await service.GetSettingsAsync();
        var code = await File.ReadAllTextAsync(file);
        var id = Path.GetFileNameWithoutExtension(file);
        _ = settings.AddPythonFunctionEndpoint(id, code);
        if (code.Contains("import tensorflow"))
        {
            Console.WriteLine($"{id} needs the deep learning code env; not saving");
            return;
        }

        await settings.SaveAsync();
    }

    public static async Task AddOneForgetfulAsync(DssApiService service, string file)
    {
        var settings = await service.GetSettingsAsync();
        var code = await File.ReadAllTextAsync(file);
        settings.AddPythonFunctionEndpoint(Path.GetFileNameWithoutExtension(file), code); // expect: DSS1002
        Console.WriteLine("added");
    }

    public static async Task AddSqlAsync(DssApiService service, string connection, string query)
    {
        var settings = await service.GetSettingsAsync();
        var endpoint = settings.AddSqlQueryEndpoint("report", connection, query, ["from", "to"]);
        Console.WriteLine($"added {endpoint.Id}");
        await settings.SaveAsync();
    }

    public static async Task AddSqlAfterSaveAsync(DssApiService service, string connection, string query)
    {
        var settings = await service.GetSettingsAsync();
        settings.Description = "reports";
        await settings.SaveAsync();
        settings.AddSqlQueryEndpoint("report", connection, query, []); // expect: DSS1002
    }
}
