using Microsoft.Extensions.Options;

namespace DssApi.DependencyInjection;

/// <summary>Checks <see cref="DssClientOptions"/> when the host starts, naming each problem.</summary>
internal sealed class DssClientOptionsValidator(IEnumerable<DssClientRegistration> registrations) : IValidateOptions<DssClientOptions>
{
    public ValidateOptionsResult Validate(string? name, DssClientOptions options)
    {
        if (registrations.LastOrDefault(registration => registration.Name == (name ?? Options.DefaultName)) is not { } client)
        {
            return ValidateOptionsResult.Skip;
        }

        var problems = new List<string>();
        if (options.Url is null)
        {
            problems.Add($"{client.Key("Url")} is required: the DSS base URL, such as https://dss.example.com:11200.");
        }
        else if (!options.Url.IsAbsoluteUri || (options.Url.Scheme != Uri.UriSchemeHttp && options.Url.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add($"{client.Key("Url")} must be an absolute http or https URL, not '{options.Url}'.");
        }

        if (options.ApiKey is null && options.InternalTicket is null)
        {
            problems.Add($"{client.Key("ApiKey")} is required: a DSS API key (keep it in a secret store, not in appsettings.json), or {client.Key("InternalTicket")} inside DSS.");
        }

        void Positive(string option, TimeSpan? value)
        {
            if (value is { } time && time <= TimeSpan.Zero && time != Timeout.InfiniteTimeSpan)
            {
                problems.Add($"{client.Key(option)} must be positive, not {time}.");
            }
        }

        void NotNegative(string option, TimeSpan value)
        {
            if (value < TimeSpan.Zero)
            {
                problems.Add($"{client.Key(option)} must be 0 or more, not {value}.");
            }
        }

        Positive("Timeout", options.Timeout);
        Positive("DownloadIdleTimeout", options.DownloadIdleTimeout);
        Positive("SlowRouteTimeout", options.SlowRouteTimeout);
        Positive("FuturePolling:DefaultTimeout", options.FuturePolling.DefaultTimeout);
        NotNegative("Retry:BaseDelay", options.Retry.BaseDelay);
        NotNegative("Retry:MaxDelay", options.Retry.MaxDelay);
        NotNegative("FuturePolling:InitialDelay", options.FuturePolling.InitialDelay);
        NotNegative("FuturePolling:MaxDelay", options.FuturePolling.MaxDelay);
        if (options.MaxResponseBytes <= 0)
        {
            problems.Add($"{client.Key("MaxResponseBytes")} must be positive, not {options.MaxResponseBytes}.");
        }

        if (options.Retry.MaxRetries < 0)
        {
            problems.Add($"{client.Key("Retry:MaxRetries")} must be 0 or more, not {options.Retry.MaxRetries}.");
        }

        // Below 1 the delay between polls would shrink to nothing and poll DSS in a tight loop.
        if (!(options.FuturePolling.Multiplier >= 1))
        {
            problems.Add($"{client.Key("FuturePolling:Multiplier")} must be 1 or more, not {options.FuturePolling.Multiplier}.");
        }

        if (options.HttpClient is not null || options.HttpMessageHandler is not null)
        {
            problems.Add("HttpClient and HttpMessageHandler cannot be set with AddDssClient: the client sends through IHttpClientFactory; add handlers with the returned IHttpClientBuilder.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
