using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DssApi.Tests.Transport;

/// <summary>Real TLS on 127.0.0.1 with a self-signed certificate no one trusts.</summary>
public sealed class TlsTests : IAsyncLifetime
{
    private WebApplication? _app;
    private Uri _url = null!;
    private string? _clientCertificateThumbprint;

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(https =>
        {
            https.ServerCertificate = SelfSigned("CN=untrusted-dss");
            https.ClientCertificateMode = ClientCertificateMode.AllowCertificate;
            https.AllowAnyClientCertificate();
        })));
        _app = builder.Build();
        _app.Run(async context =>
        {
            var certificate = await context.Connection.GetClientCertificateAsync();
            _clientCertificateThumbprint = certificate?.Thumbprint;
            context.Response.StatusCode = 204;
        });
        await _app.StartAsync();
        _url = new Uri(_app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single());
    }

    public async Task DisposeAsync()
    {
        await _app!.StopAsync();
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Certificate_validation_is_on_by_default()
    {
        using var client = new DssClient(new DssClientOptions { Url = _url, ApiKey = "k" });

        var error = await Assert.ThrowsAsync<DssConnectionException>(() => client.Pipeline.SendAsync(new DssRequest(HttpMethod.Get, "/futures/"), default));

        Assert.Contains("GET /dip/publicapi/futures/", error.Message);
    }

    [Fact]
    public async Task The_explicit_opt_out_accepts_the_untrusted_certificate_and_a_client_certificate_is_presented()
    {
        using var clientCertificate = SelfSigned("CN=pipeline");
        using var client = new DssClient(new DssClientOptions
        {
            Url = _url,
            ApiKey = "k",
            DangerousAcceptAnyServerCertificate = true,
            ClientCertificate = clientCertificate,
        });

        await client.Pipeline.SendAsync(new DssRequest(HttpMethod.Get, "/futures/"), default);

        Assert.Equal(clientCertificate.Thumbprint, _clientCertificateThumbprint);
    }

    internal static X509Certificate2 SelfSigned(string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // Kestrel on Linux needs the private key in an exportable, loadable form.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
