using System.Text.Json.Nodes;

namespace DssApi.Deploy.Planning;

/// <summary>
/// Reads DSS (read requests only) and lists, per object of the desired state, what apply does, in dependency
/// order. Each change carries out its own step at apply time, reading the object again so that it saves only
/// what still differs.
/// </summary>
internal sealed class Planner
{
    private readonly DesiredState _state;
    private readonly DssClient _client;
    private readonly PlanOptions _options;
    private readonly CancellationToken _cancellationToken;
    private readonly List<PlannedChange> _changes = [];
    private readonly List<UnmanagedObject> _notInFile = [];

    private Planner(DesiredState state, DssClient client, PlanOptions options, CancellationToken cancellationToken)
    {
        _state = state;
        _client = client;
        _options = options;
        _cancellationToken = cancellationToken;
    }

    public static async Task<Plan> PlanAsync(DesiredState state, DssClient client, PlanOptions options, CancellationToken cancellationToken)
    {
        var planner = new Planner(state, client, options, cancellationToken);
        var deployer = client.GetApiDeployer();
        var infras = (await deployer.ListInfrasAsync(cancellationToken).ConfigureAwait(false)).Select(infra => infra.InfraBasicInfo.Id).ToHashSet();
        var publishedServices = (await deployer.ListServicesAsync(cancellationToken).ConfigureAwait(false))
            .ToDictionary(service => service.ServiceBasicInfo.Id, service => service.Packages.Select(package => package.Id).ToHashSet());
        var deployments = (await deployer.ListDeploymentsAsync(cancellationToken).ConfigureAwait(false)).Select(deployment => deployment.DeploymentBasicInfo.Id).ToHashSet();

        foreach (var infra in state.Infrastructures)
        {
            await planner.PlanInfrastructureAsync(infra, infras.Contains(infra.Id)).ConfigureAwait(false);
        }

        var publications = new List<PlannedChange>();
        foreach (var service in state.ApiServices)
        {
            publications.AddRange(await planner.PlanApiServiceAsync(service, publishedServices).ConfigureAwait(false));
        }

        foreach (var service in state.PublishedServices)
        {
            await planner.PlanPublishedServiceAsync(service, publishedServices.ContainsKey(service.Id)).ConfigureAwait(false);
        }

        planner._changes.AddRange(publications);
        var updates = new List<PlannedChange>();
        foreach (var deployment in state.Deployments)
        {
            updates.Add(await planner.PlanDeploymentAsync(deployment, deployments.Contains(deployment.Id)).ConfigureAwait(false));
        }

        planner._changes.AddRange(updates);
        await planner.PlanUnmanagedAsync(infras, publishedServices.Keys, deployments).ConfigureAwait(false);
        return new Plan(client, state, options, planner._changes, planner._notInFile);
    }

    private async Task PlanInfrastructureAsync(DesiredInfrastructure infra, bool exists)
    {
        var desired = InfraSettings(infra);
        var handle = _client.GetApiDeployer().GetInfra(infra.Id);
        var current = exists ? (await handle.GetSettingsAsync(_cancellationToken).ConfigureAwait(false)).GetRaw() : new JsonObject();
        AddObjectChange(ObjectKind.Infrastructure, infra.Id, exists, Diff(DssSecretFieldPaths.InfraSettings, desired, current, !exists || _options.ResetSecrets), async context =>
        {
            var target = exists
                ? handle
                : await context.Client.GetApiDeployer().CreateInfraAsync(infra.Id, infra.Stage, new InfraType(infra.Type), cancellationToken: context.CancellationToken).ConfigureAwait(false);
            await SaveMergedAsync(context, await target.GetSettingsAsync(context.CancellationToken).ConfigureAwait(false), DssSecretFieldPaths.InfraSettings, desired,
                !exists || context.Options.ResetSecrets).ConfigureAwait(false);
        });
    }

