using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;
using DssApi.Generator.OpenApi;
using DssApi.Generator.Schema;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace DssApi.Generator.Analyzers;

/// <summary>An OpenAPI document of a deployed service, read by the generator's reader; <paramref name="ClientName"/> is set when the generator makes a typed client of it.</summary>
internal sealed record ServiceDocument(string? ClientName, ServiceClientModel Model);

/// <summary>
/// The OpenAPI documents of deployed services among a compilation's additional files: those with
/// <c>DssApiServiceClient</c> metadata (the generator's input) and any other <c>*.openapi.json</c>.
/// They are read only when a rule first asks, and once per document text: an IDE hands later
/// compilations the same text of an unchanged file, so the reading is reused.
/// </summary>
internal sealed class ServiceDocuments
{
    public const string ServiceClientMetadata = "build_metadata.AdditionalFiles.DssApiServiceClient";
    private const string DocumentSuffix = ".openapi.json";

    /// <summary>What a document gives when it has no client name of its own: the reader needs one to read it.</summary>
    private const string UnnamedClient = "Service";

    private static readonly ConditionalWeakTable<SourceText, ServiceClientModel> ReadByText = new();

    private readonly Lazy<IReadOnlyList<ServiceDocument>> _documents;

    private ServiceDocuments(IReadOnlyList<(AdditionalText File, string? ClientName)> files) =>
        _documents = new Lazy<IReadOnlyList<ServiceDocument>>(() => Read(files), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The service documents among the additional files, or null when there are none, so that a rule that needs one registers nothing.</summary>
    public static ServiceDocuments? Find(AnalyzerOptions options)
    {
        var files = new List<(AdditionalText, string?)>();
        foreach (var file in options.AdditionalFiles)
        {
            var named = options.AnalyzerConfigOptionsProvider.GetOptions(file).TryGetValue(ServiceClientMetadata, out var clientName) && !string.IsNullOrWhiteSpace(clientName);
            if (named || file.Path.EndsWith(DocumentSuffix, StringComparison.OrdinalIgnoreCase))
            {
                files.Add((file, named && SchemaReader.IsValidIdentifier(clientName!.Trim()) ? clientName.Trim() : null));
            }
        }

        return files.Count == 0 ? null : new ServiceDocuments(files);
    }

    /// <summary>The document that describes the service <paramref name="serviceId"/>, or null when the project holds none.</summary>
    public ServiceDocument? For(string serviceId)
    {
        foreach (var document in _documents.Value)
        {
            if (document.Model.ServiceIds.Contains(serviceId))
            {
                return document;
            }
        }

        return null;
    }

    private static IReadOnlyList<ServiceDocument> Read(IReadOnlyList<(AdditionalText File, string? ClientName)> files)
    {
        var documents = new List<ServiceDocument>();
        foreach (var (file, clientName) in files)
        {
            if (file.GetText() is not { } text)
            {
                continue;
            }

            var name = clientName ?? UnnamedClient;
            var model = ReadByText.GetValue(text, read => OpenApiReader.Read(new OpenApiSource(file.Path, name, read.ToString()), CancellationToken.None));
            if (model.ClientName != name || model.FileName != FileName(file.Path))
            {
                // The same text under another name or file: read it as that one.
                model = OpenApiReader.Read(new OpenApiSource(file.Path, name, text.ToString()), CancellationToken.None);
            }

            documents.Add(new ServiceDocument(clientName, model));
        }

        return documents;
    }

    private static string FileName(string path) => path.Substring(path.LastIndexOfAny(['/', '\\']) + 1);
}
