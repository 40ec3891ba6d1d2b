using Verifier = DssApi.Analyzers.Tests.Support.AnalyzerVerifier<DssApi.Generator.Analyzers.SaveWithoutChangesAnalyzer>;

namespace DssApi.Analyzers.Tests.Rules;

public sealed class SaveWithoutChangesTests
{
    [Fact]
    public Task Save_right_after_load_fires() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service)
        {
            var settings = await service.GetSettingsAsync();
            await [|settings.SaveAsync()|];
        }
        """);

    [Fact]
    public Task Reading_scalar_properties_is_not_a_modification() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service)
        {
            var settings = await service.GetSettingsAsync();
            Console.WriteLine(settings.Name + settings.PublicAccess + settings.HasChanges);
            await [|settings.SaveAsync()|];
        }
        """);

    [Fact]
    public Task Constant_fallbacks_are_not_a_modification() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service, bool verbose)
        {
            var settings = await service.GetSettingsAsync();
            Console.WriteLine((settings.Name ?? "unnamed") + (verbose ? "!" : ""));
            await [|settings.SaveAsync()|];
        }
        """);

    [Fact]
    public Task Save_before_a_change_in_the_same_statement_fires() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service, bool verbose)
        {
            var settings = await service.GetSettingsAsync();
            Console.WriteLine($"{[|settings.SaveAsync()|]} {(verbose ? 1 : 0)} {settings.Name = "renamed"}");
        }
        """);

    [Fact]
    public Task Change_in_an_if_counts() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service, bool rename)
        {
            var settings = await service.GetSettingsAsync();
            if (rename)
            {
                settings.Name = "renamed";
            }

            await settings.SaveAsync();
        }
        """);

    [Fact]
    public Task If_that_only_reads_fires() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service, bool verbose)
        {
            var settings = await service.GetSettingsAsync();
            if (verbose)
            {
                Console.WriteLine(settings.Name);
            }

            await [|settings.SaveAsync()|];
        }
        """);

    [Fact]
    public Task Second_save_without_a_change_in_between_fires() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service)
        {
            var settings = await service.GetSettingsAsync();
            settings.Name = "scoring";
            await settings.SaveAsync();
            await [|settings.SaveAsync()|];
        }
        """);

    [Fact]
    public Task Branches_that_only_read_fire() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service, bool verbose)
        {
            var settings = await service.GetSettingsAsync();
            if (verbose)
            {
                Console.WriteLine(settings.Name);
            }
            else
            {
                return;
            }

            await [|settings.SaveAsync()|];
        }
        """);

    [Fact]
    public Task Loop_that_only_reads_fires() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service)
        {
            var settings = await service.GetSettingsAsync();
            for (var i = 0; i < 3; i++)
            {
                Console.WriteLine(settings.Id);
            }

            await [|settings.SaveAsync()|];
        }
        """);

    [Fact]
    public Task Loops_read_from_the_tree_keep_their_changes() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service, string[] names, bool again)
        {
            var settings = await service.GetSettingsAsync();
            foreach (var name in names)
            {
                settings.Name = name;
                await settings.SaveAsync();
            }

            // Silent: a foreach may leave between the change and the save, through its disposal.
            await settings.SaveAsync();
            var more = await service.GetSettingsAsync();
            while (again)
            {
                Console.WriteLine(more.Id);
            }

            do
            {
                Console.WriteLine(more.Name);
            }
            while (again);
            await [|more.SaveAsync()|];
        }
        """);

    [Fact]
    public Task Change_at_the_end_of_a_foreach_counts_for_the_save_at_its_start() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service, string[] names)
        {
            var settings = await service.GetSettingsAsync();
            foreach (var name in names)
            {
                await settings.SaveAsync();
                settings.Name = name;
            }
        }
        """);

    [Fact]
    public Task Save_in_finally_after_reads_fires() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service)
        {
            var settings = await service.GetSettingsAsync();
            try
            {
                Console.WriteLine(settings.Name);
            }
            finally
            {
                await [|settings.SaveAsync()|];
            }
        }
        """);

    [Fact]
    public Task Async_local_functions_and_lambdas_are_analyzed() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service)
        {
            async Task Local()
            {
                var settings = await service.GetSettingsAsync();
                await [|settings.SaveAsync()|];
            }

            Func<Task> lambda = async () =>
            {
                var settings = await service.GetSettingsAsync();
                await [|settings.SaveAsync()|];
            };
            await Local();
            await lambda();
        }
        """);

    [Fact]
    public Task Lambdas_inside_try_blocks_are_analyzed() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service)
        {
            try
            {
                Func<Task> lambda = async () =>
                {
                    var settings = await service.GetSettingsAsync();
                    try
                    {
                        await [|settings.SaveAsync()|];
                    }
                    catch (DssApiException)
                    {
                        await [|settings.SaveAsync()|];
                    }
                };
                await lambda();
            }
            catch (DssApiException)
            {
            }
        }
        """);

    [Fact]
    public Task Typed_setter_counts_as_modification() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service)
        {
            var settings = await service.GetSettingsAsync();
            settings.Name = "scoring";
            await settings.SaveAsync();
        }
        """);

    [Fact]
    public Task Modification_on_one_branch_is_enough() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service, bool rename)
        {
            var settings = await service.GetSettingsAsync();
            if (rename)
            {
                settings.AddPredictionEndpoint("churn", "model-1");
            }

            await settings.SaveAsync();
        }
        """);

    [Fact]
    public Task Raw_json_and_list_edits_count_as_modification() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service, DssApiDeployerDeployment deployment)
        {
            var settings = await service.GetSettingsAsync();
            settings.GetRaw()["custom"] = 1;
            await settings.SaveAsync();

            var more = await service.GetSettingsAsync();
            more.Tags.Add("prod");
            await more.SaveAsync();
        }
        """);

    [Fact]
    public Task Handing_the_settings_on_counts_as_modification() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service)
        {
            var settings = await service.GetSettingsAsync();
            Edit(settings);
            await settings.SaveAsync();
            Func<string?> capture = () => settings.Name;
            await settings.SaveAsync();
        }

        static void Edit(ApiServiceSettings settings) => settings.Name = "x";
        """);

    [Fact]
    public Task Loops_and_catch_blocks_that_modify_count() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service, string[] tags)
        {
            var settings = await service.GetSettingsAsync();
            while (true)
            {
                try
                {
                    await settings.SaveAsync();
                    return;
                }
                catch (DssApiException)
                {
                    settings.Description = "retried";
                }
            }
        }
        """);

    [Fact]
    public Task Settings_not_loaded_here_are_left_alone() => Verifier.VerifyAsync("""
        async Task Run(ApiServiceSettings settings)
        {
            await settings.SaveAsync();
        }
        """);

    [Fact]
    public Task Severity_set_to_none_in_editorconfig_silences_the_rule() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service)
        {
            var settings = await service.GetSettingsAsync();
            await settings.SaveAsync();
        }
        """, editorConfig: "dotnet_diagnostic.DSS1001.severity = none");

    [Fact]
    public Task Incomplete_code_does_not_crash() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service)
        {
            var settings = await service.GetSettingsAsync();
            settings.
            await settings.SaveAsync();
            await settings.SaveAsync(
        }
        """, compiles: false);

    [Fact]
    public Task Assignments_whose_value_branches_count_as_modification() => Verifier.VerifyAsync("""
        async Task Rename(DssApiService service, string? name, bool isPublic)
        {
            var settings = await service.GetSettingsAsync();
            settings.Name = isPublic ? $"{name} (public)" : name;
            await settings.SaveAsync();
        }

        async Task Fallback(DssApiService service, string? name)
        {
            var settings = await service.GetSettingsAsync();
            settings.Name = name ?? settings.Id;
            await settings.SaveAsync();
        }

        async Task FillIn(DssApiService service)
        {
            var settings = await service.GetSettingsAsync();
            settings.Name ??= "scoring";
            await settings.SaveAsync();
        }

        async Task Required(DssApiService service, string? name)
        {
            var settings = await service.GetSettingsAsync();
            settings.Name = name ?? throw new ArgumentNullException(nameof(name));
            await settings.SaveAsync();
        }

        async Task Swap(DssApiService service, string name)
        {
            var settings = await service.GetSettingsAsync();
            (settings.Name, name) = (name, settings.Name ?? "");
            await settings.SaveAsync();
        }
        """);

    [Fact]
    public Task Branching_read_then_save_still_fires() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service, bool verbose)
        {
            var settings = await service.GetSettingsAsync();
            var label = verbose ? settings.Name ?? "unnamed" : settings.Id;
            Console.WriteLine(label);
            await [|settings.SaveAsync()|];
        }
        """);

    [Fact]
    public Task Settings_from_the_users_own_methods_may_be_modified() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service)
        {
            var settings = await LoadRenamedAsync(service);
            await settings.SaveAsync();

            var cached = GetCached();
            await cached.SaveAsync();
        }

        static async Task<ApiServiceSettings> LoadRenamedAsync(DssApiService service)
        {
            var settings = await service.GetSettingsAsync();
            settings.Name = "renamed";
            return settings;
        }

        ApiServiceSettings GetCached() => throw new NotImplementedException();
        """);

    [Fact]
    public Task Settings_loaded_through_the_generated_client_are_fresh() => Verifier.VerifyAsync("""
        async Task Run(DssClient client)
        {
            var settings = await client.GetProject("PROJ").GetApiService("scoring").GetSettingsAsync().ConfigureAwait(false);
            await [|settings.SaveAsync()|];
        }
        """);

    [Fact]
    public Task Reading_lists_and_nested_objects_of_the_settings_changes_nothing() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service, DssApiDeployerDeployment deployment, string tag)
        {
            var settings = await service.GetSettingsAsync();
            Console.WriteLine($"{settings.Endpoints.Count} endpoints, tagged {settings.Tags.Contains(tag)}");
            foreach (var endpoint in settings.Endpoints)
            {
                Console.WriteLine(endpoint.Id);
            }

            var predictions = settings.Endpoints.OfType<PredictionEndpoint>().ToList();
            Console.WriteLine(predictions.Count(p => p.UseJava == true));
            await [|settings.SaveAsync()|];

            var deploymentSettings = await deployment.GetSettingsAsync();
            Console.WriteLine(deploymentSettings.GenerationsMapping?.Mode);
            Console.WriteLine(deploymentSettings.OverrideSettings?.ToJsonString() ?? "{}");
            await [|deploymentSettings.SaveAsync()|];
        }
        """);

    [Fact]
    public Task Changing_what_was_read_from_the_settings_is_a_modification() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service, DssApiDeployerDeployment deployment)
        {
            var settings = await service.GetSettingsAsync();
            foreach (var endpoint in settings.Endpoints.OfType<PredictionEndpoint>())
            {
                endpoint.UseJava = true;
            }

            await settings.SaveAsync();

            var deploymentSettings = await deployment.GetSettingsAsync();
            var mapping = deploymentSettings.GenerationsMapping;
            if (mapping is TrafficSplitMapping split)
            {
                split.AuditRoutingKey = "customer_id";
            }

            await deploymentSettings.SaveAsync();

            var again = await service.GetSettingsAsync();
            again.Endpoints.OfType<PredictionEndpoint>().Single(e => e.Id == "churn").OutputExplanations = true;
            await again.SaveAsync();

            var raw = await service.GetSettingsAsync();
            Merge(raw.Endpoints);
            await raw.SaveAsync();
        }

        static void Merge(IList<Endpoint> endpoints) => endpoints.Clear();
        """);

    [Fact]
    public Task Local_function_that_only_reads_the_settings_changes_nothing() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service, string owner)
        {
            var settings = await service.GetSettingsAsync();
            Log();
            await [|settings.SaveAsync()|];

            var edited = await service.GetSettingsAsync();
            SetOwner();
            await edited.SaveAsync();

            void Log() => Console.WriteLine($"saving {settings.Name} with {settings.Endpoints.Count} endpoints");
            void SetOwner() => edited.ShortDescription = owner;
        }
        """);
}