    private async Task<List<PlannedChange>> PlanApiServiceAsync(DesiredApiService service, Dictionary<string, HashSet<string>> publishedServices)
    {
        var project = _client.GetProject(service.Project);
        var handle = project.GetApiService(service.Id);
        var exists = (await project.ListApiServicesAsync(_cancellationToken).ConfigureAwait(false)).Any(item => item.Id == service.Id);
        var settings = exists ? await handle.GetSettingsAsync(_cancellationToken).ConfigureAwait(false) : null;
        var diff = new SettingsDiff(DssSecretFieldPaths.ApiServiceSettings, writeSecrets: !exists || _options.ResetSecrets, _state.Environment);
        var current = settings?.GetRaw() ?? new JsonObject();
        if (service.AuthMethod is { } authMethod)
        {
            diff.Compare(authMethod, current["authMethod"], FieldPath.Root.Field("authMethod"));
        }

        var currentEndpoints = current["endpoints"] as JsonArray ?? [];
        foreach (var endpoint in service.Endpoints)
        {
            var id = endpoint["id"]!.GetValue<string>();
            diff.Compare(endpoint, currentEndpoints.FirstOrDefault(item => item?["id"]?.GetValue<string>() == id) ?? new JsonObject(), FieldPath.Root.Field("endpoints").ItemWithId(id));
        }

        var extraEndpoints = currentEndpoints.Select(item => item?["id"]?.GetValue<string>())
            .Where(id => id is not null && service.Endpoints.All(endpoint => endpoint["id"]!.GetValue<string>() != id))
            .Select(id => id!)
            .ToList();
        _notInFile.AddRange(extraEndpoints.Select(id => new UnmanagedObject(ObjectKind.Endpoint, $"{service.Id}/{id}", _options.Prune)));
        if (_options.Prune)
        {
            diff.Changes.AddRange(extraEndpoints.Select(id => new FieldChange($"endpoints[id={id}]", "(endpoint)", null)));
        }

        AddObjectChange(ObjectKind.ApiService, service.Id, exists, diff, async context =>
        {
            var target = exists
                ? handle
                : await context.Client.GetProject(service.Project).CreateApiServiceAsync(service.Id, context.CancellationToken).ConfigureAwait(false);
            var fresh = await target.GetSettingsAsync(context.CancellationToken).ConfigureAwait(false);
            MergeApiService(fresh.GetRaw(), service, new SettingsDiff(DssSecretFieldPaths.ApiServiceSettings, !exists || context.Options.ResetSecrets, context.State.Environment),
                context.Options.Prune);
            if (fresh.HasChanges)
            {
                context.Report("saving settings");
                await fresh.SaveAsync(context.CancellationToken).ConfigureAwait(false);
            }
        });

        if (service.Package is not { } version)
        {
            return [];
        }

        var packageExists = exists && (await handle.ListPackagesAsync(_cancellationToken).ConfigureAwait(false)).Any(package => package.Id == version);
        _changes.Add(new PlannedChange
        {
            Kind = ObjectKind.Package,
            Id = $"{service.Id}/{version}",
            Action = packageExists ? ChangeAction.None : ChangeAction.Create,
            Execute = packageExists ? null : context =>
                context.Client.GetProject(service.Project).GetApiService(service.Id).CreatePackageAsync(version, cancellationToken: context.CancellationToken),
        });

        if (!service.Publish)
        {
            return [];
        }

        var published = publishedServices.TryGetValue(service.PublishedServiceIdOrDefault, out var versions) && versions.Contains(version);
        return
        [
            new PlannedChange
            {
                Kind = ObjectKind.Package,
                Id = $"{service.Id}/{version}",
                Action = published ? ChangeAction.None : ChangeAction.Publish,
                Fields = published ? [] : [new FieldChange("publishedServiceId", null, JsonValue.Create(service.PublishedServiceIdOrDefault).ToJsonString())],
                Execute = published ? null : context =>
                    context.Client.GetProject(service.Project).GetApiService(service.Id)
                        .PublishPackageAsync(version, service.PublishedServiceIdOrDefault, context.CancellationToken),
            },
        ];
    }

    private static void MergeApiService(JsonObject settings, DesiredApiService service, SettingsDiff diff, bool prune)
    {
        if (service.AuthMethod is { } authMethod)
        {
            settings["authMethod"] = diff.Merge(authMethod, settings["authMethod"], FieldPath.Root.Field("authMethod"));
        }

        if (settings["endpoints"] is not JsonArray endpoints)
        {
            settings["endpoints"] = endpoints = [];
        }

        foreach (var endpoint in service.Endpoints)
        {
            var id = endpoint["id"]!.GetValue<string>();
            var path = FieldPath.Root.Field("endpoints").ItemWithId(id);
            var index = endpoints.Select((item, i) => (item, i)).FirstOrDefault(pair => pair.item?["id"]?.GetValue<string>() == id, (null, -1)).i;
            if (index < 0)
            {
                endpoints.Add(diff.Merge(endpoint, null, path));
            }
            else
            {
                diff.Merge(endpoint, endpoints[index], path);
            }
        }

        if (prune)
        {
            foreach (var extra in endpoints.Where(item => service.Endpoints.All(endpoint => endpoint["id"]!.GetValue<string>() != item?["id"]?.GetValue<string>())).ToList())
            {
                endpoints.Remove(extra);
            }
        }
    }

