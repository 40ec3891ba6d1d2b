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

        if (options.Timeout <= TimeSpan.Zero && options.Timeout != Timeout.InfiniteTimeSpan)
        {
            problems.Add($"{client.Key("Timeout")} must be positive, not {options.Timeout}.");
        }

        if (options.DownloadIdleTimeout <= TimeSpan.Zero && options.DownloadIdleTimeout != Timeout.InfiniteTimeSpan)
        {
            problems.Add($"{client.Key("DownloadIdleTimeout")} must be positive, not {options.DownloadIdleTimeout}.");
        }

        if (options.MaxResponseBytes <= 0)
        {
            problems.Add($"{client.Key("MaxResponseBytes")} must be positive, not {options.MaxResponseBytes}.");
        }

        if (options.SlowRouteTimeout is { } slow && slow <= TimeSpan.Zero && slow != Timeout.InfiniteTimeSpan)
        {
            problems.Add($"{client.Key("SlowRouteTimeout")} must be positive, not {slow}.");
        }

        if (options.Retry.MaxRetries < 0)
        {
            problems.Add($"{client.Key("Retry:MaxRetries")} must be 0 or more, not {options.Retry.MaxRetries}.");
        }

        if (options.HttpClient is not null || options.HttpMessageHandler is not null)
        {
            problems.Add("HttpClient and HttpMessageHandler cannot be set with AddDssClient: the client sends through IHttpClientFactory; add handlers with the returned IHttpClientBuilder.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
