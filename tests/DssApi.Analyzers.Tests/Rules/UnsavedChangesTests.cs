using Verifier = DssApi.Analyzers.Tests.Support.AnalyzerVerifier<DssApi.Generator.Analyzers.UnsavedChangesAnalyzer>;

namespace DssApi.Analyzers.Tests.Rules;

public sealed class UnsavedChangesTests
{
    [Fact]
    public Task Setter_without_save_fires() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service)
        {
            var settings = await service.GetSettingsAsync();
            [|settings.Name = "scoring"|];
        }
        """);

    [Fact]
    public Task Reports_the_last_unsaved_modification() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service)
        {
            var settings = await service.GetSettingsAsync();
            settings.Name = "scoring";
            [|settings.AddPredictionEndpoint("churn", "model-1")|];
        }
        """);

    [Fact]
    public Task Early_return_skips_the_save() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service, bool dryRun)
        {
            var settings = await service.GetSettingsAsync();
            if (dryRun)
            {
                [|settings.Description = "dry run"|];
                return;
            }

            Console.WriteLine(settings.Name);
        }
        """);

    [Fact]
    public Task Guard_between_the_change_and_the_save_is_silent() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service, bool dryRun)
        {
            var settings = await service.GetSettingsAsync();
            settings.Description = "scoring";
            if (dryRun)
            {
                throw new InvalidOperationException("dry run");
            }

            await settings.SaveAsync();
        }
        """);

    [Fact]
    public Task Change_in_an_if_then_saved_is_silent() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service, bool rename)
        {
            var settings = await service.GetSettingsAsync();
            if (rename)
            {
                settings.Description = "renamed";
            }

            await settings.SaveAsync();
        }
        """);

    [Fact]
    public Task Changes_in_both_branches_then_saved_are_silent() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service, bool rename, bool describe)
        {
            var settings = await service.GetSettingsAsync();
            if (rename)
            {
                settings.Name = "renamed";
            }
            else if (describe)
            {
                settings.Description = "described";
            }
            else
            {
                settings.Description = "default";
            }

            await settings.SaveAsync();
        }
        """);

    [Fact]
    public Task Change_in_an_else_that_leaves_fires() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service, bool rename)
        {
            var settings = await service.GetSettingsAsync();
            if (rename)
            {
                settings.Name = "renamed";
            }
            else
            {
                [|settings.Description = "kept"|];
                if (settings.Endpoints.Count > 0)
                {
                    return;
                }

                throw new InvalidOperationException(settings.Name);
            }

            await settings.SaveAsync();
        }
        """);

    [Fact]
    public Task Changes_in_loops_are_followed() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service, string[] names, int count)
        {
            var settings = await service.GetSettingsAsync();
            for (var i = 0; i < count; i++)
            {
                settings.Description = names[i];
            }

            await settings.SaveAsync();
            var other = await service.GetSettingsAsync();
            foreach (var name in names)
            {
                if (name.Length == 0)
                {
                    [|other.Name = "unnamed"|];
                    return;
                }

                other.Name = name;
                await other.SaveAsync();
            }
        }
        """);

    [Fact]
    public Task Save_before_the_modification_does_not_count() => Verifier.VerifyAsync("""
        async Task Run(DssApiDeployerDeployment deployment)
        {
            var settings = await deployment.GetSettingsAsync();
            await settings.SaveAsync();
            [|settings.SetEnabled(false)|];
        }
        """);

    [Fact]
    public Task Lambdas_and_local_functions_are_analyzed() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service)
        {
            async Task Local()
            {
                var settings = await service.GetSettingsAsync();
                [|settings.Name = "a"|];
            }

            Func<Task> lambda = async () =>
            {
                var settings = await service.GetSettingsAsync();
                for (var i = 0; i < 2; i++)
                {
                    settings.Tags.Add("x");
                    [|settings.Description = "b"|];
                }
            };
            await Local();
            await lambda();
        }
        """);

    [Fact]
    public Task Reloading_loses_the_modification() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service)
        {
            var settings = await service.GetSettingsAsync();
            [|settings.Name = "lost"|];
            settings = await service.GetSettingsAsync();
            await settings.SaveAsync();
        }
        """);

    [Fact]
    public Task Saved_on_every_path_is_silent() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service, bool rename)
        {
            var settings = await service.GetSettingsAsync();
            if (rename)
            {
                settings.Name = "scoring";
            }

            await settings.SaveAsync();
        }
        """);

    [Fact]
    public Task Save_in_a_loop_or_finally_is_silent() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service, string[] names)
        {
            var settings = await service.GetSettingsAsync();
            foreach (var name in names)
            {
                settings.Name = name;
                await settings.SaveAsync();
            }

            var other = await service.GetSettingsAsync();
            try
            {
                other.Description = "x";
            }
            finally
            {
                await other.SaveAsync();
            }
        }
        """);

    [Fact]
    public Task Returned_stored_or_passed_settings_are_silent() => Verifier.VerifyAsync("""
        private ApiServiceSettings? _kept;

        async Task<ApiServiceSettings> Returned(DssApiService service)
        {
            var settings = await service.GetSettingsAsync();
            settings.Name = "a";
            return settings;
        }

        async Task Stored(DssApiService service)
        {
            var settings = await service.GetSettingsAsync();
            settings.Name = "a";
            _kept = settings;
        }

        async Task Passed(DssApiService service)
        {
            var settings = await service.GetSettingsAsync();
            settings.Name = "a";
            await SaveLater(settings);
        }

        static Task SaveLater(ApiServiceSettings settings) => settings.SaveAsync();
        """);

    [Fact]
    public Task Captured_settings_and_parameters_are_silent() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service, ApiServiceSettings given)
        {
            given.Name = "not loaded here";
            var settings = await service.GetSettingsAsync();
            settings.Name = "a";
            Func<Task> save = () => settings.SaveAsync();
            await save();
        }
        """);

    [Fact]
    public Task Reading_only_is_silent() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service)
        {
            var settings = await service.GetSettingsAsync();
            Console.WriteLine(settings.Name);
        }
        """);

    [Fact]
    public Task Incomplete_code_does_not_crash() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service)
        {
            var settings = await service.GetSettingsAsync();
            settings.Name = 
            await settings.
        }
        """, compiles: false);

    [Fact]
    public Task Branching_assignments_after_the_last_save_fire() => Verifier.VerifyAsync("""
        async Task Rename(DssApiService service, string? name, bool isPublic)
        {
            var settings = await service.GetSettingsAsync();
            settings.Name = "draft";
            await settings.SaveAsync();
            [|settings.Name = isPublic ? $"{name} (public)" : name|];
        }

        async Task FillIn(DssApiService service)
        {
            var settings = await service.GetSettingsAsync();
            await settings.SaveAsync();
            [|settings.Name ??= "scoring"|];
        }

        async Task Required(DssApiService service, string? name)
        {
            var settings = await service.GetSettingsAsync();
            [|settings.Name = name ?? throw new ArgumentNullException(nameof(name))|];
        }
        """);

    [Fact]
    public Task Branching_assignments_followed_by_a_save_are_silent() => Verifier.VerifyAsync("""
        async Task Rename(DssApiService service, string? name)
        {
            var settings = await service.GetSettingsAsync();
            settings.Name = name ?? settings.Id;
            settings.Name ??= "scoring";
            await settings.SaveAsync();
        }
        """);

    [Fact]
    public Task Settings_from_the_users_own_methods_still_need_a_save() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service)
        {
            var settings = await LoadAsync(service);
            [|settings.Name = "renamed"|];
        }

        static Task<ApiServiceSettings> LoadAsync(DssApiService service) => service.GetSettingsAsync();
        """);

    [Fact]
    public Task Change_to_a_list_of_the_settings_without_save_fires() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service, DssApiDeployerService published, IEnumerable<string> tags)
        {
            foreach (var tag in tags)
            {
                var settings = await service.GetSettingsAsync();
                if (settings.Tags.Contains(tag))
                {
                    continue;
                }

                [|settings.Tags.Add(tag)|];
            }

            var publishedSettings = await published.GetSettingsAsync();
            [|publishedSettings.Permissions.Clear()|];
        }
        """);

    [Fact]
    public Task Change_to_a_list_of_the_settings_then_saved_is_silent() => Verifier.VerifyAsync("""
        async Task Run(DssApiService service, string tag)
        {
            var settings = await service.GetSettingsAsync();
            settings.Tags.Remove(tag);
            settings.Tags.Insert(0, tag);
            await settings.SaveAsync();

            var read = await service.GetSettingsAsync();
            Console.WriteLine(read.Tags.Contains(tag));
        }
        """);
}
