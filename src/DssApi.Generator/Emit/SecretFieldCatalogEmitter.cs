using System.Linq;
using DssApi.Generator.Model;

namespace DssApi.Generator.Emit;

/// <summary>
/// Writes the catalog of secret fields: one static list of JSON paths per saved settings type, so that code
/// comparing settings knows which fields DSS answers encrypted without reflecting over the generated
/// properties. Always internal: it is plumbing of the assembly, not part of the typed DSS API.
/// </summary>
internal static class SecretFieldCatalogEmitter
{
    public static void Emit(EmitContext context, SecretFieldCatalogItem catalog)
    {
        var writer = context.Writer;
        writer.Doc("summary",
            "The secret fields of each kind of settings (schema fields marked \"secret\": DSS answers them encrypted), as JSON paths from the settings object:\n" +
            "a field name per step, joined by '.'; [] for every item of a list, * for every value of a map; a union's settings list the fields of all its cases.");
        SourceEmitter.GeneratedTypeAttributes(writer);
        writer.Open($"internal static class {SecretFieldCatalogItem.TypeName}");
        var first = true;
        foreach (var settings in catalog.Settings)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            writer.Doc("summary", $"The secret fields of {settings.SettingsName}.");
            var paths = settings.Paths.Count == 0
                ? "global::System.Array.Empty<string>()"
                : "new string[] { " + string.Join(", ", settings.Paths.Select(CodeWriter.Literal)) + " }";
            writer.Line($"public static global::System.Collections.Generic.IReadOnlyList<string> {settings.SettingsName} {{ get; }} = {paths};");
        }

        writer.Close();
    }
}
