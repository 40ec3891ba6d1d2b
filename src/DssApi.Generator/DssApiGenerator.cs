using System;
using System.Collections.Generic;
using DssApi.Generator.Diagnostics;
using DssApi.Generator.Emit;
using DssApi.Generator.Model;
using DssApi.Generator.OpenApi;
using DssApi.Generator.Schema;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace DssApi.Generator;

/// <summary>Generates the typed DSS API from the schema files given as additional files.</summary>
[Generator(LanguageNames.CSharp)]
public sealed class DssApiGenerator : IIncrementalGenerator
{
    /// <summary>The lowest C# version the generated code compiles with. netstandard2.0 and .NET Framework
    /// projects default to C# 7.3, so they must raise it.</summary>
    public const LanguageVersion RequiredLanguageVersion = LanguageVersion.CSharp10;

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var configured = context.AnalyzerConfigOptionsProvider
            .Select(static (provider, _) => ReadOptions(provider.GlobalOptions))
            .WithTrackingName(TrackingNames.Configuration);
        var options = configured
            .Select(static (read, _) => read.Options)
            .WithTrackingName(TrackingNames.Options);
        var configurationProblems = configured
            .Select(static (read, _) => read.Problems)
            .WithTrackingName(TrackingNames.ConfigurationProblems);
        context.RegisterSourceOutput(configurationProblems, static (production, problems) =>
        {
            foreach (var problem in problems)
            {
                production.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ById(problem.Id), Location.None, problem.Value));
            }
        });

        var sources = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Combine(options)
            .Select(static (input, cancellationToken) =>
            {
                var ((text, provider), settings) = input;
                if (!settings.Generate || !IsSchemaFile(text, provider.GetOptions(text), out var isDefault) || (isDefault && !settings.IncludeDefaultSchema))
                {
                    return null;
                }

                return new SchemaSource(text.Path, isDefault, text.GetText(cancellationToken)?.ToString() ?? string.Empty);
            })
            .Where(static source => source is not null)
            .Select(static (source, _) => source!)
            .WithTrackingName(TrackingNames.SchemaSources);

        var documents = sources
            .Select(static (source, cancellationToken) => SchemaReader.Read(source.Path, source.IsDefault, source.Text, cancellationToken))
            .WithTrackingName(TrackingNames.Documents);

        var model = documents.Collect()
            .Select(static (all, cancellationToken) => SchemaMerger.Merge(all, cancellationToken))
            .WithTrackingName(TrackingNames.Model);

        var diagnostics = model
            .Select(static (api, _) => api.Diagnostics)
            .WithTrackingName(TrackingNames.Diagnostics);
        context.RegisterSourceOutput(diagnostics, static (production, all) =>
        {
            foreach (var diagnostic in all)
            {
                production.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });

        var languageVersion = context.ParseOptionsProvider
            .Select(static (parseOptions, _) => parseOptions is CSharpParseOptions csharp ? csharp.LanguageVersion : RequiredLanguageVersion)
            .WithTrackingName(TrackingNames.LanguageVersion);
        var languageSupported = languageVersion.Select(static (version, _) => version >= RequiredLanguageVersion);

        // One clear error instead of the hundreds the generated code would raise at a lower version.
        context.RegisterSourceOutput(
            model.Select(static (api, _) => api.Items.Count > 0).Combine(languageVersion),
            static (production, input) =>
            {
                var (generates, version) = input;
                if (generates && version < RequiredLanguageVersion)
                {
                    production.ReportDiagnostic(Diagnostic.Create(
                        DiagnosticDescriptors.LanguageVersionTooLow, Location.None, RequiredLanguageVersion.ToDisplayString(), version.ToDisplayString()));
                }
            });

        var generated = model
            .SelectMany(static (api, _) => api.Items)
            .WithTrackingName(TrackingNames.Items)
            .Combine(options)
            .Combine(languageSupported)
            .Where(static input => input.Right)
            .Select(static (input, cancellationToken) => SourceEmitter.Emit(input.Left.Left, input.Left.Right, cancellationToken))
            .WithTrackingName(TrackingNames.Sources);
        context.RegisterSourceOutput(generated, static (production, source) => production.AddSource(source.HintName, source.Text));

        RegisterServiceClients(context, options);
    }

    /// <summary>The second pipeline: one typed client per OpenAPI document marked with DssApiServiceClient; each document is read and emitted on its own.</summary>
    private static void RegisterServiceClients(IncrementalGeneratorInitializationContext context, IncrementalValueProvider<GeneratorOptions> options)
    {
        var clients = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (input, cancellationToken) =>
            {
                var (text, provider) = input;
                return provider.GetOptions(text).TryGetValue("build_metadata.AdditionalFiles.DssApiServiceClient", out var name) && !string.IsNullOrWhiteSpace(name)
                    ? new OpenApiSource(text.Path, name.Trim(), text.GetText(cancellationToken)?.ToString() ?? string.Empty)
                    : null;
            })
            .Where(static source => source is not null)
            .Select(static (source, _) => source!)
            .WithTrackingName(TrackingNames.OpenApiSources)
            .Select(static (source, cancellationToken) => OpenApiReader.Read(source, cancellationToken))
            .WithTrackingName(TrackingNames.OpenApiClients);
        context.RegisterSourceOutput(clients, static (production, client) =>
        {
            foreach (var diagnostic in client.Diagnostics)
            {
                production.ReportDiagnostic(diagnostic.ToDiagnostic());
            }
        });

        var generated = clients
            .Combine(options)
            .Where(static input => input.Right.Generate && input.Left.Endpoints.Count > 0)
            .Select(static (input, cancellationToken) => OpenApiEmitter.Emit(input.Left, input.Right, cancellationToken))
            .WithTrackingName(TrackingNames.OpenApiGenerated);
        context.RegisterSourceOutput(generated, static (production, source) => production.AddSource(source.HintName, source.Text));
    }

    private static ConfiguredOptions ReadOptions(AnalyzerConfigOptions global)
    {
        string? Read(string name) => global.TryGetValue("build_property." + name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        var problems = new List<ConfigurationProblem>();
        string? Checked(string? value, bool valid, string problemId)
        {
            if (value is not null && !valid)
            {
                problems.Add(new ConfigurationProblem(problemId, value));
                return null;
            }

            return value;
        }

        var ns = Read("DssApiNamespace");
        var accessibility = Read("DssApiAccessibility");
        var target = Read("DssApiTargetVersion");
        var options = new GeneratorOptions(
            Checked(ns, ns is not null && IsNamespace(ns), DiagnosticDescriptors.InvalidNamespaceId) ?? GeneratorOptions.DefaultNamespace,
            string.Equals(Checked(accessibility, IsAccessibility(accessibility), DiagnosticDescriptors.InvalidAccessibilityId), "public", StringComparison.OrdinalIgnoreCase),
            Checked(target, target is not null && VersionNumber.TryParse(target, out _), DiagnosticDescriptors.InvalidTargetVersionId),
            !string.Equals(Read("DssApiGenerate"), "false", StringComparison.OrdinalIgnoreCase),
            !string.Equals(Read("DssApiIncludeDefaultSchema"), "false", StringComparison.OrdinalIgnoreCase));
        return new ConfiguredOptions(options, problems.ToEquatableArray());
    }

    private static bool IsAccessibility(string? value) =>
        string.Equals(value, "public", StringComparison.OrdinalIgnoreCase) || string.Equals(value, "internal", StringComparison.OrdinalIgnoreCase);

    private static bool IsNamespace(string name)
    {
        foreach (var part in name.Split('.'))
        {
            if (!SchemaReader.IsValidIdentifier(part))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsSchemaFile(AdditionalText text, AnalyzerConfigOptions fileOptions, out bool isDefault)
    {
        // by hand: Path.GetFileName rejects characters some hosts allow in paths
        var fileName = text.Path.Substring(text.Path.LastIndexOfAny(['/', '\\']) + 1);
        isDefault = string.Equals(fileName, GeneratorOptions.DefaultSchemaFileName, StringComparison.OrdinalIgnoreCase);
        return isDefault
            || text.Path.EndsWith(GeneratorOptions.SchemaFileSuffix, StringComparison.OrdinalIgnoreCase)
            || (fileOptions.TryGetValue("build_metadata.AdditionalFiles.DssApiSchema", out var flag) && string.Equals(flag, "true", StringComparison.OrdinalIgnoreCase));
    }
}