    private async Task PlanPublishedServiceAsync(DesiredPublishedService service, bool exists)
    {
        var handle = _client.GetApiDeployer().GetService(service.Id);
        var current = exists ? (await handle.GetSettingsAsync(_cancellationToken).ConfigureAwait(false)).GetRaw() : new JsonObject();
        var diff = Diff(DssSecretFieldPaths.PublishedServiceSettings, service.Settings, current, !exists || _options.ResetSecrets);
        AddObjectChange(ObjectKind.PublishedService, service.Id, exists, diff, async context =>
        {
            var target = exists ? handle : await context.Client.GetApiDeployer().CreateServiceAsync(service.Id, context.CancellationToken).ConfigureAwait(false);
            await SaveMergedAsync(context, await target.GetSettingsAsync(context.CancellationToken).ConfigureAwait(false), DssSecretFieldPaths.PublishedServiceSettings, service.Settings,
                !exists || context.Options.ResetSecrets).ConfigureAwait(false);
        });
    }

    private async Task<PlannedChange> PlanDeploymentAsync(DesiredDeployment deployment, bool exists)
    {
        var handle = _client.GetApiDeployer().GetDeployment(deployment.Id);
        var desired = DeploymentSettings(deployment);
        var current = exists ? (await handle.GetSettingsAsync(_cancellationToken).ConfigureAwait(false)).GetRaw() : new JsonObject();
        var diff = new SettingsDiff(DssSecretFieldPaths.DeploymentSettings, writeSecrets: true, _state.Environment);
        diff.Compare(desired["enabled"], current["enabled"], FieldPath.Root.Field("enabled"));
        if (!SameTraffic(current["generationsMapping"] as JsonObject, deployment))
        {
            diff.Changes.Add(new FieldChange("generationsMapping", current["generationsMapping"]?.ToJsonString(), desired["generationsMapping"]!.ToJsonString()));
        }

        AddObjectChange(ObjectKind.Deployment, deployment.Id, exists, diff, async context =>
        {
            var deployer = context.Client.GetApiDeployer();
            var target = exists
                ? handle
                : await deployer.CreateDeploymentAsync(deployment.Id, deployment.Service, deployment.Infra, deployment.Traffic[0].Version,
                    cancellationToken: context.CancellationToken).ConfigureAwait(false);
            var settings = await target.GetSettingsAsync(context.CancellationToken).ConfigureAwait(false);
            var raw = settings.GetRaw();
            raw["enabled"] = desired["enabled"]!.DeepClone();
            if (!SameTraffic(raw["generationsMapping"] as JsonObject, deployment))
            {
                raw["generationsMapping"] = desired["generationsMapping"]!.DeepClone();
            }

            if (settings.HasChanges)
            {
                context.Report("saving settings");
                await settings.SaveAsync(cancellationToken: context.CancellationToken).ConfigureAwait(false);
            }
        });

        // An update is due when the settings change, or when the last one is not live (never deployed, settings
        // saved since, or failed): so a run stopped by a failed update converges when applied again.
        var needsUpdate = deployment.Enabled && (!exists || diff.Changes.Count > 0 ||
            (await handle.GetHeavyStatusAsync(_cancellationToken).ConfigureAwait(false)).Health is { } health
                && (health == DeploymentHealth.OutOfSync || health == DeploymentHealth.Error));
        return new PlannedChange
        {
            Kind = ObjectKind.Deployment,
            Id = deployment.Id,
            Action = needsUpdate ? ChangeAction.Deploy : ChangeAction.None,
            Execute = needsUpdate
                ? context => DeploymentUpdates.StartAndWaitAsync(context.Client, deployment.Id, context.Options.UpdateTimeout, context.Report, context.CancellationToken)
                : null,
        };
    }

    private async Task PlanUnmanagedAsync(HashSet<string> infras, IEnumerable<string> publishedServices, HashSet<string> deployments)
    {
        var publishTargets = _state.ApiServices.Where(service => service.Publish && service.Package is not null).Select(service => service.PublishedServiceIdOrDefault)
            .Concat(_state.PublishedServices.Select(service => service.Id))
            .Concat(_state.Deployments.Select(deployment => deployment.Service))
            .ToHashSet();
        foreach (var id in deployments.Where(id => _state.Deployments.All(deployment => deployment.Id != id)).Order(StringComparer.Ordinal))
        {
            Unmanaged(ObjectKind.Deployment, id, async context =>
            {
                var handle = context.Client.GetApiDeployer().GetDeployment(id);
                var settings = await handle.GetSettingsAsync(context.CancellationToken).ConfigureAwait(false);
                if (settings.GetRaw()["enabled"]?.GetValue<bool>() != false)
                {
                    // DSS deletes only disabled deployments.
                    settings.GetRaw()["enabled"] = false;
                    await settings.SaveAsync(cancellationToken: context.CancellationToken).ConfigureAwait(false);
                }

                await handle.DeleteAsync(cancellationToken: context.CancellationToken).ConfigureAwait(false);
            });
        }

        foreach (var id in publishedServices.Where(id => !publishTargets.Contains(id)).Order(StringComparer.Ordinal))
        {
            Unmanaged(ObjectKind.PublishedService, id, context => context.Client.GetApiDeployer().GetService(id).DeleteAsync(context.CancellationToken));
        }

        foreach (var id in infras.Where(id => _state.Infrastructures.All(infra => infra.Id != id)).Order(StringComparer.Ordinal))
        {
            Unmanaged(ObjectKind.Infrastructure, id, context => context.Client.GetApiDeployer().GetInfra(id).DeleteAsync(context.CancellationToken));
        }

        // API services cannot be deleted through the public API: they are reported only.
        foreach (var project in _state.ApiServices.Select(service => service.Project).Distinct(StringComparer.Ordinal))
        {
            var listed = await _client.GetProject(project).ListApiServicesAsync(_cancellationToken).ConfigureAwait(false);
            _notInFile.AddRange(listed
                .Where(item => _state.ApiServices.All(service => service.Project != project || service.Id != item.Id))
                .Select(item => new UnmanagedObject(ObjectKind.ApiService, $"{project}/{item.Id}", WillBeDeleted: false)));
        }
    }

    /// <summary>An object that is created when missing and updated when its settings differ.</summary>
    private void AddObjectChange(ObjectKind kind, string id, bool exists, SettingsDiff diff, Func<ApplyContext, Task> createOrUpdate) =>
        _changes.Add(new PlannedChange
        {
            Kind = kind,
            Id = id,
            Action = !exists ? ChangeAction.Create : diff.Changes.Count > 0 ? ChangeAction.Update : ChangeAction.None,
            Fields = diff.Changes,
            SecretsLeftAlone = diff.SecretsLeftAlone,
            Warnings = diff.Warnings,
            Execute = exists && diff.Changes.Count == 0 ? null : createOrUpdate,
        });

    private void Unmanaged(ObjectKind kind, string id, Func<ApplyContext, Task> delete)
    {
        _notInFile.Add(new UnmanagedObject(kind, id, _options.Prune));
        if (_options.Prune)
        {
            _changes.Add(new PlannedChange { Kind = kind, Id = id, Action = ChangeAction.Delete, Execute = delete });
        }
    }

    private SettingsDiff Diff(IReadOnlyList<string> secretFields, JsonObject desired, JsonObject current, bool writeSecrets)
    {
        var diff = new SettingsDiff(secretFields, writeSecrets, _state.Environment);
        diff.Compare(desired, current, FieldPath.Root);
        return diff;
    }

    private static async Task SaveMergedAsync(ApplyContext context, DssSettings settings, IReadOnlyList<string> secretFields, JsonObject desired, bool writeSecrets)
    {
        new SettingsDiff(secretFields, writeSecrets, context.State.Environment).Merge(desired, settings.GetRaw(), FieldPath.Root);
        if (!settings.HasChanges)
        {
            return;
        }

        context.Report("saving settings");
        var save = settings switch
        {
            InfraSettings infra => infra.SaveAsync(context.CancellationToken),
            PublishedServiceSettings service => service.SaveAsync(context.CancellationToken),
            _ => throw new InvalidOperationException($"No save for {settings.GetType().Name}"),
        };
        await save.ConfigureAwait(false);
    }

    private static JsonObject InfraSettings(DesiredInfrastructure infra)
    {
        var settings = (JsonObject)infra.Settings.DeepClone();
        settings["stage"] = infra.Stage;
        return settings;
    }

    private static JsonObject DeploymentSettings(DesiredDeployment deployment) => new()
    {
        ["enabled"] = deployment.Enabled,
        ["generationsMapping"] = TrafficMapping.ToJson(deployment.Traffic, deployment.Strategy),
    };

    private static bool SameTraffic(JsonObject? mapping, DesiredDeployment deployment) => TrafficMapping.Serves(mapping, deployment.Traffic, deployment.Strategy);
}
